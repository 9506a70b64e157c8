package store

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/content"
)

// pageGroup returns the translation group of page id.
func (t *Tx) pageGroup(ctx context.Context, id int64) (int64, error) {
	var g int64
	err := t.queryRow(ctx, "SELECT group_id FROM pages WHERE id = ?", id).Scan(&g)
	if isNoRows(err) {
		return 0, fmt.Errorf("page %d: %w", id, content.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("read group of page %d: %w", id, err)
	}
	return g, nil
}

// setPageGroup moves page id into group g (0: none), purging what shows it.
func (t *Tx) setPageGroup(ctx context.Context, id, g int64) error {
	return t.changePage(ctx, id, func() error {
		if g != 0 {
			// Checked first: a unique violation would end a PostgreSQL transaction.
			var n int
			if err := t.queryRow(ctx, `SELECT COUNT(*) FROM pages WHERE group_id = ? AND id <> ?
				AND language = (SELECT language FROM pages WHERE id = ?)`, g, id, id).Scan(&n); err != nil {
				return fmt.Errorf("link page %d: %w", id, err)
			}
			if n > 0 {
				return fmt.Errorf("the translations of that page have one in this language already: %w", content.ErrConflict)
			}
		}
		_, err := t.exec(ctx, "UPDATE pages SET group_id = ? WHERE id = ?", g, id)
		if isUniqueViolation(err) {
			return fmt.Errorf("the translations of that page have one in this language already: %w", content.ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("link page %d: %w", id, err)
		}
		return nil
	})
}

// LinkPage puts page id into the translation group of page to, making one of to when it
// has none. A group has one page per language: a second is content.ErrConflict.
func (t *Tx) LinkPage(ctx context.Context, id, to int64) error {
	g, err := t.pageGroup(ctx, to)
	if err != nil {
		return err
	}
	cur, err := t.pageGroup(ctx, id)
	if err != nil {
		return err
	}
	if g == 0 {
		g = to
		if err := t.setPageGroup(ctx, to, g); err != nil {
			return err
		}
	}
	if cur == g {
		return nil
	}
	if err := t.UnlinkPage(ctx, id); err != nil {
		return err
	}
	return t.setPageGroup(ctx, id, g)
}

// UnlinkPage takes page id out of its translation group; a page left alone in it is
// unlinked too.
func (t *Tx) UnlinkPage(ctx context.Context, id int64) error {
	g, err := t.pageGroup(ctx, id)
	if err != nil || g == 0 {
		return err
	}
	if err := t.setPageGroup(ctx, id, 0); err != nil {
		return err
	}
	left, err := t.ids(ctx, "SELECT id FROM pages WHERE group_id = ?", g)
	if err != nil {
		return fmt.Errorf("read group of page %d: %w", id, err)
	}
	if len(left) == 1 {
		return t.setPageGroup(ctx, left[0], 0)
	}
	return nil
}
