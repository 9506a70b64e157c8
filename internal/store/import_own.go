package store

import (
	"context"
	"fmt"
	"time"
)

// HasArticle reports whether story id is in the database in lang, created at createdAt (to
// the microsecond): the importer asks it of the stories of a Newsdesk export, to refuse a
// site's own export imported into it again.
func (b *Bulk) HasArticle(ctx context.Context, id int64, lang string, createdAt time.Time) (bool, error) {
	var n int
	if err := b.queryRow(ctx, "SELECT COUNT(*) FROM articles WHERE id = ? AND language = ? AND created_at = ?",
		id, lang, micros(createdAt)).Scan(&n); err != nil {
		return false, fmt.Errorf("look up story %d: %w", id, err)
	}
	return n > 0, nil
}
