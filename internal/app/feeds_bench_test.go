package app_test

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// BenchmarkFeedCached serves feeds and sitemaps from the document cache (built once,
// served until content changes) through the whole handler.
func BenchmarkFeedCached(b *testing.B) {
	for _, path := range []string{"/rss.xml", "/en/politics/feed/atom.xml", "/feed.json", "/sitemap.xml", "/sitemaps/stories-1.xml", "/news-sitemap.xml"} {
		b.Run(filepath.Base(path), func(b *testing.B) {
			s := newDemoSite(b, filepath.Join(b.TempDir(), "site.db"))
			h := s.srv.Config.Handler
			warm := httptest.NewRecorder()
			h.ServeHTTP(warm, httptest.NewRequest("GET", path, nil))
			if warm.Code != http.StatusOK {
				b.Fatalf("GET %s = %d", path, warm.Code)
			}
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
				lat = append(lat, time.Since(start))
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s = %d", path, rec.Code)
				}
			}
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "median-ns/op")
		})
	}
}
