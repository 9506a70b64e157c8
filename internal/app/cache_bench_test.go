package app_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

type sinkWriter struct{ h http.Header }

func (w *sinkWriter) Header() http.Header         { return w.h }
func (w *sinkWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *sinkWriter) WriteHeader(int)             {}

// BenchmarkCachedHit measures the whole handler (middleware, routing, cache lookup) on a
// cached article page, with the access log of `newsdesk serve`, against writing the same
// bytes bare: the difference is what the stack adds to net/http's own cost. "site" asks
// without a User-Agent (not counted for "Most read"), "site-reader" as a browser (counted).
func BenchmarkCachedHit(b *testing.B) {
	st := sitekit.Demo(b, filepath.Join(b.TempDir(), "site.db"))
	lw := httpx.NewLogWriter(io.Discard, 200*time.Millisecond)
	defer lw.Close()
	log := slog.New(httpx.LogHandler(httpx.FastAccess(slog.NewTextHandler(lw, nil), lw, false)))
	site, err := app.Build(config.Config{BaseURL: "http://x", TimeZone: "Asia/Baku", PageCacheMB: 16}, st, log)
	if err != nil {
		b.Fatal(err)
	}
	r := httptest.NewRequest("GET", leadEN, nil)
	rec := httptest.NewRecorder()
	site.Handler.ServeHTTP(rec, r)
	page := rec.Body.Bytes()
	ctype := []string{"text/html; charset=utf-8"}
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = ctype
		_, _ = w.Write(page)
	})
	reader := httptest.NewRequest("GET", leadEN, nil)
	reader.Header.Set("User-Agent", browserUA)
	for _, tc := range []struct {
		name string
		h    http.Handler
		r    *http.Request
	}{{"bare", bare, r}, {"site", site.Handler, r}, {"site-reader", site.Handler, reader}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tc.h.ServeHTTP(&sinkWriter{h: make(http.Header, 16)}, tc.r)
			}
		})
	}
}
