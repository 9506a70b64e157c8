package store

import (
	"context"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
)

// The front page: per language, the stories the editors put at the top of the home page,
// in their order, each perhaps pinned until a time (migration 0014).

// SetFront replaces the front page of language lang with picks, in their order, and
// purges the pages that show it (the home page of the language, here and on the other
// instances). The caller has checked the picks (newsroom.Service.SetFront).
func (t *Tx) SetFront(ctx context.Context, lang string, picks []content.FrontPick) error {
	if _, err := t.exec(ctx, "DELETE FROM front_stories WHERE language = ?", lang); err != nil {
		return fmt.Errorf("clear front page %s: %w", lang, err)
	}
	for i, p := range picks {
		if _, err := t.exec(ctx, "INSERT INTO front_stories (language, position, article_id, pinned_until) VALUES (?, ?, ?, ?)",
			lang, i, p.ArticleID, micros(p.PinnedUntil)); err != nil {
			return fmt.Errorf("put story %d on front page %s: %w", p.ArticleID, lang, err)
		}
	}
	t.Purge(cache.FrontKey(lang))
	return nil
}

// TakeOffFront removes story id from the front pages it is on (it was withdrawn) and purges
// them; the others keep their order.
func (t *Tx) TakeOffFront(ctx context.Context, id int64) error {
	rows, err := t.tx.QueryContext(ctx, t.s.q("DELETE FROM front_stories WHERE article_id = ? RETURNING language"), id)
	if err != nil {
		return fmt.Errorf("take story %d off the front page: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var lang string
		if err := rows.Scan(&lang); err != nil {
			return fmt.Errorf("take story %d off the front page: %w", id, err)
		}
		t.Purge(cache.FrontKey(lang))
	}
	return rows.Err()
}

// Front returns the front page of language lang as the newsroom shows it: the picks still
// on it at now (pin not run out, story published or scheduled), in order.
func (s *Store) Front(ctx context.Context, lang string, now time.Time) ([]content.FrontStory, error) {
	rows, err := s.query(ctx, `SELECT f.article_id, f.pinned_until, a.headline, a.status, a.published_at, a.embargo_until
		FROM front_stories f JOIN articles a ON a.id = f.article_id
		WHERE f.language = ? AND a.language = f.language AND a.status IN ('published', 'scheduled')
		AND (f.pinned_until = 0 OR f.pinned_until > ?)
		ORDER BY f.position`, lang, micros(now))
	if err != nil {
		return nil, fmt.Errorf("read front page %s: %w", lang, err)
	}
	defer rows.Close()
	var out []content.FrontStory
	for rows.Next() {
		var fs content.FrontStory
		var pin, pub, embargo int64
		if err := rows.Scan(&fs.ArticleID, &pin, &fs.Headline, &fs.Status, &pub, &embargo); err != nil {
			return nil, fmt.Errorf("scan front page story: %w", err)
		}
		fs.PinnedUntil, fs.PublishedAt = fromMicros(pin), fromMicros(pub)
		fs.Public = fs.Status == content.StatusPublished && pub <= micros(now) && embargo <= micros(now)
		out = append(out, fs)
	}
	return out, rows.Err()
}

// frontQuery reads a language's front page: the chosen stories that are public, in their
// order. Arguments: language, now (pins), now, now (publicClause). The chosen stories lead
// the join (CROSS JOIN): without statistics of front_stories (a generated or young
// edition) SQLite started from the language's public stories, reading each one's row and
// probing the front page for it (77 ms a home page on the 100k edition, front page empty).
const frontQuery = `SELECT ` + summaryColumns + `
	FROM front_stories f CROSS JOIN articles a
	JOIN sections sec ON sec.id = a.section_id
	JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
	WHERE a.id = f.article_id AND f.language = ? AND a.language = f.language
		AND (f.pinned_until = 0 OR f.pinned_until > ?) AND ` + publicClause + `
	ORDER BY f.position`

// PublicFront returns the chosen stories of language lang that readers see at now, in the
// editors' order, and when that list next changes by the clock alone (the earliest pin
// running out; zero: none). A page showing them must not be kept past that time.
func (s *Store) PublicFront(ctx context.Context, lang string, now time.Time) ([]content.ArticleSummary, time.Time, error) {
	n := micros(now)
	var next int64
	if err := s.queryRow(ctx, "SELECT COALESCE(MIN(pinned_until), 0) FROM front_stories WHERE language = ? AND pinned_until > ?",
		lang, n).Scan(&next); err != nil {
		return nil, time.Time{}, fmt.Errorf("read front page pins %s: %w", lang, err)
	}
	rows, err := s.query(ctx, frontQuery, lang, n, n, n)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("read front page %s: %w", lang, err)
	}
	list, err := scanSummaries(rows)
	if err == nil {
		err = s.withLeadImages(ctx, list)
	}
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("read front page %s: %w", lang, err)
	}
	return list, fromMicros(next), nil
}
