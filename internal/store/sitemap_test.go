package store_test

import (
	"context"
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
