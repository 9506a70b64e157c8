package store

import (
	"context"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// Who has a story open in the newsroom's editor (table article_presence, migration 13).

// TouchPresence records that user has story article open at now: a new row starts its
// "since" at now, a live row keeps it, and a row last seen before stale (the user left
// without saying so, then came back) starts again. Rows of every story last seen before
// stale are deleted on the way.
func (s *Store) TouchPresence(ctx context.Context, article, user int64, now, stale time.Time) error {
	return s.WithTx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, "DELETE FROM article_presence WHERE seen_at < ?", micros(stale)); err != nil {
			return fmt.Errorf("forget stale presence: %w", err)
		}
		_, err := t.exec(ctx, `INSERT INTO article_presence (article_id, user_id, since, seen_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (article_id, user_id) DO UPDATE SET seen_at = excluded.seen_at,
				since = CASE WHEN article_presence.seen_at < ? THEN excluded.since ELSE article_presence.since END`,
			article, user, micros(now), micros(now), micros(stale))
		if err != nil {
			return fmt.Errorf("record presence of user %d on article %d: %w", user, article, err)
		}
		return nil
	})
}

// LeavePresence forgets that user has story article open.
func (s *Store) LeavePresence(ctx context.Context, article, user int64) error {
	if _, err := s.db.ExecContext(ctx, s.q("DELETE FROM article_presence WHERE article_id = ? AND user_id = ?"), article, user); err != nil {
		return fmt.Errorf("forget presence of user %d on article %d: %w", user, article, err)
	}
	return nil
}

// Presence lists who has story article open, seen at or after stale, longest open first.
func (s *Store) Presence(ctx context.Context, article int64, stale time.Time) ([]newsroom.Presence, error) {
	rows, err := s.query(ctx, `SELECT p.user_id, u.name, p.since, p.seen_at FROM article_presence p
		JOIN users u ON u.id = p.user_id
		WHERE p.article_id = ? AND p.seen_at >= ? ORDER BY p.since, p.user_id`, article, micros(stale))
	if err != nil {
		return nil, fmt.Errorf("list presence on article %d: %w", article, err)
	}
	defer rows.Close()
	out := []newsroom.Presence{}
	for rows.Next() {
		var p newsroom.Presence
		var since, seen int64
		if err := rows.Scan(&p.UserID, &p.Name, &since, &seen); err != nil {
			return nil, fmt.Errorf("read presence on article %d: %w", article, err)
		}
		p.Since, p.Seen = fromMicros(since), fromMicros(seen)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list presence on article %d: %w", article, err)
	}
	return out, nil
}
