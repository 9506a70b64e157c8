package desk

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// autosaveAnswer is what the editor's script reads after sending its working copy.
type autosaveAnswer struct {
	SavedAt        time.Time `json:"saved_at"`
	BaseVersion    int       `json:"base_version"`
	CurrentVersion int       `json:"current_version"`
	// NewerVersion says someone saved the story after the copy was begun: Save will show
	// the conflict page, with both texts.
	NewerVersion bool `json:"newer_version"`
}

// autosave keeps the signed-in user's working copy of a story (the edit form's fields),
// as the editor sends it a few seconds after the last keystroke and on leaving the page.
// It never changes the story; the answer is JSON.
func (d *Desk) autosave(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": d.tr(r, "There is no such story.")})
		return
	}
	if d.cfg.Autosaves == nil {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": d.tr(r, "Autosave is not available on this server.")})
		return
	}
	base, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": d.tr(r, "The copy must name the version of the story it was begun from."),
			"errors": map[string]string{"version": d.tr(r, "a number is required")}})
		return
	}
	fields := map[string]string{}
	for _, name := range newsroom.AutosaveFields {
		if vs, ok := r.PostForm[name]; ok && len(vs) > 0 {
			fields[name] = strings.ReplaceAll(vs[0], "\r\n", "\n")
		}
	}
	a, cur, err := d.cfg.Autosaves.Save(r.Context(), *userFrom(r.Context()), id, base, fields)
	if err != nil {
		d.failJSON(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, autosaveAnswer{SavedAt: a.SavedAt, BaseVersion: a.BaseVersion, CurrentVersion: cur.Version,
		NewerVersion: cur.Version > a.BaseVersion})
}

// discardAutosave forgets the user's working copy of a story and shows the story.
func (d *Desk) discardAutosave(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	u := userFrom(r.Context())
	if _, err := d.svc.Get(r.Context(), *u, id); err != nil {
		d.fail(w, r, err)
		return
	}
	if d.cfg.Autosaves != nil {
		if err := d.cfg.Autosaves.Discard(r.Context(), *u, id); err != nil {
			d.fail(w, r, err)
			return
		}
	}
	http.Redirect(w, r, "/newsroom/articles/"+strconv.FormatInt(id, 10)+"?notice=discarded", http.StatusSeeOther)
}

// workingCopy is the user's autosaved copy of a story, when it differs from the story.
type workingCopy struct {
	SavedAt     time.Time
	At          string // SavedAt as the page says it: the time of day in the user's zone
	BaseVersion int
	Fields      string // JSON of the fields, for the editor's script to compare with its own copy
}

// workingCopyOf returns the user's working copy of the story shown in f, or nil when there
// is none or it holds nothing the form does not.
func (d *Desk) workingCopyOf(r *http.Request, u account.User, id int64, f articleForm) (*newsroom.Autosave, *workingCopy) {
	if d.cfg.Autosaves == nil {
		return nil, nil
	}
	a, err := d.cfg.Autosaves.Of(r.Context(), u, id)
	if err != nil {
		if !errors.Is(err, content.ErrNotFound) {
			d.log.WarnContext(r.Context(), "newsroom_autosave_read_failed", "article", id, "err", err)
		}
		return nil, nil
	}
	shown := f.values()
	differs := false
	for k, v := range a.Fields {
		if s, ok := shown[k]; ok && s != v {
			differs = true
		}
	}
	if !differs {
		return &a, nil
	}
	b, err := json.Marshal(a.Fields)
	if err != nil {
		return &a, nil
	}
	return &a, &workingCopy{SavedAt: a.SavedAt, At: a.SavedAt.In(d.zoneOf(&u)).Format("15:04"), BaseVersion: a.BaseVersion, Fields: string(b)}
}

// values returns the form's fields as the edit form sends them.
func (f articleForm) values() map[string]string {
	return map[string]string{"section": f.Section, "headline": f.Headline, "standfirst": f.Standfirst, "body": f.Body,
		"byline": f.Byline, "byline_role": f.BylineRole, "dateline": f.Dateline, "tags": f.Tags, "slug": f.Slug,
		"lead_image": strconv.FormatInt(f.LeadImageID, 10), "embargo": f.Embargo, "slugline": f.Slugline,
		"urgency": strconv.Itoa(f.Urgency), "signoff": f.Signoff}
}

// failJSON answers an error of the service as JSON, for the editor's script.
func (d *Desk) failJSON(w http.ResponseWriter, r *http.Request, err error) {
	err = d.cfg.Storage.Classify(err)
	var ve *content.FieldError
	switch {
	case errors.Is(err, content.ErrNotFound):
		writeJSON(w, http.StatusNotFound, map[string]string{"error": d.tr(r, "There is no such story.")})
	case errors.Is(err, account.ErrForbidden):
		writeJSON(w, http.StatusForbidden, map[string]string{"error": d.tr(r, "You may not edit this story.")})
	case errors.As(err, &ve):
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": d.fieldMessages(r, ve), "errors": fieldTexts(d.lang(r), ve)})
	case errors.Is(err, content.ErrStorageFull):
		d.log.ErrorContext(r.Context(), "newsroom_storage_full", "path", r.URL.Path, "err", err)
		writeJSON(w, http.StatusInsufficientStorage, map[string]string{"error": d.tr(r, "The server's disk is full: your text is kept in this browser.")})
	default:
		d.log.ErrorContext(r.Context(), "newsroom_failed", "path", r.URL.Path, "err", err)
		status := http.StatusInternalServerError
		if errors.Is(err, content.ErrUnavailable) || d.cfg.Storage.Ping(r.Context()) != nil {
			w.Header().Set("Retry-After", "5")
			status = http.StatusServiceUnavailable
		}
		writeJSON(w, status, map[string]string{"error": d.tr(r, "The server could not keep the copy now: your text is kept in this browser.")})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// wantsJSON reports whether the request asks for a JSON answer (the editor's script).
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}
