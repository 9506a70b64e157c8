package desk

import (
	"net/http"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/editorial"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// Recommended lengths the edit page's live counters show.
const (
	standfirstLimit = 250 // characters
	wordsPerMinute  = 230 // reading speed for the reading time
)

// editorView fills what the story editor needs on the edit page.
func (d *Desk) editorView(ev *editView) {
	ev.EditorJS, ev.EditorCSS = d.assetURL["editor.js"], d.assetURL["editor.css"]
	ev.ReadMinutes = max(1, (ev.Words+wordsPerMinute-1)/wordsPerMinute)
	ev.HeadlineLimit, ev.StandfirstLimit = editorial.MaxHeadlineRunes, standfirstLimit
}

// formOfCopy is the edit form holding a working copy of story a: its fields over the
// story's, and the version it was begun from, so that Save over a newer version still
// shows the conflict page.
func (d *Desk) formOfCopy(r *http.Request, a content.Article, c newsroom.Autosave) articleForm {
	story := formOf(a, d.zone(r)).values()
	f, _, _ := d.readFields(r, func(k string) string {
		switch k {
		case "version":
			return strconv.Itoa(c.BaseVersion)
		case "language":
			return a.Language
		}
		if v, ok := c.Fields[k]; ok {
			return v
		}
		return story[k]
	})
	return f
}

// clearWorkingCopy forgets u's working copy of a story just saved; a failure only costs
// an offer of an old copy on the next open.
func (d *Desk) clearWorkingCopy(r *http.Request, u account.User, id int64) {
	if d.cfg.Autosaves == nil {
		return
	}
	if err := d.cfg.Autosaves.Discard(r.Context(), u, id); err != nil {
		d.log.WarnContext(r.Context(), "newsroom_autosave_clear_failed", "article", id, "err", err)
	}
}
