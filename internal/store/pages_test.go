package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestPages: pages are unique by language and slug; only published ones are public and
// in the footer, in order; translations link one a language and unlink cleanly; each
// write purges the keys cache.SitePageKeys names.
func TestPages(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		var log purgeLog
		st.OnPurge(log.record)
		create := func(lang, slug, title string, pos int) (int64, error) {
			var id int64
			err := st.WithTx(ctx, func(tx *store.Tx) error {
				var err error
				id, err = tx.CreatePage(ctx, content.Page{Language: lang, Slug: slug, Title: title, BodyMD: "Text.",
					BodyHTML: "<p>Text.</p>", Status: content.StatusDraft, InFooter: true, Position: pos, CreatedAt: f.now, UpdatedAt: f.now})
				return err
			})
			return id, err
		}
		must := func(id int64, err error) int64 {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		write := func(fn func(tx *store.Tx) error) error { return st.WithTx(ctx, fn) }
		get := func(id int64) content.Page {
			t.Helper()
			p, err := st.PageByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		publish := func(id int64) {
			t.Helper()
			p := get(id)
			p.Status, p.PublishedAt = content.StatusPublished, f.now
			if err := write(func(tx *store.Tx) error { return tx.UpdatePage(ctx, p) }); err != nil {
				t.Fatal(err)
			}
		}
		footer := func(lang string) []string {
			t.Helper()
			links, err := st.FooterPages(ctx, lang)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, l := range links {
				out = append(out, l.URL())
			}
			return out
		}

		about := must(create("en", "about", "About us", 1))
		if _, err := create("en", "about", "About again", 0); !errors.Is(err, content.ErrConflict) {
			t.Errorf("a second en/about: %v, want a conflict", err)
		}
		if _, err := create("ru", "about", "О нас", 1); err != nil {
			t.Errorf("ru/about beside en/about: %v", err)
		}
		corr := must(create("en", "corrections", "Corrections policy", 0))
		if _, err := st.PublicPage(ctx, "en", "about"); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("a draft is public: %v", err)
		}
		if got := footer("en"); len(got) != 0 {
			t.Errorf("footer with drafts only = %v", got)
		}

		log.reset()
		publish(about)
		if keys, _ := log.last(); !slices.Contains(keys, cache.FooterKey("en")) || !slices.Contains(keys, cache.PageKey(about)) ||
			!slices.Contains(keys, cache.Sitemaps) {
			t.Errorf("publishing purged %v", keys)
		}
		publish(corr)
		if got, want := footer("en"), []string{"/en/page/corrections", "/en/page/about"}; !slices.Equal(got, want) {
			t.Errorf("footer = %v, want %v (by position)", got, want)
		}
		p, err := st.PublicPage(ctx, "en", "about")
		if err != nil || p.Title != "About us" || p.PublishedAt.IsZero() || p.BodyHTML != "<p>Text.</p>" {
			t.Errorf("PublicPage = %+v, %v", p, err)
		}

		// A body edit leaves the footer alone; a rename purges it.
		p = get(about)
		p.BodyMD, p.UpdatedAt = "New text.", f.now.Add(time.Minute)
		log.reset()
		if err := write(func(tx *store.Tx) error { return tx.UpdatePage(ctx, p) }); err != nil {
			t.Fatal(err)
		}
		if keys, _ := log.last(); slices.Contains(keys, cache.FooterKey("en")) || !slices.Contains(keys, cache.PageKey(about)) {
			t.Errorf("a body edit purged %v", keys)
		}
		p.Slug = "corrections"
		if err := write(func(tx *store.Tx) error { return tx.UpdatePage(ctx, p) }); !errors.Is(err, content.ErrConflict) {
			t.Errorf("renaming onto a taken slug: %v", err)
		}

		// Translations: one a language, linked both ways, alone again after an unlink.
		ru := must(create("ru", "o-nas", "О нас", 0))
		ru2 := must(create("ru", "o-nas-2", "О нас (2)", 0))
		if err := write(func(tx *store.Tx) error { return tx.LinkPage(ctx, ru, about) }); err != nil {
			t.Fatal(err)
		}
		if g := get(about).GroupID; g == 0 || get(ru).GroupID != g {
			t.Errorf("linked groups: about %d, ru %d", g, get(ru).GroupID)
		}
		if err := write(func(tx *store.Tx) error { return tx.LinkPage(ctx, ru2, about) }); !errors.Is(err, content.ErrConflict) {
			t.Errorf("a second ru translation: %v", err)
		}
		publish(ru)
		group, err := st.PublicPageGroup(ctx, get(about).GroupID)
		if err != nil || len(group) != 2 {
			t.Errorf("PublicPageGroup = %+v, %v", group, err)
		}
		log.reset()
		if err := write(func(tx *store.Tx) error { return tx.UnlinkPage(ctx, ru) }); err != nil {
			t.Fatal(err)
		}
		if keys, _ := log.last(); !slices.Contains(keys, cache.PageKey(about)) || !slices.Contains(keys, cache.PageKey(ru)) {
			t.Errorf("unlinking purged %v, want both pages", keys)
		}
		if get(about).GroupID != 0 || get(ru).GroupID != 0 {
			t.Errorf("after unlinking the only translation: about %d, ru %d", get(about).GroupID, get(ru).GroupID)
		}

		// Deleting a public page purges the footer; deleting twice is not found.
		log.reset()
		if err := write(func(tx *store.Tx) error { return tx.DeletePage(ctx, corr) }); err != nil {
			t.Fatal(err)
		}
		if keys, _ := log.last(); !slices.Contains(keys, cache.FooterKey("en")) {
			t.Errorf("deleting purged %v", keys)
		}
		if err := write(func(tx *store.Tx) error { return tx.DeletePage(ctx, corr) }); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("deleting again: %v", err)
		}
		all, err := st.NewsroomPages(ctx, "")
		if err != nil || len(all) != 4 {
			t.Errorf("NewsroomPages = %d pages, %v", len(all), err)
		}
	})
}
