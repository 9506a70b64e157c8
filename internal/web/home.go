package web

import (
	"html/template"
	"net/http"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
)

type sectionBlock struct {
	Section content.Section
	Stories []content.ArticleSummary
}

type homePage struct {
	page
	Leads  []content.ArticleSummary
	Blocks []sectionBlock
	Briefs []content.Brief
	// MostRead is the "Most read" block (mostread.go).
	MostRead template.HTML
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	p, err := s.base(r, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := parsePage(r); err != nil {
		s.fail(w, r, err)
		return
	}
	ctx, now := r.Context(), s.cfg.Now()
	hp := homePage{page: p}
	// The top stories are the editors' choice (the newsroom's front page) while one is
	// public, else the newest leads.
	var pinsEnd time.Time
	if hp.Leads, pinsEnd, err = s.cfg.Store.PublicFront(ctx, lang, now); err != nil {
		s.fail(w, r, err)
		return
	}
	expireAt(w, pinsEnd)
	tagKeys(w, cache.FrontKey(lang))
	if len(hp.Leads) == 0 {
		if hp.Leads, err = s.cfg.Store.PublicArticles(ctx, content.ListQuery{Language: lang, LeadOnly: true, Limit: 3}, now); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	shown := map[int64]bool{}
	for _, a := range hp.Leads {
		shown[a.ID] = true
	}
	for _, sec := range p.Sections {
		list, err := s.cfg.Store.PublicArticles(ctx, content.ListQuery{Language: lang, SectionID: sec.ID, Limit: 6}, now)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var keep []content.ArticleSummary
		for _, a := range list {
			if !shown[a.ID] && len(keep) < 4 {
				keep = append(keep, a)
			}
		}
		hp.Blocks = append(hp.Blocks, sectionBlock{Section: sec, Stories: keep})
	}
	if hp.Briefs, err = s.cfg.Store.PublicBriefs(ctx, content.BriefQuery{Language: lang, Limit: 12}, now); err != nil {
		s.fail(w, r, err)
		return
	}
	hp.MostRead = s.mostRead(ctx, w, lang, now)
	tagKeys(w, cache.StoryList{Language: lang}.Key()) // the language's briefs (cache.BriefList{Language: lang}) share the key
	hp.Canonical = s.abs("/" + lang + "/")
	versions := map[string]string{}
	for _, l := range p.LangLinks {
		versions[l.Code] = l.URL
	}
	s.setAlternates(&hp.page, versions, "/") // the site's address answers in the reader's language (ops.go)
	hp.Description = hp.SiteName
	hp.OG = openGraph("og:type", "website", "og:title", hp.SiteName, "og:url", hp.Canonical, "og:site_name", hp.SiteName)
	s.render(w, r, http.StatusOK, "home", hp)
}
