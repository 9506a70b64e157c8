package desk_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/notify"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/web/desk"
)

// clock is the injected time of a newsroom under test.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// newDeskSite serves the newsroom alone on a fresh SQLite database, with an injected clock
// and the client address taken from X-Forwarded-For (the test server is the trusted proxy).
func newDeskSite(t *testing.T) (*site, *clock) {
	t.Helper()
	st := testkit.Store(t, testkit.DSN(t, "sqlite"))
	clk := &clock{now: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
	trusted, err := httpx.ParseTrusted("127.0.0.1,::1")
	if err != nil {
		t.Fatal(err)
	}
	dk, err := desk.New(desk.Config{Service: newsroom.New(st, nil, clk.Now), Accounts: account.New(st, nil, clk.Now),
		Wire: syndication.New(syndication.Config{Store: st, Now: clk.Now}), Notify: notify.New(notify.Config{Store: st, Now: clk.Now}), Storage: st, Logger: slog.New(slog.DiscardHandler), Now: clk.Now,
		ClientIP: httpx.ClientIP{Header: "X-Forwarded-For", Trusted: trusted}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(dk)
	t.Cleanup(srv.Close)
	hash, err := account.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range account.Roles() {
		testkit.AddUser(t, st, account.User{Email: role + "@x.test", Name: "Test " + role, Role: role, PasswordHash: hash, CreatedAt: clk.Now()})
	}
	return &site{srv: srv, st: st}, clk
}

// headers adds fixed headers (a client address, an Origin) to every request of a client.
type headers struct{ h http.Header }

func (hd headers) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	for k, v := range hd.h {
		r.Header[k] = v
	}
	return http.DefaultTransport.RoundTrip(r)
}

// from makes c's requests come from a client address, through the trusted proxy.
func from(c *client, addr string) *client {
	c.http.Transport = headers{http.Header{"X-Forwarded-For": {addr}}}
	return c
}

func (s *site) userID(t *testing.T, email string) int64 {
	t.Helper()
	u, err := s.st.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func (c *client) cookie(name string) string {
	u, _ := url.Parse(c.s.srv.URL)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// TestForgedPostKeepsNothing: a POST that fails the Origin or CSRF check is refused with 403
// and nothing it sent comes back, in a form or otherwise; nothing is changed.
func TestForgedPostKeepsNothing(t *testing.T) {
	s, _ := newDeskSite(t)
	target := "/newsroom/users/" + strconv.FormatInt(s.userID(t, "correspondent@x.test"), 10)
	const marker = "zqxmarker42"
	body := "action=role&role=admin&note=" + marker
	admin := s.client(t)
	admin.login("admin@x.test")
	anonymous := s.client(t)
	anonymous.get("/newsroom/login") // a CSRF cookie, no session
	tests := []struct {
		name   string
		c      *client
		origin string
		csrf   string // "" sends none, "valid" the client's own token
		site   string // Sec-Fetch-Site, when not ""
	}{
		{"no cookies, foreign origin", s.client(t), "https://evil.example", "", ""},
		{"no cookies, no origin", s.client(t), "", "", ""},
		{"no cookies, a made-up token", s.client(t), "", strings.Repeat("c", 43), ""},
		{"signed out, wrong token", anonymous, "", strings.Repeat("c", 43), ""},
		{"signed out, valid token, foreign origin", anonymous, "https://evil.example", "valid", ""},
		{"signed in, no token", admin, "", "", ""},
		{"signed in, stale token", admin, "", strings.Repeat("c", 43), ""},
		{"signed in, valid token, foreign origin", admin, "https://evil.example", "valid", ""},
		{"signed in, valid token, opaque origin", admin, "null", "valid", ""},
		{"signed in, valid token, from a sibling subdomain", admin, "", "valid", "same-site"},
		{"signed in, valid token, from another site", admin, "", "valid", "cross-site"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			form := body
			switch tc.csrf {
			case "valid":
				form += "&csrf=" + tc.c.csrf
			case "":
			default:
				form += "&csrf=" + tc.csrf
			}
			req, err := http.NewRequest("POST", s.srv.URL+target, strings.NewReader(form))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tc.origin != "" {
				req.Header.Set("Origin", tc.origin)
			}
			if tc.site != "" {
				req.Header.Set("Sec-Fetch-Site", tc.site)
			}
			resp, err := tc.c.http.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			page := string(b)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("status %d, want 403", resp.StatusCode)
			}
			for _, kept := range []string{marker, `value="admin"`, "resume_", "Send again"} {
				if strings.Contains(page, kept) {
					t.Errorf("the answer keeps %q:\n%s", kept, page)
				}
			}
		})
	}
	u, err := s.st.UserByEmail(context.Background(), "correspondent@x.test")
	if err != nil || u.Role != account.RoleCorrespondent {
		t.Errorf("the correspondent is now %q (%v)", u.Role, err)
	}
}

var (
	hiddenRe  = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
	csrfCkRe  = regexp.MustCompile(`nd_csrf=([^;]+)`)
	resumeRe  = regexp.MustCompile(`(?s)<form method="post" action="/newsroom/users/\d+">(.*?)</form>`)
	visibleRe = regexp.MustCompile(`<(?:input|textarea) [^>]*name="([^"]+)"`)
)

// keptForm returns the hidden fields of a sign-in page, to send with the sign-in.
func keptForm(page string) url.Values {
	form := url.Values{}
	for _, m := range hiddenRe.FindAllStringSubmatch(page, -1) {
		if m[1] != "csrf" {
			form.Add(m[1], htmlUnescape(m[2]))
		}
	}
	return form
}

// TestExpiredSessionResume: a same-origin POST with a valid token whose session expired is
// kept through sign-in, only for the browser that sent it, unchanged, with every field
// shown; the CSRF cookie is new after sign-in and the page to send again carries it.
func TestExpiredSessionResume(t *testing.T) {
	s, _ := newDeskSite(t)
	ctx := context.Background()
	corr := strconv.FormatInt(s.userID(t, "correspondent@x.test"), 10)
	c := s.client(t)
	c.login("admin@x.test")
	if err := s.st.WithTx(ctx, func(tx *store.Tx) error {
		_, err := tx.DeleteUserSessions(ctx, s.userID(t, "admin@x.test"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	note := strings.Repeat("A long note typed while the session expired. ", 5)
	st, page, _ := c.post("/newsroom/users/"+corr, url.Values{"action": {"role"}, "role": {"editor"}, "note": {note}})
	if st != http.StatusUnauthorized || !strings.Contains(page, "Sign in") {
		t.Fatalf("expired session: %d", st)
	}
	kept := keptForm(page)
	if kept.Get("resume_mac") == "" || len(kept["resume_name"]) != 3 {
		t.Fatalf("the sign-in page keeps %v", kept)
	}
	signIn := func(c *client, kept url.Values) (int, string, http.Header) {
		t.Helper()
		form := url.Values{"email": {"admin@x.test"}, "password": {password}}
		for k, v := range kept {
			form[k] = v
		}
		return c.post("/newsroom/login", form)
	}

	// Another browser replaying the kept fields (with its own CSRF cookie) signs in, but
	// gets nothing back.
	other := s.client(t)
	other.get("/newsroom/login")
	if st, page, _ := signIn(other, kept); st != http.StatusSeeOther || strings.Contains(page, "Send again") {
		t.Errorf("another browser: %d, resume page %v", st, strings.Contains(page, "Send again"))
	}
	// The same browser with a changed value gets nothing back either.
	tampered := url.Values{}
	for k, v := range kept {
		tampered[k] = append([]string(nil), v...)
	}
	for i, n := range tampered["resume_name"] {
		if n == "role" {
			tampered["resume_value"][i] = "admin"
		}
	}
	same := s.client(t)
	same.http.Jar = c.http.Jar // the same browser, before its sign-in
	same.csrf = c.csrf
	u, _ := url.Parse(s.srv.URL)
	before := append([]*http.Cookie(nil), c.http.Jar.Cookies(u)...)
	if st, page, _ := signIn(same, tampered); st != http.StatusSeeOther || strings.Contains(page, "Send again") {
		t.Errorf("tampered fields: %d, resume page %v", st, strings.Contains(page, "Send again"))
	}
	// The same browser, unchanged: the page to send again, every field visible.
	c.http.Jar.SetCookies(u, before)
	c.get("/newsroom/login")
	oldCSRF := c.cookie("nd_csrf")
	st, page, h := signIn(c, kept)
	if st != http.StatusOK || !strings.Contains(page, "Send again") {
		t.Fatalf("after sign-in: %d\n%s", st, page)
	}
	m := csrfCkRe.FindStringSubmatch(strings.Join(h.Values("Set-Cookie"), "\n"))
	if m == nil || m[1] == oldCSRF {
		t.Fatalf("the CSRF cookie was not renewed at sign-in: %v", h.Values("Set-Cookie"))
	}
	form := resumeRe.FindStringSubmatch(page)
	if form == nil {
		t.Fatalf("no form to send again:\n%s", page)
	}
	if !strings.Contains(form[1], `name="csrf" value="`+m[1]+`"`) {
		t.Error("the form to send again does not carry the new CSRF token")
	}
	var shown []string
	for _, v := range visibleRe.FindAllStringSubmatch(strings.ReplaceAll(form[1], `<input type="hidden" name="csrf"`, ""), -1) {
		shown = append(shown, v[1])
	}
	if strings.Contains(strings.ReplaceAll(form[1], `type="hidden" name="csrf"`, ""), `type="hidden"`) ||
		strings.Join(shown, ",") != "action,note,role" {
		t.Errorf("fields shown: %v; want action, note and role, none hidden:\n%s", shown, form[1])
	}
	if !strings.Contains(form[1], "<textarea") || !strings.Contains(form[1], "A long note typed") {
		t.Error("the long note is not in a textarea")
	}
	// The old token is dead; sending again with the new one works.
	if st, _, _ := c.post("/newsroom/users/"+corr, url.Values{"action": {"role"}, "role": {"editor"}, "csrf": {oldCSRF}}); st != http.StatusForbidden {
		t.Errorf("the CSRF token of before the sign-in still works: %d", st)
	}
	if st, _, _ := c.post("/newsroom/users/"+corr, url.Values{"action": {"role"}, "role": {"editor"}, "csrf": {m[1]}}); st != http.StatusSeeOther {
		t.Errorf("send again: %d", st)
	}
	if u, _ := s.st.UserByID(ctx, s.userID(t, "correspondent@x.test")); u.Role != account.RoleEditor {
		t.Errorf("role after sending again: %s", u.Role)
	}
}

// TestSignInThrottle: wrong passwords slow down the address that sends them, for that
// account only, with growing waits answered 429 with Retry-After; the right password from
// elsewhere still works; an attack is written once to the audit log.
func TestSignInThrottle(t *testing.T) {
	s, clk := newDeskSite(t)
	ctx := context.Background()
	// try signs in from addr with a fresh browser (the throttle knows addresses, not browsers).
	try := func(addr, email, pw string) (int, string, http.Header) {
		t.Helper()
		c := from(s.client(t), addr)
		c.get("/newsroom/login")
		return c.post("/newsroom/login", url.Values{"email": {email}, "password": {pw}})
	}
	const a = "203.0.113.7"
	for i := 1; i <= account.LoginFreeFailures; i++ {
		st, body, h := try(a, "admin@x.test", "wrong guess "+strconv.Itoa(i))
		if st != http.StatusUnauthorized || !strings.Contains(body, "not right") {
			t.Fatalf("failure %d: %d", i, st)
		}
		if want := map[bool]string{true: "15", false: ""}[i == account.LoginFreeFailures]; h.Get("Retry-After") != want {
			t.Errorf("failure %d says Retry-After %q, want %q", i, h.Get("Retry-After"), want)
		}
	}
	// The next attempt from that address is not even checked: the right password waits too.
	st, body, h := try(a, "admin@x.test", password)
	if st != http.StatusTooManyRequests || h.Get("Retry-After") != "15" || !strings.Contains(body, "15 seconds") {
		t.Fatalf("throttled attempt: %d, Retry-After %q", st, h.Get("Retry-After"))
	}
	// The right password from another address signs in at once.
	if st, _, _ := try("198.51.100.4", "admin@x.test", password); st != http.StatusSeeOther {
		t.Errorf("sign-in from another address: %d, want 303", st)
	}
	// Another account from the same address is not slowed down.
	if st, _, _ := try(a, "editor@x.test", password); st != http.StatusSeeOther {
		t.Errorf("another account from the throttled address: %d", st)
	}
	// An unknown account is throttled alike (nothing tells which accounts exist).
	for i := 0; i < account.LoginFreeFailures; i++ {
		try("203.0.113.8", "nobody@x.test", "wrong guess")
	}
	if st, _, _ := try("203.0.113.8", "nobody@x.test", "wrong guess"); st != http.StatusTooManyRequests {
		t.Errorf("unknown account: %d, want 429", st)
	}
	// The wait grows: 15 s, then 30 s.
	clk.advance(16 * time.Second)
	if st, _, h := try(a, "admin@x.test", "wrong again"); st != http.StatusUnauthorized || h.Get("Retry-After") != "30" {
		t.Errorf("sixth failure: %d, Retry-After %q, want 401 and 30", st, h.Get("Retry-After"))
	}
	clk.advance(20 * time.Second)
	if st, _, h := try(a, "admin@x.test", password); st != http.StatusTooManyRequests || h.Get("Retry-After") != "10" {
		t.Errorf("20 s into a 30 s wait: %d, Retry-After %q", st, h.Get("Retry-After"))
	}
	clk.advance(11 * time.Second)
	if st, _, _ := try(a, "admin@x.test", password); st != http.StatusSeeOther {
		t.Errorf("after the wait: %d", st)
	}
	// A successful sign-in forgets that address's failures.
	if st, _, h := try(a, "admin@x.test", "wrong once more"); st != http.StatusUnauthorized || h.Get("Retry-After") != "" {
		t.Errorf("after a sign-in: %d, Retry-After %q", st, h.Get("Retry-After"))
	}
	// IPv6 clients are one address per /64.
	for i := 0; i < account.LoginFreeFailures; i++ {
		try("2001:db8:0:1::1", "editor@x.test", "wrong guess")
	}
	if st, _, _ := try("2001:db8:0:1::ffff", "editor@x.test", password); st != http.StatusTooManyRequests {
		t.Errorf("same /64: %d, want 429", st)
	}
	if st, _, _ := try("2001:db8:0:2::1", "editor@x.test", password); st != http.StatusSeeOther {
		t.Errorf("another /64: %d, want 303", st)
	}
	// The admin account had 7 failures: the 10th from anywhere within the window writes the
	// attack to the audit log, the 11th does not write it again.
	attacks := func() int {
		entries, err := s.st.AuditLog(ctx, 200, 0)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range entries {
			if e.Action == "login_attack" {
				n++
				if !strings.Contains(e.Detail, "failed sign-ins") {
					t.Errorf("audit detail %q", e.Detail)
				}
			}
		}
		return n
	}
	for i := 1; i <= 4; i++ {
		try("192.0.2."+strconv.Itoa(i), "admin@x.test", "wrong guess")
		if n, want := attacks(), map[bool]int{true: 1, false: 0}[i >= 3]; n != want {
			t.Errorf("after %d failures: %d attack entries in the audit log, want %d", 7+i, n, want)
		}
	}
}

// TestEndingAccessRevokesTokens: "sign out everywhere", an administrator ending a user's
// sessions, and disabling (then enabling) a user revoke the user's personal API tokens.
func TestEndingAccessRevokesTokens(t *testing.T) {
	s, _ := newDeskSite(t)
	ctx := context.Background()
	newToken := func(c *client) string {
		t.Helper()
		c.get("/newsroom/tokens")
		st, body, _ := c.post("/newsroom/tokens", url.Values{"name": {"script"}})
		m := regexp.MustCompile(`ndt_[A-Za-z0-9_-]+`).FindString(body)
		if st != http.StatusOK || m == "" {
			t.Fatalf("create token: %d", st)
		}
		return m
	}
	works := func(secret string) bool {
		_, err := s.st.TokenUser(ctx, account.HashSecret(secret))
		return err == nil
	}
	admin := s.client(t)
	admin.login("admin@x.test")
	ed := s.client(t)
	ed.login("editor@x.test")
	edID := strconv.FormatInt(s.userID(t, "editor@x.test"), 10)

	tok := newToken(ed)
	if !works(tok) {
		t.Fatal("a new token does not work")
	}
	ed.post("/newsroom/logout-everywhere", nil)
	if works(tok) {
		t.Error("a token survived sign out everywhere")
	}

	ed.login("editor@x.test")
	tok = newToken(ed)
	admin.get("/newsroom/users")
	if st, _, _ := admin.post("/newsroom/users/"+edID, url.Values{"action": {"logout"}}); st != http.StatusSeeOther {
		t.Fatalf("end sessions: %d", st)
	}
	if works(tok) {
		t.Error("a token survived an administrator ending the user's sessions")
	}

	ed.login("editor@x.test")
	tok = newToken(ed)
	for _, action := range []string{"disable", "enable"} {
		if st, _, _ := admin.post("/newsroom/users/"+edID, url.Values{"action": {action}}); st != http.StatusSeeOther {
			t.Fatalf("%s: %d", action, st)
		}
	}
	if works(tok) {
		t.Error("a token survived disable and enable")
	}
}

// TestNewsroomRefusesWeakPasswords: adding a user in the newsroom applies the password policy.
func TestNewsroomRefusesWeakPasswords(t *testing.T) {
	s, _ := newDeskSite(t)
	admin := s.client(t)
	admin.login("admin@x.test")
	tests := []struct{ password, reason string }{
		{strings.Repeat(" ", 12), "only spaces"},
		{"aaaaaaaaaaaa", "repeats"},
		{"1234567890", "sequence"},
		{"password123", "commonly used"},
	}
	for i, tc := range tests {
		st, body, _ := admin.post("/newsroom/users", url.Values{"email": {"weak" + strconv.Itoa(i) + "@x.test"}, "name": {"Weak"},
			"role": {"correspondent"}, "password": {tc.password}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, tc.reason) {
			t.Errorf("password %q: %d, want 422 saying %q", tc.password, st, tc.reason)
		}
	}
	if st, _, _ := admin.post("/newsroom/users", url.Values{"email": {"fine@x.test"}, "name": {"Fine"},
		"role": {"correspondent"}, "password": {"the ferry leaves at dawn"}}); st != http.StatusSeeOther {
		t.Errorf("passphrase: %d", st)
	}
}

// TestResumeBoundToUser: a form kept after its session expired comes back only to the user
// whose session it was; another user signing in on the same browser (a shared computer)
// gets nothing back.
func TestResumeBoundToUser(t *testing.T) {
	s, clk := newDeskSite(t)
	corr := strconv.FormatInt(s.userID(t, "correspondent@x.test"), 10)
	c := s.client(t)
	c.login("admin@x.test")
	clk.advance(account.SessionTTL + time.Hour) // the session expires, its cookie stays
	st, page, _ := c.post("/newsroom/users/"+corr, url.Values{"action": {"role"}, "role": {"editor"}})
	if st != http.StatusUnauthorized {
		t.Fatalf("expired session: %d", st)
	}
	kept := keptForm(page)
	if kept.Get("resume_mac") == "" {
		t.Fatalf("nothing kept: %v", kept)
	}
	u, _ := url.Parse(s.srv.URL)
	before := append([]*http.Cookie(nil), c.http.Jar.Cookies(u)...)
	for _, tc := range []struct {
		email string
		back  bool
	}{{"editor@x.test", false}, {"admin@x.test", true}} {
		c.http.Jar.SetCookies(u, before) // the same browser, before either sign-in
		form := url.Values{"email": {tc.email}, "password": {password}}
		for k, v := range kept {
			form[k] = v
		}
		st, page, _ := c.post("/newsroom/login", form)
		if got := st == http.StatusOK && strings.Contains(page, "Send again"); got != tc.back || (!tc.back && st != http.StatusSeeOther) {
			t.Errorf("%s signs in: %d, fields back %v, want %v", tc.email, st, got, tc.back)
		}
	}
}
