package app_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// secSite is the whole demo site with one user, API token and password per role, a wire
// subscriber's key, an uploaded image and a review: everything the authorization, header
// and limit tests need to knock on every door.
type secSite struct {
	srv     *httptest.Server
	st      *store.Store
	site    *app.Site
	users   map[string]account.User // by role, plus "victim" (a correspondent admins edit)
	tokens  map[string]string       // personal API token by role
	wireKey string
	image   content.Image
	lead    content.ArticleSummary // a published demo story
	css     string                 // the public stylesheet's hashed path
}

const secPassword = "a long test password"

// newSecSite builds the demo site; cfg, when set, adjusts the configuration first.
func newSecSite(t testing.TB, dsn string, cfg func(*config.Config)) *secSite {
	t.Helper()
	ctx := context.Background()
	st := sitekit.Demo(t, dsn)
	var site *app.Site
	srv := testkit.Serve(t, func(baseURL string) (http.Handler, error) {
		c := config.Config{BaseURL: baseURL, TimeZone: "Asia/Baku", Demo: true, Media: t.TempDir(),
			MetricsToken: "metrics-token-for-the-tests"} // so that /metrics is a route of the main address
		if cfg != nil {
			cfg(&c)
		}
		var err error
		site, err = app.Build(c, st, nil)
		if err != nil {
			return nil, err
		}
		return site.Handler, nil
	})
	s := &secSite{srv: srv, st: st, site: site, users: map[string]account.User{}, tokens: map[string]string{}}

	hash, err := account.HashPassword(secPassword)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for _, role := range append(account.Roles(), "victim") {
		u := account.User{Email: role + "@sec.test", Name: "Test " + role, Role: role, PasswordHash: hash, CreatedAt: now}
		if role == "victim" {
			u.Role = account.RoleCorrespondent
		}
		token, _ := account.NewSecret("ndt_")
		if err := st.WithTx(ctx, func(tx *store.Tx) error {
			if u.ID, err = tx.CreateUser(ctx, u); err != nil {
				return err
			}
			_, err := tx.CreateToken(ctx, u.ID, "test", account.HashSecret(token), now)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		s.users[role], s.tokens[role] = u, token
	}
	if _, s.wireKey, err = site.Wire.AddSubscriber(ctx, syndication.SubscriberInput{Name: "Test subscriber",
		Sections: []string{"*"}, Languages: []string{"*"}, RatePerMinute: 100000}, syndication.Catalog{}); err != nil {
		t.Fatal(err)
	}
	if s.image, err = site.Newsroom.UploadImage(ctx, s.users[account.RoleCorrespondent], site.Media,
		bytes.NewReader(testPNG(t, 400, 300)), newsroom.ImageInput{Alt: "A grey square"}); err != nil {
		t.Fatal(err)
	}
	list, err := st.PublicArticles(ctx, content.ListQuery{Language: "en", Limit: 1}, now)
	if err != nil || len(list) == 0 {
		t.Fatalf("demo stories: %v, %v", list, err)
	}
	s.lead = list[0]
	resp, err := http.Get(srv.URL + "/en/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`href="(/static/site\.[0-9a-f]+\.css)"`).FindSubmatch(body)
	if m == nil {
		t.Fatal("no stylesheet link on the home page")
	}
	s.css = string(m[1])
	return s
}

// testPNG encodes a w×h grey PNG.
func testPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 128
	}
	img.Set(1, 1, color.Gray{Y: 10})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The credentials a request can carry.
const (
	credNone    = ""
	credSession = "session" // a newsroom session cookie
	credToken   = "token"   // a personal API token (Bearer ndt_…)
	credKey     = "key"     // a wire subscriber's API key (Bearer ndw_…)
)

// principal is someone knocking: a role (none for visitors and subscribers) and the
// credential they bring.
type principal struct{ name, role, cred string }

func principals() []principal {
	ps := []principal{{"anonymous", "", credNone}, {"reader", "", credNone}}
	for _, role := range account.Roles() {
		ps = append(ps, principal{role + " session", role, credSession}, principal{role + " token", role, credToken})
	}
	return append(ps, principal{"subscriber key", "", credKey})
}

// surfaceCred is the credential each surface accepts.
var surfaceCred = map[string]string{"newsroom": credSession, "api": credToken, "wire": credKey}

// policyRoles are the roles each policy of docs/security.md lets in.
var policyRoles = map[string][]string{
	"staff":   {account.RoleCorrespondent, account.RoleEditor, account.RoleAdmin},
	"editors": {account.RoleEditor, account.RoleAdmin},
	"admins":  {account.RoleAdmin},
}

// policyRow matches a row of the route policy table: | METHOD | `pattern` | policy |.
var policyRow = regexp.MustCompile("^\\|\\s*(GET|POST|PUT|DELETE|any)\\s*\\|\\s*`([^`]+)`\\s*\\|\\s*([a-z ]+?)\\s*\\|")

// loadPolicy reads the route policy table of docs/security.md: "METHOD pattern" → policy.
func loadPolicy(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "docs", "security.md"))
	if err != nil {
		t.Fatalf("the route policy lives in docs/security.md: %v", err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := policyRow.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		key := m[1] + " " + m[2]
		if _, dup := out[key]; dup {
			t.Errorf("docs/security.md lists %s twice", key)
		}
		out[key] = m[3]
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func routeKey(rt app.Route) string {
	m := rt.Method
	if m == "" {
		m = "any"
	}
	return m + " " + rt.Pattern
}

// TestRoutePolicyIsComplete checks that every route the server registers has a policy in
// docs/security.md and that every policy there belongs to a registered route.
func TestRoutePolicyIsComplete(t *testing.T) {
	s := newSecSite(t, filepath.Join(t.TempDir(), "site.db"), nil)
	policy := loadPolicy(t)
	routes := s.site.Routes()
	seen := map[string]bool{}
	var missing []string
	for _, rt := range routes {
		k := routeKey(rt)
		seen[k] = true
		p, ok := policy[k]
		switch {
		case !ok:
			missing = append(missing, fmt.Sprintf("| %s | `%s` | ? |", methodOf(k), rt.Pattern))
		case p != "anyone" && p != "subscribers" && p != "metrics token" && policyRoles[p] == nil:
			t.Errorf("%s: unknown policy %q (use anyone, staff, editors, admins, subscribers or metrics token)", k, p)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d routes have no policy in docs/security.md; add rows:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	for k := range policy {
		if !seen[k] {
			t.Errorf("docs/security.md has a policy for %s, which the server does not register", k)
		}
	}
	for _, surface := range []string{"public", "newsroom", "api", "wire", "app"} {
		n := 0
		for _, rt := range routes {
			if rt.Surface == surface {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no %s routes listed", surface)
		}
	}
}

func methodOf(key string) string { m, _, _ := strings.Cut(key, " "); return m }

// TestAuthorizationMatrix knocks on every registered route as every principal and checks
// the answer against the policy of docs/security.md: allowed → neither 401 nor 403 (nor a
// 5xx); a principal without the surface's credential → 401; the right credential with a
// role the policy leaves out → 403.
func TestAuthorizationMatrix(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newSecSite(t, dsn, nil)
		policy := loadPolicy(t)
		routes := s.site.Routes()
		if len(routes) < 100 {
			t.Fatalf("only %d routes listed", len(routes))
		}
		for _, rt := range routes {
			pol, ok := policy[routeKey(rt)]
			if !ok {
				t.Errorf("%s: no policy in docs/security.md", routeKey(rt))
				continue
			}
			for _, p := range principals() {
				t.Run(rt.Surface+" "+routeKey(rt)+" as "+p.name, func(t *testing.T) {
					st := s.knock(t, rt, p)
					allowed, deny := expectation(pol, rt.Surface, p)
					switch {
					case st >= 500:
						t.Errorf("status %d", st)
					case pol == "metrics token":
						if st != http.StatusUnauthorized && st != http.StatusForbidden && st != http.StatusNotFound {
							t.Errorf("status %d, want 401, 403 or 404 without the metrics token", st)
						}
					case allowed && (st == http.StatusUnauthorized || st == http.StatusForbidden):
						t.Errorf("policy %q lets %s in: got %d", pol, p.name, st)
					case !allowed && st != deny:
						t.Errorf("policy %q keeps %s out: got %d, want %d", pol, p.name, st, deny)
					}
				})
			}
		}
	})
}

// expectation says whether policy lets p use a route of surface, and if not, the status
// of the refusal.
func expectation(policy, surface string, p principal) (allowed bool, deny int) {
	switch policy {
	case "anyone":
		return true, 0
	case "subscribers":
		return p.cred == credKey, http.StatusUnauthorized
	}
	if p.cred == credNone || p.cred != surfaceCred[surface] {
		return false, http.StatusUnauthorized
	}
	if slices.Contains(policyRoles[policy], p.role) {
		return true, 0
	}
	return false, http.StatusForbidden
}

// fixture is what one request acts on: fresh for every write, so that each cell of the
// matrix starts alike (nothing published, deleted or revoked by an earlier cell).
type fixture struct {
	article, brief, review, token int64
}

func (s *secSite) fixture(t *testing.T, role string) fixture {
	t.Helper()
	ctx := context.Background()
	corr := s.users[account.RoleCorrespondent]
	var f fixture
	a, err := s.site.Newsroom.Create(ctx, corr, newsroom.ArticleInput{Language: "en", Section: "politics",
		Headline: "Matrix story " + strconv.FormatInt(time.Now().UnixNano(), 36), Body: "Body.", Standfirst: "Standfirst."})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.site.Newsroom.CreateBrief(ctx, corr, newsroom.BriefInput{Language: "en", Section: "politics", Text: "Matrix brief text."})
	if err != nil {
		t.Fatal(err)
	}
	f.article, f.brief = a.ID, b.ID
	now := time.Now()
	err = s.st.WithTx(ctx, func(tx *store.Tx) error {
		if f.review, err = tx.CreateReview(ctx, review.Review{ArticleID: s.lead.ID, Name: "Reader", Rating: 4,
			Text: "A review for the matrix, long enough.", Status: "pending", TextHash: strconv.FormatInt(now.UnixNano(), 16),
			CreatedAt: now}); err != nil {
			return err
		}
		u := s.users[role]
		if u.ID == 0 {
			u = corr
		}
		f.token, err = tx.CreateToken(ctx, u.ID, "throwaway", account.HashSecret("ndt_throwaway"+strconv.FormatInt(now.UnixNano(), 36)), now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// session signs role in with a fresh session (a cell may sign out) and returns its secret.
func (s *secSite) session(t *testing.T, role string) string {
	t.Helper()
	ctx := context.Background()
	secret, _ := account.NewSecret("nds_")
	now := time.Now()
	if err := s.st.WithTx(ctx, func(tx *store.Tx) error {
		return tx.CreateSession(ctx, account.HashSecret(secret), s.users[role].ID, now, now.Add(time.Hour))
	}); err != nil {
		t.Fatal(err)
	}
	return secret
}

// token gives role a fresh personal API token (a cell may sign out everywhere, which
// revokes the user's tokens) and returns its secret.
func (s *secSite) token(t *testing.T, role string) string {
	t.Helper()
	ctx := context.Background()
	secret, _ := account.NewSecret("ndt_")
	if err := s.st.WithTx(ctx, func(tx *store.Tx) error {
		_, err := tx.CreateToken(ctx, s.users[role].ID, "cell", account.HashSecret(secret), time.Now())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return secret
}

// samplePath fills a route pattern's wildcards with things that exist.
func (s *secSite) samplePath(rt app.Route, f fixture) string {
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	p := rt.Pattern
	switch {
	case rt.Pattern == "/":
		return "/no-such-page"
	case strings.HasPrefix(p, "/static/"):
		return s.css
	case strings.HasPrefix(p, "/newsroom/static/"):
		return "/newsroom/static/none.css"
	case strings.HasPrefix(p, "/sitemaps/"):
		return "/sitemaps/sections.xml"
	case strings.HasPrefix(p, "/media/"):
		return "/media/" + s.image.Renditions[0].File
	case strings.HasPrefix(p, "/api/v1/articles/"):
		p = strings.Replace(p, "{id}", id(s.lead.ID), 1)
	case strings.HasPrefix(p, "/api/v1/wire/"):
		p = strings.Replace(p, "{id}", id(s.lead.ID), 1)
	}
	for prefix, v := range map[string]int64{"/briefs/": f.brief, "/reviews/": f.review, "/users/": s.users["victim"].ID,
		"/tokens/": f.token, "/images/": s.image.ID, "/deliveries/": 1} {
		if strings.Contains(p, prefix+"{id}") {
			p = strings.Replace(p, prefix+"{id}", prefix+id(v), 1)
		}
	}
	return strings.NewReplacer("{id}", id(f.article), "{version}", "1", "{$}", "", "{lang}", "en",
		"{section}", s.lead.SectionSlug, "{slug}", s.lead.Slug, "{day}", "2026-01-02", "{tag}", "diplomacy",
		"{author}", "nigar-sultanli", "{format}", "rss.xml").Replace(p)
}

// apiBody is a valid JSON body for each writing route of the API, so that a refusal comes
// from the permission check and not from validation.
func apiBody(pattern string) any {
	story := map[string]any{"language": "en", "section": "politics", "headline": "Matrix API story", "body": "Body."}
	switch {
	case strings.HasSuffix(pattern, "/articles"):
		return story
	case strings.HasSuffix(pattern, "/articles/{id}"):
		story["version"] = 1
		return story
	case strings.HasSuffix(pattern, "/return"):
		return map[string]any{"note": "Add a source."}
	case strings.HasSuffix(pattern, "/schedule"):
		return map[string]any{"publish_at": time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)}
	case strings.HasSuffix(pattern, "/correct"):
		return map[string]any{"text": "A correction."}
	case strings.HasSuffix(pattern, "/unpublish"):
		return map[string]any{"reason": "Legal advice."}
	case strings.HasSuffix(pattern, "/translate"):
		return map[string]any{"language": "ru"}
	case strings.HasSuffix(pattern, "/restore"):
		return map[string]any{"version": 1}
	case strings.HasSuffix(pattern, "/briefs"):
		return map[string]any{"language": "en", "section": "politics", "text": "A matrix brief."}
	case strings.HasSuffix(pattern, "/briefs/{id}"):
		return map[string]any{"section": "politics", "text": "A matrix brief, edited."}
	case strings.HasSuffix(pattern, "/reviews/bulk"):
		return map[string]any{"ids": []int64{1}, "action": "approve"}
	case strings.HasSuffix(pattern, "/reviews/{id}"):
		return map[string]any{"name": "Renamed"}
	}
	return nil
}

// knock sends one request to rt as p and returns the status.
func (s *secSite) knock(t *testing.T, rt app.Route, p principal) int {
	t.Helper()
	method := rt.Method
	if method == "" {
		method = "GET"
	}
	var f fixture
	writes := method != "GET" && p.cred != credNone && p.cred == surfaceCred[rt.Surface]
	if writes || rt.Surface != "public" {
		f = s.fixture(t, p.role)
	}
	if writes && strings.HasSuffix(rt.Pattern, "/return") { // only a submitted story can be returned
		if _, err := s.site.Newsroom.Submit(context.Background(), s.users[account.RoleCorrespondent], f.article); err != nil {
			t.Fatal(err)
		}
	}
	path := s.samplePath(rt, f)
	var body io.Reader
	ctype := ""
	csrf := strings.Repeat("c", 40)
	switch {
	case method == "GET" || method == "DELETE":
	case rt.Surface == "newsroom":
		form := fmt.Sprintf("csrf=%s&note=n&language=ru&version=1&correction=c&headline=Matrix+story&section=politics"+
			"&text=Some+text&role=correspondent&name=Name&email=new%d@sec.test&password=%s&alt=Alt", csrf, time.Now().UnixNano(),
			strings.ReplaceAll(secPassword, " ", "+"))
		if rt.Pattern == "/newsroom/login" {
			form = fmt.Sprintf("csrf=%s&email=%s&password=%s", csrf, "correspondent@sec.test", strings.ReplaceAll(secPassword, " ", "+"))
		}
		body, ctype = strings.NewReader(form), "application/x-www-form-urlencoded"
	case rt.Pattern == "/api/v1/newsroom/images":
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		_ = mw.WriteField("alt", "A grey square")
		fw, _ := mw.CreateFormFile("file", "grey.png")
		_, _ = fw.Write(testPNG(t, 64, 48))
		_ = mw.Close()
		body, ctype = &b, mw.FormDataContentType()
	case rt.Surface == "api":
		if v := apiBody(rt.Pattern); v != nil {
			if strings.HasSuffix(rt.Pattern, "/reviews/bulk") {
				v = map[string]any{"ids": []int64{f.review}, "action": "approve"}
			}
			b, _ := json.Marshal(v)
			body, ctype = bytes.NewReader(b), "application/json"
		}
	default:
		body, ctype = strings.NewReader("name=Reader&rating=4&text=A+review+from+the+matrix+test."), "application/x-www-form-urlencoded"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, s.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	cookies := []string{"nd_csrf=" + csrf}
	switch p.cred {
	case credSession:
		cookies = append(cookies, "nd_session="+s.session(t, p.role))
	case credToken:
		req.Header.Set("Authorization", "Bearer "+s.token(t, p.role))
	case credKey:
		req.Header.Set("Authorization", "Bearer "+s.wireKey)
	}
	req.Header.Set("Cookie", strings.Join(cookies, "; "))
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	resp.Body.Close() // the live stream never ends: the status line is all we need
	return resp.StatusCode
}
