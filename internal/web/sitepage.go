package web

import (
	"html/template"
	"net/http"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
)

// sitePage is one of the site's standing pages (About, Contacts…).
type sitePage struct {
	page
	Body template.HTML
}

// sitePageView answers /{lang}/page/{slug}: a published page, with hreflang alternates
// to its published translations and the language switch pointing at them.
func (s *Server) sitePageView(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	p, err := s.base(r, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	pg, err := s.cfg.Store.PublicPage(ctx, lang, r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sp := sitePage{page: p, Body: template.HTML(pg.BodyHTML)} // #nosec G203 -- goldmark output, raw HTML sanitised by content.BodyPolicy
	path := content.PagePath(pg.Language, pg.Slug)
	sp.Title, sp.Canonical = pg.Title, s.abs(path)
	group, err := s.cfg.Store.PublicPageGroup(ctx, pg.GroupID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	keys := []string{cache.PageKey(pg.ID)}
	if len(group) > 1 {
		for _, t := range group {
			sp.Alternates = append(sp.Alternates, alternate{Lang: t.Language, URL: s.abs(t.URL())})
			for i, l := range sp.LangLinks {
				if l.Code == t.Language {
					sp.LangLinks[i].URL = t.URL()
				}
			}
		}
	}
	modified := pg.UpdatedAt
	if modified.Before(pg.PublishedAt) {
		modified = pg.PublishedAt
	}
	sp.OG = openGraph("og:type", "website", "og:title", pg.Title, "og:url", sp.Canonical, "og:site_name", p.SiteName,
		"og:locale", lang, "og:updated_time", modified.In(s.cfg.Location).Format(time.RFC3339))
	// The page shows itself and links its translations, whose changes purge its key.
	tagKeys(w, keys...)
	s.render(w, r, http.StatusOK, "sitepage", sp)
}
