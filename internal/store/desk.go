package store

import (
	"context"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/syndication"
)

// SentWireVersions lists the story versions released on the wire since since, newest
// first, with their stories' headlines.
func (s *Store) SentWireVersions(ctx context.Context, since time.Time, limit int) ([]syndication.Sent, error) {
	rows, err := s.query(ctx, `SELECT v.article_id, a.headline, v.event, v.created_at FROM wire_versions v
		JOIN articles a ON a.id = v.article_id WHERE v.created_at >= ? ORDER BY v.created_at DESC, v.id DESC LIMIT ?`,
		micros(since), limit)
	if err != nil {
		return nil, fmt.Errorf("list wire versions since %s: %w", since, err)
	}
	defer rows.Close()
	var out []syndication.Sent
	for rows.Next() {
		var v syndication.Sent
		var at int64
		if err := rows.Scan(&v.ArticleID, &v.Headline, &v.Event, &at); err != nil {
			return nil, fmt.Errorf("list wire versions: %w", err)
		}
		v.At = fromMicros(at)
		out = append(out, v)
	}
	return out, rows.Err()
}

// OldestPendingDelivery is when the oldest delivery still waiting in the outbox was
// written (the zero time when none waits).
func (s *Store) OldestPendingDelivery(ctx context.Context) (time.Time, error) {
	var at int64
	if err := s.queryRow(ctx, `SELECT COALESCE(MIN(created_at), 0) FROM wire_deliveries WHERE status = 'pending'`).Scan(&at); err != nil {
		return time.Time{}, fmt.Errorf("oldest pending delivery: %w", err)
	}
	return fromMicros(at), nil
}

// DeskStamp is a cheap summary of what the newsroom's dashboard shows for a user: it
// changes when a story is saved or changes state, something goes out on the wire, a
// review arrives or the user's unread notifications change. The instances share it
// through the database, so a change made on one shows on the dashboards of all.
func (s *Store) DeskStamp(ctx context.Context, userID int64) (string, int, error) {
	var audit, rev, wire, reviews, note int64
	var unread int
	err := s.queryRow(ctx, `SELECT
		(SELECT COALESCE(MAX(id), 0) FROM audit_log),
		(SELECT COALESCE(MAX(id), 0) FROM article_revisions),
		(SELECT COALESCE(MAX(id), 0) FROM wire_versions),
		(SELECT COALESCE(MAX(id), 0) FROM reviews),
		(SELECT COALESCE(MAX(id), 0) FROM notifications WHERE user_id = ?),
		(SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at = 0 AND in_app = 1)`,
		userID, userID).Scan(&audit, &rev, &wire, &reviews, &note, &unread)
	if err != nil {
		return "", 0, fmt.Errorf("desk stamp of user %d: %w", userID, err)
	}
	return fmt.Sprintf("%d.%d.%d.%d.%d.%d", audit, rev, wire, reviews, note, unread), unread, nil
}
