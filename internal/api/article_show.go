package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
)

// showArticle returns one story the token's user may see.
func (a *API) showArticle(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	art, err := a.svc.Get(r.Context(), u, id)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, a.article(art))
	return nil
}
