package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// EnqueueWireDeliveries writes one outbox row per active webhook of every active
// subscriber whose scopes match the version's section and language, in one INSERT …
// SELECT, and returns how many it wrote.
func (t *Tx) EnqueueWireDeliveries(ctx context.Context, v syndication.Version, now, expires time.Time) (int64, error) {
	res, err := t.exec(ctx, `INSERT INTO wire_deliveries (version_id, webhook_id, subscriber_id, status, attempts,
		next_at, created_at, expires_at)
		SELECT CAST(? AS BIGINT), w.id, w.subscriber_id, 'pending', 0, CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)
		FROM wire_scopes sc
		JOIN wire_subscribers s ON s.id = sc.subscriber_id AND s.revoked_at = 0
		JOIN wire_webhooks w ON w.subscriber_id = sc.subscriber_id AND w.removed_at = 0
		WHERE sc.section IN (?, '*') AND sc.language IN (?, '*')`,
		v.ID, micros(now), micros(now), micros(expires), v.Section, v.Language)
	if err != nil {
		return 0, fmt.Errorf("enqueue deliveries of wire version %d: %w", v.ID, err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// ClaimWireDeliveries reserves up to limit due outbox rows for one worker until
// leaseUntil, counting the attempt, and returns them ready to send. The claim is one
// UPDATE (dialect.claimDue): on PostgreSQL its locking sub-select runs once and skips rows
// another instance is claiming; on SQLite writes are serial. A row is claimed again only after its lease runs out (its worker
// died), as a new attempt.
func (s *Store) ClaimWireDeliveries(ctx context.Context, claim string, now, leaseUntil time.Time, limit int) ([]syndication.Delivery, error) {
	ids, err := s.claimOutbox(ctx, "wire_deliveries", claim, now, leaseUntil, limit)
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.query(ctx, (`SELECT d.id, d.subscriber_id, d.webhook_id, d.attempts, d.created_at, d.expires_at,
		w.url, w.secret, w.ninjs, ` + wireVersionColumns + `
		FROM wire_deliveries d JOIN wire_webhooks w ON w.id = d.webhook_id JOIN wire_versions v ON v.id = d.version_id
		WHERE d.claim = ? AND d.id IN (` + wirePlaceholders(len(ids)) + `) ORDER BY d.id`), append([]any{claim}, ids...)...)
	if err != nil {
		return nil, fmt.Errorf("load claimed deliveries: %w", err)
	}
	defer rows.Close()
	out := make([]syndication.Delivery, 0, len(ids))
	for rows.Next() {
		var d syndication.Delivery
		var c, e, emb, at int64
		var item string
		v := &d.Version
		if err := rows.Scan(&d.ID, &d.SubscriberID, &d.WebhookID, &d.Attempt, &c, &e, &d.URL, &d.Secret, &d.Ninjs,
			&v.ID, &v.ArticleID, &v.Version, &v.Event, &v.Section, &v.Language, &v.PubStatus, &emb, &at, &item); err != nil {
			return nil, fmt.Errorf("scan claimed delivery: %w", err)
		}
		d.CreatedAt, d.ExpiresAt = fromMicros(c), fromMicros(e)
		v.EmbargoUntil, v.CreatedAt, v.Item = fromMicros(emb), fromMicros(at), []byte(item)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load claimed deliveries: %w", err)
	}
	if len(out) < len(ids) { // the version or webhook of some rows is gone: nothing to send
		if _, err := s.db.ExecContext(ctx, s.q(`UPDATE wire_deliveries SET status = 'dead', claim = '',
			last_error = 'its wire version or webhook no longer exists'
			WHERE claim = ? AND id IN (`+wirePlaceholders(len(ids))+`) AND (
				NOT EXISTS (SELECT 1 FROM wire_versions v WHERE v.id = wire_deliveries.version_id) OR
				NOT EXISTS (SELECT 1 FROM wire_webhooks w WHERE w.id = wire_deliveries.webhook_id))`),
			append([]any{claim}, ids...)...); err != nil {
			return nil, fmt.Errorf("dead-letter orphaned deliveries: %w", err)
		}
	}
	return out, nil
}

func wirePlaceholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// FinishWireDeliveries records the outcomes of one claim in one transaction: delivered
// rows are closed, failed ones wait for their next attempt or are dead-lettered, and the
// subscribers' usage counts grow. A row whose claim is no longer this one (its lease ran
// out and another worker took it) is left alone and not counted.
func (s *Store) FinishWireDeliveries(ctx context.Context, claim string, results []syndication.Result, now time.Time) error {
	type counts struct{ delivered, failed int }
	byStatus := map[int][]any{}
	for _, r := range results {
		if r.Delivered {
			byStatus[r.Status] = append(byStatus[r.Status], r.ID)
		}
	}
	return s.WithTx(ctx, func(t *Tx) error {
		use := map[int64]*counts{}
		count := func(sub int64, delivered bool) {
			c := use[sub]
			if c == nil {
				c = &counts{}
				use[sub] = c
			}
			if delivered {
				c.delivered++
			} else {
				c.failed++
			}
		}
		for status, ids := range byStatus {
			args := append([]any{micros(now), status, claim}, ids...)
			rows, err := t.tx.QueryContext(ctx, s.q(`UPDATE wire_deliveries SET status = 'delivered', delivered_at = ?, last_status = ?,
				last_error = '', claim = '' WHERE claim = ? AND id IN (`+wirePlaceholders(len(ids))+`) RETURNING subscriber_id`), args...)
			if err != nil {
				return fmt.Errorf("record deliveries: %w", err)
			}
			for rows.Next() {
				var sub int64
				if err := rows.Scan(&sub); err != nil {
					rows.Close()
					return fmt.Errorf("record deliveries: %w", err)
				}
				count(sub, true)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("record deliveries: %w", err)
			}
		}
		for _, r := range results {
			if r.Delivered {
				continue
			}
			status, next := "pending", micros(r.NextAt)
			if r.Dead {
				status, next = "dead", micros(now)
			}
			res, err := t.exec(ctx, `UPDATE wire_deliveries SET status = ?, next_at = ?, last_status = ?, last_error = ?, claim = ''
				WHERE id = ? AND claim = ?`, status, next, r.Status, r.Error, r.ID, claim)
			if err != nil {
				return fmt.Errorf("record failed delivery %d: %w", r.ID, err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				count(r.SubscriberID, false)
				if r.Dead {
					if err := t.deadLettered(ctx, r); err != nil {
						return err
					}
				}
			}
		}
		// In subscriber order: two instances finishing at once then lock the usage rows in
		// the same order and cannot deadlock.
		subs := make([]int64, 0, len(use))
		for sub := range use {
			subs = append(subs, sub)
		}
		slices.Sort(subs)
		for _, sub := range subs {
			c := use[sub]
			if err := t.addWireUsage(ctx, sub, now, 0, 0, c.delivered, c.failed); err != nil {
				return err
			}
		}
		return nil
	})
}

// AddWireUsage counts items pulled and requests made by a subscriber on now's UTC day.
func (s *Store) AddWireUsage(ctx context.Context, subscriberID int64, now time.Time, items, requests int) error {
	return s.WithTx(ctx, func(t *Tx) error { return t.addWireUsage(ctx, subscriberID, now, items, requests, 0, 0) })
}

func (t *Tx) addWireUsage(ctx context.Context, sub int64, now time.Time, items, requests, delivered, failed int) error {
	_, err := t.exec(ctx, `INSERT INTO wire_usage (subscriber_id, day, items_pulled, requests, delivered, failed)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (subscriber_id, day) DO UPDATE SET items_pulled = wire_usage.items_pulled + excluded.items_pulled,
			requests = wire_usage.requests + excluded.requests, delivered = wire_usage.delivered + excluded.delivered,
			failed = wire_usage.failed + excluded.failed`, sub, wireDay(now), items, requests, delivered, failed)
	if err != nil {
		return fmt.Errorf("count usage of subscriber %d: %w", sub, err)
	}
	return nil
}

// WireUsage lists usage per subscriber and day for days in [from, to), by day then name.
func (s *Store) WireUsage(ctx context.Context, from, to time.Time) ([]syndication.Usage, error) {
	rows, err := s.query(ctx, (`SELECT u.subscriber_id, s.name, u.day, u.items_pulled, u.requests, u.delivered, u.failed
		FROM wire_usage u JOIN wire_subscribers s ON s.id = u.subscriber_id
		WHERE u.day >= ? AND u.day < ? ORDER BY u.day, s.name, u.subscriber_id`), wireDay(from), wireDay(to))
	if err != nil {
		return nil, fmt.Errorf("read wire usage: %w", err)
	}
	defer rows.Close()
	var out []syndication.Usage
	for rows.Next() {
		var u syndication.Usage
		var day int64
		if err := rows.Scan(&u.SubscriberID, &u.SubscriberName, &day, &u.ItemsPulled, &u.Requests, &u.Delivered, &u.Failed); err != nil {
			return nil, fmt.Errorf("scan wire usage: %w", err)
		}
		u.Day = time.Unix(day*86400, 0).UTC()
		out = append(out, u)
	}
	return out, rows.Err()
}

// WireOutboxStats counts the outbox: rows pending and dead (by their partial indexes),
// and deliveries made (from the usage figures, which outlive purged rows).
func (s *Store) WireOutboxStats(ctx context.Context) (syndication.OutboxStats, error) {
	var st syndication.OutboxStats
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM wire_deliveries WHERE status = 'pending'),
		(SELECT COUNT(*) FROM wire_deliveries WHERE status = 'dead'),
		(SELECT COALESCE(SUM(delivered), 0) FROM wire_usage)`).Scan(&st.Pending, &st.Dead, &st.Delivered)
	if err != nil {
		return st, fmt.Errorf("count outbox: %w", err)
	}
	return st, nil
}

// DeadWireDeliveries lists dead-lettered deliveries, newest first.
func (s *Store) DeadWireDeliveries(ctx context.Context, limit int) ([]syndication.DeadDelivery, error) {
	rows, err := s.query(ctx, (`SELECT d.id, s.name, w.url, v.article_id, v.version, v.event, d.attempts,
		d.last_status, d.last_error, d.created_at
		FROM wire_deliveries d JOIN wire_webhooks w ON w.id = d.webhook_id
		JOIN wire_subscribers s ON s.id = d.subscriber_id JOIN wire_versions v ON v.id = d.version_id
		WHERE d.status = 'dead' ORDER BY d.id DESC LIMIT ?`), limit)
	if err != nil {
		return nil, fmt.Errorf("list dead deliveries: %w", err)
	}
	defer rows.Close()
	var out []syndication.DeadDelivery
	for rows.Next() {
		var d syndication.DeadDelivery
		var at int64
		if err := rows.Scan(&d.ID, &d.SubscriberName, &d.URL, &d.ArticleID, &d.Version, &d.Event, &d.Attempts,
			&d.LastStatus, &d.LastError, &at); err != nil {
			return nil, fmt.Errorf("scan dead delivery: %w", err)
		}
		d.CreatedAt = fromMicros(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

// RetryWireDelivery puts a dead-lettered delivery back in the outbox, due now, with a new
// retry window until expires.
func (t *Tx) RetryWireDelivery(ctx context.Context, id int64, now, expires time.Time) error {
	res, err := t.exec(ctx, `UPDATE wire_deliveries SET status = 'pending', next_at = ?, expires_at = ?, claim = ''
		WHERE id = ? AND status = 'dead'`, micros(now), micros(expires), id)
	if err != nil {
		return fmt.Errorf("retry delivery %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("dead delivery %d: %w", id, content.ErrNotFound)
	}
	return nil
}

// WireDeadHook is told, inside the transaction that records it, that a delivery to
// subscriber sub (named name) was given up on after lastError. An error rolls it back.
type WireDeadHook func(ctx context.Context, tx *Tx, sub int64, name, lastError string) error

// OnWireDead registers a hook for dead-lettered deliveries; call it before serving.
func (s *Store) OnWireDead(h WireDeadHook) { s.wireDead = append(s.wireDead, h) }

func (t *Tx) deadLettered(ctx context.Context, r syndication.Result) error {
	if len(t.s.wireDead) == 0 {
		return nil
	}
	var name string
	if err := t.queryRow(ctx, `SELECT name FROM wire_subscribers WHERE id = ?`, r.SubscriberID).Scan(&name); err != nil {
		return fmt.Errorf("subscriber %d of dead delivery %d: %w", r.SubscriberID, r.ID, err)
	}
	for _, h := range t.s.wireDead {
		if err := h(ctx, t, r.SubscriberID, name, r.Error); err != nil {
			return fmt.Errorf("dead delivery %d hook: %w", r.ID, err)
		}
	}
	return nil
}

// claimOutbox reserves up to limit due pending rows of an outbox table (wire_deliveries,
// mail_outbox: both have status, next_at, attempts and claim) for one worker until
// leaseUntil, counting the attempt, and returns their ids. The claim is one statement
// (dialect.claimDue): on PostgreSQL it skips rows another instance is claiming; on SQLite
// writes are serial.
func (s *Store) claimOutbox(ctx context.Context, table, claim string, now, leaseUntil time.Time, limit int) ([]any, error) {
	var ids []any
	query, args := s.d.claimDue(table, claim, micros(leaseUntil), micros(now), limit)
	err := s.WithTx(ctx, func(t *Tx) error {
		defer s.slow.observe(ctx, query, time.Now())
		rows, err := t.tx.QueryContext(ctx, s.q(query), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return rows.Err()
	})
	return ids, err
}
