package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// briefRequest is a brief as POST and PUT take it.
type briefRequest struct {
	Language    string  `json:"language"`
	Section     string  `json:"section"`
	Text        string  `json:"text"`
	PublishedAt *string `json:"published_at"`
}

// createBrief files a brief: an editor's is published at once, a correspondent's is
// submitted for an editor.
func (a *API) createBrief(w http.ResponseWriter, r *http.Request, u account.User) error {
	var req briefRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		return err
	}
	errs := map[string]string{}
	in := newsroom.BriefInput{Language: req.Language, Section: req.Section, Text: req.Text,
		At: parseTime("published_at", req.PublishedAt, errs)}
	if req.Language == "" {
		errs["language"] = "Choose a language."
	}
	if len(errs) > 0 {
		return invalid(errs)
	}
	b, err := a.svc.CreateBrief(r.Context(), u, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", location("briefs", b.ID))
	a.reply(w, r, http.StatusCreated, brief(b))
	return nil
}
