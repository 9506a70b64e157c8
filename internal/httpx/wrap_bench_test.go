package httpx

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

type benchWriter struct{ h http.Header }

func (w *benchWriter) Header() http.Header         { return w.h }
func (w *benchWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *benchWriter) WriteHeader(int)             {}

// BenchmarkWrap measures what the middleware adds to a request: compare with the bare
// handler (the access log goes to a LogWriter over io.Discard, as in production).
func BenchmarkWrap(b *testing.B) {
	page := []byte(strings.Repeat("<p>text</p>", 2000))
	ctype := []string{"text/html; charset=utf-8"}
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = ctype
		_, _ = w.Write(page)
	})
	lw := NewLogWriter(io.Discard, 200*time.Millisecond)
	defer lw.Close()
	for _, tc := range []struct {
		name string
		h    http.Handler
	}{
		{"bare", bare},
		{"wrapped-slog", Wrap(bare, Options{Logger: slog.New(slog.NewTextHandler(lw, nil)), MaxBody: 1 << 20})},
		{"wrapped", Wrap(bare, Options{Logger: slog.New(LogHandler(FastAccess(slog.NewTextHandler(lw, nil), lw, false))), MaxBody: 1 << 20})},
		{"wrapped-nolog", Wrap(bare, Options{MaxBody: 1 << 20})},
	} {
		b.Run(tc.name, func(b *testing.B) {
			r := httptest.NewRequest("GET", "/en/politics/story", nil)
			b.ReportAllocs()
			for b.Loop() {
				w := &benchWriter{h: http.Header{}}
				tc.h.ServeHTTP(w, r)
			}
		})
	}
}
