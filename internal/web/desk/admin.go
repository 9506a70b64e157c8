package desk

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
)

type imagesView struct {
	view
	Images []content.Image
	Alt    string
	Credit string
	Cap    string
}

func (d *Desk) listImages(w http.ResponseWriter, r *http.Request) {
	var iv imagesView
	if id, err := strconv.ParseInt(r.URL.Query().Get("uploaded"), 10, 64); err == nil {
		if img, err := d.st.ImageByID(r.Context(), id); err == nil && len(img.Renditions) > 0 {
			iv.Notice = "Uploaded image " + strconv.FormatInt(img.ID, 10) + ". Use it as a lead image, or inline in Markdown: ![" +
				img.Alt + "](/media/" + img.Renditions[len(img.Renditions)-1].File + ")"
			if r.URL.Query().Get("known") == "1" {
				iv.Notice = imageKnownNotice(img)
			}
		}
	}
	iv.Notice += imageEditedNotice(r)
	d.renderImages(w, r, http.StatusOK, iv)
}

func (d *Desk) renderImages(w http.ResponseWriter, r *http.Request, status int, iv imagesView) {
	notice, errs := iv.Notice, iv.Errors
	iv.view = d.baseView(w, r, userFrom(r.Context()), "Images")
	iv.Notice, iv.Errors, iv.Nav = notice, errs, "images"
	var err error
	if iv.Images, err = d.st.Images(r.Context(), 100, 0); err != nil {
		d.fail(w, r, err)
		return
	}
	d.render(w, r, status, "images", iv)
}

func (d *Desk) uploadImage(w http.ResponseWriter, r *http.Request) {
	in := newsroom.ImageInput{Alt: r.PostFormValue("alt"), Caption: r.PostFormValue("caption"), Credit: r.PostFormValue("credit")}
	iv := imagesView{Alt: in.Alt, Cap: in.Caption, Credit: in.Credit}
	file, _, err := r.FormFile("file")
	if err != nil {
		iv.Errors = map[string]string{"file": "Choose a JPEG, PNG or WebP file to upload."}
		d.renderImages(w, r, http.StatusUnprocessableEntity, iv)
		return
	}
	defer file.Close()
	img, created, err := d.svc.AddImage(r.Context(), *userFrom(r.Context()), d.cfg.Media, file, in)
	var ve *newsroom.ValidationError
	if errors.As(err, &ve) {
		iv.Errors = ve.Fields
		d.renderImages(w, r, http.StatusUnprocessableEntity, iv)
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	known := ""
	if !created {
		known = "&known=1"
	}
	http.Redirect(w, r, "/newsroom/images?uploaded="+strconv.FormatInt(img.ID, 10)+known, http.StatusSeeOther)
}

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
		errs["password"] = "This password is refused: " + weak.Reason + "."
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

type auditView struct {
	view
	Entries []store.AuditEntry
}

func (d *Desk) auditLog(w http.ResponseWriter, r *http.Request) {
	av := auditView{view: d.baseView(w, r, userFrom(r.Context()), "Audit log")}
	av.Nav = "audit"
	var err error
	if av.Entries, err = d.st.AuditLog(r.Context(), 200, 0); err != nil {
		d.fail(w, r, err)
		return
	}
	d.render(w, r, http.StatusOK, "audit", av)
}

// Settings the newsroom can change, with their stored keys.
const (
	settingShowAgencyMeta = "show_agency_meta"
)

type settingsView struct {
	view
	BlockOnChecks  bool
	ShowAgencyMeta bool
	CloseAfterDays string
	Blocklist      string
}

func (d *Desk) settings(w http.ResponseWriter, r *http.Request) {
	sv := settingsView{view: d.baseView(w, r, userFrom(r.Context()), "Settings")}
	sv.Nav = "settings"
	b, err := d.st.Setting(r.Context(), newsroom.SettingBlockOnChecks, "0")
	if err != nil {
		d.fail(w, r, err)
		return
	}
	m, err := d.st.Setting(r.Context(), settingShowAgencyMeta, "0")
	if err != nil {
		d.fail(w, r, err)
		return
	}
	sv.BlockOnChecks, sv.ShowAgencyMeta = b == "1", m == "1"
	if sv.CloseAfterDays, err = d.st.Setting(r.Context(), review.SettingCloseAfterDays, "0"); err != nil {
		d.fail(w, r, err)
		return
	}
	if sv.Blocklist, err = d.st.Setting(r.Context(), review.SettingBlocklist, ""); err != nil {
		d.fail(w, r, err)
		return
	}
	sv.Notice = notices[r.URL.Query().Get("notice")]
	d.render(w, r, http.StatusOK, "settings", sv)
}

func (d *Desk) saveSettings(w http.ResponseWriter, r *http.Request) {
	flag := func(k string) string {
		if r.PostFormValue(k) == "1" {
			return "1"
		}
		return "0"
	}
	u := userFrom(r.Context())
	days, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("close_after_days")))
	if err != nil || days < 0 || days > 36500 {
		d.message(w, r, http.StatusUnprocessableEntity, "Check the form", "Close reviews after a whole number of days (0 for never).")
		return
	}
	var words []string
	for _, line := range strings.Split(r.PostFormValue("blocklist"), "\n") {
		if line = strings.TrimSpace(line); line != "" && len(words) < 1000 {
			words = append(words, line)
		}
	}
	err = d.st.WithTx(r.Context(), func(tx *store.Tx) error {
		if err := tx.SetSetting(r.Context(), review.SettingCloseAfterDays, strconv.Itoa(days)); err != nil {
			return err
		}
		if err := tx.SetSetting(r.Context(), review.SettingBlocklist, strings.Join(words, "\n")); err != nil {
			return err
		}
		if err := tx.SetSetting(r.Context(), newsroom.SettingBlockOnChecks, flag("block_on_checks")); err != nil {
			return err
		}
		if err := tx.SetSetting(r.Context(), settingShowAgencyMeta, flag("show_agency_meta")); err != nil {
			return err
		}
		return tx.Audit(r.Context(), u.ID, "settings", "site", 0, "")
	})
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/settings?notice=saved", http.StatusSeeOther)
}
