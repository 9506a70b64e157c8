package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
)

// publishArticle publishes a story now and returns it with the publishing checks'
// warnings; where the site blocks on failed checks the answer is 422 checks_failed.
func (a *API) publishArticle(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := decodeJSON(w, r, &struct{}{}, true); err != nil {
		return err
	}
	art, warnings, err := a.svc.Publish(r.Context(), u, id)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, publishedJSON{articleJSON: a.article(art), Warnings: warningsJSON(warnings)})
	return nil
}
