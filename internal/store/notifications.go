package store

import (
	"context"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/notify"
)

// AddNotifications writes one notification per recipient of b — the enabled users with one
// of b.Roles, the owner of the story (b.ToOwner), or b.UserID — less the actor, those who turned both channels of the kind off
// (or the list off, when no mail goes out) and those told of the same kind and ref since
// b.QuietSince; and, when b.Mail, one mail outbox row for each of them who wants the email.
// It returns how many notifications it wrote.
func (t *Tx) AddNotifications(ctx context.Context, b notify.Batch) (int, error) {
	who, args := "u.id = ?", []any{b.UserID}
	if b.ToOwner {
		who, args = "u.id = (SELECT a.owner_id FROM articles a WHERE a.id = ?)", []any{b.ArticleID}
	} else if len(b.Roles) > 0 {
		who, args = "u.role IN ("+wirePlaceholders(len(b.Roles))+")", nil
		for _, r := range b.Roles {
			args = append(args, r)
		}
	}
	mail := 0
	if b.Mail {
		mail = 1
	}
	off := func(channel string) string {
		return `EXISTS (SELECT 1 FROM notification_prefs p WHERE p.user_id = u.id AND p.kind = CAST(? AS TEXT) AND p.channel = '` + channel + `')`
	}
	q := `INSERT INTO notifications (user_id, kind, article_id, ref, subject, detail, in_app, created_at)
		SELECT u.id, CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT),
			COALESCE((SELECT a.headline FROM articles a WHERE a.id = CAST(? AS BIGINT)), CAST(? AS TEXT)), CAST(? AS TEXT),
			CASE WHEN ` + off("app") + ` THEN 0 ELSE 1 END, CAST(? AS BIGINT)
		FROM users u
		WHERE ` + who + ` AND u.disabled = ? AND u.id <> ?
			AND NOT (` + off("app") + ` AND (CAST(? AS INTEGER) = 0 OR ` + off("email") + `))
			AND NOT (CAST(? AS TEXT) <> '' AND EXISTS (SELECT 1 FROM notifications n
				WHERE n.user_id = u.id AND n.kind = CAST(? AS TEXT) AND n.ref = CAST(? AS TEXT) AND n.created_at >= ?))
		RETURNING id`
	all := append([]any{b.Kind, b.ArticleID, b.Ref, b.ArticleID, b.Subject, b.Detail, b.Kind, micros(b.At)}, args...)
	all = append(all, false, b.ActorID, b.Kind, mail, b.Kind, b.Ref, b.Kind, b.Ref, micros(b.QuietSince))
	rows, err := t.tx.QueryContext(ctx, t.s.q(q), all...)
	if err != nil {
		return 0, fmt.Errorf("add %s notifications: %w", b.Kind, err)
	}
	var ids []any
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, fmt.Errorf("add %s notifications: %w", b.Kind, err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("add %s notifications: %w", b.Kind, err)
	}
	if len(ids) == 0 || !b.Mail {
		return len(ids), nil
	}
	_, err = t.exec(ctx, `INSERT INTO mail_outbox (notification_id, status, attempts, next_at, created_at)
		SELECT n.id, 'pending', 0, CAST(? AS BIGINT), CAST(? AS BIGINT) FROM notifications n
		WHERE n.id IN (`+wirePlaceholders(len(ids))+`) AND NOT EXISTS (SELECT 1 FROM notification_prefs p
			WHERE p.user_id = n.user_id AND p.kind = n.kind AND p.channel = 'email')`,
		append([]any{micros(b.At), micros(b.At)}, ids...)...)
	if err != nil {
		return 0, fmt.Errorf("queue %s emails: %w", b.Kind, err)
	}
	return len(ids), nil
}

// Notifications returns a user's newest notifications shown in the newsroom.
func (s *Store) Notifications(ctx context.Context, userID int64, limit int) ([]notify.Notification, error) {
	rows, err := s.query(ctx, `SELECT id, kind, article_id, subject, detail, created_at, read_at FROM notifications
		WHERE user_id = ? AND in_app = 1 ORDER BY id DESC LIMIT ?`, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("list notifications of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []notify.Notification
	for rows.Next() {
		var n notify.Notification
		var at, read int64
		if err := rows.Scan(&n.ID, &n.Kind, &n.ArticleID, &n.Subject, &n.Detail, &at, &read); err != nil {
			return nil, fmt.Errorf("list notifications of user %d: %w", userID, err)
		}
		n.CreatedAt, n.Read = fromMicros(at), read != 0
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list notifications of user %d: %w", userID, err)
	}
	return out, nil
}

// UnreadNotifications counts a user's unread notifications shown in the newsroom.
func (s *Store) UnreadNotifications(ctx context.Context, userID int64) (int, error) {
	var n int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at = 0 AND in_app = 1`,
		userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count unread notifications of user %d: %w", userID, err)
	}
	return n, nil
}

// MarkNotificationsRead marks a user's unread notifications with ids up to upTo (0: all) read.
func (s *Store) MarkNotificationsRead(ctx context.Context, userID, upTo int64, at time.Time) error {
	q, args := `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at = 0`, []any{micros(at), userID}
	if upTo > 0 {
		q, args = q+` AND id <= ?`, append(args, upTo)
	}
	if _, err := s.db.ExecContext(ctx, s.q(q), args...); err != nil {
		return fmt.Errorf("mark notifications of user %d read: %w", userID, err)
	}
	return nil
}

// NotificationPrefsOff returns the (kind, channel) pairs a user turned off.
func (s *Store) NotificationPrefsOff(ctx context.Context, userID int64) ([]notify.Pref, error) {
	rows, err := s.query(ctx, `SELECT kind, channel FROM notification_prefs WHERE user_id = ? ORDER BY kind, channel`, userID)
	if err != nil {
		return nil, fmt.Errorf("notification preferences of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []notify.Pref
	for rows.Next() {
		var p notify.Pref
		if err := rows.Scan(&p.Kind, &p.Channel); err != nil {
			return nil, fmt.Errorf("notification preferences of user %d: %w", userID, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SetNotificationPrefsOff replaces the pairs a user turned off.
func (s *Store) SetNotificationPrefsOff(ctx context.Context, userID int64, off []notify.Pref) error {
	return s.WithTx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, `DELETE FROM notification_prefs WHERE user_id = ?`, userID); err != nil {
			return fmt.Errorf("set notification preferences of user %d: %w", userID, err)
		}
		for _, p := range off {
			if _, err := t.exec(ctx, `INSERT INTO notification_prefs (user_id, kind, channel) VALUES (?, ?, ?)
				ON CONFLICT (user_id, kind, channel) DO NOTHING`, userID, p.Kind, p.Channel); err != nil {
				return fmt.Errorf("set notification preferences of user %d: %w", userID, err)
			}
		}
		return nil
	})
}

// ClaimMail reserves up to limit due mail outbox rows until leaseUntil, counting the
// attempt, and returns them with their notification and recipient. As for the wire's
// deliveries, the claim is one UPDATE whose sub-select skips, on PostgreSQL, the rows
// another instance is claiming; a row is claimed again only after its lease ran out.
func (s *Store) ClaimMail(ctx context.Context, claim string, now, leaseUntil time.Time, limit int) ([]notify.Mail, error) {
	ids, err := s.claimOutbox(ctx, "mail_outbox", claim, now, leaseUntil, limit)
	if err != nil {
		return nil, fmt.Errorf("claim mail: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.query(ctx, `SELECT m.id, m.attempts, u.email, u.name, `+s.userLanguageColumn()+`,
		n.id, n.kind, n.article_id, n.subject, n.detail, n.created_at
		FROM mail_outbox m JOIN notifications n ON n.id = m.notification_id JOIN users u ON u.id = n.user_id
		WHERE m.claim = ? AND m.id IN (`+wirePlaceholders(len(ids))+`) ORDER BY m.id`, append([]any{claim}, ids...)...)
	if err != nil {
		return nil, fmt.Errorf("load claimed mail: %w", err)
	}
	defer rows.Close()
	var out []notify.Mail
	for rows.Next() {
		var m notify.Mail
		var at int64
		if err := rows.Scan(&m.ID, &m.Attempt, &m.To, &m.ToName, &m.Lang, &m.Notification.ID, &m.Kind, &m.ArticleID,
			&m.Subject, &m.Detail, &at); err != nil {
			return nil, fmt.Errorf("load claimed mail: %w", err)
		}
		m.CreatedAt = fromMicros(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// userLanguageColumn is the recipient's newsroom language in ClaimMail's select (their
// own setting; "" when they chose none, and the email is in English).
func (s *Store) userLanguageColumn() string { return "u.language" }

// FinishMail records the outcomes of one claim: sent rows are closed, failed ones wait for
// their next attempt or are kept as failed. A row no longer under this claim is left alone.
func (s *Store) FinishMail(ctx context.Context, claim string, results []notify.MailResult, now time.Time) error {
	return s.WithTx(ctx, func(t *Tx) error {
		for _, r := range results {
			var err error
			switch {
			case r.Sent:
				_, err = t.exec(ctx, `UPDATE mail_outbox SET status = 'sent', sent_at = ?, last_error = '', claim = ''
					WHERE id = ? AND claim = ?`, micros(now), r.ID, claim)
			case r.Failed:
				_, err = t.exec(ctx, `UPDATE mail_outbox SET status = 'failed', last_error = ?, claim = ''
					WHERE id = ? AND claim = ?`, r.Error, r.ID, claim)
			default:
				_, err = t.exec(ctx, `UPDATE mail_outbox SET next_at = ?, last_error = ?, claim = ''
					WHERE id = ? AND claim = ?`, micros(r.NextAt), r.Error, r.ID, claim)
			}
			if err != nil {
				return fmt.Errorf("record mail %d: %w", r.ID, err)
			}
		}
		return nil
	})
}

// MailOutboxCounts counts the mail outbox's rows by status, for tests and operators.
func (s *Store) MailOutboxCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.query(ctx, `SELECT status, COUNT(*) FROM mail_outbox GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("count mail outbox: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("count mail outbox: %w", err)
		}
		out[st] = n
	}
	return out, rows.Err()
}
