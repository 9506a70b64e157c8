package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestTagTranslations: tags link to their translations (one a language); translating
// tags gives each its translation, links a same-slug tag, or makes an untranslated one;
// renaming purges exactly the pages that print the tag; a tag page's translations are
// listed with their public stories.
func TestTagTranslations(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		var log purgeLog
		st.OnPurge(log.record)
		var en int64
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			var err error
			en, err = tx.CreateArticle(ctx, content.Article{Language: "en", Section: f.politics, Headline: "Grid", Slug: "grid",
				Status: content.StatusPublished, PublishedAt: f.now.Add(-time.Hour), UpdatedAt: f.now,
				Tags: []content.Tag{{Name: "Energy"}, {Name: "Grid"}, {Name: "Winter"}}})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		put := func(lang, name string) content.TagEntry {
			t.Helper()
			var e content.TagEntry
			if err := st.WithTx(ctx, func(tx *store.Tx) error { var err error; e, err = tx.PutTag(ctx, lang, name); return err }); err != nil {
				t.Fatal(err)
			}
			return e
		}
		energy, grid, winter := put("en", "Energy"), put("en", "Grid"), put("en", "Winter")
		if energy.Stories != 1 || energy.Slug != "energy" {
			t.Errorf("PutTag of an existing tag: %+v", energy)
		}
		energyRU, gridRU := put("ru", "Энергетика"), put("ru", "grid") // the Russian grid tag kept the English slug
		link := func(a, b int64) error {
			return st.WithTx(ctx, func(tx *store.Tx) error { return tx.LinkTags(ctx, a, b) })
		}
		log.reset()
		if err := link(energy.ID, energyRU.ID); err != nil {
			t.Fatal(err)
		}
		if keys, _ := log.last(); !slices.Contains(keys, cache.TagKey(energy.ID)) || !slices.Contains(keys, cache.TagKey(energyRU.ID)) {
			t.Errorf("linking purged %v, want both tag pages", keys)
		}
		if err := link(energy.ID, energy.ID); err != nil {
			t.Errorf("a tag with itself: %v", err)
		}
		otherRU := put("ru", "Электричество")
		if err := link(energy.ID, otherRU.ID); !errors.Is(err, content.ErrConflict) {
			t.Errorf("a second Russian tag in a group: %v, want a conflict", err)
		}

		var got []content.Tag
		if err := st.WithTx(ctx, func(tx *store.Tx) error {
			var err error
			got, err = tx.TranslateTags(ctx, []content.Tag{{Name: "Energy", Slug: "energy"}, {Name: "Grid", Slug: "grid"},
				{Name: "Winter", Slug: "winter"}, {Name: "Loose", Slug: "loose"}}, "en", "ru")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		want := []content.Tag{{Name: "Энергетика", Slug: "energetika"}, {Name: "Grid", Slug: "grid"}, {Name: "Winter", Slug: "winter"}, {Name: "Loose", Slug: "loose"}}
		if !slices.Equal(got, want) {
			t.Errorf("TranslateTags: %+v, want %+v", got, want)
		}
		groups := func(id int64) []int64 {
			e, err := st.TagByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			m, err := st.TagGroups(ctx, []int64{e.GroupID})
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, x := range m[e.GroupID] {
				ids = append(ids, x.ID)
			}
			return ids
		}
		if g := groups(grid.ID); !slices.Contains(g, gridRU.ID) {
			t.Errorf("the same-slug Russian tag is not linked: group %v", g)
		}
		winterRU, err := st.TagByID(ctx, groups(winter.ID)[1])
		if err != nil || winterRU.Language != "ru" || !winterRU.Untranslated || winterRU.Name != "Winter" {
			t.Errorf("the missing Russian tag: %+v %v, want an untranslated placeholder", winterRU, err)
		}

		// Renaming the placeholder names it, moves its slug, and purges its pages.
		var ruStory int64
		if err := st.WithTx(ctx, func(tx *store.Tx) error {
			var err error
			ruStory, err = tx.CreateArticle(ctx, content.Article{Language: "ru", Section: f.politics, Headline: "Сеть", Slug: "set",
				Status: content.StatusPublished, PublishedAt: f.now.Add(-time.Hour), UpdatedAt: f.now, Tags: []content.Tag{{Name: "Winter", Slug: "winter"}}})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		log.reset()
		if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.RenameTag(ctx, winterRU.ID, "Зима") }); err != nil {
			t.Fatal(err)
		}
		keys, _ := log.last()
		for _, k := range []string{cache.TagKey(winterRU.ID), cache.TagKey(winter.ID), cache.ArticleKey(ruStory), cache.Feeds} {
			if !slices.Contains(keys, k) {
				t.Errorf("rename purged %v, want %s", keys, k)
			}
		}
		if slices.Contains(keys, cache.All) || slices.Contains(keys, cache.ArticleKey(en)) {
			t.Errorf("rename purged %v: more than the pages that print the tag", keys)
		}
		if e, _ := st.TagByID(ctx, winterRU.ID); e.Name != "Зима" || e.Slug != "zima" || e.Untranslated {
			t.Errorf("renamed: %+v", e)
		}
		if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.RenameTag(ctx, winterRU.ID, "Энергетика") }); !errors.Is(err, content.ErrConflict) {
			t.Errorf("a name another tag of the language has: %v", err)
		}

		// The English tag page lists its Russian translation, public through the Russian story.
		trs, err := st.TagTranslationsAt(ctx, winter.ID, f.now)
		if err != nil || len(trs) != 1 || trs[0].ID != winterRU.ID || trs[0].Stories != 1 || trs[0].Slug != "zima" {
			t.Errorf("TagTranslationsAt: %+v %v", trs, err)
		}
		if trs, _ := st.TagTranslationsAt(ctx, energy.ID, f.now); len(trs) != 1 || trs[0].Stories != 0 {
			t.Errorf("a translation no public story carries: %+v", trs)
		}

		list, err := st.NewsroomTags(ctx, newsroom.TagQuery{Language: "ru"})
		if err != nil || !slices.ContainsFunc(list, func(e content.TagEntry) bool { return e.ID == winterRU.ID }) ||
			slices.ContainsFunc(list, func(e content.TagEntry) bool { return e.Language != "ru" }) {
			t.Errorf("Russian tags: %+v %v", list, err)
		}
		if list, _ := st.NewsroomTags(ctx, newsroom.TagQuery{Search: "ЗИМ"}); len(list) != 1 || list[0].ID != winterRU.ID {
			t.Errorf("search by name: %+v", list)
		}

		if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.UnlinkTag(ctx, winterRU.ID) }); err != nil {
			t.Fatal(err)
		}
		if e, _ := st.TagByID(ctx, winter.ID); e.GroupID != 0 {
			t.Errorf("a group left with one tag still stands: %+v", e)
		}
	})
}
