package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
)

type briefDay struct {
	ISO, Label, URL string
	Briefs          []content.Brief
}

type briefsPage struct {
	page
	Heading string
	Days    []briefDay
	Pager   pager
}

const briefsPerPage = 50

// groupByDay splits briefs (newest first) into days in the site's time zone.
func (s *Server) groupByDay(lang, base string, briefs []content.Brief) []briefDay {
	var days []briefDay
	for _, b := range briefs {
		t := b.PublishedAt.In(s.cfg.Location)
		iso := t.Format(time.DateOnly)
		if len(days) == 0 || days[len(days)-1].ISO != iso {
			days = append(days, briefDay{ISO: iso, Label: fmt.Sprint(dateOf(lang, t)), URL: base + iso})
		}
		days[len(days)-1].Briefs = append(days[len(days)-1].Briefs, b)
	}
	return days
}

func (s *Server) briefSection(w http.ResponseWriter, r *http.Request) (page, content.Section, bool) {
	lang := r.PathValue("lang")
	p, err := s.base(r, lang)
	if err != nil {
		s.fail(w, r, err)
		return p, content.Section{}, false
	}
	sec, err := s.cfg.Store.SectionBySlug(r.Context(), lang, r.PathValue("section"))
	if err != nil {
		s.fail(w, r, err)
		return p, sec, false
	}
	p.CurrentSection = sec.Key
	return p, sec, true
}

func (s *Server) briefArchive(w http.ResponseWriter, r *http.Request) {
	p, sec, ok := s.briefSection(w, r)
	if !ok {
		return
	}
	n, err := parsePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := content.SectionPath(p.Lang, sec.Slug) + "briefs/"
	list, err := s.cfg.Store.PublicBriefs(r.Context(), content.BriefQuery{Language: p.Lang, SectionID: sec.ID,
		Limit: briefsPerPage + 1, Offset: (n - 1) * briefsPerPage}, s.cfg.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if n > 1 && len(list) == 0 {
		s.fail(w, r, fmt.Errorf("briefs page %d: %w", n, content.ErrNotFound))
		return
	}
	list, more := firstPage(list, briefsPerPage)
	bp := briefsPage{page: p, Heading: p.T.T("briefs_in", sec.Name),
		Pager: pageLinks(p.T.T("pagination"), n, more, func(n int) string { return pageURL(base, n) }, p.T.T("newer"), p.T.T("older"))}
	tagKeys(w, cache.BriefList{Language: p.Lang, SectionID: sec.ID}.Key())
	bp.Days = s.groupByDay(p.Lang, base, list)
	bp.Title = bp.Heading
	bp.Canonical = s.abs(pageURL(base, n))
	bp.OG = openGraph("og:type", "website", "og:title", bp.Title, "og:url", bp.Canonical, "og:site_name", bp.SiteName)
	if n == 1 { // later pages have no counterpart in other languages
		if err := s.sectionAlternates(r, &bp.page, sec.Key, "briefs/"); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "briefs", bp)
}

func (s *Server) briefDay(w http.ResponseWriter, r *http.Request) {
	p, sec, ok := s.briefSection(w, r)
	if !ok {
		return
	}
	day, err := time.ParseInLocation(time.DateOnly, r.PathValue("day"), s.cfg.Location)
	if err != nil || day.Year() < 1900 || day.Year() > 9999 {
		s.fail(w, r, fmt.Errorf("day %q: %w", r.PathValue("day"), content.ErrNotFound))
		return
	}
	base := content.SectionPath(p.Lang, sec.Slug) + "briefs/"
	next := day.AddDate(0, 0, 1)
	list, err := s.cfg.Store.PublicBriefs(r.Context(), content.BriefQuery{Language: p.Lang, SectionID: sec.ID,
		From: day, To: next.Add(-time.Microsecond), Limit: 500}, s.cfg.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	label := dateOf(p.Lang, day)
	bp := briefsPage{page: p, Heading: p.T.T("briefs_for_day", label), Pager: pager{Label: p.T.T("pagination")}}
	bp.Title = sec.Name + " — " + bp.Heading
	bp.Pager.PrevURL, bp.Pager.PrevText = base+day.AddDate(0, 0, -1).Format(time.DateOnly), p.T.T("previous_day")
	if !next.After(s.cfg.Now()) {
		bp.Pager.NextURL, bp.Pager.NextText = base+next.Format(time.DateOnly), p.T.T("next_day")
	} else {
		expireAt(w, next) // the link to the next day appears when it begins
	}
	tagKeys(w, cache.BriefList{Language: p.Lang, SectionID: sec.ID}.Key())
	if len(list) > 0 {
		bp.Days = []briefDay{{ISO: day.Format(time.DateOnly), Label: label, URL: base + day.Format(time.DateOnly), Briefs: list}}
	}
	bp.Canonical = s.abs(base + day.Format(time.DateOnly))
	bp.OG = openGraph("og:type", "website", "og:title", bp.Title, "og:url", bp.Canonical, "og:site_name", bp.SiteName)
	if err := s.sectionAlternates(r, &bp.page, sec.Key, "briefs/"+day.Format(time.DateOnly)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "briefs", bp)
}
