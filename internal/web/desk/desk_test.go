package desk_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
	"github.com/newsdesk/newsdesk/internal/validate"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const password = "a long test password"

type site struct {
	srv  *httptest.Server
	st   *store.Store
	site *app.Site
}

func newSite(t *testing.T, dsn string) *site {
	t.Helper()
	st := sitekit.Demo(t, dsn)
	srv, s := sitekit.Serve(t, config.Config{TimeZone: "Asia/Baku", Media: t.TempDir()}, st)
	hash, err := account.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range account.Roles() {
		testkit.AddUser(t, st, account.User{Email: role + "@x.test", Name: "Test " + role, Role: role, PasswordHash: hash, CreatedAt: time.Now()})
	}
	return &site{srv: srv, st: st, site: s}
}

// client is a browser-like HTTP client with cookies that does not follow redirects.
type client struct {
	t    *testing.T
	s    *site
	http *http.Client
	csrf string
}

func (s *site) client(t *testing.T) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, s: s, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) do(method, path string, form url.Values) (int, string, http.Header) {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.s.srv.URL+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if m := csrfRe.FindSubmatch(b); m != nil {
		c.csrf = string(m[1])
	}
	return resp.StatusCode, string(b), resp.Header
}

// status sends a GET and returns the status without reading the body (an event stream).
func (c *client) status(path string) int {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", c.s.srv.URL+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("GET %s: %v", path, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func (c *client) get(path string) (int, string) {
	c.t.Helper()
	st, body, _ := c.do("GET", path, nil)
	return st, body
}

// post sends a form with the current CSRF token (fetching a page first if needed).
func (c *client) post(path string, form url.Values) (int, string, http.Header) {
	c.t.Helper()
	if c.csrf == "" {
		c.get("/newsroom/login")
	}
	if form == nil {
		form = url.Values{}
	}
	if form.Get("csrf") == "" {
		form.Set("csrf", c.csrf)
	}
	return c.do("POST", path, form)
}

func (c *client) login(email string) {
	c.t.Helper()
	c.get("/newsroom/login")
	st, body, _ := c.post("/newsroom/login", url.Values{"email": {email}, "password": {password}})
	if st != http.StatusSeeOther {
		c.t.Fatalf("login %s: %d %s", email, st, body)
	}
	c.get("/newsroom/") // the CSRF token is new after a sign-in
}

var idRe = regexp.MustCompile(`/newsroom/articles/(\d+)`)

// newStory creates a draft through the form and returns its id.
func (c *client) newStory(headline string) string {
	c.t.Helper()
	return c.createStory(url.Values{"language": {"en"}, "section": {"politics"}, "headline": {headline},
		"standfirst": {"Stand."}, "body": {"Text of the story.\n\n> “Quote,” said an aide."}, "tags": {"Energy, Grid"}, "urgency": {"4"}})
}

// createStory sends the new-story form with the given fields and returns the story's id.
func (c *client) createStory(f url.Values) string {
	c.t.Helper()
	c.get("/newsroom/articles/new")
	st, body, h := c.post("/newsroom/articles", f)
	m := idRe.FindStringSubmatch(h.Get("Location"))
	if st != http.StatusSeeOther || m == nil {
		c.t.Fatalf("create story: %d %s", st, body)
	}
	return m[1]
}

func TestLoginAndThrottle(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		c := s.client(t)
		if st, _ := c.get("/newsroom/"); st != http.StatusUnauthorized {
			t.Errorf("anonymous newsroom = %d, want 401 sign-in page", st)
		}
		c.get("/newsroom/login")
		st, body, _ := c.post("/newsroom/login", url.Values{"email": {"editor@x.test"}, "password": {"wrong password!"}})
		if st != http.StatusUnauthorized || !strings.Contains(body, "not right") {
			t.Errorf("wrong password: %d", st)
		}
		st, body2, _ := c.post("/newsroom/login", url.Values{"email": {"nobody@x.test"}, "password": {"wrong password!"}})
		if st != http.StatusUnauthorized || extractNotice(body) != extractNotice(body2) {
			t.Error("unknown account answers differently from a wrong password")
		}
		for i := 0; i < 5; i++ {
			c.post("/newsroom/login", url.Values{"email": {"admin@x.test"}, "password": {"guess number " + fmt.Sprint(i)}})
		}
		if st, _, _ := c.post("/newsroom/login", url.Values{"email": {"admin@x.test"}, "password": {password}}); st != http.StatusTooManyRequests {
			t.Errorf("throttled address signed in: %d", st)
		}
		c2 := s.client(t)
		c2.get("/newsroom/login")
		st, _, h := c2.post("/newsroom/login", url.Values{"email": {"EDITOR@x.test"}, "password": {password}})
		if st != http.StatusSeeOther {
			t.Fatalf("login = %d", st)
		}
		cookie := h.Values("Set-Cookie")
		if !strings.Contains(strings.Join(cookie, ";"), "nd_session=") || !strings.Contains(strings.Join(cookie, ";"), "HttpOnly") ||
			!strings.Contains(strings.Join(cookie, ";"), "SameSite=Lax") {
			t.Errorf("session cookie = %v", cookie)
		}
		if st, body := c2.get("/newsroom/"); st != 200 || !strings.Contains(body, "Test editor") {
			t.Errorf("signed-in newsroom = %d", st)
		}
		if _, _, hd := c2.do("GET", "/newsroom/", nil); hd.Get("Cache-Control") != "private, no-store" ||
			!strings.Contains(hd.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("newsroom headers: %v", hd)
		}
		// Log out everywhere ends every session of the user.
		c3 := s.client(t)
		c3.login("editor@x.test")
		c2.post("/newsroom/logout-everywhere", nil)
		if st, _ := c3.get("/newsroom/"); st != http.StatusUnauthorized {
			t.Errorf("other session after logout everywhere = %d", st)
		}
	})
}

// TestSignInOddEmails: addresses that PostgreSQL cannot store as they came (not UTF-8, or
// cut in the middle of a character at the length bound) answer as any unknown account.
func TestSignInOddEmails(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		c := s.client(t)
		c.get("/newsroom/login")
		_, want, _ := c.post("/newsroom/login", url.Values{"email": {"nobody@x.test"}, "password": {"wrong password!"}})
		for _, email := range []string{"a" + strings.Repeat("é", 200), "\xff\xfe@x.test", strings.Repeat("ж", 300) + "@x.test"} {
			if st, body, _ := c.post("/newsroom/login", url.Values{"email": {email}, "password": {"wrong password!"}}); st != http.StatusUnauthorized ||
				extractNotice(body) != extractNotice(want) {
				t.Errorf("sign-in as %.20q: %d %q", email, st, extractNotice(body))
			}
		}
	})
}

func extractNotice(body string) string {
	i := strings.Index(body, `class="notice"`)
	if i < 0 {
		return ""
	}
	return body[i : i+200]
}

func TestFormsKeepWhatWasTyped(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		c := s.client(t)
		c.login("correspondent@x.test")
		c.get("/newsroom/articles/new")
		// Missing required fields: re-rendered with the text kept and errors beside the fields.
		st, body, _ := c.post("/newsroom/articles", url.Values{"language": {"en"}, "section": {""}, "headline": {""},
			"body": {"My precious paragraph."}, "urgency": {"11"}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "My precious paragraph.") ||
			!strings.Contains(body, "A headline is required.") || !strings.Contains(body, "field-error") {
			t.Errorf("invalid form: %d", st)
		}
		// Preview renders Markdown without saving.
		st, body, _ = c.post("/newsroom/articles", url.Values{"language": {"en"}, "section": {"politics"}, "headline": {"H"},
			"body": {"> quoted words"}, "action": {"preview"}})
		if st != 200 || !strings.Contains(body, "<blockquote>") {
			t.Errorf("preview: %d", st)
		}
		// A stale CSRF token: a clear page; what was sent may be forged, so nothing is shown back.
		st, body, _ = c.do("POST", "/newsroom/articles", url.Values{"csrf": {"stale-token-stale-token-stale-token-xx"},
			"headline": {"Kept headline"}, "body": {"Kept body text"}})
		if st != http.StatusForbidden || !strings.Contains(body, "could not be checked") || strings.Contains(body, "Kept body text") {
			t.Errorf("stale CSRF: %d", st)
		}
		// An expired session mid-edit: sign in again and get the text back.
		id := c.newStory("Session test story")
		ctx := context.Background()
		u, _ := s.st.UserByEmail(ctx, "correspondent@x.test")
		if err := s.st.WithTx(ctx, func(tx *store.Tx) error { _, err := tx.DeleteUserSessions(ctx, u.ID); return err }); err != nil {
			t.Fatal(err)
		}
		st, body, _ = c.post("/newsroom/articles/"+id, url.Values{"headline": {"Session test story"}, "section": {"politics"},
			"body": {"Words typed while the session expired."}, "version": {"1"}})
		if st != http.StatusUnauthorized || !strings.Contains(body, "Words typed while the session expired.") {
			t.Fatalf("expired session: %d", st)
		}
		form := url.Values{"email": {"correspondent@x.test"}, "password": {password}, "next": {"/newsroom/articles/" + id}}
		for _, m := range regexp.MustCompile(`name="resume_name" value="([^"]*)"><input type="hidden" name="resume_value" value="([^"]*)"`).FindAllStringSubmatch(body, -1) {
			form.Add("resume_name", htmlUnescape(m[1]))
			form.Add("resume_value", htmlUnescape(m[2]))
		}
		for _, m := range regexp.MustCompile(`name="(resume_at|resume_owner|resume_mac)" value="([^"]*)"`).FindAllStringSubmatch(body, -1) {
			form.Set(m[1], m[2])
		}
		st, body, _ = c.post("/newsroom/login", form)
		if st != 200 || !strings.Contains(body, "Words typed while the session expired.") || !strings.Contains(body, "Send again") {
			t.Fatalf("after re-login: %d", st)
		}
	})
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&#39;", "'", "&#34;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#43;", "+").Replace(s)
}

func TestConflictPage(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		a, b := s.client(t), s.client(t)
		a.login("editor@x.test")
		b.login("admin@x.test")
		id := a.newStory("Concurrent edit story")
		form := func(body string) url.Values {
			return url.Values{"headline": {"Concurrent edit story"}, "section": {"politics"}, "body": {body}, "version": {"1"}}
		}
		if st, _, _ := a.post("/newsroom/articles/"+id, form("Editor A's version.")); st != http.StatusSeeOther {
			t.Fatalf("first save = %d", st)
		}
		st, body, _ := b.post("/newsroom/articles/"+id, form("Editor B's version."))
		if st != http.StatusConflict || !strings.Contains(body, "Editor A") || !strings.Contains(body, "Editor B") {
			t.Fatalf("second save = %d; both versions must show", st)
		}
	})
}

func TestWorkflowThroughForms(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		corr, ed := s.client(t), s.client(t)
		corr.login("correspondent@x.test")
		ed.login("editor@x.test")
		id := corr.newStory("Gas pipeline talks stall")
		if st, body := corr.get("/newsroom/articles/" + id); st != 200 || strings.Contains(body, "Publish now") {
			t.Errorf("correspondent edit page: %d, offers publishing", st)
		}
		if st, _, _ := corr.post("/newsroom/articles/"+id+"/publish", nil); st != http.StatusForbidden {
			t.Errorf("correspondent publish = %d", st)
		}
		if st, _, _ := corr.post("/newsroom/articles/"+id+"/submit", nil); st != http.StatusSeeOther {
			t.Errorf("submit = %d", st)
		}
		if _, body := ed.get("/newsroom/"); !strings.Contains(body, "1 waiting") {
			t.Error("no waiting badge for the editor")
		}
		if st, _, _ := ed.post("/newsroom/articles/"+id+"/publish", url.Values{"confirm": {"1"}}); st != http.StatusSeeOther {
			t.Errorf("publish = %d", st)
		}
		if st, body := ed.get("/en/politics/gas-pipeline-talks-stall"); st != 200 || !strings.Contains(body, "Gas pipeline talks stall") {
			t.Errorf("public page = %d", st)
		}
		if st, _, _ := ed.post("/newsroom/articles/"+id+"/correct", url.Values{"correction": {"The date was wrong."}}); st != http.StatusSeeOther {
			t.Errorf("correct = %d", st)
		}
		if _, body := ed.get("/en/politics/gas-pipeline-talks-stall"); !strings.Contains(body, "The date was wrong.") ||
			!strings.Contains(body, "CorrectionComment") {
			t.Error("correction not on the public page and in its JSON-LD")
		}
		st, revs := ed.get("/newsroom/articles/" + id + "/revisions")
		vs := regexp.MustCompile(`name="from" value="(\d+)"`).FindAllStringSubmatch(revs, -1)
		if st != 200 || len(vs) < 1 {
			t.Fatalf("revisions = %d, %d listed", st, len(vs))
		}
		if st, body := ed.get("/newsroom/articles/" + id + "/diff?from=1&to=" + vs[0][1]); st != 200 || !strings.Contains(body, "Version 1") {
			t.Errorf("diff = %d", st)
		}
		if st, _, _ := ed.post("/newsroom/articles/"+id+"/translate", url.Values{"language": {"ru"}}); st != http.StatusSeeOther {
			t.Errorf("translate = %d", st)
		}
		if st, _, _ := ed.post("/newsroom/articles/"+id+"/unpublish", url.Values{"reason": {"test"}}); st != http.StatusSeeOther {
			t.Errorf("unpublish = %d", st)
		}
		if st, _ := ed.get("/en/politics/gas-pipeline-talks-stall"); st != http.StatusGone {
			t.Errorf("withdrawn public page = %d, want 410", st)
		}
		// Briefs: quick entry, then develop into a story.
		if st, _, _ := ed.post("/newsroom/briefs", url.Values{"language": {"en"}, "section": {"politics"}, "text": {"The cabinet met today."}}); st != http.StatusSeeOther {
			t.Errorf("brief = %d", st)
		}
		if st, body, _ := ed.post("/newsroom/briefs", url.Values{"language": {"en"}, "section": {"politics"}, "text": {""}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "Write the brief.") {
			t.Errorf("empty brief = %d", st)
		}
		admin := s.client(t)
		admin.login("admin@x.test")
		if st, body := admin.get("/newsroom/audit"); st != 200 || !strings.Contains(body, "unpublish") || !strings.Contains(body, "publish") {
			t.Errorf("audit log = %d", st)
		}
		if st, _ := ed.get("/newsroom/audit"); st != http.StatusForbidden {
			t.Errorf("editor audit = %d", st)
		}
	})
}

// TestNewsroomPagesAreValid checks the newsroom's pages with the Nu Html Checker.
func TestNewsroomPagesAreValid(t *testing.T) {
	validate.Dir(t)
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	c := s.client(t)
	pages := map[string][]byte{}
	_, login := c.get("/newsroom/login")
	pages["login"] = []byte(login)
	c.login("admin@x.test")
	id := c.newStory("Validity story")
	c.post("/newsroom/articles/"+id, url.Values{"headline": {"Validity story"}, "section": {"politics"}, "body": {"Changed."}, "version": {"1"}})
	_, conflict, _ := c.post("/newsroom/articles/"+id, url.Values{"headline": {"Validity story"}, "section": {"politics"}, "body": {"Again."}, "version": {"1"}})
	pages["conflict"] = []byte(conflict)
	_, invalid, _ := c.post("/newsroom/articles", url.Values{"language": {"en"}, "headline": {""}})
	pages["invalid"] = []byte(invalid)
	for name, p := range map[string]string{"dashboard": "/newsroom/", "list": "/newsroom/stories", "notifications": "/newsroom/notifications", "new": "/newsroom/articles/new", "edit": "/newsroom/articles/" + id,
		"revisions": "/newsroom/articles/" + id + "/revisions", "diff": "/newsroom/articles/" + id + "/diff?from=1&to=2",
		"preview": "/newsroom/articles/" + id + "/preview", "briefs": "/newsroom/briefs", "images": "/newsroom/images",
		"tokens": "/newsroom/tokens", "users": "/newsroom/users", "reviews": "/newsroom/reviews?status=pending", "audit": "/newsroom/audit", "settings": "/newsroom/settings", "me": "/newsroom/me",
		"notfound": "/newsroom/nope", "front": "/newsroom/front/en"} {
		_, body := c.get(p)
		pages[name] = []byte(body)
	}
	validate.HTML(t, pages)
}

// TestNewsroomPagesAreAccessible runs axe in headless Chromium over the newsroom's main
// pages. The test server signs every request in as the admin (axe-check cannot sign in)
// and drops the CSP header, which forbids the inline script axe injects.
func TestNewsroomPagesAreAccessible(t *testing.T) {
	validate.Dir(t)
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	c := s.client(t)
	c.login("admin@x.test")
	id := c.newStory("Accessible story")
	su, _ := url.Parse(s.srv.URL)
	var session string
	for _, ck := range c.http.Jar.Cookies(su) {
		if ck.Name == "nd_session" {
			session = ck.Value
		}
	}
	h := s.site.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.AddCookie(&http.Cookie{Name: "nd_session", Value: session})
		h.ServeHTTP(noCSP{w}, r)
	}))
	defer srv.Close()
	var urls []string
	for _, p := range []string{"/newsroom/", "/newsroom/stories", "/newsroom/notifications", "/newsroom/articles/new", "/newsroom/articles/" + id, "/newsroom/briefs",
		"/newsroom/images", "/newsroom/users", "/newsroom/articles/" + id + "/revisions", "/newsroom/front/en"} {
		urls = append(urls, srv.URL+p)
	}
	validate.Axe(t, urls...)
}

// noCSP drops the Content-Security-Policy header before the response is written.
type noCSP struct{ http.ResponseWriter }

func (w noCSP) WriteHeader(code int) {
	w.Header().Del("Content-Security-Policy")
	w.ResponseWriter.WriteHeader(code)
}

func (w noCSP) Write(b []byte) (int, error) {
	w.Header().Del("Content-Security-Policy")
	return w.ResponseWriter.Write(b)
}

func TestModerationThroughForms(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		ctx := context.Background()
		a, err := s.st.PublicArticle(ctx, "en", "washington-talks-single-customs-check", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for i, text := range []string{"<script>alert(1)</script> A thoughtful review.", "Second careful review of the story."} {
			var id int64
			err := s.st.WithTx(ctx, func(tx *store.Tx) error {
				var err error
				id, err = tx.CreateReview(ctx, review.Review{ArticleID: a.ID, Name: "Reader " + strconv.Itoa(i), Email: "r@x.test",
					Rating: 4, Text: text, Status: "pending", CreatedAt: time.Now()})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, strconv.FormatInt(id, 10))
		}
		ed := s.client(t)
		ed.login("editor@x.test")
		st, body := ed.get("/newsroom/reviews")
		if st != 200 || !strings.Contains(body, "2 pending") || strings.Contains(body, "<script>alert(1)") ||
			!strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Fatalf("moderation queue: %d", st)
		}
		if st, _, _ := ed.post("/newsroom/reviews", url.Values{"id": ids, "action": {"approve"}, "status": {"pending"}}); st != http.StatusSeeOther {
			t.Errorf("bulk approve = %d", st)
		}
		if _, body := ed.get("/en/politics/washington-talks-single-customs-check"); !strings.Contains(body, "Second careful review") {
			t.Error("approved review not on the public page")
		}
		if st, _, _ := ed.post("/newsroom/reviews/"+ids[0]+"/name", url.Values{"name": {"Renamed Reader"}}); st != http.StatusSeeOther {
			t.Errorf("rename = %d", st)
		}
		if st, _, _ := ed.post("/newsroom/articles/"+strconv.FormatInt(a.ID, 10)+"/reviews-closed", url.Values{"closed": {"1"}}); st != http.StatusSeeOther {
			t.Errorf("close reviews = %d", st)
		}
		if _, body := ed.get("/en/politics/washington-talks-single-customs-check"); !strings.Contains(body, "Reviews are closed.") ||
			strings.Contains(body, `id="review-form"`) || !strings.Contains(body, "Renamed Reader") {
			t.Error("closed story still shows the form, or the rename is missing")
		}
		corr := s.client(t)
		corr.login("correspondent@x.test")
		if st, _ := corr.get("/newsroom/reviews"); st != http.StatusForbidden {
			t.Errorf("correspondent moderation = %d", st)
		}
	})
}

// TestNewsroomSpeaksTheBrowsersLanguage: without a setting of their own, staff see the
// newsroom in their browser's language, and the page says which.
func TestNewsroomSpeaksTheBrowsersLanguage(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	for _, tc := range []struct{ accept, lang, text string }{
		{"ru-RU,ru;q=0.9,en;q=0.5", "ru", "Материалы"},
		{"az", "az", "Materiallar"},
		{"de-DE", "en", "Stories"},
		{"", "en", "Stories"},
	} {
		c := s.client(t)
		c.login("editor@x.test")
		req, _ := http.NewRequest("GET", s.srv.URL+"/newsroom/", nil)
		if tc.accept != "" {
			req.Header.Set("Accept-Language", tc.accept)
		}
		resp, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := string(b)
		if resp.StatusCode != 200 || !strings.Contains(page, `<html lang="`+tc.lang+`"`) || !strings.Contains(page, tc.text) {
			t.Errorf("Accept-Language %q: status %d, want <html lang=%q> and %q", tc.accept, resp.StatusCode, tc.lang, tc.text)
		}
	}
}
