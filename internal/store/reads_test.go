package store_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestMostRead: the reads added by several instances (here: several goroutines, each a
// transaction of its own) are summed by story and hour; the list is of one language's
// public stories, most read in the last 24 hours first; reads of stories that went or
// never were public, and of older hours, do not count; old hours are pruned.
func TestMostRead(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		var second int64
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			var err error
			second, err = tx.CreateArticle(ctx, content.Article{Language: "en", Section: f.economy, Headline: "Second",
				Slug: "second", Status: content.StatusPublished, PublishedAt: f.now.Add(-5 * time.Hour), UpdatedAt: f.now.Add(-5 * time.Hour)})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		add := func(at time.Time, counts map[int64]int64) {
			t.Helper()
			if err := st.AddReads(ctx, at, counts); err != nil {
				t.Fatalf("add reads %v: %v", counts, err)
			}
		}
		add(f.now, map[int64]int64{f.lead: 3, second: 5, f.draft: 100, f.embargoed: 50, f.gone: 70, f.leadRU: 9, 987654: 4})
		add(f.now.Add(-30*time.Hour), map[int64]int64{second: 1000}) // before the last 24 hours
		add(f.now.Add(-2*time.Hour), map[int64]int64{f.lead: 1})
		// Four instances flushing at once, ten times each: every read is kept.
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for range 4 {
			wg.Go(func() {
				for range 10 {
					errs <- st.AddReads(ctx, f.now, map[int64]int64{f.lead: 1, second: 1})
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("concurrent add: %v", err)
			}
		}
		// lead: 3 + 1 + 40 = 44; second: 5 + 40 = 45 (its 1000 are older).
		for _, tc := range []struct {
			lang  string
			limit int
			want  []int64
		}{
			{"en", 10, []int64{second, f.lead}},
			{"en", 1, []int64{second}},
			{"ru", 10, []int64{f.leadRU}},
		} {
			list, err := st.MostRead(ctx, tc.lang, f.now.Add(-24*time.Hour), f.now, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, a := range list {
				got = append(got, a.ID)
				if a.Language != tc.lang || a.Headline == "" || a.SectionSlug == "" {
					t.Errorf("%s: summary %+v lacks its language, headline or section", tc.lang, a)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("most read in %s (limit %d) = %v, want %v", tc.lang, tc.limit, got, tc.want)
			}
		}
		add(f.now, map[int64]int64{f.lead: 2})
		list, err := st.MostRead(ctx, "en", f.now.Add(-24*time.Hour), f.now, 10)
		if err != nil || len(list) == 0 || list[0].ID != f.lead {
			t.Fatalf("after two more reads the lead should lead: %v, %v", list, err)
		}
		n, err := st.PruneReads(ctx, f.now.Add(-24*time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("prune = %d, %v; want the one row of 30 hours ago", n, err)
		}
		list, err = st.MostRead(ctx, "en", f.now.Add(-48*time.Hour), f.now, 10)
		if err != nil || len(list) != 2 || list[0].ID != f.lead {
			t.Fatalf("after pruning, the older reads of the second story are gone: %v, %v", list, err)
		}
	})
}
