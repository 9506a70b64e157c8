package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
)

type translateRequest struct {
	Language string `json:"language"`
}

// translateArticle starts a draft of the story in another language, in the same
// translation group; it answers 201 with the new draft.
func (a *API) translateArticle(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req translateRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		return err
	}
	if req.Language == "" {
		return invalid(map[string]string{"language": "Choose the language to translate into."})
	}
	art, err := a.svc.Translate(r.Context(), u, id, req.Language)
	if err != nil {
		return err
	}
	w.Header().Set("Location", location("articles", art.ID))
	a.reply(w, r, http.StatusCreated, a.article(art))
	return nil
}
