package desk

import (
	"errors"
	"net/http"
	"strings"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// The users page: administrators add accounts, change roles, disable, enable and end sessions.

type usersView struct {
	view
	Users []account.User
	Roles []string
	Form  struct{ Email, Name, Role string }
}

func (d *Desk) listUsers(w http.ResponseWriter, r *http.Request) {
	d.renderUsers(w, r, http.StatusOK, usersView{})
}

func (d *Desk) renderUsers(w http.ResponseWriter, r *http.Request, status int, uv usersView) {
	notice, errs := uv.Notice, uv.Errors
	uv.view = d.baseView(w, r, userFrom(r.Context()), "Users")
	uv.Notice, uv.Errors, uv.Nav, uv.Roles = notice, errs, "users", account.Roles()
	var err error
	if uv.Users, err = d.cfg.Accounts.Users(r.Context()); err != nil {
		d.fail(w, r, err)
		return
	}
	d.render(w, r, status, "users", uv)
}

func (d *Desk) createUser(w http.ResponseWriter, r *http.Request) {
	admin := userFrom(r.Context())
	var uv usersView
	uv.Form.Email, uv.Form.Name, uv.Form.Role = strings.TrimSpace(r.PostFormValue("email")), strings.TrimSpace(r.PostFormValue("name")), r.PostFormValue("role")
	errs := map[string]string{}
	if !strings.Contains(uv.Form.Email, "@") || len(uv.Form.Email) > 254 {
		errs["email"] = "Give an email address."
	}
	if uv.Form.Name == "" || len(uv.Form.Name) > 200 {
		errs["name"] = "Give a name."
	}
	if !account.ValidRole(uv.Form.Role) {
		errs["role"] = "Choose a role."
	}
	hash, err := account.HashPassword(r.PostFormValue("password"))
	var weak *account.WeakPasswordError
	if errors.As(err, &weak) {
		errs["password"] = d.tr(r, "This password is refused: %s.", say(d.lang(r), weak.Why))
	} else if err != nil {
		d.fail(w, r, err)
		return
	}
	if len(errs) == 0 {
		_, err = d.cfg.Accounts.CreateUser(r.Context(), *admin, account.User{Email: uv.Form.Email, Name: uv.Form.Name,
			Role: uv.Form.Role, PasswordHash: hash})
		if errors.Is(err, content.ErrConflict) {
			errs["email"] = "An account with this email exists."
		} else if err != nil {
			d.fail(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		uv.Errors = errs
		d.renderUsers(w, r, http.StatusUnprocessableEntity, uv)
		return
	}
	http.Redirect(w, r, "/newsroom/users", http.StatusSeeOther)
}

// updateUser changes a role, disables or enables an account, or ends its sessions (see
// account.Service.UpdateUser).
func (d *Desk) updateUser(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	err := d.cfg.Accounts.UpdateUser(r.Context(), *userFrom(r.Context()), id, r.PostFormValue("action"), r.PostFormValue("role"))
	switch {
	case errors.Is(err, account.ErrUnknownRole):
		d.message(w, r, http.StatusUnprocessableEntity, "Unknown role", "Choose correspondent, editor or admin.")
	case errors.Is(err, account.ErrOwnAccount):
		d.message(w, r, http.StatusConflict, "Not possible", "You cannot disable your own account.")
	case errors.Is(err, account.ErrUnknownChange):
		d.message(w, r, http.StatusBadRequest, "Unknown action", "The form sent an unknown action.")
	case err != nil:
		d.fail(w, r, err)
	default:
		http.Redirect(w, r, "/newsroom/users", http.StatusSeeOther)
	}
}
