package store_test

import (
	"context"
	"testing"

	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestReviewStatsIgnoreUnrated: comments imported without a rating (0) count as reviews
// but not in the average.
func TestReviewStatsIgnoreUnrated(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		for i, tc := range []struct {
			rating int
			status string
		}{{5, "approved"}, {2, "approved"}, {0, "approved"}, {0, "approved"}, {1, "pending"}} {
			err := st.WithTx(ctx, func(tx *store.Tx) error {
				_, err := tx.CreateReview(ctx, review.Review{ArticleID: f.lead, Name: "Reader", Rating: tc.rating,
					Text: "A review long enough to keep.", Status: tc.status, TextHash: string(rune('a' + i)), CreatedAt: f.now})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		got, err := st.ReviewStats(ctx, f.lead)
		if err != nil {
			t.Fatal(err)
		}
		if want := (review.Stats{Count: 4, Rated: 2, Average: 3.5}); got != want {
			t.Errorf("stats = %+v, want %+v", got, want)
		}
		got, err = st.ReviewStats(ctx, f.leadRU)
		if err != nil || got != (review.Stats{}) {
			t.Errorf("no reviews: %+v, %v", got, err)
		}
	})
}
