package desk

import (
	"net/http"
	"strings"

	"github.com/newsdesk/newsdesk/internal/account"
)

// The personal API tokens page: a user's own tokens, created and revoked.

type tokensView struct {
	view
	Tokens   []account.Token
	NewToken string
}

func (d *Desk) listTokens(w http.ResponseWriter, r *http.Request) { d.renderTokens(w, r, "") }

func (d *Desk) renderTokens(w http.ResponseWriter, r *http.Request, fresh string) {
	u := userFrom(r.Context())
	tv := tokensView{view: d.baseView(w, r, u, "API tokens"), NewToken: fresh}
	tv.Nav = "tokens"
	var err error
	if tv.Tokens, err = d.cfg.Accounts.Tokens(r.Context(), *u); err != nil {
		d.fail(w, r, err)
		return
	}
	d.render(w, r, http.StatusOK, "tokens", tv)
}

func (d *Desk) createToken(w http.ResponseWriter, r *http.Request) {
	secret, err := d.cfg.Accounts.CreateToken(r.Context(), *userFrom(r.Context()), strings.TrimSpace(r.PostFormValue("name")))
	if err != nil {
		d.fail(w, r, err)
		return
	}
	d.renderTokens(w, r, secret)
}

func (d *Desk) revokeToken(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	err := d.cfg.Accounts.RevokeToken(r.Context(), *userFrom(r.Context()), id)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/tokens", http.StatusSeeOther)
}
