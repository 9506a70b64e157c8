package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestRelatedArticles: the stories related to one are of its language and public (not
// drafts, not scheduled, not under embargo, not published in the future), those sharing
// more of its tags first, then those of its section, then the newest; the story itself is
// not among them.
func TestRelatedArticles(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st) // its public English story "lead" is in politics, an hour old, without these tags
		ids := map[string]int64{}
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			for _, s := range []struct {
				slug, lang string
				sec        content.Section
				status     content.Status
				ago        time.Duration
				tags       []string
				embargo    time.Duration // from now
			}{
				{"base", "en", f.politics, content.StatusPublished, 3 * time.Hour, []string{"Ports", "Rail"}, 0},
				{"two-tags", "en", f.economy, content.StatusPublished, 5 * time.Hour, []string{"Rail", "Ports", "Tea"}, 0},
				{"one-tag-new", "en", f.economy, content.StatusPublished, time.Hour, []string{"Ports"}, 0},
				{"one-tag-same-section", "en", f.politics, content.StatusPublished, 6 * time.Hour, []string{"Rail"}, 0},
				{"section-only", "en", f.politics, content.StatusPublished, 2 * time.Hour, nil, 0},
				{"unrelated", "en", f.economy, content.StatusPublished, time.Hour, []string{"Tea"}, 0},
				{"draft-two-tags", "en", f.politics, content.StatusDraft, 0, []string{"Ports", "Rail"}, 0},
				{"russian", "ru", f.politics, content.StatusPublished, time.Hour, []string{"Ports", "Rail"}, 0},
				{"embargoed-two-tags", "en", f.politics, content.StatusPublished, time.Hour, []string{"Ports", "Rail"}, time.Hour},
				{"scheduled-two-tags", "en", f.politics, content.StatusScheduled, -time.Hour, []string{"Ports", "Rail"}, 0},
				{"future-two-tags", "en", f.politics, content.StatusPublished, -time.Hour, []string{"Ports", "Rail"}, 0},
			} {
				var tags []content.Tag
				for _, name := range s.tags {
					tags = append(tags, content.Tag{Name: name})
				}
				a := content.Article{Language: s.lang, Section: s.sec, Headline: s.slug, Slug: s.slug, Status: s.status, Tags: tags}
				if s.status != content.StatusDraft {
					a.PublishedAt, a.UpdatedAt = f.now.Add(-s.ago), f.now.Add(-s.ago)
				}
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
		base, err := st.PublicArticle(ctx, "en", "base", f.now)
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			limit int
			want  []int64
		}{
			{5, []int64{ids["two-tags"], ids["one-tag-same-section"], ids["one-tag-new"], f.lead, ids["section-only"]}},
			{2, []int64{ids["two-tags"], ids["one-tag-same-section"]}},
		}
		for _, tc := range tests {
			list, err := st.RelatedArticles(ctx, base, tc.limit, f.now)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, a := range list {
				got = append(got, a.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("related (limit %d) = %v, want %v (ids %v, lead %d)", tc.limit, got, tc.want, ids, f.lead)
			}
		}
	})
}
