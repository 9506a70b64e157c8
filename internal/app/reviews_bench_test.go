package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
)

// reportMedian reports the median of the measured durations, which a few slow iterations
// (a checkpoint of the database, a collection) do not move as they move the mean.
func reportMedian(b *testing.B, ds []time.Duration) {
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds()), "median-ns/op")
}

// BenchmarkPostReview posts a valid review through the whole site handler: form parsing,
// the story lookup, the rate limits, the spam signals and the insert. Each post comes from
// its own address, and the review clock moves on by the per-story interval between posts,
// so that the default rate limits let every post through; the form was issued long enough
// before (review.MinFillTime) for a person to have typed it.
func BenchmarkPostReview(b *testing.B) {
	s := newReviewSite(b, filepath.Join(b.TempDir(), "site.db"), review.DefaultLimits)
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, httptest.NewRequest("GET", leadEN, nil))
	token := tokenIn(rec.Body.String())
	if token == "" {
		b.Fatal("no form token")
	}
	s.clock.advance(2 * review.MinFillTime)
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		body := form(token, "Benchmark reader", "reader@example.test", "4",
			fmt.Sprintf("A useful and careful report; review %d of the benchmark.", i)).Encode()
		req := httptest.NewRequest("POST", leadEN+"/reviews", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:40000", i>>16&255, i>>8&255, i&255)
		rec := httptest.NewRecorder()
		start := time.Now()
		s.handler.ServeHTTP(rec, req)
		ds = append(ds, time.Since(start))
		if rec.Code != http.StatusSeeOther {
			b.Fatalf("post %d: %d %.300s", i, rec.Code, rec.Body.String())
		}
		s.clock.advance(review.DefaultLimits.PerArticleEvery)
	}
	b.StopTimer()
	reportMedian(b, ds)
}

// benchmarkArticle serves the lead story with n approved reviews on it.
func benchmarkArticle(b *testing.B, n int) {
	s := newReviewSite(b, filepath.Join(b.TempDir(), "site.db"), review.DefaultLimits)
	ctx := context.Background()
	id := storyPaths(b, s.st)[leadEN]
	err := s.st.WithTx(ctx, func(tx *store.Tx) error {
		for i := range n {
			text := fmt.Sprintf("Review %d: a careful reader's view of the talks, with some detail.\n\n"+
				"A second paragraph, and a link to https://example.com/source-%d for the record.", i, i)
			if _, err := tx.CreateReview(ctx, review.Review{ArticleID: id, Name: fmt.Sprintf("Reader %d", i),
				Email: "reader@example.test", Rating: 1 + i%5, Text: text, Status: string(review.StatusApproved),
				CreatedAt: time.Now().Add(-time.Duration(i) * time.Minute)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", leadEN, nil)
		start := time.Now()
		s.handler.ServeHTTP(rec, req)
		ds = append(ds, time.Since(start))
		if rec.Code != http.StatusOK || strings.Count(rec.Body.String(), `<li class="review">`) != n {
			b.Fatalf("GET %s: %d, %d reviews shown", leadEN, rec.Code, strings.Count(rec.Body.String(), `<li class="review">`))
		}
	}
	b.StopTimer()
	reportMedian(b, ds)
}

// BenchmarkArticleWith50Reviews serves a story showing a full page of reviews.
func BenchmarkArticleWith50Reviews(b *testing.B) { benchmarkArticle(b, 50) }

// BenchmarkArticleNoReviews serves the same story without reviews, for comparison.
func BenchmarkArticleNoReviews(b *testing.B) { benchmarkArticle(b, 0) }
