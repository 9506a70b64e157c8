package metrics_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/metrics"
)

// BenchmarkMeasuredRequest is the whole cost of the metrics on a cached page: the
// middleware, the route lookup, the counter and the histogram. Compare "bare".
func BenchmarkMeasuredRequest(b *testing.B) {
	page := []byte("<!doctype html><title>x</title>")
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{lang}/{section}/{slug}", func(w http.ResponseWriter, r *http.Request) { w.Write(page) })
	for _, c := range []struct {
		name string
		h    http.Handler
	}{{"bare", mux}, {"measured", httpx.Measure(mux, metrics.New(nil))}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				r := httptest.NewRequest("GET", "/en/politics/a-story", nil) // the router writes to it
				w := discard{h: http.Header{}}
				for pb.Next() {
					c.h.ServeHTTP(w, r)
				}
			})
		})
	}
}

type discard struct{ h http.Header }

func (w discard) Header() http.Header         { return w.h }
func (w discard) Write(b []byte) (int, error) { return len(b), nil }
func (w discard) WriteHeader(int)             {}

// BenchmarkObserveRequest is the cost of recording one request in the Prometheus
// instruments (route lookup, counter, histogram), from two goroutines at once.
func BenchmarkObserveRequest(b *testing.B) {
	m := metrics.New(nil)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			m.ObserveRequest("GET /{lang}/{section}/{slug}", 200, 300*time.Microsecond)
		}
	})
}
