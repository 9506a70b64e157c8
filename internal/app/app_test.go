package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// demoSite is a running demo edition over real HTTP.
type demoSite struct {
	srv *httptest.Server
	st  *store.Store
}

func newDemoSite(t testing.TB, dsn string) *demoSite {
	return newDemoSiteWith(t, dsn, nil)
}

// newDemoSiteWith serves the demo edition through wrap (nil: as it is).
func newDemoSiteWith(t testing.TB, dsn string, wrap func(http.Handler) http.Handler) *demoSite {
	t.Helper()
	return serveDemo(t, sitekit.Demo(t, dsn), "", wrap)
}

// newPictureSite serves the demo edition with its pictures through wrap (nil: as it is).
func newPictureSite(t testing.TB, dsn string, wrap func(http.Handler) http.Handler) *demoSite {
	t.Helper()
	dir := t.TempDir()
	return serveDemo(t, sitekit.DemoWithPictures(t, dsn, dir), dir, wrap)
}

// serveDemo serves st, its media in mediaDir ("": a directory of its own), through wrap.
func serveDemo(t testing.TB, st *store.Store, mediaDir string, wrap func(http.Handler) http.Handler) *demoSite {
	t.Helper()
	srv := testkit.Serve(t, func(baseURL string) (http.Handler, error) {
		h, err := app.Handler(config.Config{BaseURL: baseURL, TimeZone: "Asia/Baku", Demo: true, Media: mediaDir}, st, nil)
		if err != nil || wrap == nil {
			return h, err
		}
		return wrap(h), nil
	})
	return &demoSite{srv: srv, st: st}
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func (s *demoSite) get(t *testing.T, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", s.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

const leadEN = "/en/politics/washington-talks-single-customs-check"

func TestRoutes(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newDemoSite(t, dsn)
		tests := []struct {
			path     string
			status   int
			location string
			contains string
		}{
			{"/", 200, "", "Top stories"},
			{"/?page=-1", 400, "", ""},
			{"/en", http.StatusMovedPermanently, "/en/", ""},
			{"/metrics", 404, "", ""}, // served on the admin address or with a token only
			{"/no-such-thing", 404, "", ""},
			{"/media/not-a-media-name", 404, "", ""},
			{"/en/", 200, "", "Top stories"},
			{"/ru/", 200, "", "Главное"},
			{"/az/", 200, "", "Xəzər"},
			{"/en/politics/", 200, "", "Politics briefs"},
			{"/en/politics/?page=1", 200, "", ""},
			{"/en/politics/?page=2", 404, "", ""},
			{"/en/politics/?page=-1", 400, "", "Bad request"},
			{"/en/politics/?page=abc", 400, "", ""},
			{"/en/politics/?page=99999999999999999999", 400, "", ""},
			{"/en/?page=0", 400, "", ""},
			{leadEN, 200, "", "Washington correspondent"},
			{"/en/world/washington-talks-single-customs-check", 301, leadEN, ""},
			{"/en/politics/briefs/", 200, "", "Politics briefs"},
			{"/en/politics/briefs/2026-13-45", 404, "", ""},
			{"/en/politics/briefs/2020-01-01", 200, "", "No briefs"},
			{"/en/tag/diplomacy", 0, "", ""},
			{"/en/tag/no-such-tag", 404, "", "Page not found"},
			{"/en/author/nigar-sultanli", 200, "", "Nigar Sultanli"},
			{"/en/author/nobody", 404, "", ""},
			{"/xx/", 404, "", "Page not found"},
			{"/no-such-section-xyz/", 404, "", ""},
			{"/no/such/article-xyz", 404, "", ""},
			{"/en/no-such-section/", 404, "", ""},
			{"/en/politics/no-such-story", 404, "", ""},
			{"/ru/politika/no-such-story", 404, "", "Страница не найдена"},
			{"/a/b/c/d/e", 404, "", ""},
			{"/robots.txt", 200, "", "Sitemap:"},
			{"/healthz", 200, "", "ok"},
			{"/readyz", 200, "", "ready"},
			{"/static/nope.css", 404, "", ""},
		}
		for _, tc := range tests {
			resp, body := s.get(t, tc.path)
			if tc.status != 0 && resp.StatusCode != tc.status {
				t.Errorf("GET %s = %d, want %d", tc.path, resp.StatusCode, tc.status)
			}
			if resp.StatusCode >= 500 {
				t.Errorf("GET %s = %d", tc.path, resp.StatusCode)
			}
			if tc.location != "" && resp.Header.Get("Location") != tc.location {
				t.Errorf("GET %s Location = %q, want %q", tc.path, resp.Header.Get("Location"), tc.location)
			}
			if tc.contains != "" && !strings.Contains(body, tc.contains) {
				t.Errorf("GET %s: body lacks %q", tc.path, tc.contains)
			}
			if ct := resp.Header.Get("Content-Type"); resp.StatusCode == 200 && strings.HasSuffix(tc.path, "/") && !strings.HasPrefix(ct, "text/html") {
				t.Errorf("GET %s Content-Type = %q", tc.path, ct)
			}
		}
		// The root shows the home page in the browser's language, and says it varies.
		resp, body := s.get(t, "/", "Accept-Language", "az-AZ,az;q=0.9,en;q=0.5")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Location") != "/az/" || !strings.Contains(body, "Xəzər") ||
			!strings.Contains(resp.Header.Get("Vary"), "Accept-Language") || resp.Header.Get("Content-Language") != "az" {
			t.Errorf("Accept-Language az: %d, Content-Location %q, Vary %q", resp.StatusCode,
				resp.Header.Get("Content-Location"), resp.Header.Get("Vary"))
		}
		if _, en := s.get(t, "/", "Accept-Language", "en"); !strings.Contains(en, "Top stories") {
			t.Errorf("Accept-Language en after az: not the English home page (cache keyed wrongly?)")
		}
		// Every response carries the security headers.
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("CSP = %q", csp)
		}
	})
}

var (
	h1Re    = regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)
	titleRe = regexp.MustCompile(`<title>(.*?)</title>`)
	ldRe    = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	altRe   = regexp.MustCompile(`<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">`)
)

func TestArticleAnatomy(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newDemoSite(t, dsn)
		resp, body := s.get(t, leadEN)
		if resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
		h1 := h1Re.FindAllStringSubmatch(body, -1)
		if len(h1) != 1 {
			t.Fatalf("%d h1 elements", len(h1))
		}
		headline := h1[0][1]
		if title := titleRe.FindStringSubmatch(body)[1]; !strings.Contains(title, headline) || !strings.Contains(title, "Caspian Wire") {
			t.Errorf("title %q lacks headline or site name", title)
		}
		var ld map[string]any
		if m := ldRe.FindStringSubmatch(body); m == nil || json.Unmarshal([]byte(m[1]), &ld) != nil {
			t.Fatal("no parseable JSON-LD")
		}
		for _, k := range []string{"headline", "datePublished", "dateModified", "author", "articleSection", "inLanguage", "publisher"} {
			if ld[k] == nil || ld[k] == "" {
				t.Errorf("JSON-LD lacks %s", k)
			}
		}
		if ld["@type"] != "NewsArticle" || ld["headline"] != headline || ld["inLanguage"] != "en" || ld["articleSection"] != "Politics" {
			t.Errorf("JSON-LD = %v", ld)
		}
		alts := altRe.FindAllStringSubmatch(body, -1)
		langs := map[string]string{}
		for _, a := range alts {
			langs[a[1]] = a[2]
		}
		if len(langs) != 4 || langs["x-default"] != langs["en"] || !strings.HasSuffix(langs["ru"], "/ru/politika/") && !strings.Contains(langs["ru"], "/ru/politika/") {
			t.Errorf("hreflang alternates = %v", langs)
		}
		for _, want := range []string{
			`<link rel="canonical" href="` + s.srv.URL + leadEN + `">`,
			`<meta property="og:title"`, `<meta property="og:type" content="article">`,
			`Washington correspondent`, `WASHINGTON`, `<blockquote>`, `rel="tag"`,
			`class="briefs-column"`, `Leave a review`, `<time datetime="`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("article page lacks %s", want)
			}
		}
		// The language switch leads to the translation, which links back.
		ru := strings.TrimPrefix(langs["ru"], s.srv.URL)
		if !strings.Contains(body, `href="`+ru+`" hreflang="ru"`) {
			t.Errorf("language switch does not link to the Russian translation %s", ru)
		}
		resp, rbody := s.get(t, ru)
		if resp.StatusCode != 200 || !strings.Contains(rbody, `lang="ru"`) || !strings.Contains(rbody, `href="`+leadEN+`" hreflang="en"`) {
			t.Errorf("Russian translation %s: %d, does not link back", ru, resp.StatusCode)
		}
	})
}

func TestDemoOnlyOnEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	st, err := app.OpenStore(ctx, filepath.Join(t.TempDir(), "d.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out bytes.Buffer
	if err := app.SeedDemo(ctx, st, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), app.DemoLogin) || !strings.Contains(out.String(), "password") {
		t.Errorf("first seed output %q lacks the login", out.String())
	}
	out.Reset()
	if err := app.SeedDemo(ctx, st, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "added nothing") {
		t.Errorf("second seed output %q", out.String())
	}
	var n int
	if err := st.DB().QueryRow("SELECT COUNT(*) FROM users").Scan(&n); err != nil || n != 1 {
		t.Errorf("users after two seeds = %d, %v", n, err)
	}
}

func TestWithdrawnStory(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newDemoSite(t, dsn)
		ctx := context.Background()
		var id int64
		if err := s.st.DB().QueryRowContext(ctx, "SELECT id FROM articles WHERE language = 'en' AND slug = 'washington-talks-single-customs-check'").Scan(&id); err != nil {
			t.Fatal(err)
		}
		if err := s.st.WithTx(ctx, func(tx *store.Tx) error {
			return tx.SetStatus(ctx, id, content.StatusUnpublished, time.Now())
		}); err != nil {
			t.Fatal(err)
		}
		resp, body := s.get(t, leadEN)
		if resp.StatusCode != http.StatusGone || !strings.Contains(body, "Story withdrawn") {
			t.Errorf("withdrawn story: %d", resp.StatusCode)
		}
		// The translations stay; they no longer list the English version.
		_, en := s.get(t, "/en/politics/")
		if strings.Contains(en, leadEN) {
			t.Error("withdrawn story still listed on the section page")
		}
	})
}
