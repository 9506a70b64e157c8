package importer

import (
	"net/url"
	"strings"
	"time"
)

// LegacyKey normalises an old URL's path and query into the form legacy_urls stores: the
// path without trailing slashes, or "/?p=ID" (and "/?page_id=ID") for WordPress's plain
// links to the front page. It returns "" for what cannot be an old URL.
func LegacyKey(path, rawQuery string) string {
	if path == "" || path == "/" {
		q, err := url.ParseQuery(rawQuery)
		if err != nil {
			return ""
		}
		for _, k := range []string{"p", "page_id"} {
			if v := q.Get(k); v != "" && digits(v) {
				return "/?" + k + "=" + v
			}
		}
		return ""
	}
	p := strings.TrimRight(path, "/")
	if p == "" || p[0] != '/' || len(p) > 1000 {
		return ""
	}
	return p
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

// legacyArticle keeps a post's old URLs (p.prep.legacy: see legacyKeys).
func (s *sink) legacyArticle(p *Post, id int64, changed bool) error {
	if !changed {
		return nil
	}
	added, err := s.b.PutLegacyURLs(s.ctx, p.prep.legacy, "article", id, "", true)
	if err != nil {
		return err
	}
	if added > 0 {
		s.rep.count("redirect").Created += added
	}
	return nil
}

// legacyKeys lists a post's old URLs: /?p=ID, its permalink, and the date-based forms
// /YYYY/MM/DD/slug and /YYYY/MM/slug (with every old slug WordPress remembered). Newsdesk's
// own exports carry the paths to keep instead.
func legacyKeys(p *Post, format string) []string {
	var keys []string
	keys = append(keys, p.MetaValues("_newsdesk_legacy_path")...)
	if p.MetaValue("_newsdesk_language") == "" {
		keys = append(keys, linkKey(p.Link))
		switch format {
		case "wordpress":
			keys = append(keys, "/?p="+p.ID)
			if g := linkKey(p.GUID); strings.HasPrefix(g, "/?") {
				keys = append(keys, g)
			}
			if d, err := time.Parse(wpTime, strings.TrimSpace(p.Date)); err == nil && d.Year() > 1 {
				for _, slug := range append([]string{p.Slug}, p.MetaValues("_wp_old_slug")...) {
					if u, err := url.PathUnescape(slug); err == nil {
						slug = u
					}
					if slug == "" {
						continue
					}
					keys = append(keys, d.Format("/2006/01/02/")+slug, d.Format("/2006/01/")+slug)
				}
			}
		case "ghost":
			if p.Slug != "" {
				keys = append(keys, "/"+p.Slug)
			}
		}
	}
	out := keys[:0]
	for _, k := range uniq(keys) {
		if k != "" && k != "/" {
			out = append(out, k)
		}
	}
	return out
}

// legacyTerm keeps /category/slug or /tag/slug of the old site; the first term to claim a
// path keeps it (the same tag in two languages).
func (s *sink) legacyTerm(domain, slug, kind string, id int64, lang string) error {
	if slug == "" || s.ours {
		return nil // Newsdesk's own exports have no such URLs
	}
	if u, err := url.PathUnescape(slug); err == nil {
		slug = u
	}
	added, err := s.b.PutLegacyURL(s.ctx, "/"+domain+"/"+slug, kind, id, lang, false)
	if err != nil {
		return err
	}
	if added {
		s.rep.count("redirect").Created++
	}
	return nil
}
