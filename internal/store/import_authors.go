package store

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
)

// ImportAuthorProfile fills in what author id's profile lacks from an import: the role
// when it has none, the texts of a language it has none in, the links when it has none.
// What the newsroom wrote stays, so importing again changes nothing. It purges the
// author's pages when it wrote anything.
func (t *Tx) ImportAuthorProfile(ctx context.Context, id int64, role string, texts map[string]content.AuthorText, links []content.AuthorLink) error {
	changed := false
	note := func(res interface{ RowsAffected() (int64, error) }) {
		if n, _ := res.RowsAffected(); n > 0 {
			changed = true
		}
	}
	if role != "" {
		res, err := t.exec(ctx, "UPDATE authors SET role = ? WHERE id = ? AND role = ''", role, id)
		if err != nil {
			return fmt.Errorf("import role of author %d: %w", id, err)
		}
		note(res)
	}
	for lang, tx := range texts {
		if tx == (content.AuthorText{}) {
			continue
		}
		res, err := t.exec(ctx, `INSERT INTO author_texts (author_id, language, name, role, bio) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (author_id, language) DO NOTHING`, id, lang, tx.Name, tx.Role, tx.Bio)
		if err != nil {
			return fmt.Errorf("import %s text of author %d: %w", lang, id, err)
		}
		note(res)
	}
	if len(links) > 0 {
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM author_links WHERE author_id = ?", id).Scan(&n); err != nil {
			return fmt.Errorf("links of author %d: %w", id, err)
		}
		for i, l := range links {
			if n > 0 {
				break
			}
			if _, err := t.exec(ctx, "INSERT INTO author_links (author_id, position, label, url) VALUES (?, ?, ?, ?)",
				id, i, l.Label, l.URL); err != nil {
				return fmt.Errorf("import link of author %d: %w", id, err)
			}
			changed = true
		}
	}
	if changed {
		t.Purge(cache.AuthorKey(id))
	}
	return nil
}
