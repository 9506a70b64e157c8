package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// CreateWireSubscriber inserts a subscriber, its scopes (every section × language pair)
// and the hash of its API key, and returns its id.
func (t *Tx) CreateWireSubscriber(ctx context.Context, sub syndication.Subscriber, keyHash string) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `INSERT INTO wire_subscribers (name, sections, languages, key_hash, key_hint, rate_per_minute, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, sub.Name, strings.Join(sub.Sections, ","), strings.Join(sub.Languages, ","),
		keyHash, sub.KeyHint, sub.RatePerMinute, micros(sub.CreatedAt)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create subscriber %q: %w", sub.Name, err)
	}
	for _, sec := range sub.Sections {
		for _, lang := range sub.Languages {
			if _, err := t.exec(ctx, "INSERT INTO wire_scopes (subscriber_id, section, language) VALUES (?, ?, ?)", id, sec, lang); err != nil {
				return 0, fmt.Errorf("scope subscriber %d to %s/%s: %w", id, sec, lang, err)
			}
		}
	}
	return id, nil
}

// SetWireSubscriberKey replaces the API key of an active subscriber.
func (t *Tx) SetWireSubscriberKey(ctx context.Context, id int64, keyHash, hint string, at time.Time) error {
	res, err := t.exec(ctx, "UPDATE wire_subscribers SET key_hash = ?, key_hint = ?, rotated_at = ? WHERE id = ? AND revoked_at = 0",
		keyHash, hint, micros(at), id)
	if err != nil {
		return fmt.Errorf("rotate key of subscriber %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("active subscriber %d: %w", id, content.ErrNotFound)
	}
	return nil
}

// RevokeWireSubscriber revokes an active subscriber and drops its deliveries not yet made.
func (t *Tx) RevokeWireSubscriber(ctx context.Context, id int64, at time.Time) error {
	res, err := t.exec(ctx, "UPDATE wire_subscribers SET revoked_at = ? WHERE id = ? AND revoked_at = 0", micros(at), id)
	if err != nil {
		return fmt.Errorf("revoke subscriber %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("active subscriber %d: %w", id, content.ErrNotFound)
	}
	if _, err := t.exec(ctx, `DELETE FROM wire_deliveries WHERE status <> 'delivered'
		AND webhook_id IN (SELECT w.id FROM wire_webhooks w WHERE w.subscriber_id = ?)`, id); err != nil {
		return fmt.Errorf("drop deliveries of subscriber %d: %w", id, err)
	}
	return nil
}

const wireSubscriberColumns = `s.id, s.name, s.sections, s.languages, s.key_hint, s.rate_per_minute, s.created_at,
	s.rotated_at, s.revoked_at,
	(SELECT COUNT(*) FROM wire_webhooks w WHERE w.subscriber_id = s.id AND w.removed_at = 0)
	FROM wire_subscribers s`

func scanWireSubscriber(row interface{ Scan(...any) error }) (syndication.Subscriber, error) {
	var sub syndication.Subscriber
	var secs, langs string
	var c, r, v int64
	err := row.Scan(&sub.ID, &sub.Name, &secs, &langs, &sub.KeyHint, &sub.RatePerMinute, &c, &r, &v, &sub.Webhooks)
	sub.Sections, sub.Languages = strings.Split(secs, ","), strings.Split(langs, ",")
	sub.CreatedAt, sub.RotatedAt, sub.RevokedAt = fromMicros(c), fromMicros(r), fromMicros(v)
	return sub, err
}

// WireSubscribers lists every subscriber, revoked ones included, oldest first.
func (s *Store) WireSubscribers(ctx context.Context) ([]syndication.Subscriber, error) {
	rows, err := s.query(ctx, ("SELECT " + wireSubscriberColumns + " ORDER BY s.id"))
	if err != nil {
		return nil, fmt.Errorf("list subscribers: %w", err)
	}
	defer rows.Close()
	var out []syndication.Subscriber
	for rows.Next() {
		sub, err := scanWireSubscriber(rows)
		if err != nil {
			return nil, fmt.Errorf("scan subscriber: %w", err)
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}

// WireSubscriber returns a subscriber, revoked or not.
func (s *Store) WireSubscriber(ctx context.Context, id int64) (syndication.Subscriber, error) {
	sub, err := scanWireSubscriber(s.queryRow(ctx, ("SELECT " + wireSubscriberColumns + " WHERE s.id = ?"), id))
	if isNoRows(err) {
		return sub, fmt.Errorf("subscriber %d: %w", id, content.ErrNotFound)
	}
	if err != nil {
		return sub, fmt.Errorf("load subscriber %d: %w", id, err)
	}
	return sub, nil
}

// WireSubscriberByKey returns the active subscriber whose API key has this hash.
func (s *Store) WireSubscriberByKey(ctx context.Context, keyHash string) (syndication.Subscriber, error) {
	sub, err := scanWireSubscriber(s.queryRow(ctx, ("SELECT " + wireSubscriberColumns +
		" WHERE s.key_hash = ? AND s.revoked_at = 0"), keyHash))
	if isNoRows(err) {
		return sub, fmt.Errorf("subscriber key: %w", content.ErrNotFound)
	}
	if err != nil {
		return sub, fmt.Errorf("find subscriber key: %w", err)
	}
	return sub, nil
}

// CreateWireWebhook registers a webhook and returns its id.
func (t *Tx) CreateWireWebhook(ctx context.Context, w syndication.Webhook) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `INSERT INTO wire_webhooks (subscriber_id, url, secret, ninjs, created_at) VALUES (?, ?, ?, ?, ?)
		RETURNING id`, w.SubscriberID, w.URL, w.Secret, w.Ninjs, micros(w.CreatedAt)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("add webhook for subscriber %d: %w", w.SubscriberID, err)
	}
	return id, nil
}

// RemoveWireWebhook stops a webhook and drops its pending deliveries.
func (t *Tx) RemoveWireWebhook(ctx context.Context, id int64, at time.Time) error {
	res, err := t.exec(ctx, "UPDATE wire_webhooks SET removed_at = ? WHERE id = ? AND removed_at = 0", micros(at), id)
	if err != nil {
		return fmt.Errorf("remove webhook %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("active webhook %d: %w", id, content.ErrNotFound)
	}
	if _, err := t.exec(ctx, "DELETE FROM wire_deliveries WHERE webhook_id = ? AND status <> 'delivered'", id); err != nil {
		return fmt.Errorf("drop deliveries of webhook %d: %w", id, err)
	}
	return nil
}

// WireWebhooks lists a subscriber's active webhooks, secrets included.
func (s *Store) WireWebhooks(ctx context.Context, subscriberID int64) ([]syndication.Webhook, error) {
	rows, err := s.query(ctx, (`SELECT id, subscriber_id, url, secret, ninjs, created_at, removed_at
		FROM wire_webhooks WHERE subscriber_id = ? AND removed_at = 0 ORDER BY id`), subscriberID)
	if err != nil {
		return nil, fmt.Errorf("list webhooks of subscriber %d: %w", subscriberID, err)
	}
	defer rows.Close()
	var out []syndication.Webhook
	for rows.Next() {
		var w syndication.Webhook
		var c, r int64
		if err := rows.Scan(&w.ID, &w.SubscriberID, &w.URL, &w.Secret, &w.Ninjs, &c, &r); err != nil {
			return nil, fmt.Errorf("scan webhook: %w", err)
		}
		w.CreatedAt, w.RemovedAt = fromMicros(c), fromMicros(r)
		out = append(out, w)
	}
	return out, rows.Err()
}
