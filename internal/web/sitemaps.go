package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/feed"
)

// sitemapPage is how many stories one sitemap file lists (the protocol allows 50,000;
// smaller files are cheaper to build and to fetch).
const sitemapPage = 10000

const xmlType = "application/xml; charset=utf-8"

// sitemapKeys are the surrogate keys of every sitemap: any change to a public story
// purges them (their pages shift as stories come and go).
var sitemapKeys = []string{cache.Sitemaps}

func htmlEscape(s string) string { return html.EscapeString(s) }

// sitemapIndex lists the sitemap of sections, the news sitemap and the pages of stories.
func (s *Server) sitemapIndex(w http.ResponseWriter, r *http.Request) {
	s.serveDoc(w, r, xmlType, sitemapKeys, func(ctx context.Context, now time.Time) ([]byte, time.Time, error) {
		last, err := s.cfg.Store.LastPublicArticleID(ctx, now)
		if err != nil {
			return nil, time.Time{}, err
		}
		// The news sitemap is listed too: a crawler given the index alone finds it, and
		// its stories, which the story pages list as well, are only marked up for news.
		refs := []feed.SitemapRef{{Loc: s.abs("/sitemaps/sections.xml")}, {Loc: s.abs("/news-sitemap.xml")}}
		for i := int64(0); i*sitemapPage < last; i++ {
			refs = append(refs, feed.SitemapRef{Loc: s.abs(fmt.Sprintf("/sitemaps/stories-%d.xml", i+1))})
		}
		b, err := feed.Index(refs)
		return b, time.Time{}, err
	})
}

// sitemapFile serves /sitemaps/sections.xml and /sitemaps/stories-N.xml.
func (s *Server) sitemapFile(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	if file == "sections.xml" {
		s.serveDoc(w, r, xmlType, sitemapKeys, s.sectionsSitemap)
		return
	}
	num, ok := strings.CutPrefix(file, "stories-")
	num, ok2 := strings.CutSuffix(num, ".xml")
	n, err := strconv.Atoi(num)
	if !ok || !ok2 || err != nil || n < 1 || n > 100000 || strconv.Itoa(n) != num {
		s.notFound(w, r)
		return
	}
	s.serveDoc(w, r, xmlType, sitemapKeys, func(ctx context.Context, now time.Time) ([]byte, time.Time, error) {
		// Page n holds the public stories with ids in ((n-1)·sitemapPage, n·sitemapPage]:
		// at most sitemapPage, fewer where stories were not published, and each page stays
		// where it is as the archive grows. The index lists the pages up to the last public
		// story; one past it is not found.
		lo, hi := int64(n-1)*sitemapPage, int64(n)*sitemapPage
		if n > 1 {
			last, err := s.cfg.Store.LastPublicArticleID(ctx, now)
			if err != nil {
				return nil, time.Time{}, err
			}
			if lo >= last {
				return nil, time.Time{}, fmt.Errorf("sitemap page %d: %w", n, content.ErrNotFound)
			}
		}
		entries, err := s.cfg.Store.SitemapStories(ctx, lo, hi, now)
		if err != nil {
			return nil, time.Time{}, err
		}
		urls := make([]feed.URL, 0, len(entries))
		for _, e := range entries {
			u := feed.URL{Loc: s.abs(e.Path), LastMod: e.LastMod}
			if len(e.Translations) > 1 {
				for _, t := range e.Translations {
					u.Alternates = append(u.Alternates, feed.Alternate{Lang: t.Language, Href: s.abs(t.Path)})
				}
			}
			urls = append(urls, u)
		}
		b, err := feed.URLSet(urls)
		return b, time.Time{}, err
	})
}

// sectionsSitemap lists the home pages and section fronts of every language, each with
// its alternates in the other languages, and the site's published pages (About…) with
// their translations.
func (s *Server) sectionsSitemap(ctx context.Context, now time.Time) ([]byte, time.Time, error) {
	langs, err := s.cfg.Store.Languages(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	var homes []feed.Alternate
	bySection := map[string][]feed.Alternate{}
	var keys []string
	for _, l := range langs {
		homes = append(homes, feed.Alternate{Lang: l.Code, Href: s.abs("/" + l.Code + "/")})
		secs, err := s.cfg.Store.Sections(ctx, l.Code)
		if err != nil {
			return nil, time.Time{}, err
		}
		for _, sec := range secs {
			if _, ok := bySection[sec.Key]; !ok {
				keys = append(keys, sec.Key)
			}
			bySection[sec.Key] = append(bySection[sec.Key], feed.Alternate{Lang: l.Code, Href: s.abs(content.SectionPath(l.Code, sec.Slug))})
		}
	}
	var urls []feed.URL
	for _, h := range homes {
		urls = append(urls, feed.URL{Loc: h.Href, Alternates: homes})
	}
	for _, k := range keys {
		for _, a := range bySection[k] {
			urls = append(urls, feed.URL{Loc: a.Href, Alternates: bySection[k]})
		}
	}
	pages, err := s.pagesSitemap(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	b, err := feed.URLSet(append(urls, pages...))
	return b, time.Time{}, err
}

// newsSitemap lists the stories of the last 48 hours for Google News (at most 1,000).
func (s *Server) newsSitemap(w http.ResponseWriter, r *http.Request) {
	expireAt(w, s.cfg.Now().Add(10*time.Minute)) // stories leave it after 48 hours without a change
	s.serveDoc(w, r, xmlType, sitemapKeys, func(ctx context.Context, now time.Time) ([]byte, time.Time, error) {
		entries, err := s.cfg.Store.SitemapArticles(ctx, 0, 1000, now.Add(-48*time.Hour), now)
		if err != nil {
			return nil, time.Time{}, err
		}
		langs, err := s.cfg.Store.Languages(ctx)
		if err != nil {
			return nil, time.Time{}, err
		}
		names := map[string]string{}
		for _, l := range langs {
			names[l.Code] = l.SiteName
		}
		urls := make([]feed.URL, 0, len(entries))
		for _, e := range entries {
			urls = append(urls, feed.URL{Loc: s.abs(e.Path), News: &feed.News{Publication: names[e.Language], Language: e.Language,
				Published: e.PublishedAt, Title: e.Headline}})
		}
		b, err := feed.URLSet(urls)
		return b, time.Time{}, err
	})
}

// pagesSitemap lists the published pages, each with its last change and, when it has
// published translations, its alternates.
func (s *Server) pagesSitemap(ctx context.Context) ([]feed.URL, error) {
	pages, err := s.cfg.Store.PublicPages(ctx)
	if err != nil {
		return nil, err
	}
	groups := map[int64][]feed.Alternate{}
	for _, p := range pages {
		if p.GroupID != 0 {
			groups[p.GroupID] = append(groups[p.GroupID], feed.Alternate{Lang: p.Language, Href: s.abs(content.PagePath(p.Language, p.Slug))})
		}
	}
	urls := make([]feed.URL, 0, len(pages))
	for _, p := range pages {
		u := feed.URL{Loc: s.abs(content.PagePath(p.Language, p.Slug)), LastMod: p.UpdatedAt}
		if alt := groups[p.GroupID]; len(alt) > 1 {
			u.Alternates = alt
		}
		urls = append(urls, u)
	}
	return urls, nil
}
