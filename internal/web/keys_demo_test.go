package web_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/web"
)

var updatePageKeys = flag.Bool("update-page-keys", false, "rewrite testdata/demo_page_keys.golden")

// TestDemoPageKeys crawls the demo edition's public pages, feeds and sitemaps and holds
// the surrogate keys each is cached under to the ones recorded in testdata (go test -run
// DemoPageKeys -update-page-keys rewrites them). Day pages, whose paths hold today's
// date, are left out.
func TestDemoPageKeys(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := app.SeedDemo(ctx, st, io.Discard); err != nil {
		t.Fatal(err)
	}
	site, err := web.New(web.Config{Store: st, BaseURL: "http://site.test", Now: time.Now, Location: time.UTC, Cache: cache.New(64 << 20),
		SurrogateKeys: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(httpx.Wrap(site, httpx.Options{Hit: site.Hit}))
	t.Cleanup(srv.Close)

	link := regexp.MustCompile(`(?:href|src)="(/[^"#]*)"|<loc>http://site\.test(/[^<]*)</loc>`)
	day := regexp.MustCompile(`/briefs/\d{4}-\d\d-\d\d$`)
	queue := []string{"/en/", "/ru/", "/az/", "/rss.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/news-sitemap.xml"}
	seen := map[string]bool{}
	got := map[string]string{}
	for len(queue) > 0 && len(seen) < 600 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] || strings.HasPrefix(p, "/static/") || strings.HasPrefix(p, "/brand/") || strings.HasPrefix(p, "/search") || strings.HasPrefix(p, "//") || day.MatchString(p) {
			continue
		}
		seen[p] = true
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			continue
		}
		got[p] = res.Header.Get("Surrogate-Key")
		for _, m := range link.FindAllStringSubmatch(string(body), -1) {
			next := strings.ReplaceAll(m[1]+m[2], "&amp;", "&")
			if !seen[next] {
				queue = append(queue, next)
			}
		}
	}
	paths := make([]string, 0, len(got))
	for p := range got {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b strings.Builder
	for _, p := range paths {
		fmt.Fprintf(&b, "%s: %s\n", p, got[p])
	}
	golden := filepath.Join("testdata", "demo_page_keys.golden")
	if *updatePageKeys {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("surrogate keys changed; got:\n%s", b.String())
	}
}
