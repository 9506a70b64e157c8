package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// urlsFixture lists every URL the site of testdata/urls.xml answered and where it leads
// now; "" is a URL it did not answer.
var urlsFixture = map[string]string{
	// Post 201: its permalink (with and without the slash), /?p=, the month form, /slug/,
	// its old slug, its comments feed.
	"/2025/04/03/harbour-reopens/":      "/en/world/harbour-reopens",
	"/2025/04/03/harbour-reopens":       "/en/world/harbour-reopens",
	"/2025/04/harbour-reopens/":         "/en/world/harbour-reopens",
	"/?p=201":                           "/en/world/harbour-reopens",
	"/harbour-reopens/":                 "/en/world/harbour-reopens",
	"/harbour-reopens":                  "/en/world/harbour-reopens",
	"/2025/04/03/harbour-to-reopen/":    "/en/world/harbour-reopens",
	"/harbour-to-reopen/":               "/en/world/harbour-reopens",
	"/2025/04/03/harbour-reopens/feed/": "/en/world/feed/rss.xml",
	"/?p=202":                           "/en/local/storm-warning",
	"/storm-warning/":                   "/en/local/storm-warning",
	// 700's guid is /?p=568: post 568 keeps it.
	"/?p=568":                      "/en/culture/old-market-hall",
	"/?p=700":                      "/en/sport/new-market-opens",
	"/2024/12/01/new-market-opens": "/en/sport/new-market-opens",
	// Post 300 has no date: its permalink, /?p= and the dated forms of its last change.
	"/undated-note/":            "/en/news/undated-note",
	"/?p=300":                   "/en/news/undated-note",
	"/2025/05/06/undated-note/": "/en/news/undated-note",
	"/2025/05/undated-note/":    "/en/news/undated-note",
	// Every category, nested paths too; a category only ever second is its tag.
	"/category/news/":                "/en/news/",
	"/category/news/world/":          "/en/world/",
	"/category/world/":               "/en/world/",
	"/category/news/local/":          "/en/local/",
	"/category/local":                "/en/local/",
	"/category/sport/":               "/en/sport/",
	"/category/culture/":             "/en/culture/",
	"/category/opinion/":             "/en/tag/opinion",
	"/?cat=12":                       "/en/world/",
	"/?category_name=sport":          "/en/sport/",
	"/category/world/page/2/":        "/en/world/",
	"/category/culture/feed/":        "/en/culture/feed/rss.xml",
	"/category/news/world/feed/rss2": "/en/world/feed/rss.xml",
	// Tags, authors, date archives, feeds.
	"/tag/harbour/":           "/en/tag/harbour",
	"/tag/weather":            "/en/tag/weather",
	"/tag/markets/":           "/en/tag/markets",
	"/?tag=weather":           "/en/tag/weather",
	"/tag/harbour/feed/atom/": "/en/tag/harbour/feed/atom.xml",
	"/author/mira-k/":         "/en/author/mira-k",
	"/?author_name=tomas":     "/en/author/tomas",
	"/author/tomas/feed/":     "/en/feed/rss.xml",
	"/2025/":                  "/en/",
	"/2025/04/":               "/en/",
	"/2025/04/03/":            "/en/",
	"/?m=202504":              "/en/",
	"/feed/":                  "/rss.xml",
	"/feed/rss2/":             "/rss.xml",
	"/feed/atom/":             "/atom.xml",
	"/comments/feed/":         "/rss.xml",
	"/?feed=rss2":             "/rss.xml",
	"/page/3/":                "/",
	// Not URLs of the old site.
	"/2023/":            "",
	"/2025/04/04/":      "",
	"/category/nothing": "",
	"/author/nobody/":   "",
	"/tag/nothing/feed": "",
}

// TestEveryOldURLAnswers imports testdata/urls.xml and asks the real site, over HTTP, for
// every URL of the old site: each answers 301 to a page that answers 200.
func TestEveryOldURLAnswers(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		mustImport(t, st, "wordpress", "urls.xml", importer.Options{Language: "en"})
		get := oldSite(t, st)
		checkOldURLs(t, get, urlsFixture)
		// Our own routes win over the old site's paths.
		if status, loc := get("/search?q=harbour"); status != http.StatusOK {
			t.Errorf("GET /search: %d %q", status, loc)
		}
	})
}

// checkOldURLs asks for every URL of urls: each answers 301 to its place, which answers
// 200; a URL that leads nowhere ("") gets no redirect.
func checkOldURLs(t *testing.T, get func(string) (int, string), urls map[string]string) {
	t.Helper()
	for _, path := range sortedKeys(urls) {
		want := urls[path]
		status, loc := get(path)
		if want == "" {
			if status == http.StatusMovedPermanently {
				t.Errorf("GET %s: 301 to %s, want no redirect", path, loc)
			}
			continue
		}
		if status != http.StatusMovedPermanently || loc != want {
			t.Errorf("GET %s: %d %q, want 301 %q", path, status, loc, want)
			continue
		}
		if status, _ := get(loc); status != http.StatusOK {
			t.Errorf("GET %s → %s: %d, want 200", path, loc, status)
		}
	}
}

// TestEveryGhostURLAnswers does the same for a Ghost export: /slug/, /tag/x/, /author/x/
// and the /rss/ feeds.
func TestEveryGhostURLAnswers(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		mustImport(t, st, "ghost", "ghost.json", importer.Options{Language: "en"})
		checkOldURLs(t, oldSite(t, st), map[string]string{
			"/mobiledoc-harbour/":     "/en/harbour/mobiledoc-harbour",
			"/mobiledoc-harbour":      "/en/harbour/mobiledoc-harbour",
			"/mobiledoc-harbour/rss/": "/en/harbour/feed/rss.xml",
			"/tag/harbour/":           "/en/tag/harbour",
			"/tag/harbour/rss/":       "/en/tag/harbour/feed/rss.xml",
			"/author/nigar/":          "/en/author/nigar",
			"/author/nigar/rss/":      "/en/feed/rss.xml",
			"/rss/":                   "/rss.xml",
			"/lexical-cranes/":        "", // a draft
			"/tag/cranes/":            "", // only a draft carries it
		})
	})
}

// TestOldURLsRoundTrip exports a site with imported old URLs, imports the file into an
// empty database and exports again: both exports carry the same old URLs, and every old
// URL leads to the same page on both sites.
func TestOldURLsRoundTrip(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		src := testkit.Store(t, dsn)
		mustImport(t, src, "wordpress", "urls.xml", importer.Options{Language: "en"})
		var first bytes.Buffer
		if _, err := importer.Export(ctx, src, &first, importer.ExportOptions{BaseURL: "https://news.example"}); err != nil {
			t.Fatal(err)
		}
		kind := "sqlite"
		if src.Dialect() == "postgres" {
			kind = "postgres"
		}
		dst := testkit.Store(t, testkit.DSN(t, kind))
		if _, err := importer.New(dst, importer.Options{}).WordPress(ctx, bytes.NewReader(first.Bytes()), int64(first.Len())); err != nil {
			t.Fatalf("import the export: %v", err)
		}
		var second bytes.Buffer
		if _, err := importer.Export(ctx, dst, &second, importer.ExportOptions{BaseURL: "https://news.example"}); err != nil {
			t.Fatal(err)
		}
		want, got := exportURLs(t, first.Bytes()), exportURLs(t, second.Bytes())
		if strings.Join(want, "\n") != strings.Join(got, "\n") {
			t.Errorf("the second export's URLs differ from the first's:\n%s", diffLines(want, got))
		}
		for _, c := range []string{"/category/news/world/", "/category/opinion/", "/tag/harbour/", "/?cat=12"} {
			if !strings.Contains(strings.Join(want, "\n"), strings.TrimSuffix(c, "/")) {
				t.Errorf("the export lost %s:\n%s", c, strings.Join(want, "\n"))
			}
		}
		for _, path := range sortedKeys(urlsFixture) {
			a, errA := importer.ResolveLegacy(ctx, src, path[:strings.IndexAny(path+"?", "?")], queryOf(path), nil, testNow)
			b, errB := importer.ResolveLegacy(ctx, dst, path[:strings.IndexAny(path+"?", "?")], queryOf(path), nil, testNow)
			if a != b || (errA == nil) != (errB == nil) {
				t.Errorf("%s leads to %q (%v) before the round trip, %q (%v) after", path, a, errA, b, errB)
			}
		}
	})
}

// oldSite serves the public site of st and returns a GET that follows no redirect.
func oldSite(t *testing.T, st *store.Store) func(path string) (int, string) {
	t.Helper()
	site, err := app.Build(config.Config{BaseURL: "http://news.example", TimeZone: "UTC", Media: t.TempDir()}, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler)
	t.Cleanup(srv.Close)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return func(path string) (int, string) {
		t.Helper()
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, resp.Header.Get("Location")
	}
}

func queryOf(path string) string {
	_, q, _ := strings.Cut(path, "?")
	return q
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// urlRecorder collects the URLs an export carries: each story's link with its old paths,
// each section's and tag's old paths.
type urlRecorder struct{ lines []string }

func (r *urlRecorder) Site(importer.Site) error     { return nil }
func (r *urlRecorder) Author(importer.Author) error { return nil }
func (r *urlRecorder) Category(t importer.Term) error {
	r.term("category", t)
	return nil
}
func (r *urlRecorder) Tag(t importer.Term) error {
	r.term("tag", t)
	return nil
}

func (r *urlRecorder) term(kind string, t importer.Term) {
	for k, v := range t.Meta {
		if lang, ok := strings.CutPrefix(k, importer.LegacyTermMeta); ok {
			for _, p := range strings.Split(v, "\n") {
				r.lines = append(r.lines, fmt.Sprintf("%s %s %s %s", kind, t.Slug, lang, p))
			}
		}
	}
}

func (r *urlRecorder) Post(p *importer.Post) error {
	r.lines = append(r.lines, "link "+p.Link)
	for _, v := range p.MetaValues("_newsdesk_legacy_path") {
		r.lines = append(r.lines, "post "+p.Link+" "+v)
	}
	for _, v := range p.MetaValues("_newsdesk_old_slug") {
		r.lines = append(r.lines, "old slug "+p.Link+" "+v)
	}
	return nil
}

func exportURLs(t *testing.T, file []byte) []string {
	t.Helper()
	var r urlRecorder
	if err := importer.ReadWXR(bytes.NewReader(file), &r); err != nil {
		t.Fatal(err)
	}
	sort.Strings(r.lines)
	return r.lines
}
