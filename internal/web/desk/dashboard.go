package desk

import (
	"bytes"
	"net/http"
	"net/url"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// The dashboard is the newsroom's home: what waits for an editor, what came back to me,
// what is scheduled or under embargo, my drafts, the wire's last hour and the reviews to
// moderate. The page works without JavaScript; with it, live.js listens to /newsroom/events
// and re-fetches the panels (/newsroom/dashboard) when something changed.

type dashboardView struct {
	view
	Now       time.Time
	Stamp     string            // what the page shows, for the events stream (DeskStamp)
	Waiting   []content.Article // submitted, for an editor
	Returned  []content.Article // my drafts an editor sent back, with the note
	Scheduled []content.Article // soonest first, at most dashboardLimit
	Embargoed []content.Article // published, embargo not yet lifted; soonest first
	// ScheduledMore and EmbargoedMore count the stories beyond the lists, which the story
	// list shows.
	ScheduledMore, EmbargoedMore int
	Drafts                       []content.Article
	CanPublish                   bool
	CanModerate                  bool
	Wire                         *syndication.Activity // nil for those who cannot publish
}

// dashboardLimit bounds each panel's list.
const dashboardLimit = 20

// dashboard answers GET /newsroom/: the dashboard, or, for an old link to the story list
// with its filters in the query, a redirect to /newsroom/stories with the same query.
func (d *Desk) dashboard(w http.ResponseWriter, r *http.Request) {
	if r.URL.RawQuery != "" {
		// The path is fixed: only the query, re-encoded, comes from the request.
		to := url.URL{Path: "/newsroom/stories", RawQuery: r.URL.Query().Encode()}
		http.Redirect(w, r, to.String(), http.StatusMovedPermanently) // #nosec G710 -- a fixed local path; the query cannot change where it leads
		return
	}
	dv, ok := d.dashboardData(w, r)
	if !ok {
		return
	}
	d.render(w, r, http.StatusOK, "dashboard", dv)
}

// dashboardPanels answers GET /newsroom/dashboard: the dashboard's panels alone, which the
// page's script puts in place when the events stream says something changed.
func (d *Desk) dashboardPanels(w http.ResponseWriter, r *http.Request) {
	dv, ok := d.dashboardData(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := d.pages[d.lang(r)]["dashboard"].ExecuteTemplate(&buf, "panels", dv); err != nil {
		d.log.ErrorContext(r.Context(), "newsroom_render_failed", "template", "dashboard panels", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

func (d *Desk) dashboardData(w http.ResponseWriter, r *http.Request) (dashboardView, bool) {
	ctx := r.Context()
	u := userFrom(ctx)
	dv := dashboardView{view: d.baseView(w, r, u, "Desk"), Now: d.cfg.Now(),
		CanPublish: account.Can(u.Role, account.ActPublish), CanModerate: account.Can(u.Role, account.ActModerate)}
	dv.Nav = "desk"
	// The stamp is read before the lists: a change after it shows in the next event.
	var err error
	if dv.Stamp, _, err = d.cfg.Storage.DeskStamp(ctx, u.ID); err != nil {
		d.fail(w, r, err)
		return dv, false
	}
	list := func(status content.Status, owner int64) ([]content.Article, error) {
		return d.svc.ListArticles(ctx, *u, newsroom.ArticleQuery{Status: status, OwnerID: owner, Limit: 100})
	}
	fail := func() (dashboardView, bool) { d.fail(w, r, err); return dv, false }
	if dv.Waiting, err = list(content.StatusSubmitted, 0); err != nil {
		return fail()
	}
	mine, err := list(content.StatusDraft, u.ID)
	if err != nil {
		return fail()
	}
	for _, a := range mine {
		if a.ReturnNote != "" {
			dv.Returned = append(dv.Returned, a)
		} else {
			dv.Drafts = append(dv.Drafts, a)
		}
	}
	// What comes due next leads; the store finds it, however many stories there are.
	due := newsroom.ArticleQuery{Status: content.StatusScheduled, Due: true, Limit: dashboardLimit}
	if dv.Scheduled, dv.ScheduledMore, err = d.upcoming(r, due); err != nil {
		return fail()
	}
	due = newsroom.ArticleQuery{Status: content.StatusPublished, EmbargoedAfter: dv.Now, Due: true, Limit: dashboardLimit}
	if dv.Embargoed, dv.EmbargoedMore, err = d.upcoming(r, due); err != nil {
		return fail()
	}
	for _, l := range []*[]content.Article{&dv.Waiting, &dv.Returned, &dv.Drafts} {
		if len(*l) > dashboardLimit {
			*l = (*l)[:dashboardLimit]
		}
	}
	if dv.CanPublish && d.cfg.Wire != nil {
		act, err := d.cfg.Wire.Activity(ctx, dv.Now.Add(-time.Hour), dashboardLimit)
		if err != nil {
			d.fail(w, r, err)
			return dv, false
		}
		dv.Wire = &act
	}
	return dv, true
}

// upcoming lists the first of the stories q finds, soonest first, and counts the others.
func (d *Desk) upcoming(r *http.Request, q newsroom.ArticleQuery) ([]content.Article, int, error) {
	u := userFrom(r.Context())
	list, err := d.svc.ListArticles(r.Context(), *u, q)
	if err != nil || len(list) < q.Limit {
		return list, 0, err
	}
	n, err := d.svc.CountArticles(r.Context(), *u, q)
	return list, max(0, n-len(list)), err
}

// untilText says in lang how long until t, as the dashboard's countdowns do (live.js
// writes the same texts from the page's data-fmt-* attributes).
func untilText(lang string, now, t time.Time) string {
	left := t.Sub(now)
	if left <= 0 {
		return translate(lang, "due now")
	}
	s := int(left / time.Second)
	m, h := s/60, s/3600
	var span string
	switch {
	case h >= 24:
		span = translate(lang, "%d d %d h", h/24, h%24)
	case h > 0:
		span = translate(lang, "%d h %d min", h, m%60)
	case m > 0:
		span = translate(lang, "%d min", m)
	default:
		span = translate(lang, "%d s", s)
	}
	return translate(lang, "in %s", span)
}
