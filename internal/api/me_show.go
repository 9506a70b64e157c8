package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
)

// showMe returns the token's user and what their role may do.
func (a *API) showMe(w http.ResponseWriter, r *http.Request, u account.User) error {
	a.reply(w, r, http.StatusOK, user(u))
	return nil
}
