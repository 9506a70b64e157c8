package store

import (
	"context"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// PublicBriefs lists published briefs, newest first, with the path of a linked public story.
func (s *Store) PublicBriefs(ctx context.Context, bq content.BriefQuery, now time.Time) ([]content.Brief, error) {
	// The page's briefs are chosen from briefs alone, then joined: with the joins in the
	// same statement PostgreSQL, without statistics of the small sections tables (too few
	// rows for autovacuum ever to analyse them), started from the sections and sorted every
	// brief of the language (170 ms a home page on a 30k edition).
	where, args := "b.status = 'published'", []any{}
	if bq.Language != "" {
		where += " AND b.language = ?"
		args = append(args, bq.Language)
	}
	if bq.SectionID != 0 {
		where += " AND b.section_id = ?"
		args = append(args, bq.SectionID)
	}
	if bq.To.IsZero() || bq.To.After(now) {
		bq.To = now
	}
	where += " AND b.published_at < ?"
	args = append(args, micros(bq.To)+1)
	if !bq.From.IsZero() {
		where += " AND b.published_at >= ?"
		args = append(args, micros(bq.From))
	}
	if bq.Limit <= 0 || bq.Limit > 500 {
		bq.Limit = 10
	}
	args = append(args, bq.Limit, bq.Offset, micros(now), micros(now))
	q := `SELECT b.id, b.language, b.section_id, sec.key, sn.name, sn.slug, b.text, b.published_at,
		COALESCE(a.id, 0), COALESCE(a.slug, ''), COALESCE(asn.slug, '')
		FROM (SELECT b.id FROM briefs b WHERE ` + where + `
			ORDER BY b.published_at DESC, b.id DESC LIMIT ? OFFSET ?) p
		JOIN briefs b ON b.id = p.id
		JOIN sections sec ON sec.id = b.section_id
		JOIN section_names sn ON sn.section_id = b.section_id AND sn.language = b.language
		LEFT JOIN articles a ON a.id = b.article_id AND ` + publicClause + `
		LEFT JOIN section_names asn ON asn.section_id = a.section_id AND asn.language = a.language
		ORDER BY b.published_at DESC, b.id DESC`
	rows, err := s.query(ctx, (q), args...)
	if err != nil {
		return nil, fmt.Errorf("list briefs: %w", err)
	}
	defer rows.Close()
	var out []content.Brief
	for rows.Next() {
		var b content.Brief
		var pub int64
		var slug, secSlug string
		if err := rows.Scan(&b.ID, &b.Language, &b.Section.ID, &b.Section.Key, &b.Section.Name, &b.Section.Slug,
			&b.Text, &pub, &b.ArticleID, &slug, &secSlug); err != nil {
			return nil, fmt.Errorf("scan brief: %w", err)
		}
		b.PublishedAt = fromMicros(pub)
		if b.ArticleID != 0 {
			b.ArticleURL = content.ArticlePath(b.Language, secSlug, slug)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// CreateBrief inserts a brief (published unless b.Status says otherwise) and returns its id.
func (t *Tx) CreateBrief(ctx context.Context, b content.Brief) (int64, error) {
	if b.Text == "" {
		return 0, fmt.Errorf("brief: text is required")
	}
	if b.Status == "" {
		b.Status = content.StatusPublished
	}
	var id int64
	err := t.queryRow(ctx, `INSERT INTO briefs (language, section_id, text, status, article_id, owner_id, created_at, published_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		b.Language, b.Section.ID, b.Text, string(b.Status), nullID(b.ArticleID), nullID(b.OwnerID), micros(b.PublishedAt),
		micros(b.PublishedAt)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create brief in %s: %w", b.Language, err)
	}
	if err := t.touchBrief(ctx, id); err != nil {
		return 0, err
	}
	return id, t.indexBrief(ctx, id)
}

const briefColumns = `b.id, b.language, b.section_id, sec.key, COALESCE(sn.name, sec.key), COALESCE(sn.slug, sec.key), b.text,
	b.status, b.published_at, COALESCE(b.article_id, 0), COALESCE(b.owner_id, 0)
	FROM briefs b JOIN sections sec ON sec.id = b.section_id
	LEFT JOIN section_names sn ON sn.section_id = b.section_id AND sn.language = b.language`

func scanBrief(row interface{ Scan(...any) error }) (content.Brief, error) {
	var b content.Brief
	var status string
	var pub int64
	err := row.Scan(&b.ID, &b.Language, &b.Section.ID, &b.Section.Key, &b.Section.Name, &b.Section.Slug, &b.Text,
		&status, &pub, &b.ArticleID, &b.OwnerID)
	b.Status, b.PublishedAt = content.Status(status), fromMicros(pub)
	return b, err
}

// BriefByID returns a brief in any state.
func (s *Store) BriefByID(ctx context.Context, id int64) (content.Brief, error) {
	b, err := scanBrief(s.queryRow(ctx, ("SELECT " + briefColumns + " WHERE b.id = ?"), id))
	if isNoRows(err) {
		return b, fmt.Errorf("brief %d: %w", id, content.ErrNotFound)
	}
	if err != nil {
		return b, fmt.Errorf("load brief %d: %w", id, err)
	}
	return b, nil
}

// NewsroomBriefs lists briefs in any state, newest first; ownerID 0 lists everyone's.
func (s *Store) NewsroomBriefs(ctx context.Context, ownerID int64, limit, offset int) ([]content.Brief, error) {
	q, args := "SELECT "+briefColumns, []any{}
	if ownerID != 0 {
		q, args = q+" WHERE b.owner_id = ?", append(args, ownerID)
	}
	rows, err := s.query(ctx, (q + " ORDER BY b.published_at DESC, b.id DESC LIMIT ? OFFSET ?"), append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("list briefs: %w", err)
	}
	defer rows.Close()
	var out []content.Brief
	for rows.Next() {
		b, err := scanBrief(rows)
		if err != nil {
			return nil, fmt.Errorf("scan brief: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// UpdateBrief changes a brief's text, section, time, status and linked story.
func (t *Tx) UpdateBrief(ctx context.Context, b content.Brief) error {
	if err := t.touchBrief(ctx, b.ID); err != nil { // the lists it leaves
		return err
	}
	res, err := t.exec(ctx, "UPDATE briefs SET text = ?, section_id = ?, published_at = ?, status = ?, article_id = ? WHERE id = ?",
		b.Text, b.Section.ID, micros(b.PublishedAt), string(b.Status), nullID(b.ArticleID), b.ID)
	if err != nil {
		return fmt.Errorf("update brief %d: %w", b.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("brief %d: %w", b.ID, content.ErrNotFound)
	}
	if err := t.touchBrief(ctx, b.ID); err != nil { // the lists it enters
		return err
	}
	return t.indexBrief(ctx, b.ID)
}
