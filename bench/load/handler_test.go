// Package load_test measures, without the network, what the server adds to a cache hit: the
// cached article page through the whole handler (routing, middleware, access log, page
// cache) next to a handler that only writes the same bytes. Its CPU profile shows where the
// difference goes:
//
//	go test ./bench/load -run XXX -bench CachedArticle -benchtime 200000x -cpuprofile /tmp/cpu.out -o /tmp/load.test
//	go tool pprof -top -cum /tmp/load.test /tmp/cpu.out
//
// bench/load/run measures the same page over loopback under wrk.
package load_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// discard is a ResponseWriter that keeps the status and counts the bytes.
type discard struct {
	h      http.Header
	status int
	n      int
}

func (d *discard) Header() http.Header { return d.h }
func (d *discard) WriteHeader(s int)   { d.status = s }
func (d *discard) Write(p []byte) (int, error) {
	if d.status == 0 {
		d.status = http.StatusOK
	}
	d.n += len(p)
	return len(p), nil
}

var locRe = regexp.MustCompile(`<loc>([^<]+)</loc>`)

// demoHandler serves the demo edition with the page cache on, logging at info level (the
// access log is formatted, then discarded) as a deployed server does.
func demoHandler(b *testing.B) (http.Handler, string) {
	b.Helper()
	dir := b.TempDir()
	st := sitekit.Demo(b, filepath.Join(dir, "site.db"))
	log := slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg := config.Config{BaseURL: "http://bench.test", TimeZone: "Asia/Baku", Media: filepath.Join(dir, "media"),
		TrustedProxies: "127.0.0.1", PageCacheMB: 64}
	h, err := app.Handler(cfg, st, log)
	if err != nil {
		b.Fatal(err)
	}
	get := func(path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", path, w.Code)
		}
		return w
	}
	var sitemap string
	for _, m := range locRe.FindAllStringSubmatch(get("/sitemap.xml").Body.String(), -1) {
		if u, err := url.Parse(m[1]); err == nil && regexp.MustCompile(`stories-\d+\.xml$`).MatchString(u.Path) {
			sitemap = u.Path
			break
		}
	}
	if sitemap == "" {
		b.Fatal("no story sitemap")
	}
	m := locRe.FindStringSubmatch(get(sitemap).Body.String())
	if m == nil {
		b.Fatal("no story in " + sitemap)
	}
	u, err := url.Parse(m[1])
	if err != nil {
		b.Fatal(err)
	}
	return h, u.Path
}

func BenchmarkCachedArticle(b *testing.B) {
	h, path := demoHandler(b)
	first := httptest.NewRecorder()
	h.ServeHTTP(first, httptest.NewRequest(http.MethodGet, path, nil)) // fills the cache
	page := first.Body.Bytes()
	bare := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(page)
	})
	for _, bc := range []struct {
		name string
		h    http.Handler
	}{{"newsdesk", h}, {"bare", bare}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(page)))
			w := &discard{h: http.Header{}}
			// One parsed request, copied for each call: parsing is the server's cost
			// in both cases, and httptest.NewRequest's buffers would swamp the profile.
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.RemoteAddr = "127.0.0.1:50000"
			req.Header.Set("User-Agent", "bench")
			for b.Loop() {
				clear(w.h)
				w.status, w.n = 0, 0
				r := *req
				bc.h.ServeHTTP(w, &r)
				if w.status != http.StatusOK || w.n != len(page) {
					b.Fatalf("GET %s: status %d, %d bytes, want 200 and %d", path, w.status, w.n, len(page))
				}
			}
		})
	}
}
