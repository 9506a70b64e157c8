package importer

import (
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The old site's URLs an import keeps (legacy_urls), and which of them a post, a category
// or a tag claims. They are answered by ResolveLegacy (legacy_resolve.go).

// LegacyKey normalises an old URL's path and query into the form legacy_urls stores: the
// path without trailing slashes, or "/?p=ID", "/?page_id=ID" and "/?cat=ID" for WordPress's
// plain links to the front page. WordPress's other plain links become the path they have
// with pretty permalinks (/?tag=x → /tag/x, /?m=202405 → /2024/05, /?feed=atom →
// /feed/atom, /?author_name=x → /author/x). It returns "" for what cannot be an old URL.
func LegacyKey(path, rawQuery string) string {
	if path == "" || path == "/" {
		return queryKey(rawQuery)
	}
	p := strings.TrimRight(path, "/")
	if p == "" || p[0] != '/' || len(p) > 1000 {
		return ""
	}
	return p
}

// queryKey is LegacyKey of the front page with a query.
func queryKey(rawQuery string) string {
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return ""
	}
	for _, k := range []string{"p", "page_id", "cat"} {
		if v := q.Get(k); v != "" && digits(v) {
			return "/?" + k + "=" + v
		}
	}
	if v := q.Get("m"); digits(v) && (len(v) == 4 || len(v) == 6 || len(v) == 8) {
		key := "/" + v[:4]
		for i := 4; i < len(v); i += 2 {
			key += "/" + v[i:i+2]
		}
		return key
	}
	for _, k := range []string{"tag", "category_name", "author_name"} {
		if v := strings.Trim(q.Get(k), "/"); v != "" && len(v) <= 200 {
			return "/" + map[string]string{"tag": "tag", "category_name": "category", "author_name": "author"}[k] + "/" + v
		}
	}
	switch q.Get("feed") {
	case "":
	case "atom":
		return "/feed/atom"
	default:
		return "/feed"
	}
	return ""
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != "" && len(s) <= 20
}

// linkKey is the legacy key of an absolute or relative link of the old site.
func linkKey(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || link == "" {
		return ""
	}
	return LegacyKey(u.Path, u.RawQuery)
}

// guidKey is the legacy key of a post's guid when the guid is an address of the site the
// post's link is on (or a relative one), else "".
func guidKey(guid, link string) string {
	g, err := url.Parse(strings.TrimSpace(guid))
	if err != nil || guid == "" || g.Scheme != "" && g.Scheme != "http" && g.Scheme != "https" {
		return ""
	}
	if l, err := url.Parse(strings.TrimSpace(link)); err == nil && g.Host != "" && l.Host != "" && !strings.EqualFold(g.Host, l.Host) {
		if !(g.Path == "" || g.Path == "/") || g.RawQuery == "" {
			return "" // another site's address; its /?p=ID is still the post's (a site that moved)
		}
	}
	return LegacyKey(g.Path, g.RawQuery)
}

// legacyArticle keeps a post's old URLs (p.prep.legacy and p.prep.weak: see legacyKeys).
func (s *sink) legacyArticle(p *Post, id int64, changed bool) error {
	if !changed {
		return nil
	}
	added, err := s.b.PutLegacyURLs(s.ctx, p.prep.legacy, "article", id, "", true)
	if err != nil {
		return err
	}
	weak, err := s.b.PutLegacyURLs(s.ctx, p.prep.weak, "article", id, "", false)
	if err != nil {
		return err
	}
	if added+weak > 0 {
		s.rep.count("redirect").Created += added + weak
	}
	return nil
}

// legacyKeys lists a post's old URLs. The firm ones are its permalink (link), /?p=ID and
// the date-based forms /YYYY/MM/DD/slug and /YYYY/MM/slug (with every old slug WordPress
// remembered), from the post's date, else its modification date: they take the path from
// another post. The weak ones keep the path only if no other post has it: the guid, when it
// is an address of the site, and /slug, which WordPress answers whatever the permalink
// structure. A /?p=N that is not the post's own ID is always weak: the post whose ID is N
// keeps /?p=N, as in WordPress. Newsdesk's own exports carry the paths to keep instead.
func legacyKeys(p *Post, format string) (firm, weak []string) {
	firm = append(firm, p.MetaValues("_newsdesk_legacy_path")...)
	if p.MetaValue("_newsdesk_language") == "" {
		own := ""
		if format == "wordpress" && digits(p.ID) {
			own = "/?p=" + p.ID
		}
		add := func(k string, strong bool) {
			if strings.HasPrefix(k, "/?p=") && k != own {
				strong = false
			}
			if strong {
				firm = append(firm, k)
			} else {
				weak = append(weak, k)
			}
		}
		add(linkKey(p.Link), true)
		switch format {
		case "wordpress":
			add(own, true)
			add(guidKey(p.GUID, p.Link), false)
			slugs := postSlugs(p)
			if d, ok := postDate(p); ok {
				for _, slug := range slugs {
					add(d.Format("/2006/01/02/")+slug, true)
					add(d.Format("/2006/01/")+slug, true)
				}
			}
			for _, slug := range slugs {
				add("/"+slug, false)
			}
		case "ghost":
			if p.Slug != "" {
				add("/"+p.Slug, true)
			}
		}
	}
	firm = cleanKeys(firm, nil)
	return firm, cleanKeys(weak, firm)
}

// cleanKeys drops empty keys, "/", repeats and the keys of not.
func cleanKeys(keys, not []string) []string {
	skip := map[string]bool{"": true, "/": true}
	for _, k := range not {
		skip[k] = true
	}
	var out []string
	for _, k := range keys {
		if !skip[k] {
			skip[k] = true
			out = append(out, k)
		}
	}
	return out
}

// postSlugs is a post's slug and the old slugs WordPress remembered, unescaped.
func postSlugs(p *Post) []string {
	var out []string
	for _, slug := range append([]string{p.Slug}, p.MetaValues("_wp_old_slug")...) {
		if u, err := url.PathUnescape(slug); err == nil {
			slug = u
		}
		if slug = strings.Trim(slug, "/ "); slug != "" {
			out = append(out, slug)
		}
	}
	return out
}

// postDate is the date a post's dated permalinks use: its local date, else its GMT date,
// else when it was last modified (a draft without a date still answered its permalink).
func postDate(p *Post) (time.Time, bool) {
	for _, v := range []string{p.Date, p.DateGMT, p.Modified, p.ModifiedGMT} {
		if d, err := time.Parse(wpTime, strings.TrimSpace(v)); err == nil && d.Year() > 1 {
			return d, true
		}
	}
	return time.Time{}, false
}

// legacyTerm keeps /tag/slug of the old site (and Ghost's); the first term to claim a path
// keeps it (the same tag in two languages).
func (s *sink) legacyTerm(domain, slug, kind string, id int64, lang string) error {
	if slug == "" || s.ours {
		return nil // Newsdesk's own exports carry the paths instead (ownTermURLs)
	}
	if u, err := url.PathUnescape(slug); err == nil {
		slug = u
	}
	return s.putTermURLs([]string{"/" + domain + "/" + slug}, kind, id, lang)
}

func (s *sink) putTermURLs(paths []string, kind string, id int64, lang string) error {
	added, err := s.b.PutLegacyURLs(s.ctx, cleanKeys(paths, nil), kind, id, lang, false)
	if err != nil {
		return err
	}
	s.rep.count("redirect").Created += added
	return nil
}

// ownTermURLs keeps the old URLs a section or tag of a Newsdesk export carries (term
// metadata newsdesk_legacy_<language>, one path a line).
func (s *sink) ownTermURLs(t Term, kind string, id int64, lang string) error {
	v := t.Meta[LegacyTermMeta+lang]
	if v == "" {
		return nil
	}
	return s.putTermURLs(strings.Split(v, "\n"), kind, id, lang)
}

// LegacyTermMeta is the prefix of the term metadata in which an export carries a section's
// or tag's old URLs in a language (the language code follows).
const LegacyTermMeta = "newsdesk_legacy_"

// termHome is what a category became: a section, else a tag.
type termHome struct {
	kind string
	id   int64
	lang string
}

// legacyCategory notes what a WordPress category of a post became. A category that became
// a section anywhere leads there; one that only became a tag leads to the tag page. The
// URLs are kept at the end of the import (legacyCategories), when every post has been seen.
func (s *sink) legacyCategory(slug, kind string, id int64, lang string) {
	if s.format != "wordpress" || s.ours || slug == "" || id == 0 {
		return
	}
	if s.catHomes == nil {
		s.catHomes = map[string]termHome{}
	}
	if h, ok := s.catHomes[slug]; ok && (h.kind == "section" || kind != "section") {
		return
	}
	s.catHomes[slug] = termHome{kind: kind, id: id, lang: lang}
}

// legacyCategories keeps every category's /category/slug, its nested
// /category/parent/…/slug and /?cat=ID (legacyCategory).
func (s *sink) legacyCategories() error {
	for _, slug := range slices.Sorted(maps.Keys(s.catHomes)) {
		h := s.catHomes[slug]
		if err := s.putTermURLs(s.categoryPaths(slug), h.kind, h.id, h.lang); err != nil {
			return err
		}
	}
	return nil
}

// categoryPaths lists a category's old URLs, its parents taken from the export's list of
// categories.
func (s *sink) categoryPaths(slug string) []string {
	unescape := func(v string) string {
		if u, err := url.PathUnescape(v); err == nil {
			return u
		}
		return v
	}
	chain := []string{unescape(slug)}
	seen := map[string]bool{slug: true}
	for cur := slug; len(chain) < 10; {
		t, ok := s.terms["category\x00"+cur]
		if !ok || t.Parent == "" || seen[t.Parent] {
			break
		}
		seen[t.Parent] = true
		chain = append([]string{unescape(t.Parent)}, chain...)
		cur = t.Parent
	}
	out := []string{"/category/" + chain[len(chain)-1], "/category/" + strings.Join(chain, "/")}
	if t, ok := s.terms["category\x00"+slug]; ok && digits(t.ID) {
		out = append(out, "/?cat="+t.ID)
	}
	return out
}
