package httpx

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

type countingObserver struct{ n atomic.Int64 }

func (c *countingObserver) ObserveRequest(pattern string, status int, d time.Duration) { c.n.Add(1) }

// BenchmarkMeasure is the cost the metrics middleware adds to a request (against a
// handler that writes a cached page), with a trivial observer; internal/metrics has the
// benchmark with the Prometheus instruments.
func BenchmarkMeasure(b *testing.B) {
	page := []byte("<!doctype html><title>x</title>")
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{lang}/", func(w http.ResponseWriter, r *http.Request) { w.Write(page) })
	for _, c := range []struct {
		name string
		h    http.Handler
	}{{"bare", mux}, {"measured", Measure(mux, &countingObserver{})}} {
		b.Run(c.name, func(b *testing.B) {
			r := httptest.NewRequest("GET", "/en/", nil)
			w := discardWriter{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				c.h.ServeHTTP(w, r)
			}
		})
	}
}

// discardWriter is a ResponseWriter that keeps nothing, so the benchmark measures the
// middleware and not a recorder.
type discardWriter struct{ h http.Header }

func (w discardWriter) Header() http.Header         { return w.h }
func (w discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w discardWriter) WriteHeader(int)             {}

func TestMeasureStatus(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /a", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusEarlyHints)
		w.WriteHeader(http.StatusTeapot)
	})
	var got int
	var pattern string
	h := Measure(mux, observerFunc(func(p string, s int, _ time.Duration) { pattern, got = p, s }))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/a", nil))
	if got != http.StatusTeapot || pattern != "GET /a" {
		t.Errorf("got %q %d, want GET /a 418", pattern, got)
	}
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/nowhere", nil))
	if got != http.StatusNotFound || pattern != "" {
		t.Errorf("got %q %d, want \"\" 404", pattern, got)
	}
}

type observerFunc func(string, int, time.Duration)

func (f observerFunc) ObserveRequest(p string, s int, d time.Duration) { f(p, s, d) }
