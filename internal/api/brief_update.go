package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// updateBrief changes a brief's section, text and (when given) time. Its language is
// fixed; without published_at the brief keeps its time.
func (a *API) updateBrief(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req briefRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		return err
	}
	cur, err := a.svc.GetBrief(r.Context(), u, id)
	if err != nil {
		return err
	}
	errs := map[string]string{}
	in := newsroom.BriefInput{Section: req.Section, Text: req.Text, At: parseTime("published_at", req.PublishedAt, errs)}
	if req.Language != "" && req.Language != cur.Language {
		errs["language"] = "A brief's language cannot change."
	}
	if len(errs) > 0 {
		return invalid(errs)
	}
	if in.At.IsZero() {
		in.At = cur.PublishedAt
	}
	b, err := a.svc.UpdateBrief(r.Context(), u, id, in)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, brief(b))
	return nil
}
