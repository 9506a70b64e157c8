package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestImageTextsPerLanguage: an image's alt text and caption in a language show on the
// stories in that language (an empty field falls back to the default), on their public
// page and on the wire; changing them purges exactly the pages of the stories in the
// languages that changed.
func TestImageTextsPerLanguage(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		var log purgeLog
		st.OnPurge(log.record)
		var img, en, ru int64
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			var err error
			if img, _, err = tx.InsertImage(ctx, content.Image{Hash: strings.Repeat("f4", 32), Format: "jpeg", Width: 8, Height: 8,
				Renditions: []content.Rendition{{Width: 8, Height: 8, File: "f4-8.jpg"}}, Alt: "Cranes in the harbour", Caption: "Port of Alat"}, 0); err != nil {
				return err
			}
			mk := func(lang, slug string) (int64, error) {
				return tx.CreateArticle(ctx, content.Article{Language: lang, Section: f.politics, Headline: "Story " + slug,
					Slug: slug, Status: content.StatusPublished, PublishedAt: f.now.Add(-time.Hour), UpdatedAt: f.now,
					LeadImage: &content.Image{ID: img}})
			}
			if en, err = mk("en", "cranes"); err != nil {
				return err
			}
			ru, err = mk("ru", "krany")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		set := func(texts map[string]content.ImageText) {
			t.Helper()
			log.reset()
			if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetImageTexts(ctx, img, texts) }); err != nil {
				t.Fatal(err)
			}
		}
		set(map[string]content.ImageText{"ru": {Alt: "Краны в гавани"}})
		keys, _ := log.last()
		if !slices.Contains(keys, cache.ArticleKey(ru)) || slices.Contains(keys, cache.ArticleKey(en)) || slices.Contains(keys, cache.All) {
			t.Errorf("a Russian text purged %v, want the Russian story's page only (%s)", keys, cache.ArticleKey(ru))
		}
		for _, k := range []string{cache.FrontKey("ru"), cache.StoryList{Language: "ru", SectionID: f.politics.ID}.Key()} {
			if !slices.Contains(keys, k) || slices.Contains(keys, strings.Replace(k, "ru", "en", 1)) {
				t.Errorf("a Russian text purged %v, want the Russian lists that show the picture (%s), not the English", keys, k)
			}
		}
		tests := []struct {
			name, lang, slug, alt, caption string
		}{
			{"Russian story", "ru", "krany", "Краны в гавани", "Port of Alat"}, // no Russian caption: the default
			{"English story", "en", "cranes", "Cranes in the harbour", "Port of Alat"},
		}
		for _, tc := range tests {
			a, err := st.PublicArticle(ctx, tc.lang, tc.slug, f.now)
			if err != nil || a.LeadImage == nil {
				t.Fatalf("%s: %+v %v", tc.name, a.LeadImage, err)
			}
			if a.LeadImage.Alt != tc.alt || a.LeadImage.Caption != tc.caption {
				t.Errorf("%s public page: alt %q caption %q, want %q %q", tc.name, a.LeadImage.Alt, a.LeadImage.Caption, tc.alt, tc.caption)
			}
			list, err := st.PublicArticles(ctx, content.ListQuery{Language: tc.lang, SectionID: f.politics.ID}, f.now)
			if i := slices.IndexFunc(list, func(s content.ArticleSummary) bool { return s.ID == a.ID }); err != nil || i < 0 ||
				list[i].LeadImage == nil || list[i].LeadImage.Alt != tc.alt || len(list[i].LeadImage.Renditions) != 1 {
				t.Errorf("%s in its section's list: %+v %v, want its picture with alt %q", tc.name, list, err, tc.alt)
			}
			src, err := st.WireSource(ctx, a.ID)
			if err != nil || src.Article.LeadImage == nil || src.Article.LeadImage.Alt != tc.alt {
				t.Errorf("%s on the wire: %+v %v, want alt %q", tc.name, src.Article.LeadImage, err, tc.alt)
			}
		}
		got, err := st.ImageByID(ctx, img)
		if err != nil || got.Alt != "Cranes in the harbour" || got.Texts["ru"] != (content.ImageText{Alt: "Краны в гавани"}) || len(got.Texts) != 1 {
			t.Errorf("ImageByID: %+v %v", got, err)
		}
		list, err := st.Images(ctx, 10, 0)
		if err != nil || len(list) != 1 || list[0].Texts["ru"].Alt != "Краны в гавани" {
			t.Errorf("Images: %+v %v", list, err)
		}

		set(map[string]content.ImageText{"ru": {Alt: "Краны в гавани"}})
		if keys, _ := log.last(); len(keys) != 0 {
			t.Errorf("the same texts again purged %v", keys)
		}
		set(map[string]content.ImageText{})
		if keys, _ := log.last(); !slices.Contains(keys, cache.ArticleKey(ru)) || slices.Contains(keys, cache.ArticleKey(en)) {
			t.Errorf("removing the Russian text purged %v", keys)
		}
		if got, _ := st.ImageByID(ctx, img); len(got.Texts) != 0 {
			t.Errorf("texts left after removing them: %+v", got.Texts)
		}
	})
}
