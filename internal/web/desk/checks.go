package desk

import (
	"bytes"
	"net/http"

	"github.com/newsdesk/newsdesk/internal/editorial"
)

// Publishing checks before, not after: the editor page shows the checks next to Publish
// and Schedule, runs them again on the unsaved fields while the story is written (POST
// /newsroom/checks, from the page's script), and publishing or scheduling a story with
// warnings takes a confirmation.

// shownWarning is a publishing check's warning in the reader's language.
type shownWarning struct {
	Code, Message string
	Advice        bool
}

// localWarnings translates the warnings' messages into lang.
func localWarnings(lang string, ws []editorial.Warning) []shownWarning {
	out := make([]shownWarning, 0, len(ws))
	for _, w := range ws {
		msg := w.Message
		if w.Format != "" {
			msg = translate(lang, w.Format, w.Args...)
		}
		out = append(out, shownWarning{Code: w.Code, Message: msg, Advice: w.Advice})
	}
	return out
}

// confirmStep asks to publish or schedule a story despite its warnings.
type confirmStep struct {
	Action    string // "publish" or "schedule"
	PublishAt string // the schedule form's time, sent again
}

// liveChecks runs the checks on the edit form's fields as typed and answers the list as
// an HTML fragment in the reader's language.
func (d *Desk) liveChecks(w http.ResponseWriter, r *http.Request) {
	_, in, _ := d.readForm(r)
	ws, err := d.svc.CheckDraft(r.Context(), *userFrom(r.Context()), in)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	lang := d.lang(r)
	var buf bytes.Buffer
	if err := d.pages[lang]["edit"].ExecuteTemplate(&buf, "checks", localWarnings(lang, ws)); err != nil {
		d.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

// confirmFirst shows the story again with its warnings and a "… anyway" button when a
// publish or schedule form without confirm=1 meets a story with warnings (advice alone
// does not ask), and reports whether it did; otherwise the caller goes on.
func (d *Desk) confirmFirst(w http.ResponseWriter, r *http.Request, action string) bool {
	if r.PostFormValue("confirm") == "1" {
		return false
	}
	id, ok := pathID(r)
	if !ok {
		return false
	}
	a, err := d.svc.Get(r.Context(), *userFrom(r.Context()), id)
	if err != nil || !editorial.Blocking(d.svc.Checks(r.Context(), a)) {
		return false // the step itself answers the error; advice alone asks nothing
	}
	ev, err := d.editView(w, r, a, formOf(a, d.zone(r)), false)
	if err != nil {
		d.fail(w, r, err)
		return true
	}
	ev.Presence = presenceView{Loc: d.zone(r)}
	ev.Confirm = &confirmStep{Action: action, PublishAt: r.PostFormValue("publish_at")}
	d.render(w, r, http.StatusOK, "edit", ev)
	return true
}
