package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// The subscribers' wire: the version log and the sources of its snapshots. Subscribers are
// in wire_subscribers.go, the outbox and usage in wire_outbox.go.

// The store is the wire's persistence.
var (
	_ syndication.Store = (*Store)(nil)
	_ syndication.Tx    = (*Tx)(nil)
)

// WireTx runs fn in one transaction, for the wire service (which declares the Tx it needs).
func (s *Store) WireTx(ctx context.Context, fn func(tx syndication.Tx) error) error {
	return s.WithTx(ctx, func(t *Tx) error { return fn(t) })
}

// LockWire makes this transaction's wire versions commit in id order (see dialect.go).
func (t *Tx) LockWire(ctx context.Context) error {
	if l := t.s.d.lockWire(); l != "" {
		if _, err := t.tx.ExecContext(ctx, l); err != nil {
			return fmt.Errorf("lock wire: %w", err)
		}
	}
	return nil
}

// WireSource loads what a wire snapshot of a story is made of, as committed.
func (s *Store) WireSource(ctx context.Context, articleID int64) (syndication.Source, error) {
	return s.wireSource(ctx, s.db, articleID)
}

// WireSource loads what a wire snapshot of a story is made of, as this transaction sees it.
func (t *Tx) WireSource(ctx context.Context, articleID int64) (syndication.Source, error) {
	return t.s.wireSource(ctx, t.tx, articleID)
}

func (s *Store) wireSource(ctx context.Context, q querier, id int64) (syndication.Source, error) {
	var src syndication.Source
	a, err := scanArticle(q.QueryRowContext(ctx, s.q("SELECT "+articleColumns+" WHERE a.id = ?"), id))
	if isNoRows(err) {
		return src, fmt.Errorf("article %d: %w", id, content.ErrNotFound)
	}
	if err != nil {
		return src, fmt.Errorf("load article %d for the wire: %w", id, err)
	}
	if a.Tags, err = tagsOf(ctx, s.on(q), id); err != nil {
		return src, err
	}
	if a.Corrections, err = correctionsOf(ctx, s.on(q), id); err != nil {
		return src, err
	}
	if a.LeadImage != nil {
		img, err := scanImage(q.QueryRowContext(ctx, s.q("SELECT "+imageColumns+" WHERE id = ?"), a.LeadImage.ID))
		if err != nil && !isNoRows(err) {
			return src, fmt.Errorf("load image %d: %w", a.LeadImage.ID, err)
		}
		a.LeadImage = nil
		if err == nil {
			texts, err := imageTexts(ctx, s.on(q), img.ID)
			if err != nil {
				return src, err
			}
			img.Texts = texts[img.ID]
			img = img.In(a.Language)
			a.LeadImage = &img
		}
	}
	src.Article = a
	b, err := scanBrief(q.QueryRowContext(ctx, s.q("SELECT "+briefColumns+" WHERE b.article_id = ? ORDER BY b.id LIMIT 1"), id))
	switch {
	case err == nil:
		src.Brief = &b
	case !isNoRows(err):
		return src, fmt.Errorf("load brief of article %d: %w", id, err)
	}
	rows, err := q.QueryContext(ctx, s.q(`SELECT a.id, a.language, a.headline FROM articles a
		WHERE a.group_id = ? AND a.id <> ? AND a.status = 'published' ORDER BY a.language`), a.GroupID, id)
	if err != nil {
		return src, fmt.Errorf("list translations of article %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var tr syndication.Translation
		if err := rows.Scan(&tr.ArticleID, &tr.Language, &tr.Headline); err != nil {
			return src, fmt.Errorf("scan translation: %w", err)
		}
		src.Translations = append(src.Translations, tr)
	}
	return src, rows.Err()
}

// InsertWireVersion appends a version of a story to the wire log and returns it with its
// id and per-story version number. Call LockWire first in the same transaction.
func (t *Tx) InsertWireVersion(ctx context.Context, v syndication.Version) (syndication.Version, error) {
	if err := t.queryRow(ctx, "SELECT COALESCE(MAX(version), 0) + 1 FROM wire_versions WHERE article_id = ?",
		v.ArticleID).Scan(&v.Version); err != nil {
		return v, fmt.Errorf("number wire version of article %d: %w", v.ArticleID, err)
	}
	err := t.queryRow(ctx, `INSERT INTO wire_versions (article_id, version, event, section, language, pubstatus,
		embargo_until, created_at, item) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		v.ArticleID, v.Version, v.Event, v.Section, v.Language, v.PubStatus, micros(v.EmbargoUntil), micros(v.CreatedAt),
		string(v.Item)).Scan(&v.ID)
	if err != nil {
		return v, fmt.Errorf("record wire version %d of article %d: %w", v.Version, v.ArticleID, err)
	}
	t.Purge(cache.Wire) // wakes the streams and outbox workers of every instance after the commit
	return v, nil
}

// HasWireVersion reports whether a story has any wire version.
func (t *Tx) HasWireVersion(ctx context.Context, articleID int64) (bool, error) {
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM wire_versions WHERE article_id = ?", articleID).Scan(&n); err != nil {
		return false, fmt.Errorf("look for wire versions of article %d: %w", articleID, err)
	}
	return n > 0, nil
}

// WireUnversioned lists published stories with ids above after that have no wire version,
// in id order. Walking the ids (the primary key) with a cursor keeps a backfill of a
// hundred thousand stories linear: each batch starts where the last one ended.
func (s *Store) WireUnversioned(ctx context.Context, after int64, limit int) ([]int64, error) {
	rows, err := s.query(ctx, (`SELECT a.id FROM articles a WHERE a.id > ? AND a.status = 'published'
		AND NOT EXISTS (SELECT 1 FROM wire_versions v WHERE v.article_id = a.id)
		ORDER BY a.id LIMIT ?`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("list stories missing from the wire: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("scan article id: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// OnWireCommit registers fn to run after every commit that recorded a wire version (its
// purge carries cache.Wire): synchronously after the commit on this instance, and when
// another instance's announcement arrives (Listen). A purge of everything (cache.All: too
// many keys for one announcement, or the listener reconnected) runs it too, since a
// version may be among what was missed.
func (s *Store) OnWireCommit(fn func()) {
	s.OnPurge(func(keys []string, _ bool) {
		if slices.Contains(keys, cache.Wire) || slices.Contains(keys, cache.All) {
			fn()
		}
	})
}

// WireLatestID returns the newest wire version id (0 when there is none).
func (s *Store) WireLatestID(ctx context.Context) (int64, error) {
	var id int64
	if err := s.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM wire_versions").Scan(&id); err != nil {
		return 0, fmt.Errorf("read newest wire version: %w", err)
	}
	return id, nil
}

const wireVersionColumns = `v.id, v.article_id, v.version, v.event, v.section, v.language, v.pubstatus,
	v.embargo_until, v.created_at, v.item`

func scanWireVersion(row interface{ Scan(...any) error }) (syndication.Version, error) {
	var v syndication.Version
	var emb, at int64
	var item string
	err := row.Scan(&v.ID, &v.ArticleID, &v.Version, &v.Event, &v.Section, &v.Language, &v.PubStatus, &emb, &at, &item)
	v.EmbargoUntil, v.CreatedAt, v.Item = fromMicros(emb), fromMicros(at), []byte(item)
	return v, err
}

// WireVersions lists the versions a subscriber's scopes cover, in id order (newest first
// with q.Newest).
func (s *Store) WireVersions(ctx context.Context, q syndication.VersionQuery) ([]syndication.Version, error) {
	where := []string{`EXISTS (SELECT 1 FROM wire_scopes sc WHERE sc.subscriber_id = ?
		AND sc.section IN (v.section, '*') AND sc.language IN (v.language, '*'))`}
	args := []any{q.SubscriberID}
	if q.After > 0 {
		where, args = append(where, "v.id > ?"), append(args, q.After)
	}
	if !q.Since.IsZero() {
		where, args = append(where, "v.created_at >= ?"), append(args, micros(q.Since))
	}
	if q.Section != "" {
		where, args = append(where, "v.section = ?"), append(args, q.Section)
	}
	if q.Language != "" {
		where, args = append(where, "v.language = ?"), append(args, q.Language)
	}
	if q.ArticleID != 0 {
		where, args = append(where, "v.article_id = ?"), append(args, q.ArticleID)
	}
	order := "v.id"
	if q.Newest {
		order = "v.id DESC"
	}
	if q.Limit <= 0 || q.Limit > 1000 {
		q.Limit = 50
	}
	args = append(args, q.Limit)
	rows, err := s.query(ctx, ("SELECT " + wireVersionColumns + " FROM wire_versions v WHERE " +
		strings.Join(where, " AND ") + " ORDER BY " + order + " LIMIT ?"), args...)
	if err != nil {
		return nil, fmt.Errorf("list wire versions: %w", err)
	}
	defer rows.Close()
	var out []syndication.Version
	for rows.Next() {
		v, err := scanWireVersion(rows)
		if err != nil {
			return nil, fmt.Errorf("scan wire version: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// wireDay is the UTC day number (days since 1970-01-01) of t, as wire_usage keys it.
func wireDay(t time.Time) int64 { return t.UTC().Unix() / 86400 }
