package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
)

// checksJSON is the answer to a story's publishing checks.
type checksJSON struct {
	Warnings []warningJSON `json:"warnings"`
}

// checkArticle runs the publishing checks on a story as it is saved, without publishing.
func (a *API) checkArticle(w http.ResponseWriter, r *http.Request, u account.User) error {
	art, err := a.pathArticle(r, u)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, checksJSON{Warnings: warningsJSON(a.svc.Checks(r.Context(), art))})
	return nil
}
