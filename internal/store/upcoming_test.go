package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestUpcomingArticles: the dashboard's scheduled and embargoed lists come from the store
// soonest first, whatever order the stories were made or changed in; an embargo that has
// lifted is left out, and the count says how many there are beyond a limit.
func TestUpcomingArticles(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		ids := map[string]int64{"embargoed": f.embargoed}
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			for _, s := range []struct {
				slug         string
				status       content.Status
				pub, embargo time.Duration
			}{
				{"due-third", content.StatusScheduled, 3 * time.Hour, 0},
				{"due-first", content.StatusScheduled, time.Hour, 0},
				{"due-second", content.StatusScheduled, 2 * time.Hour, 0},
				{"lifts-soon", content.StatusPublished, -time.Hour, 30 * time.Minute},
				{"lifted", content.StatusPublished, -3 * time.Hour, -time.Hour},
			} {
				a := content.Article{Language: "en", Section: f.politics, Author: content.Author{ID: f.author}, Headline: s.slug,
					BodyMD: "Text.", BodyHTML: "<p>Text.</p>", Slug: s.slug, Status: s.status, PublishedAt: f.now.Add(s.pub),
					UpdatedAt: f.now.Add(-s.pub)}
				if s.embargo != 0 {
					a.EmbargoUntil = f.now.Add(s.embargo)
				}
				id, err := tx.CreateArticle(ctx, a)
				if err != nil {
					return err
				}
				ids[s.slug] = id
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name  string
			q     newsroom.ArticleQuery
			want  []string
			total int
		}{
			{"scheduled", newsroom.ArticleQuery{Status: content.StatusScheduled, Due: true, Limit: 2}, []string{"due-first", "due-second"}, 3},
			{"embargoed", newsroom.ArticleQuery{Status: content.StatusPublished, EmbargoedAfter: f.now, Due: true, Limit: 5}, []string{"lifts-soon", "embargoed"}, 2},
			{"embargoed, later", newsroom.ArticleQuery{Status: content.StatusPublished, EmbargoedAfter: f.now.Add(45 * time.Minute), Due: true, Limit: 5}, []string{"embargoed"}, 1},
		} {
			t.Run(tc.name, func(t *testing.T) {
				list, err := st.NewsroomArticles(ctx, tc.q)
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, a := range list {
					got = append(got, a.ID)
				}
				var want []int64
				for _, s := range tc.want {
					want = append(want, ids[s])
				}
				if len(got) != len(want) {
					t.Fatalf("got ids %v, want %v (%v)", got, want, tc.want)
				}
				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("got ids %v, want %v (%v)", got, want, tc.want)
					}
				}
				if n, err := st.CountNewsroomArticles(ctx, tc.q); err != nil || n != tc.total {
					t.Errorf("count = %d, %v; want %d", n, err, tc.total)
				}
			})
		}
	})
}
