package desk

import (
	"cmp"
	"errors"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// The front page screen: the stories at the top of a language's home page, in the
// editors' order, with the recent published stories to add. The form works without
// JavaScript (position numbers, remove and add boxes); front.js adds drag and drop and
// up/down buttons, which keep the position numbers in step.

// frontCandidates is how many of the newest published stories the screen offers to add.
const frontCandidates = 40

// frontView is the front page screen.
type frontView struct {
	view
	Lang       content.Language // the edition being arranged
	Languages  []content.Language
	Stories    []frontRow
	Candidates []content.Article // published stories not on the front
	Max        int
	Error      string
}

// frontRow is one story on the front, as the form shows it.
type frontRow struct {
	content.FrontStory
	Pos int // 1-based
}

// frontIndex sends the editor to the front page of the site's first language.
func (d *Desk) frontIndex(w http.ResponseWriter, r *http.Request) {
	langs, err := d.svc.Languages(r.Context())
	if err != nil || len(langs) == 0 {
		d.fail(w, r, cmp.Or(err, content.ErrNotFound))
		return
	}
	http.Redirect(w, r, "/newsroom/front/"+langs[0].Code, http.StatusSeeOther)
}

func (d *Desk) frontPage(w http.ResponseWriter, r *http.Request) {
	d.renderFront(w, r, http.StatusOK, "")
}

// renderFront shows the front page of the language in the path, with a problem to report
// (status 422) or none.
func (d *Desk) renderFront(w http.ResponseWriter, r *http.Request, status int, problem string) {
	ctx, u, code := r.Context(), userFrom(r.Context()), r.PathValue("lang")
	lang := d.lang(r)
	fv := frontView{view: d.baseView(w, r, u, translate(lang, "Front page")), Max: content.MaxFrontStories, Error: problem}
	fv.Nav = "front"
	var err error
	if fv.Languages, err = d.svc.Languages(ctx); err != nil {
		d.fail(w, r, err)
		return
	}
	for _, l := range fv.Languages {
		if l.Code == code {
			fv.Lang = l
		}
	}
	stories, err := d.svc.Front(ctx, *u, code)
	if err != nil {
		d.fail(w, r, err) // an unknown language is 404
		return
	}
	on := map[int64]bool{}
	for i, s := range stories {
		on[s.ArticleID] = true
		fv.Stories = append(fv.Stories, frontRow{FrontStory: s, Pos: i + 1})
	}
	recent, err := d.svc.FrontCandidates(ctx, *u, code, frontCandidates)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	for _, a := range recent {
		if !on[a.ID] {
			fv.Candidates = append(fv.Candidates, a)
		}
	}
	if r.URL.Query().Get("notice") == "saved" {
		fv.Notice = translate(lang, "Front page saved: the home page shows it now.")
	}
	d.render(w, r, status, "front", fv)
}

// saveFront replaces the front page with the form's order: the listed stories sorted by
// their position numbers (ties keep the form's order), less those marked for removal, then
// the stories ticked to add, in the order offered.
func (d *Desk) saveFront(w http.ResponseWriter, r *http.Request) {
	u, code, lang := userFrom(r.Context()), r.PathValue("lang"), d.lang(r)
	type placed struct {
		pick content.FrontPick
		pos  int
	}
	// The pin fields were shown, and typed, in the zone of the page (view.Loc), which the
	// form sends back.
	loc := formZone(r.PostFormValue("zone"), d.cfg.Location)
	var list []placed
	seen := map[int64]bool{}
	for i, v := range r.PostForm["id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 || seen[id] {
			d.renderFront(w, r, http.StatusUnprocessableEntity, translate(lang, "The form could not be read. Reload the page and try again."))
			return
		}
		seen[id] = true
		key := strconv.FormatInt(id, 10)
		if r.PostFormValue("remove_"+key) != "" {
			continue
		}
		pos, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("pos_" + key)))
		if err != nil {
			pos = i + 1
		}
		pin, ok := parseLocal(r.PostFormValue("pin_"+key), loc)
		if !ok {
			d.renderFront(w, r, http.StatusUnprocessableEntity,
				translate(lang, "A “pinned until” time could not be read: use the date and time fields (%s time).", loc.String()))
			return
		}
		list = append(list, placed{content.FrontPick{ArticleID: id, PinnedUntil: pin}, pos})
	}
	slices.SortStableFunc(list, func(a, b placed) int { return cmp.Compare(a.pos, b.pos) })
	picks := make([]content.FrontPick, 0, len(list))
	for _, p := range list {
		picks = append(picks, p.pick)
	}
	for _, v := range r.PostForm["add"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			d.renderFront(w, r, http.StatusUnprocessableEntity, translate(lang, "The form could not be read. Reload the page and try again."))
			return
		}
		if !seen[id] {
			seen[id] = true
			picks = append(picks, content.FrontPick{ArticleID: id})
		}
	}
	if _, err := d.svc.SetFront(r.Context(), *u, code, picks); err != nil {
		var fe *content.FieldError
		if errors.As(err, &fe) {
			d.renderFront(w, r, http.StatusUnprocessableEntity, frontProblem(lang, fe))
			return
		}
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/front/"+code+"?notice=saved", http.StatusSeeOther)
}

// frontProblem says in the newsroom's language what was wrong with a front page: the
// service's sentence, after a translated lead.
func frontProblem(lang string, fe *content.FieldError) string {
	msgs := make([]string, 0, len(fe.Fields))
	for _, k := range slices.Sorted(maps.Keys(fe.Fields)) {
		msgs = append(msgs, say(lang, fe.Message(k)))
	}
	return translate(lang, "The front page was not saved:") + " " + strings.Join(msgs, " ")
}

// parseLocal reads a datetime-local value in zone loc; "" is the zero time.
func parseLocal(v string, loc *time.Location) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// zoneName is what an IANA time zone name may hold.
var zoneName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$`)

// formZone is the time zone a form names, or def when it names none the system knows.
func formZone(name string, def *time.Location) *time.Location {
	if name == "" || len(name) > 64 || !zoneName.MatchString(name) {
		return def
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	return def
}
