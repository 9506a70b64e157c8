package desk

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/editorial"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// done redirects to the story's edit page with a notice.
func done(w http.ResponseWriter, r *http.Request, id int64, notice string) {
	http.Redirect(w, r, "/newsroom/articles/"+strconv.FormatInt(id, 10)+"?notice="+notice, http.StatusSeeOther)
}

// transition runs one workflow step on the story in the path and redirects back.
func (d *Desk) transition(w http.ResponseWriter, r *http.Request, notice string, step func(id int64) (content.Article, error)) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	a, err := step(id)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	done(w, r, a.ID, notice)
}

func (d *Desk) submitArticle(w http.ResponseWriter, r *http.Request) {
	d.transition(w, r, "submitted", func(id int64) (content.Article, error) {
		return d.svc.Submit(r.Context(), *userFrom(r.Context()), id)
	})
}

func (d *Desk) returnArticle(w http.ResponseWriter, r *http.Request) {
	d.transition(w, r, "returned", func(id int64) (content.Article, error) {
		return d.svc.Return(r.Context(), *userFrom(r.Context()), id, r.PostFormValue("note"))
	})
}

func (d *Desk) publishArticle(w http.ResponseWriter, r *http.Request) {
	if d.confirmFirst(w, r, "publish") {
		return
	}
	d.transition(w, r, "published", func(id int64) (content.Article, error) {
		a, _, err := d.svc.Publish(r.Context(), *userFrom(r.Context()), id)
		return a, err
	})
}

func (d *Desk) scheduleArticle(w http.ResponseWriter, r *http.Request) {
	if d.confirmFirst(w, r, "schedule") {
		return
	}
	d.transition(w, r, "scheduled", func(id int64) (content.Article, error) {
		at, err := time.ParseInLocation("2006-01-02T15:04", r.PostFormValue("publish_at"), d.zone(r))
		if err != nil {
			at = time.Time{} // the service answers "choose a time in the future"
		}
		return d.svc.Schedule(r.Context(), *userFrom(r.Context()), id, at)
	})
}

func (d *Desk) correctArticle(w http.ResponseWriter, r *http.Request) {
	d.transition(w, r, "corrected", func(id int64) (content.Article, error) {
		return d.svc.Correct(r.Context(), *userFrom(r.Context()), id, r.PostFormValue("correction"))
	})
}

func (d *Desk) unpublishArticle(w http.ResponseWriter, r *http.Request) {
	d.transition(w, r, "unpublished", func(id int64) (content.Article, error) {
		return d.svc.Unpublish(r.Context(), *userFrom(r.Context()), id, r.PostFormValue("reason"))
	})
}

// restore restores a revision. On a published story the first request only shows what
// would change, with a form that sends the request again confirmed against the story's
// current version; the service refuses a confirmation if the story was saved since.
func (d *Desk) restore(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	u := userFrom(r.Context())
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || version < 1 {
		d.message(w, r, http.StatusBadRequest, "Choose a revision", "Pick the revision to restore from the list of revisions.")
		return
	}
	var a content.Article
	if c := r.PostFormValue("confirm"); c != "" {
		current, cerr := strconv.Atoi(c)
		if cerr != nil || current < 1 {
			d.message(w, r, http.StatusBadRequest, "Bad confirmation", "Open the list of revisions and restore again.")
			return
		}
		a, err = d.svc.ConfirmRestore(r.Context(), *u, id, version, current)
	} else {
		a, err = d.svc.Restore(r.Context(), *u, id, version)
	}
	var rce *newsroom.RestoreConfirmError
	if errors.As(err, &rce) {
		cur := content.Revision{Version: rce.Current.Version, Article: rce.Current}
		d.renderDiff(w, r, rce.Current, cur, rce.Revision, true)
		return
	}
	var ce *newsroom.ConflictError
	if errors.As(err, &ce) {
		d.message(w, r, http.StatusConflict, "The story has changed",
			"Someone saved the story after you compared the revisions, so nothing was restored. Open the list of revisions and compare again.")
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	done(w, r, a.ID, "restored")
}

type revisionsView struct {
	view
	Article   content.Article
	Revisions []content.Revision
}

func (d *Desk) revisions(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	u := userFrom(r.Context())
	a, err := d.svc.Get(r.Context(), *u, id)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	revs, err := d.svc.Revisions(r.Context(), *u, id)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	d.render(w, r, http.StatusOK, "revisions", revisionsView{view: d.baseView(w, r, u, d.tr(r, "Revisions: %s", a.Headline)), Article: a, Revisions: revs})
}

type fieldDiff struct {
	Name     string
	Old, New string
}

type diffView struct {
	view
	Article  content.Article
	From, To content.Revision
	Fields   []fieldDiff
	Body     []editorial.Line
	// Restore asks to confirm restoring To over the published story (From is the story
	// as it is now).
	Restore bool
}

// diff compares two revisions: ?from=N&to=M (default: the previous and the latest).
func (d *Desk) diff(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	u := userFrom(r.Context())
	a, err := d.svc.Get(r.Context(), *u, id)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	from, err1 := strconv.Atoi(r.URL.Query().Get("from"))
	to, err2 := strconv.Atoi(r.URL.Query().Get("to"))
	if err1 != nil || err2 != nil {
		d.message(w, r, http.StatusBadRequest, "Choose two revisions", "Pick the two revisions to compare from the list of revisions.")
		return
	}
	rf, err := d.svc.Revision(r.Context(), *u, a, from)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	rt, err := d.svc.Revision(r.Context(), *u, a, to)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	d.renderDiff(w, r, a, rf, rt, false)
}

// renderDiff shows what changes from revision rf to rt of story a; with restore, it asks
// to confirm restoring rt over the published story rf.
func (d *Desk) renderDiff(w http.ResponseWriter, r *http.Request, a content.Article, rf, rt content.Revision, restore bool) {
	title := "Compare revisions"
	if restore {
		title = d.tr(r, "Restore version %d?", rt.Version)
	}
	dv := diffView{view: d.baseView(w, r, userFrom(r.Context()), title), Article: a, From: rf, To: rt, Restore: restore,
		Body: editorial.Diff(rf.Article.BodyMD, rt.Article.BodyMD)}
	fa, fb := rf.Article, rt.Article
	// The field names are translated where shown (the diff template's T).
	for _, f := range []fieldDiff{{en("Headline"), fa.Headline, fb.Headline}, {en("Standfirst"), fa.Standfirst, fb.Standfirst},
		{en("Byline"), fa.Byline + ", " + fa.BylineRole, fb.Byline + ", " + fb.BylineRole}, {en("Dateline"), fa.Dateline, fb.Dateline},
		{en("Slug"), fa.Slug, fb.Slug}, {en("Slugline"), fa.Slugline, fb.Slugline}, {en("Sign-off"), fa.Signoff, fb.Signoff},
		{en("Urgency"), strconv.Itoa(fa.Urgency), strconv.Itoa(fb.Urgency)}} {
		if f.Old != f.New {
			dv.Fields = append(dv.Fields, f)
		}
	}
	d.render(w, r, http.StatusOK, "diff", dv)
}
