package desk

import (
	"context"
	"crypto/subtle"
	"errors"
	"mime"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
)

const (
	sessionCookie = "nd_session"
	csrfCookie    = "nd_csrf"
	csrfField     = "csrf"
	sessionTTL    = 14 * 24 * time.Hour
	// loginWindow and loginMaxFailures throttle guessing per account.
	loginWindow      = 15 * time.Minute
	loginMaxFailures = 5
)

type ctxKey int

const userKey ctxKey = 1

func userFrom(ctx context.Context) *store.User {
	u, _ := ctx.Value(userKey).(*store.User)
	return u
}

func (d *Desk) cookie(name, value string, maxAge int) *http.Cookie {
	// #nosec G124 -- Secure is set when the site is served over HTTPS (SecureCookies); HttpOnly and SameSite always.
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: d.cfg.SecureCookies}
}

// csrfToken returns the visitor's CSRF token, setting the cookie when there is none.
func (d *Desk) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	tok, err := account.NewSecret("")
	if err != nil {
		d.log.ErrorContext(r.Context(), "csrf_token_failed", "err", err)
		return ""
	}
	http.SetCookie(w, d.cookie(csrfCookie, tok, 0))
	// Make the new token visible to this request too (the form rendered now carries it).
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: tok}) // #nosec G124 -- added to the incoming request, never sent
	return tok
}

// checkCSRF verifies the double-submit token of a state-changing request and, when an
// Origin header is present, that it is this site.
func (d *Desk) checkCSRF(r *http.Request) bool {
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	c, err := r.Cookie(csrfCookie)
	if err != nil || len(c.Value) < 32 {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue(csrfField))) == 1
}

// currentUser returns the signed-in user of a request, or nil.
func (d *Desk) currentUser(r *http.Request) (*store.User, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	now := d.cfg.Now()
	u, err := d.st.SessionUser(r.Context(), account.HashSecret(c.Value), now)
	if errors.Is(err, content.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// guard wraps a handler: it needs a signed-in user allowed to do act (act "" only needs
// a session), and a valid CSRF token on every POST.
func (d *Desk) guard(act account.Action, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, err := d.currentUser(r)
		if err != nil {
			d.fail(w, r, err)
			return
		}
		if r.Method == http.MethodPost {
			if err := parseForm(w, r); err != nil {
				d.tooLargeOrBad(w, r, err)
				return
			}
		}
		if u == nil {
			d.loginRequired(w, r)
			return
		}
		if r.Method == http.MethodPost && !d.checkCSRF(r) {
			d.staleForm(w, r, u)
			return
		}
		if act != "" && !account.Can(u.Role, act) {
			d.forbidden(w, r, u)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), userKey, u)))
	}
}

// maxFormBody bounds a URL-encoded form (multipart uploads have the server's body limit).
const maxFormBody = 10 << 20

// parseForm reads a POST's form. ParseMultipartForm alone would hide the errors of a
// URL-encoded body (too large, too many fields) behind http.ErrNotMultipart.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "multipart/form-data" {
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
		return r.ParseForm()
	}
	if err := r.ParseMultipartForm(32 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return err
	}
	return nil
}

// loginRequired shows the sign-in page; for a POST (a form sent after the session
// expired) the page keeps the submitted fields so that nothing typed is lost.
func (d *Desk) loginRequired(w http.ResponseWriter, r *http.Request) {
	lv := loginView{view: d.baseView(w, r, nil, "Sign in"), Next: r.URL.Path}
	if r.Method == http.MethodPost {
		lv.Resume = formFields(r)
		lv.Notice = "Your session has expired. Sign in again: what you sent is kept and comes back after you sign in."
	}
	d.render(w, r, http.StatusUnauthorized, "login", lv)
}

type field struct{ Name, Value string }

// formFields returns the submitted form values except the CSRF token, in a stable order.
func formFields(r *http.Request) []field {
	var out []field
	keys := make([]string, 0, len(r.PostForm))
	for k := range r.PostForm {
		if k != csrfField && !strings.HasPrefix(k, "resume") && k != "email" && k != "password" && k != "next" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range r.PostForm[k] {
			out = append(out, field{Name: k, Value: v})
		}
	}
	return out
}

type loginView struct {
	view
	Next   string
	Email  string
	Resume []field
}

func (d *Desk) loginPage(w http.ResponseWriter, r *http.Request) {
	if u, _ := d.currentUser(r); u != nil {
		http.Redirect(w, r, "/newsroom/", http.StatusSeeOther)
		return
	}
	d.render(w, r, http.StatusOK, "login", loginView{view: d.baseView(w, r, nil, "Sign in"), Next: safeNext(r.URL.Query().Get("next"))})
}

// safeNext keeps a post-login redirect inside the newsroom.
func safeNext(p string) string {
	if !strings.HasPrefix(p, "/newsroom/") || strings.HasPrefix(p, "//") || strings.Contains(p, "\\") {
		return "/newsroom/"
	}
	return p
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

const genericLoginError = "The email or password is not right, or the account is locked for a while after too many attempts."

func (d *Desk) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		d.tooLargeOrBad(w, r, err)
		return
	}
	lv := loginView{view: d.baseView(w, r, nil, "Sign in"), Next: safeNext(r.PostFormValue("next")),
		Email: strings.TrimSpace(r.PostFormValue("email"))}
	names, values := r.PostForm["resume_name"], r.PostForm["resume_value"]
	for i := range names {
		if i < len(values) {
			lv.Resume = append(lv.Resume, field{Name: names[i], Value: values[i]})
		}
	}
	if !d.checkCSRF(r) {
		lv.CSRF = d.csrfToken(w, r)
		lv.Notice = "The sign-in form had expired. Please sign in again."
		d.render(w, r, http.StatusForbidden, "login", lv)
		return
	}
	ip := clientIP(r)
	if !d.limiter(ip).Allow() {
		w.Header().Set("Retry-After", "60")
		lv.Notice = "Too many sign-in attempts from your address. Wait a minute and try again."
		d.render(w, r, http.StatusTooManyRequests, "login", lv)
		return
	}
	ctx, now := r.Context(), d.cfg.Now()
	key := "email:" + strings.ToLower(lv.Email)
	fails, err := d.st.LoginFailures(ctx, key, now, loginWindow)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	u, err := d.st.UserByEmail(ctx, lv.Email)
	ok := false
	if err == nil && !u.Disabled && u.PasswordHash != "" && fails < loginMaxFailures {
		ok, _ = account.CheckPassword(u.PasswordHash, r.PostFormValue("password"))
	} else if err != nil && !errors.Is(err, content.ErrNotFound) {
		d.fail(w, r, err)
		return
	} else {
		// Spend the same time as a real check so that timing does not reveal accounts.
		_, _ = account.CheckPassword(dummyHash, r.PostFormValue("password"))
	}
	if !ok {
		_ = d.st.WithTx(ctx, func(tx *store.Tx) error {
			_, err := tx.LoginFailure(ctx, key, now, loginWindow)
			return err
		})
		lv.Notice = genericLoginError
		d.render(w, r, http.StatusUnauthorized, "login", lv)
		return
	}
	_ = d.st.ClearLoginFailures(ctx, key)
	secret, err := account.NewSecret("nds_")
	if err != nil {
		d.fail(w, r, err)
		return
	}
	err = d.st.WithTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateSession(ctx, account.HashSecret(secret), u.ID, now, now.Add(sessionTTL)); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "login", "user", u.ID, "")
	})
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.SetCookie(w, d.cookie(sessionCookie, secret, int(sessionTTL/time.Second)))
	if len(lv.Resume) > 0 {
		// Give back what was sent when the session expired, ready to send again.
		rv := resumeView{view: d.baseView(w, r, &u, "Send again"), Action: lv.Next, Fields: lv.Resume}
		d.render(w, r, http.StatusOK, "resume", rv)
		return
	}
	http.Redirect(w, r, lv.Next, http.StatusSeeOther)
}

// dummyHash is checked against when the account does not exist (constant-time login).
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0000000000000000000000000000000000000000000"

type resumeView struct {
	view
	Action string
	Fields []field
}

func (d *Desk) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := d.st.DeleteSession(r.Context(), account.HashSecret(c.Value)); err != nil {
			d.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, d.cookie(sessionCookie, "", -1))
	http.Redirect(w, r, "/newsroom/login", http.StatusSeeOther)
}

func (d *Desk) logoutEverywhere(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	err := d.st.WithTx(r.Context(), func(tx *store.Tx) error {
		if _, err := tx.DeleteUserSessions(r.Context(), u.ID); err != nil {
			return err
		}
		return tx.Audit(r.Context(), u.ID, "logout_everywhere", "user", u.ID, "")
	})
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.SetCookie(w, d.cookie(sessionCookie, "", -1))
	http.Redirect(w, r, "/newsroom/login", http.StatusSeeOther)
}
