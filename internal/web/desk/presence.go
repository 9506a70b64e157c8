package desk

import (
	"bytes"
	"net/http"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// Who else is here. The editor page counts as open from the moment it is served; its
// script then posts a heartbeat to /newsroom/articles/{id}/presence every few seconds,
// which answers with the list of the others (an HTML fragment in the user's language)
// that the page puts in place, and posts leave=1 when the page is left.

// presenceView is what the "presence" template of edit.html shows: the others who have
// the story open, with their times in the reader's zone.
type presenceView struct {
	Loc    *time.Location
	Others []newsroom.Presence
}

// presence answers the editor page's heartbeat (or its leaving).
func (d *Desk) presence(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	u := userFrom(r.Context())
	if r.PostFormValue("leave") == "1" {
		if err := d.svc.Leave(r.Context(), *u, id); err != nil {
			d.fail(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	a, err := d.svc.Get(r.Context(), *u, id)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	others, err := d.svc.Open(r.Context(), *u, a)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := d.pages[d.lang(r)]["edit"].ExecuteTemplate(&buf, "presence", presenceView{Loc: d.zone(r), Others: others}); err != nil {
		d.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

// openStory records that the signed-in user has story a open and returns the others who
// have; a failure is logged and shows as nobody, since the page itself still works.
func (d *Desk) openStory(r *http.Request, a content.Article) presenceView {
	pv := presenceView{Loc: d.zone(r)}
	others, err := d.svc.Open(r.Context(), *userFrom(r.Context()), a)
	if err != nil {
		d.log.WarnContext(r.Context(), "presence_failed", "article", a.ID, "err", err)
		return pv
	}
	pv.Others = others
	return pv
}
