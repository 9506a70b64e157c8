package store

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
)

// imageTexts loads the per-language texts of the images ids, by image id.
func imageTexts(ctx context.Context, query rowsFunc, ids ...int64) (map[int64]map[string]content.ImageText, error) {
	out := map[int64]map[string]content.ImageText{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := query(ctx, "SELECT image_id, language, alt, caption FROM image_texts WHERE image_id IN ("+
		placeholders(len(ids))+") ORDER BY image_id, language", args...)
	if err != nil {
		return nil, fmt.Errorf("load image texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var lang string
		var t content.ImageText
		if err := rows.Scan(&id, &lang, &t.Alt, &t.Caption); err != nil {
			return nil, fmt.Errorf("scan image text: %w", err)
		}
		if out[id] == nil {
			out[id] = map[string]content.ImageText{}
		}
		out[id][lang] = t
	}
	return out, rows.Err()
}

// withTexts gives each image its per-language texts.
func withTexts(ctx context.Context, query rowsFunc, imgs []content.Image) error {
	ids := make([]int64, len(imgs))
	for i, img := range imgs {
		ids[i] = img.ID
	}
	texts, err := imageTexts(ctx, query, ids...)
	if err != nil {
		return err
	}
	for i := range imgs {
		imgs[i].Texts = texts[imgs[i].ID]
	}
	return nil
}

// SetImageTexts replaces an image's per-language alt texts and captions with texts (a
// language whose alt text and caption are both empty has none), and purges the pages of
// the stories in the languages whose text changed that show the image as their lead picture.
func (t *Tx) SetImageTexts(ctx context.Context, id int64, texts map[string]content.ImageText) error {
	old, err := imageTexts(ctx, t.s.on(t.tx), id)
	if err != nil {
		return err
	}
	var changed []any
	for _, lang := range slices.Sorted(maps.Keys(texts)) {
		if texts[lang] != old[id][lang] {
			changed = append(changed, lang)
		}
	}
	for _, lang := range slices.Sorted(maps.Keys(old[id])) {
		if _, ok := texts[lang]; !ok {
			changed = append(changed, lang)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	if _, err := t.exec(ctx, "DELETE FROM image_texts WHERE image_id = ?", id); err != nil {
		return fmt.Errorf("clear texts of image %d: %w", id, err)
	}
	for _, lang := range slices.Sorted(maps.Keys(texts)) {
		tx := texts[lang]
		if tx == (content.ImageText{}) {
			continue
		}
		if _, err := t.exec(ctx, "INSERT INTO image_texts (image_id, language, alt, caption) VALUES (?, ?, ?, ?)",
			id, lang, tx.Alt, tx.Caption); err != nil {
			return fmt.Errorf("put %s text of image %d: %w", lang, id, err)
		}
	}
	return t.purgeImage(ctx, id, changed)
}

// purgeImage purges the pages that show image id as a story's lead picture (the only
// pages that print its text): the stories' own pages, and the home pages and section
// fronts that show their pictures; of every language, or only of languages when given.
func (t *Tx) purgeImage(ctx context.Context, id int64, languages []any) error {
	q := "SELECT id, language, section_id FROM articles WHERE lead_image_id = ?"
	args := []any{id}
	if len(languages) > 0 {
		q += " AND language IN (" + placeholders(len(languages)) + ")"
		args = append(args, languages...)
	}
	rows, err := t.tx.QueryContext(ctx, t.s.q(q), args...)
	if err != nil {
		return fmt.Errorf("purge keys of image %d: %w", id, err)
	}
	defer rows.Close()
	t.changed = true
	for rows.Next() {
		var art, sec int64
		var lang string
		if err := rows.Scan(&art, &lang, &sec); err != nil {
			return fmt.Errorf("purge keys of image %d: %w", id, err)
		}
		t.Purge(cache.ArticleKey(art), cache.FrontKey(lang), cache.StoryList{Language: lang}.Key(),
			cache.StoryList{Language: lang, SectionID: sec}.Key())
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("purge keys of image %d: %w", id, err)
	}
	rows.Close()
	// An author's page shows their photo with its alt text.
	authors, err := t.ids(ctx, "SELECT id FROM authors WHERE photo_id = ?", id)
	if err != nil {
		return fmt.Errorf("purge keys of image %d: %w", id, err)
	}
	for _, a := range authors {
		t.Purge(cache.AuthorKey(a))
	}
	return nil
}
