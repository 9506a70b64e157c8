package desk

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

const (
	sessionCookie = "nd_session"
	csrfCookie    = "nd_csrf"
	csrfField     = "csrf"
	// resumeTTL is how long a form kept through an expired session may be sent again.
	resumeTTL = 12 * time.Hour
)

type ctxKey int

const userKey ctxKey = 1

func userFrom(ctx context.Context) *account.User {
	u, _ := ctx.Value(userKey).(*account.User)
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

// rotateCSRF gives the visitor a new CSRF token (at sign-in), for the answer being made
// too: the pages rendered from r on carry the new token.
func (d *Desk) rotateCSRF(w http.ResponseWriter, r *http.Request) error {
	tok, err := account.NewSecret("")
	if err != nil {
		return fmt.Errorf("new csrf token: %w", err)
	}
	http.SetCookie(w, d.cookie(csrfCookie, tok, 0))
	old := r.Cookies()
	r.Header.Del("Cookie")
	for _, c := range old {
		if c.Name != csrfCookie {
			r.AddCookie(c)
		}
	}
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: tok}) // #nosec G124 -- added to the incoming request, never sent
	return nil
}

// checkCSRF verifies the double-submit token of a state-changing request and that the
// browser says it comes from this site: an Origin header, when present, must be this
// host (an opaque "null" origin, sent after a cross-site redirect or from a sandboxed
// frame, is refused), and Sec-Fetch-Site, when present, must be same-origin (a sibling
// subdomain is same-site but not ours) or none (typed by the user).
func (d *Desk) checkCSRF(r *http.Request) bool {
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if o == "null" || err != nil || u.Host != r.Host {
			return false
		}
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	c, err := r.Cookie(csrfCookie)
	if err != nil || len(c.Value) < 32 {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue(csrfField))) == 1
}

// currentUser returns the signed-in user of a request, or nil.
func (d *Desk) currentUser(r *http.Request) (*account.User, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	u, err := d.cfg.Accounts.SessionUser(r.Context(), c.Value)
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
		if u != nil {
			// Known before any page is rendered, so that every page (a refusal too)
			// speaks the user's language and shows the user's time zone.
			r = r.WithContext(context.WithValue(r.Context(), userKey, u))
		}
		if r.Method == http.MethodPost {
			if err := parseForm(w, r); err != nil {
				d.tooLargeOrBad(w, r, err)
				return
			}
			// Checked before the session, so that a forged request is never kept for
			// sending again after a sign-in.
			if !d.checkCSRF(r) {
				d.forgedForm(w, r, u)
				return
			}
		}
		if u == nil {
			d.loginRequired(w, r)
			return
		}
		if act != "" && !account.Can(u.Role, act) {
			d.forbidden(w, r, u)
			return
		}
		h(w, r)
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

// forgedForm refuses a POST that fails the Origin or CSRF check: it may come from another
// site, so nothing it sent is shown back or kept, and nothing is done.
func (d *Desk) forgedForm(w http.ResponseWriter, r *http.Request, u *account.User) {
	mv := messageView{view: d.baseView(w, r, u, "Form not accepted"), Heading: "Form not accepted", Back: "/newsroom/",
		Text: d.tr(r, "This form could not be checked: it was sent from another site, or opened before your last sign-in. "+
			"Nothing was done and nothing it sent was kept. Go back (your browser usually still has what you typed), "+
			"copy your text, reload the page and send it again.")}
	d.render(w, r, http.StatusForbidden, "message", mv)
}

// loginRequired shows the sign-in page. For a POST whose session expired (its Origin and
// CSRF token are checked already) the page keeps the submitted fields, signed for this
// browser, so that they come back after the sign-in.
func (d *Desk) loginRequired(w http.ResponseWriter, r *http.Request) {
	lv := loginView{view: d.baseView(w, r, nil, "Sign in"), Next: safeNext(r.URL.Path)}
	if r.Method == http.MethodPost {
		lv.keep(lv.CSRF, d.cfg.Now().Unix(), d.expiredOwner(r), formFields(r))
		lv.Notice = "Your session has expired. Sign in again: what you sent is kept and comes back after you sign in, to check and send again."
	}
	d.render(w, r, http.StatusUnauthorized, "login", lv)
}

type field struct{ Name, Value string }

// Long reports a field to show in a textarea (a story's text, or any long or multi-line value).
func (f field) Long() bool {
	return f.Name == "body" || f.Name == "text" || len(f.Value) > 80 || strings.Contains(f.Value, "\n")
}

// Rows is the height of the textarea of a long field.
func (f field) Rows() int {
	if f.Name == "body" || f.Name == "text" {
		return 14
	}
	return 4
}

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
	// ResumeAt, ResumeOwner and ResumeMAC bind the kept fields to this browser's CSRF
	// cookie, the target, the time they were kept and the user whose session had expired
	// (0 when no session was left to tell; see resumeMAC).
	ResumeAt    int64
	ResumeOwner int64
	ResumeMAC   string
}

// keep puts fields on the sign-in page, signed with the browser's CSRF token.
func (lv *loginView) keep(csrf string, at, owner int64, fields []field) {
	if len(fields) == 0 || csrf == "" {
		return
	}
	lv.Resume, lv.ResumeAt, lv.ResumeOwner = fields, at, owner
	lv.ResumeMAC = resumeMAC(csrf, lv.Next, at, owner, fields)
}

// expiredOwner returns the id of the user whose (expired) session cookie came with r, or 0
// when there is none left to tell (signed out, or never signed in).
func (d *Desk) expiredOwner(r *http.Request) int64 {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return 0
	}
	u, err := d.cfg.Accounts.SessionOwner(r.Context(), c.Value)
	if err != nil {
		return 0
	}
	return u.ID
}

// resumeMAC signs kept fields with the CSRF token of the browser that sent them: only that
// browser (whose HttpOnly cookie holds the token) can bring them back, unchanged, to the
// same target. The token changes at sign-in, so kept fields come back once.
func resumeMAC(csrf, next string, at, owner int64, fields []field) string {
	m := hmac.New(sha256.New, []byte(csrf))
	put := func(s string) { _, _ = fmt.Fprintf(m, "%d:%s;", len(s), s) }
	put("newsdesk resume 2")
	put(next)
	put(strconv.FormatInt(at, 10))
	put(strconv.FormatInt(owner, 10))
	for _, f := range fields {
		put(f.Name)
		put(f.Value)
	}
	return hex.EncodeToString(m.Sum(nil))
}

// keptFields returns the fields a sign-in form brings back and the user they were kept for
// (0: any), or nil unless they were kept for this browser (CSRF cookie), this target and
// not longer than resumeTTL ago.
func (d *Desk) keptFields(r *http.Request, next string) ([]field, int64) {
	names, values := r.PostForm["resume_name"], r.PostForm["resume_value"]
	if len(names) == 0 || len(names) != len(values) {
		return nil, 0
	}
	at, err := strconv.ParseInt(r.PostFormValue("resume_at"), 10, 64)
	if err != nil {
		return nil, 0
	}
	owner, err := strconv.ParseInt(r.PostFormValue("resume_owner"), 10, 64)
	if err != nil {
		return nil, 0
	}
	if age := d.cfg.Now().Sub(time.Unix(at, 0)); age < 0 || age > resumeTTL {
		return nil, 0
	}
	c, err := r.Cookie(csrfCookie)
	if err != nil {
		return nil, 0
	}
	fields := make([]field, len(names))
	for i := range names {
		fields[i] = field{Name: names[i], Value: values[i]}
	}
	want := resumeMAC(c.Value, next, at, owner, fields)
	if !hmac.Equal([]byte(want), []byte(r.PostFormValue("resume_mac"))) {
		return nil, 0
	}
	return fields, owner
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

var genericLoginError = en("The email or password is not right.")

func (d *Desk) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		d.tooLargeOrBad(w, r, err)
		return
	}
	if !d.checkCSRF(r) {
		// Possibly forged: nothing sent is kept, not even the email.
		lv := loginView{view: d.baseView(w, r, nil, "Sign in"), Next: "/newsroom/"}
		lv.Notice = "The sign-in form had expired. Please sign in again."
		d.render(w, r, http.StatusForbidden, "login", lv)
		return
	}
	ctx, now := r.Context(), d.cfg.Now()
	lv := loginView{view: d.baseView(w, r, nil, "Sign in"), Next: safeNext(r.PostFormValue("next")),
		Email: strings.TrimSpace(r.PostFormValue("email"))}
	resume, owner := d.keptFields(r, lv.Next)
	if resume != nil {
		at, _ := strconv.ParseInt(r.PostFormValue("resume_at"), 10, 64)
		lv.keep(lv.CSRF, at, owner, resume)
	}
	ip := d.cfg.ClientIP.Of(r)
	addr := addressKey(ip)
	if wait, ok := d.loginAllowed(addr, now); !ok {
		d.tooManyLogins(w, r, lv, wait, en("Too many sign-in attempts from your address."))
		return
	}
	u, secret, err := d.cfg.Accounts.SignIn(ctx, account.SignIn{Email: lv.Email, Password: r.PostFormValue("password"), Address: addr, IP: ip})
	var le *account.LoginError
	if errors.As(err, &le) {
		if le.Throttled {
			d.tooManyLogins(w, r, lv, le.Wait, en("Too many failed sign-ins for this account from your address."))
			return
		}
		lv.Notice = genericLoginError
		if le.Wait > 0 {
			w.Header().Set("Retry-After", retryAfter(le.Wait))
			lv.Notice = d.tr(r, genericLoginError) + " " + d.tr(r, "Wait %s seconds before the next attempt from your address.", retryAfter(le.Wait))
		}
		d.render(w, r, http.StatusUnauthorized, "login", lv)
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	// A new CSRF token with the new session: a token seen before the sign-in is worth nothing.
	if err := d.rotateCSRF(w, r); err != nil {
		d.fail(w, r, err)
		return
	}
	http.SetCookie(w, d.cookie(sessionCookie, secret, int(account.SessionTTL/time.Second)))
	// Kept for the user whose session expired: no one else signing in on this browser
	// (a shared computer) gets them.
	if len(resume) > 0 && (owner == 0 || owner == u.ID) {
		// Give back what was sent when the session expired, every field shown, to check and
		// send again with the new token.
		rv := resumeView{view: d.baseView(w, r, &u, "Send again"), Action: lv.Next, Fields: resume}
		d.render(w, r, http.StatusOK, "resume", rv)
		return
	}
	http.Redirect(w, r, lv.Next, http.StatusSeeOther)
}

// tooManyLogins answers a sign-in attempt that is not checked yet: 429 with Retry-After.
func (d *Desk) tooManyLogins(w http.ResponseWriter, r *http.Request, lv loginView, wait time.Duration, why string) {
	w.Header().Set("Retry-After", retryAfter(wait))
	lv.Notice = d.tr(r, why) + " " + d.tr(r, "Wait %s seconds and try again.", retryAfter(wait))
	d.render(w, r, http.StatusTooManyRequests, "login", lv)
}

// retryAfter is a wait in whole seconds, rounded up.
func retryAfter(wait time.Duration) string {
	return strconv.FormatInt(int64((wait+time.Second-1)/time.Second), 10)
}

type resumeView struct {
	view
	Action string
	Fields []field
}

func (d *Desk) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := d.cfg.Accounts.SignOut(r.Context(), c.Value); err != nil {
			d.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, d.cookie(sessionCookie, "", -1))
	http.Redirect(w, r, "/newsroom/login", http.StatusSeeOther)
}

func (d *Desk) logoutEverywhere(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	err := d.cfg.Accounts.SignOutEverywhere(r.Context(), *u)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.SetCookie(w, d.cookie(sessionCookie, "", -1))
	http.Redirect(w, r, "/newsroom/login", http.StatusSeeOther)
}
