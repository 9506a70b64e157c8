package web

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/i18n"
)

// feedItems is how many items a feed carries.
const feedItems = 50

// docCacheControl is the Cache-Control of feeds and sitemaps.
const docCacheControl = "public, max-age=60, stale-while-revalidate=300"

// serveDoc builds a feed or sitemap and writes it with its surrogate keys. Routes wrap
// it in the page cache (cached.go), which keeps it until a change purges one of keys and
// answers conditional requests.
func (s *Server) serveDoc(w http.ResponseWriter, r *http.Request, ctype string, keys []string, build func(ctx context.Context, now time.Time) ([]byte, time.Time, error)) {
	body, lastMod, err := build(r.Context(), s.cfg.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tagKeys(w, keys...)
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", docCacheControl)
	if !lastMod.IsZero() {
		h.Set("Last-Modified", lastMod.UTC().Format(http.TimeFormat))
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

var feedTypes = map[string]string{
	"rss.xml":   "application/rss+xml; charset=utf-8",
	"atom.xml":  "application/atom+xml; charset=utf-8",
	"feed.json": "application/feed+json; charset=utf-8",
}

// feedScope is what one feed covers.
type feedScope struct {
	lang    string // "" for every language
	section content.Section
	tagID   int64
	title   string
	page    string // the HTML page the feed belongs to
	base    string // path prefix of the feed URLs
	keys    []string
}

func (s *Server) siteFeed(w http.ResponseWriter, r *http.Request) {
	langs, err := s.cfg.Store.Languages(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := "Newsdesk"
	if len(langs) > 0 {
		title = langs[0].SiteName
	}
	sc := feedScope{title: title, page: "/", base: "/"}
	for _, l := range langs {
		sc.keys = append(sc.keys, cache.StoryList{Language: l.Code}.Key())
	}
	s.writeFeed(w, r, r.URL.Path[1:], sc)
}

func (s *Server) languageFeed(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	p, err := s.base(r, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeFeed(w, r, r.PathValue("format"), feedScope{lang: lang, title: p.SiteName, page: "/" + lang + "/", base: "/" + lang + "/feed/",
		keys: []string{cache.StoryList{Language: lang}.Key()}})
}

func (s *Server) sectionFeed(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	p, err := s.base(r, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sec, err := s.cfg.Store.SectionBySlug(r.Context(), lang, r.PathValue("section"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	path := content.SectionPath(lang, sec.Slug)
	s.writeFeed(w, r, r.PathValue("format"), feedScope{lang: lang, section: sec, title: sec.Name + " — " + p.SiteName, page: path, base: path + "feed/",
		keys: []string{cache.StoryList{Language: lang, SectionID: sec.ID}.Key(), cache.BriefList{Language: lang, SectionID: sec.ID}.Key()}})
}

func (s *Server) tagFeed(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	p, err := s.base(r, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, tag, err := s.cfg.Store.PublicTagBySlug(r.Context(), lang, r.PathValue("tag"), s.cfg.Now())
	if err != nil {
		rest := "" // an unknown format leads to the tag's page
		if _, ok := feedTypes[r.PathValue("format")]; ok {
			rest = "/feed/" + r.PathValue("format")
		}
		s.failOrRenamedTag(w, r, err, rest)
		return
	}
	path := "/" + lang + "/tag/" + tag.Slug
	s.writeFeed(w, r, r.PathValue("format"), feedScope{lang: lang, tagID: id, title: p.T.T("tagged", tag.Name) + " — " + p.SiteName, page: path, base: path + "/feed/",
		keys: []string{cache.StoryList{Language: lang, TagID: id}.Key()}})
}

// writeFeed serves one feed of scope in format (rss.xml, atom.xml or feed.json): the
// newest stories and briefs, with full HTML content.
func (s *Server) writeFeed(w http.ResponseWriter, r *http.Request, format string, sc feedScope) {
	ctype, ok := feedTypes[format]
	if !ok {
		s.notFound(w, r)
		return
	}
	s.serveDoc(w, r, ctype, append(sc.keys, cache.Feeds), func(ctx context.Context, now time.Time) ([]byte, time.Time, error) {
		f, err := s.buildFeed(ctx, sc, now)
		if err != nil {
			return nil, time.Time{}, err
		}
		f.SelfURL = s.abs(sc.base + format)
		var b []byte
		switch format {
		case "rss.xml":
			b, err = feed.RSS(f)
		case "atom.xml":
			b, err = feed.Atom(f)
		default:
			b, err = feed.JSON(f)
		}
		return b, f.Updated, err
	})
}

func (s *Server) buildFeed(ctx context.Context, sc feedScope, now time.Time) (feed.Feed, error) {
	f := feed.Feed{Title: sc.title, Description: sc.title, Language: sc.lang, SiteURL: s.abs(sc.page),
		ID: feed.TagURI(s.cfg.BaseURL, "feed", 0) + sc.base}
	arts, err := s.cfg.Store.FeedArticles(ctx, content.FeedQuery{Language: sc.lang, SectionID: sc.section.ID, TagID: sc.tagID, Limit: feedItems}, now)
	if err != nil {
		return f, err
	}
	for _, a := range arts {
		f.Items = append(f.Items, feed.Item{ID: feed.TagURI(s.cfg.BaseURL, "article", a.ID),
			URL: s.abs(content.ArticlePath(a.Language, a.Section.Slug, a.Slug)), Title: a.Headline, Summary: a.Standfirst,
			ContentHTML: a.BodyHTML, Author: a.Byline, Language: a.Language, Categories: []string{a.Section.Name},
			Published: a.PublishedAt, Updated: maxT(a.PublishedAt, a.UpdatedAt)})
	}
	if sc.tagID == 0 {
		briefs, err := s.cfg.Store.PublicBriefs(ctx, content.BriefQuery{Language: sc.lang, SectionID: sc.section.ID, Limit: feedItems}, now)
		if err != nil {
			return f, err
		}
		for _, b := range briefs {
			cat := i18n.Lookup(b.Language)
			link := s.abs(content.SectionPath(b.Language, b.Section.Slug) + "briefs/" + b.PublishedAt.In(s.cfg.Location).Format(time.DateOnly))
			html := "<p>" + htmlEscape(b.Text) + "</p>"
			if b.ArticleURL != "" {
				link = s.abs(b.ArticleURL)
				html += fmt.Sprintf(`<p><a href="%s">%s</a></p>`, htmlEscape(link), htmlEscape(cat.T("full_story")))
			}
			f.Items = append(f.Items, feed.Item{ID: feed.TagURI(s.cfg.BaseURL, "brief", b.ID), URL: link,
				Title: content.BriefTitle(b.Text), Summary: b.Text, ContentHTML: html, Language: b.Language, Categories: []string{b.Section.Name},
				Published: b.PublishedAt, Updated: b.PublishedAt})
		}
	}
	sort.SliceStable(f.Items, func(i, j int) bool { return f.Items[i].Published.After(f.Items[j].Published) })
	if len(f.Items) > feedItems {
		f.Items = f.Items[:feedItems]
	}
	for _, it := range f.Items {
		f.Updated = maxT(f.Updated, it.Updated)
	}
	if f.Updated.IsZero() {
		f.Updated = time.Unix(0, 0)
	}
	return f, nil
}

func maxT(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// feedLink is a <link rel="alternate"> to a feed in a page's head.
type feedLink struct{ Type, Title, URL string }

// sectionFeed is a section's feed as the footer links it: the section's name and the
// feed's base path (e.g. "/en/politics/feed/"); none: Base "".
type sectionFeed struct{ Name, Base string }

// feedLinks lists the three formats of the feed at base (e.g. "/en/politics/feed/").
func feedLinks(title, base string) []feedLink {
	return []feedLink{{"application/rss+xml", title + " (RSS)", base + "rss.xml"},
		{"application/atom+xml", title + " (Atom)", base + "atom.xml"},
		{"application/feed+json", title + " (JSON Feed)", base + "feed.json"}}
}
