package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// The working copy: what the caller has typed into a story and not saved. It is kept per
// user, never changes the story (nor its revisions), and the newsroom's editor page offers
// it back, as it does the copy its own script keeps (POST /newsroom/articles/{id}/autosave).

// autosaveJSON is a working copy as the API shows it.
type autosaveJSON struct {
	ArticleID      int64             `json:"article_id"`
	BaseVersion    int               `json:"base_version"`
	CurrentVersion int               `json:"current_version"`
	NewerVersion   bool              `json:"newer_version"`
	SavedAt        *string           `json:"saved_at"`
	Fields         map[string]string `json:"fields"`
}

func autosaveView(a newsroom.Autosave, cur content.Article) autosaveJSON {
	fields := a.Fields
	if fields == nil {
		fields = map[string]string{}
	}
	return autosaveJSON{ArticleID: a.ArticleID, BaseVersion: a.BaseVersion, CurrentVersion: cur.Version,
		NewerVersion: cur.Version > a.BaseVersion, SavedAt: timeJSON(a.SavedAt), Fields: fields}
}

// autosaveTarget returns the story id of the path and the working copies, or a 503 when
// the server keeps none.
func (a *API) autosaveTarget(r *http.Request) (int64, *newsroom.Autosaves, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	if a.autosave == nil {
		return 0, nil, &apiError{status: http.StatusServiceUnavailable, code: "unavailable", message: "Working copies are not kept on this server."}
	}
	return id, a.autosave, nil
}

// putAutosave keeps the caller's working copy of a story: "version" (the story's version
// the copy was begun from) and any of the editor's fields, as text (tags also as a list,
// urgency and lead_image also as numbers). The story itself does not change.
func (a *API) putAutosave(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, saves, err := a.autosaveTarget(r)
	if err != nil {
		return err
	}
	var body map[string]json.RawMessage
	if err := decodeJSON(w, r, &body, false); err != nil {
		return err
	}
	raw, ok := body["version"]
	if !ok {
		return invalid(map[string]string{"version": "Send the version of the story the copy was begun from."})
	}
	var base int
	if err := json.Unmarshal(raw, &base); err != nil {
		return badRequest("Field \"version\" must be a whole number.")
	}
	fields := make(map[string]string, len(body))
	for name, v := range body {
		if name == "version" {
			continue
		}
		if !slices.Contains(newsroom.AutosaveFields, name) {
			return badRequest("Unknown field %q; a working copy keeps version and %s.", name, strings.Join(newsroom.AutosaveFields, ", "))
		}
		s, err := autosaveField(name, v)
		if err != nil {
			return err
		}
		fields[name] = s
	}
	kept, cur, err := saves.Save(r.Context(), u, id, base, fields)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, autosaveView(kept, cur))
	return nil
}

// autosaveField reads one field of a working copy as the editor's text: a string; for
// tags also a list of strings (joined with commas); for urgency and lead_image also a number.
func autosaveField(name string, v json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(v, &s); err == nil {
		return strings.ReplaceAll(s, "\r\n", "\n"), nil
	}
	switch name {
	case "tags":
		var list []string
		if err := json.Unmarshal(v, &list); err == nil {
			return strings.Join(list, ", "), nil
		}
		return "", badRequest("Field \"tags\" must be a string or a list of strings.")
	case "urgency", "lead_image":
		var n int64
		if err := json.Unmarshal(v, &n); err == nil {
			return strconv.FormatInt(n, 10), nil
		}
		return "", badRequest("Field %q must be a whole number or a string.", name)
	}
	return "", badRequest("Field %q must be a string.", name)
}

// showAutosave returns the caller's working copy of a story; 404 when there is none.
func (a *API) showAutosave(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, saves, err := a.autosaveTarget(r)
	if err != nil {
		return err
	}
	cur, err := a.svc.Get(r.Context(), u, id)
	if err != nil {
		return err
	}
	kept, err := saves.Of(r.Context(), u, id)
	if errors.Is(err, content.ErrNotFound) {
		return &apiError{status: http.StatusNotFound, code: "not_found", message: "You have no working copy of this story."}
	}
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, autosaveView(kept, cur))
	return nil
}

// deleteAutosave discards the caller's working copy of a story (there may be none).
func (a *API) deleteAutosave(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, saves, err := a.autosaveTarget(r)
	if err != nil {
		return err
	}
	if _, err := a.svc.Get(r.Context(), u, id); err != nil {
		return err
	}
	if err := saves.Discard(r.Context(), u, id); err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, map[string]any{"article_id": id, "discarded": true})
	return nil
}
