package app_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
	"github.com/newsdesk/newsdesk/internal/web"
)

// testClock is the review service's clock: real time plus an offset the test moves.
type testClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

// reviewSite is the demo edition whose public site takes reviews through a review service
// with the test's clock and limits. app.Build offers no way to set them, so the public site
// is built here as Build builds it, and the newsroom and the API come from Build.
type reviewSite struct {
	srv     *httptest.Server
	handler http.Handler
	st      *store.Store
	reviews *review.Service
	clock   *testClock
	editor  account.User
}

const editorPassword = "a long test password"

func newReviewSite(tb testing.TB, dsn string, limits review.Limits) *reviewSite {
	tb.Helper()
	st := sitekit.Demo(tb, dsn)
	clock := &testClock{}
	rs := review.New(st, nil, clock.now, limits)
	var h http.Handler
	srv := testkit.Serve(tb, func(baseURL string) (http.Handler, error) {
		cfg := config.Config{BaseURL: baseURL, TimeZone: "Asia/Baku", Demo: true,
			Media: tb.TempDir(), TrustedProxyHeader: "X-Forwarded-For", TrustedProxies: "127.0.0.1,::1"}
		site, err := app.Build(cfg, st, nil)
		if err != nil {
			return nil, err
		}
		loc, err := cfg.Location()
		if err != nil {
			return nil, err
		}
		trusted, err := httpx.ParseTrusted(cfg.TrustedProxies)
		if err != nil {
			return nil, err
		}
		public, err := web.New(web.Config{Store: st, BaseURL: cfg.BaseURL, Location: loc, Demo: true, Reviews: rs,
			ClientIP: httpx.ClientIP{Header: cfg.TrustedProxyHeader, Trusted: trusted}})
		if err != nil {
			return nil, err
		}
		mux := http.NewServeMux()
		mux.Handle("/newsroom/", site.Desk)
		mux.Handle("/api/", site.API)
		mux.Handle("/", public)
		h = httpx.Wrap(mux, httpx.Options{MaxBody: 25 << 20})
		return h, nil
	})

	hash, err := account.HashPassword(editorPassword)
	if err != nil {
		tb.Fatal(err)
	}
	ed := testkit.AddUser(tb, st, account.User{Email: "moderator@agency.test", Name: "Moderator", Role: account.RoleEditor, PasswordHash: hash, CreatedAt: time.Now()})
	return &reviewSite{srv: srv, handler: h, st: st, reviews: rs, clock: clock, editor: ed}
}

// send makes a request and returns the status, body and header; it follows no redirect.
func send(tb testing.TB, c *http.Client, method, u string, form url.Values, header ...string) (int, string, http.Header) {
	tb.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		tb.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

func (s *reviewSite) get(tb testing.TB, path string) (int, string) {
	tb.Helper()
	st, body, _ := send(tb, noRedirect, "GET", s.srv.URL+path, nil)
	return st, body
}

// formToken loads a story and returns the token of its review form ("" when it has none).
func (s *reviewSite) formToken(tb testing.TB, path string) string {
	tb.Helper()
	st, body := s.get(tb, path)
	if st != http.StatusOK {
		tb.Fatalf("GET %s: %d", path, st)
	}
	return tokenIn(body)
}

func tokenIn(page string) string {
	for _, t := range tokenizeHTML(page) {
		if t.is("input", "") {
			if n, _ := t.attr("name"); n == "token" {
				v, _ := t.attr("value")
				return v
			}
		}
	}
	return ""
}

// post sends the review form of a story from the client address ip.
func (s *reviewSite) post(tb testing.TB, path, ip string, f url.Values, header ...string) (int, string, http.Header) {
	tb.Helper()
	return send(tb, noRedirect, "POST", s.srv.URL+path+"/reviews", f, append([]string{"X-Forwarded-For", ip}, header...)...)
}

// form is a filled review form.
func form(token, name, email, rating, text string) url.Values {
	return url.Values{"token": {token}, "website": {""}, "name": {name}, "email": {email}, "rating": {rating}, "text": {text}}
}

// storyPaths returns the public paths of English demo stories, the lead first.
func storyPaths(tb testing.TB, st *store.Store) map[string]int64 {
	tb.Helper()
	list, err := st.PublicArticles(context.Background(), content.ListQuery{Language: "en", Limit: 20}, time.Now())
	if err != nil || len(list) < 4 {
		tb.Fatalf("demo stories: %d, %v", len(list), err)
	}
	out := map[string]int64{}
	for _, a := range list {
		out[content.ArticlePath(a.Language, a.SectionSlug, a.Slug)] = a.ID
	}
	if out[leadEN] == 0 {
		tb.Fatalf("no %s among %v", leadEN, out)
	}
	return out
}

// reviewsOf lists every review of a story, in any state.
func reviewsOf(tb testing.TB, st *store.Store, articleID int64) []review.Review {
	tb.Helper()
	var all []review.Review
	for off := 0; ; off += 500 {
		page, err := st.Reviews(context.Background(), review.Query{ArticleID: articleID, Limit: 500, Offset: off})
		if err != nil {
			tb.Fatal(err)
		}
		all = append(all, page...)
		if len(page) < 500 {
			return all
		}
	}
}

// TestReviewDefences checks the spam defence and the closing rules through the real form.
func TestReviewDefences(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newReviewSite(t, dsn, review.DefaultLimits)
		ctx := context.Background()
		paths := storyPaths(t, s.st)
		var others []string
		for p := range paths {
			if p != leadEN {
				others = append(others, p)
			}
		}
		lead, second, third := leadEN, others[0], others[1]
		latest := func(path string) review.Review {
			t.Helper()
			list := reviewsOf(t, s.st, paths[path])
			if len(list) == 0 {
				t.Fatalf("no review of %s", path)
			}
			return list[0]
		}
		tok := s.formToken(t, lead)
		s.clock.advance(10 * time.Second) // the reader reads and types

		t.Run("honeypot", func(t *testing.T) {
			f := form(tok, "Robot", "", "5", "An entirely ordinary comment here.")
			f.Set("website", "http://spam.example")
			if st, body, _ := s.post(t, lead, "10.0.0.1", f); st != http.StatusSeeOther {
				t.Fatalf("honeypot post: %d %s", st, body)
			}
			if r := latest(lead); r.Status != "spam" || !strings.Contains(r.Signals, "hidden field") {
				t.Errorf("honeypot review: %s (%s)", r.Status, r.Signals)
			}
		})

		t.Run("too fast", func(t *testing.T) {
			fresh := s.formToken(t, lead)
			st, _, h := s.post(t, lead, "10.0.0.2", form(fresh, "Speedy", "", "4", "Typed faster than anyone could read."))
			if st != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "review=thanks") {
				t.Fatalf("fast post: %d %s", st, h.Get("Location"))
			}
			if r := latest(lead); (r.Status != "pending" && r.Status != "spam") || !strings.Contains(r.Signals, "sent too fast") {
				t.Errorf("fast review: %s (%s)", r.Status, r.Signals)
			}
		})

		t.Run("token of another story", func(t *testing.T) {
			before := len(reviewsOf(t, s.st, paths[second]))
			for name, token := range map[string]string{"other story": tok, "garbage": "not-a-token", "empty": "",
				"tampered": tok[:len(tok)-2] + "AA"} {
				st, body, _ := s.post(t, second, "10.0.0.3", form(token, "Reader", "", "4", "A token from somewhere else."))
				if st != http.StatusBadRequest || !strings.Contains(body, "The form has expired") {
					t.Errorf("%s token: %d", name, st)
				}
			}
			if n := len(reviewsOf(t, s.st, paths[second])); n != before {
				t.Errorf("%d reviews stored with bad tokens", n-before)
			}
		})

		t.Run("closed story", func(t *testing.T) {
			tok3 := s.formToken(t, third)
			if err := s.st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetReviewsClosed(ctx, paths[third], true) }); err != nil {
				t.Fatal(err)
			}
			st, body := s.get(t, third)
			if st != http.StatusOK || !strings.Contains(body, "Reviews are closed") || tokenIn(body) != "" {
				t.Errorf("closed story page: %d, token %q", st, tokenIn(body))
			}
			st, body, _ = s.post(t, third, "10.0.0.4", form(tok3, "Late", "", "3", "Posted after reviews were closed."))
			if st != http.StatusForbidden || !strings.Contains(body, "Reviews are closed") {
				t.Errorf("post to closed story: %d", st)
			}
			st, body, _ = s.post(t, third, "10.0.0.4", form(tok3, "Late", "", "3", "Posted after reviews were closed."), "Accept", "application/json")
			if st != http.StatusForbidden || !strings.Contains(body, `"Reviews are closed."`) {
				t.Errorf("JSON post to closed story: %d %s", st, body)
			}
			if err := s.st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetReviewsClosed(ctx, paths[third], false) }); err != nil {
				t.Fatal(err)
			}
			if len(reviewsOf(t, s.st, paths[third])) != 0 {
				t.Error("a review was stored on a closed story")
			}
		})

		t.Run("trusted email", func(t *testing.T) {
			if err := s.st.WithTx(ctx, func(tx *store.Tx) error {
				return tx.TrustReviewer(ctx, "trusted@example.test", s.editor.ID, time.Now())
			}); err != nil {
				t.Fatal(err)
			}
			st, _, h := s.post(t, lead, "10.0.0.5", form(tok, "Trusted", "Trusted@Example.test", "5", "A regular and trusted reader writes."))
			if st != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "review=published") {
				t.Fatalf("trusted post: %d %s", st, h.Get("Location"))
			}
			if r := latest(lead); r.Status != "approved" || r.Email != "trusted@example.test" {
				t.Errorf("trusted review: %s %s", r.Status, r.Email)
			}
			if _, body := s.get(t, lead); !strings.Contains(body, "A regular and trusted reader writes.") || strings.Contains(body, "trusted@example.test") {
				t.Error("trusted review not shown at once, or its email shown")
			}
		})

		t.Run("duplicate", func(t *testing.T) {
			text := "Exactly the same words, sent twice."
			for i, want := range []string{"pending", "spam"} {
				if st, _, _ := s.post(t, lead, "10.0.0.6", form(tok, "Twice", "", "2", text)); st != http.StatusSeeOther {
					t.Fatalf("post %d: %d", i, st)
				}
				if r := latest(lead); r.Status != want {
					t.Errorf("post %d: %s (%s), want %s", i, r.Status, r.Signals, want)
				}
			}
			// The same words from another address are not a duplicate.
			s.post(t, lead, "10.0.0.7", form(tok, "Once", "", "2", text))
			if r := latest(lead); r.Status != "pending" {
				t.Errorf("same text, other address: %s (%s)", r.Status, r.Signals)
			}
		})

		t.Run("forget", func(t *testing.T) {
			for i := range 3 {
				f := form(tok, "Forgetful", "forget.me@example.test", "4", "Please forget review number "+strconv.Itoa(i)+".")
				if st, _, _ := s.post(t, lead, "10.0.1."+strconv.Itoa(i), f); st != http.StatusSeeOther {
					t.Fatalf("post %d: %d", i, st)
				}
			}
			n, err := s.reviews.Forget(ctx, "Forget.Me@example.test ")
			if err != nil || n != 3 {
				t.Fatalf("forget: %d, %v", n, err)
			}
			for _, r := range reviewsOf(t, s.st, paths[lead]) {
				if r.Email == "forget.me@example.test" {
					t.Errorf("review %d survived forget", r.ID)
				}
			}
		})

		t.Run("close after days", func(t *testing.T) {
			set := func(v string) {
				t.Helper()
				if err := s.st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetSetting(ctx, review.SettingCloseAfterDays, v) }); err != nil {
					t.Fatal(err)
				}
			}
			set("10") // the demo stories are at most five days old
			fresh := s.formToken(t, second)
			if fresh == "" {
				t.Fatal("a five-day-old story is closed after 10 days")
			}
			s.clock.advance(11 * 24 * time.Hour)
			if st, body := s.get(t, second); st != http.StatusOK || tokenIn(body) != "" || !strings.Contains(body, "Reviews are closed") {
				t.Errorf("story after 11 days: %d, still has a form", st)
			}
			if st, _, _ := s.post(t, second, "10.0.0.9", form(fresh, "Old", "", "3", "Eleven days after publication.")); st != http.StatusForbidden {
				t.Errorf("post after 11 days: %d", st)
			}
			set("0")
			if tokenIn(func() string { _, b := s.get(t, second); return b }()) == "" {
				t.Error("reviews stay closed with the setting at 0")
			}
		})
	})
}

// TestReviewFlood posts 1,000 reviews from one address as fast as it can to the site as
// app.Build wires it (real clock, default limits): only the burst (and what refills while
// the flood lasts) is stored; the rest is 429 with Retry-After.
func TestReviewFlood(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 posts")
	}
	s := newDemoSite(t, filepath.Join(t.TempDir(), "site.db"))
	_, page := s.get(t, leadEN)
	tok := tokenIn(page)
	if tok == "" {
		t.Fatal("no form token")
	}
	articleID := storyPaths(t, s.st)[leadEN]
	start := time.Now()
	codes := map[int]int{}
	for i := range 1000 {
		f := form(tok, "Flood", "", "3", "Flood review number "+strconv.Itoa(i)+", please ignore.")
		header := []string{}
		if i%2 == 1 {
			header = []string{"Accept", "application/json"}
		}
		st, body, h := send(t, noRedirect, "POST", s.srv.URL+leadEN+"/reviews", f, header...)
		codes[st]++
		if st == http.StatusTooManyRequests {
			if ra, err := strconv.Atoi(h.Get("Retry-After")); err != nil || ra < 1 || ra > 30 {
				t.Fatalf("post %d: Retry-After %q", i, h.Get("Retry-After"))
			}
			if !strings.Contains(body, "Too many reviews") {
				t.Fatalf("post %d: 429 without the message", i)
			}
		} else if st != http.StatusSeeOther && st != http.StatusCreated {
			t.Fatalf("post %d: %d %s", i, st, body)
		}
	}
	elapsed := time.Since(start)
	allowed := review.DefaultLimits.PerIPBurst + int(elapsed/review.DefaultLimits.PerIPEvery)
	stored := len(reviewsOf(t, s.st, articleID))
	if stored > allowed || stored < review.DefaultLimits.PerIPBurst || codes[http.StatusTooManyRequests] != 1000-stored {
		t.Errorf("in %s: %d stored (allowed %d), answers %v", elapsed.Round(time.Millisecond), stored, allowed, codes)
	}
	if elapsed > time.Minute {
		t.Errorf("1,000 posts took %s", elapsed)
	}
}

// login signs a browser-like client into the newsroom as the site's editor.
func (s *reviewSite) login(t *testing.T) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: noRedirect.CheckRedirect}
	_, page, _ := send(t, c, "GET", s.srv.URL+"/newsroom/login", nil)
	var csrf string
	for _, tk := range tokenizeHTML(page) {
		if n, _ := tk.attr("name"); tk.is("input", "") && n == "csrf" {
			csrf, _ = tk.attr("value")
		}
	}
	st, body, _ := send(t, c, "POST", s.srv.URL+"/newsroom/login",
		url.Values{"email": {s.editor.Email}, "password": {editorPassword}, "csrf": {csrf}})
	if st != http.StatusSeeOther {
		t.Fatalf("login: %d %s", st, body)
	}
	return c
}
