package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestSitemapArticles: the public stories by id, a page at a time, each with the public
// stories of its translation group (itself included); the news sitemap's form (since)
// also gives headlines, newest first.
func TestSitemapArticles(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		all, err := st.SitemapArticles(ctx, 0, 100, time.Time{}, f.now)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 2 || all[0].ID != f.lead || all[1].ID != f.leadRU {
			t.Fatalf("public stories = %+v, want lead and lead-ru", all)
		}
		for _, e := range all {
			if len(e.Translations) != 2 || e.Translations[0].Path != "/en/politics/lead" || e.Translations[1].Path != "/ru/politika/lead-ru" {
				t.Errorf("%s: translations %+v", e.Path, e.Translations)
			}
			if e.Headline != "" {
				t.Errorf("%s: headline %q in a story sitemap", e.Path, e.Headline)
			}
		}
		page, err := st.SitemapArticles(ctx, 1, 1, time.Time{}, f.now)
		if err != nil || len(page) != 1 || page[0].ID != f.leadRU || len(page[0].Translations) != 2 {
			t.Errorf("second page of one: %+v, %v", page, err)
		}
		news, err := st.SitemapArticles(ctx, 0, 100, f.now.Add(-48*time.Hour), f.now)
		if err != nil || len(news) != 2 || news[0].Headline == "" || len(news[0].Translations) != 2 {
			t.Errorf("news sitemap: %+v, %v", news, err)
		}
	})
}

// TestSitemapStories: a story sitemap page is the public stories of an id range, in id
// order, each with its public translations; the last public id bounds the pages, and the
// stories that are not public (drafts, embargoed, withdrawn, future) are on no page.
func TestSitemapStories(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		last, err := st.LastPublicArticleID(ctx, f.now)
		if err != nil || last != max(f.lead, f.leadRU) {
			t.Fatalf("last public id = %d, %v; want %d (the later story is not out yet)", last, err, max(f.lead, f.leadRU))
		}
		if later, _ := st.LastPublicArticleID(ctx, f.now.Add(2*time.Hour)); later != f.later {
			t.Errorf("last public id once the later story is out = %d, want %d", later, f.later)
		}
		for _, tc := range []struct {
			after, upTo int64
			want        []int64
		}{
			{0, last, []int64{f.lead, f.leadRU}},
			{0, f.lead, []int64{f.lead}},            // the upper bound is in the page
			{f.lead, last, []int64{f.leadRU}},       // the lower bound is not
			{last, last + 10000, nil},               // past the last public story
			{f.draft - 1, f.later, []int64{}},       // only stories that are not public
			{0, 1 << 40, []int64{f.lead, f.leadRU}}, // far beyond the end
		} {
			page, err := st.SitemapStories(ctx, tc.after, tc.upTo, f.now)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, e := range page {
				got = append(got, e.ID)
				if len(e.Translations) != 2 || e.Headline != "" {
					t.Errorf("(%d, %d]: %s: translations %+v, headline %q", tc.after, tc.upTo, e.Path, e.Translations, e.Headline)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Errorf("(%d, %d]: stories %v, want %v", tc.after, tc.upTo, got, tc.want)
			}
		}
		if id, err := st.LastPublicArticleID(ctx, f.now.Add(-100*time.Hour)); err != nil || id != 0 {
			t.Errorf("last public id before any story was public = %d, %v; want 0", id, err)
		}
	})
}
