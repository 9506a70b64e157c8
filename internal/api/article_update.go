package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
)

// articleUpdateRequest is a story's full editable content with the version it was loaded at.
type articleUpdateRequest struct {
	articleRequest
	Version *int `json:"version"`
}

// updateArticle saves a story with optimistic locking: a stale version gives 409 with the
// story as it is now.
func (a *API) updateArticle(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req articleUpdateRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		return err
	}
	errs := map[string]string{}
	in := req.input(errs)
	if req.Version == nil || *req.Version < 1 {
		errs["version"] = "Send the version you loaded, for optimistic locking."
	}
	if len(errs) > 0 {
		return invalid(errs)
	}
	if req.Language != "" {
		cur, err := a.svc.Get(r.Context(), u, id)
		if err != nil {
			return err
		}
		if cur.Language != req.Language {
			return invalid(map[string]string{"language": "A story's language cannot change; translate it instead."})
		}
	}
	art, err := a.svc.Update(r.Context(), u, id, *req.Version, in)
	if err != nil {
		return renameField(err, "lead_image", "lead_image_id")
	}
	a.reply(w, r, http.StatusOK, a.article(art))
	return nil
}
