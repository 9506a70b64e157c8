package store

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/review"
)

// The reads of `newsdesk export` (internal/importer/export.go): the whole site, page by page,
// so that exporting a large archive takes little memory.

// ExportSections lists every section in position order.
func (s *Store) ExportSections(ctx context.Context) ([]importer.ExportSection, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.key, COALESCE(n.language, ''), COALESCE(n.name, ''), COALESCE(n.slug, '')
		FROM sections s LEFT JOIN section_names n ON n.section_id = s.id ORDER BY s.position, s.id, n.language`)
	if err != nil {
		return nil, fmt.Errorf("export sections: %w", err)
	}
	defer rows.Close()
	var out []importer.ExportSection
	for rows.Next() {
		var id int64
		var key, lang, name, slug string
		if err := rows.Scan(&id, &key, &lang, &name, &slug); err != nil {
			return nil, fmt.Errorf("scan section: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].ID != id {
			out = append(out, importer.ExportSection{ID: id, Key: key, Names: map[string]content.Section{}})
		}
		if lang != "" {
			out[len(out)-1].Names[lang] = content.Section{ID: id, Key: key, Name: name, Slug: slug}
		}
	}
	return out, rows.Err()
}

// ExportAuthors lists every author.
func (s *Store) ExportAuthors(ctx context.Context) ([]importer.ExportAuthor, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.name, a.slug, a.role, COALESCE(u.email, '')
		FROM authors a LEFT JOIN users u ON u.id = a.user_id ORDER BY a.id`)
	if err != nil {
		return nil, fmt.Errorf("export authors: %w", err)
	}
	defer rows.Close()
	var out []importer.ExportAuthor
	for rows.Next() {
		var a importer.ExportAuthor
		if err := rows.Scan(&a.ID, &a.Name, &a.Slug, &a.Role, &a.Email); err != nil {
			return nil, fmt.Errorf("scan author: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("export authors: %w", err)
	}
	rows.Close()
	return out, s.exportAuthorProfiles(ctx, out)
}

// ExportArticles returns up to limit stories with ids above afterID, in id order.
func (s *Store) ExportArticles(ctx context.Context, afterID int64, limit int) ([]importer.ExportArticle, error) {
	rows, err := s.db.QueryContext(ctx, s.q("SELECT "+articleColumns+" WHERE a.id > ? ORDER BY a.id LIMIT ?"), afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("export articles after %d: %w", afterID, err)
	}
	var out []importer.ExportArticle
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan article: %w", err)
		}
		out = append(out, importer.ExportArticle{Article: a})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("export articles after %d: %w", afterID, err)
	}
	for i := range out {
		a := &out[i]
		if a.Tags, err = tagsOf(ctx, s.query, a.ID); err != nil {
			return nil, err
		}
		if a.OldSlugs, err = s.exportStrings(ctx, "SELECT slug FROM article_slugs WHERE article_id = ? ORDER BY slug", a.ID); err != nil {
			return nil, err
		}
		if a.LegacyURLs, err = s.exportStrings(ctx, "SELECT path FROM legacy_urls WHERE kind = 'article' AND target_id = ? ORDER BY path", a.ID); err != nil {
			return nil, err
		}
		if a.Reviews, err = s.exportReviews(ctx, a.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) exportStrings(ctx context.Context, query string, id int64) ([]string, error) {
	rows, err := s.query(ctx, query, id)
	if err != nil {
		return nil, fmt.Errorf("export details of %d: %w", id, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("scan detail of %d: %w", id, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func (s *Store) exportReviews(ctx context.Context, articleID int64) ([]review.Review, error) {
	rows, err := s.query(ctx, `SELECT id, name, email, rating, text, status, created_at FROM reviews
		WHERE article_id = ? ORDER BY created_at, id`, articleID)
	if err != nil {
		return nil, fmt.Errorf("export reviews of article %d: %w", articleID, err)
	}
	defer rows.Close()
	var out []review.Review
	for rows.Next() {
		r := review.Review{ArticleID: articleID}
		var at int64
		if err := rows.Scan(&r.ID, &r.Name, &r.Email, &r.Rating, &r.Text, &r.Status, &at); err != nil {
			return nil, fmt.Errorf("scan review: %w", err)
		}
		r.CreatedAt = fromMicros(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// ExportBriefs returns up to limit briefs with ids above afterID, in id order, whatever their status.
func (s *Store) ExportBriefs(ctx context.Context, afterID int64, limit int) ([]content.Brief, error) {
	rows, err := s.db.QueryContext(ctx, s.q("SELECT "+briefColumns+" WHERE b.id > ? ORDER BY b.id LIMIT ?"), afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("export briefs after %d: %w", afterID, err)
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
