package bench_test

import (
	"context"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// BenchmarkRelatedStories runs the related-stories query (store/related.go) for stories
// from all over the archive: the stories sharing their tags (a common tag has thousands),
// then their section's newest.
func BenchmarkRelatedStories(b *testing.B) {
	backends(b, func(b *testing.B, s *site) {
		ctx, now := context.Background(), time.Now()
		var arts []content.Article
		for _, p := range s.articles[:min(len(s.articles), 500)] {
			parts := strings.Split(p, "/")
			a, err := s.st.PublicArticle(ctx, parts[1], parts[3], now)
			if err != nil {
				b.Fatal(err)
			}
			arts = append(arts, a)
		}
		lat := make([]time.Duration, 0, 1024)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			t0 := time.Now()
			if _, err := s.st.RelatedArticles(ctx, arts[i%len(arts)], 5, now); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t0))
		}
		b.StopTimer()
		reportLatency(b, lat)
	})
}

// BenchmarkMostRead runs the "Most read" query over a day of counts: every public story
// of the sample read in the last 24 hours, in each of its hours (the worst case: a busy
// day where thousands of stories had readers).
func BenchmarkMostRead(b *testing.B) {
	backends(b, func(b *testing.B, s *site) {
		ctx, now := context.Background(), time.Now()
		langs := map[string]bool{}
		counts := map[int64]int64{}
		for _, p := range s.articles[:min(len(s.articles), 5000)] {
			parts := strings.Split(p, "/")
			a, err := s.st.PublicArticle(ctx, parts[1], parts[3], now)
			if err != nil {
				b.Fatal(err)
			}
			langs[a.Language] = true
			counts[a.ID] = 1 + rand.Int64N(500)
		}
		if _, err := s.st.PruneReads(ctx, now.Add(2*time.Hour)); err != nil {
			b.Fatal(err)
		}
		for h := range 24 {
			if err := s.st.AddReads(ctx, now.Add(-time.Duration(h)*time.Hour), counts); err != nil {
				b.Fatal(err)
			}
		}
		codes := slices.Sorted(maps.Keys(langs))
		lat := make([]time.Duration, 0, 1024)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			t0 := time.Now()
			list, err := s.st.MostRead(ctx, codes[i%len(codes)], now.Add(-24*time.Hour), now, 5)
			if err != nil || len(list) != 5 {
				b.Fatalf("most read: %d stories, %v", len(list), err)
			}
			lat = append(lat, time.Since(t0))
		}
		b.StopTimer()
		reportLatency(b, lat)
	})
}
