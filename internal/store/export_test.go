package store

import (
	"context"
	"errors"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// PurgeKeysOf returns the keys that a change leaving story articleID (or, when it is 0,
// brief briefID) as it is would purge, committing nothing.
func (s *Store) PurgeKeysOf(ctx context.Context, articleID, briefID int64) ([]string, error) {
	errDone := errors.New("done")
	var keys []string
	err := s.WithTx(ctx, func(t *Tx) error {
		var err error
		if articleID != 0 {
			err = t.touchArticle(ctx, articleID)
		} else {
			err = t.touchBrief(ctx, briefID)
		}
		if err != nil {
			return err
		}
		if keys, err = t.purgeKeys(ctx); err != nil {
			return err
		}
		return errDone
	})
	if errors.Is(err, errDone) {
		err = nil
	}
	return keys, err
}

// LinkStaffAuthors runs migration 0021's Go step again (it is idempotent).
func (s *Store) LinkStaffAuthors(ctx context.Context) error {
	return s.WithTx(ctx, func(t *Tx) error { return t.linkStaffAuthors(ctx) })
}

// Analyze refreshes the query planner's statistics, as the end of Migrate does.
func (s *Store) Analyze(ctx context.Context) error {
	for _, stmt := range s.d.analyze() {
		if _, err := s.db.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return nil
}

// RelatedSQL is the query RelatedArticles runs for story a with tags, and its arguments.
func (s *Store) RelatedSQL(a content.Article, tags []int64, limit int, now time.Time) (string, []any) {
	return s.relatedSQL(a, tags, limit, now)
}

// FrontQuery is the query of PublicFront.
const FrontQuery = frontQuery

// SetHeadlineWays sets the bounds that choose how the newsroom's headline search is read
// (newsroom_search.go): a search with at most joinMax matches in the index reads them
// with their stories, one with at most setMax reads the list's index, others the list's
// headlines. -1, -1 sends every search the last way.
func (s *Store) SetHeadlineWays(joinMax, setMax int) {
	s.headline = headlineBounds{set: true, joinMax: joinMax, setMax: setMax}
}

// SetRebuildHash sets the memory of new terms FTS5 gathers in a rebuild before it writes a
// segment (bytes; 0 is the default), so that a small index is written as several segments.
func (s *Store) SetRebuildHash(n int) { s.search.rebuildHash = n }
