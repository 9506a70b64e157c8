package store

import (
	"context"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/importer"
)

// The old URLs of imported sites (legacy_urls), resolved to where they lead now when the
// public site is asked for one (importer.ResolveLegacy), and exported with the sections and
// tags they lead to.

// LegacyTarget returns the current public path for an old site's path (normalised as
// stored: see legacy_urls), or content.ErrNotFound when there is none or what it leads to
// is not public at now.
func (s *Store) LegacyTarget(ctx context.Context, path string, now time.Time) (string, error) {
	p, err := s.LegacyPlace(ctx, path, now)
	if err != nil {
		return "", err
	}
	return p.Path(), nil
}

// LegacyPlace returns where an old site's path (normalised as stored: see legacy_urls)
// leads now, or content.ErrNotFound when there is none or what it leads to is not public
// at now.
func (s *Store) LegacyPlace(ctx context.Context, path string, now time.Time) (importer.LegacyPlace, error) {
	var p importer.LegacyPlace
	var id int64
	err := s.queryRow(ctx, "SELECT kind, target_id, language FROM legacy_urls WHERE path = ?", path).Scan(&p.Kind, &id, &p.Lang)
	if isNoRows(err) {
		return p, fmt.Errorf("old URL %s: %w", path, content.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("look up old URL %s: %w", path, err)
	}
	switch p.Kind {
	case "article":
		err = s.queryRow(ctx, `SELECT a.language, sn.slug, a.slug FROM articles a
			JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
			WHERE a.id = ? AND `+publicClause, id, micros(now), micros(now)).Scan(&p.Lang, &p.Section, &p.Slug)
	case "section":
		err = s.queryRow(ctx, "SELECT slug FROM section_names WHERE section_id = ? AND language = ?", id, p.Lang).Scan(&p.Section)
	case "tag":
		// Only a tag a public story carries: the redirect would tell of the others.
		err = s.queryRow(ctx, "SELECT t.language, t.slug FROM tags t WHERE t.id = ? AND "+publicTagClause, id, micros(now), micros(now)).
			Scan(&p.Lang, &p.Slug)
	case "page":
		// Only a published page: a draft answers 404 on its own URL too.
		err = s.queryRow(ctx, "SELECT language, slug FROM pages WHERE id = ? AND status = 'published'", id).Scan(&p.Lang, &p.Slug)
	default:
		return p, fmt.Errorf("old URL %s of kind %q: %w", path, p.Kind, content.ErrNotFound)
	}
	if isNoRows(err) {
		return p, fmt.Errorf("old URL %s: %s %d: %w", path, p.Kind, id, content.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("resolve old URL %s: %w", path, err)
	}
	return p, nil
}

// LegacyPeriod returns the home page of the language of the latest story public at now
// and published in [from, to) (an old site's date archive), or content.ErrNotFound.
func (s *Store) LegacyPeriod(ctx context.Context, from, to, now time.Time) (importer.LegacyPlace, error) {
	p := importer.LegacyPlace{Kind: "home"}
	err := s.queryRow(ctx, `SELECT a.language FROM articles a WHERE a.published_at >= ? AND a.published_at < ? AND `+publicClause+`
		ORDER BY a.published_at DESC LIMIT 1`, micros(from), micros(to), micros(now), micros(now)).Scan(&p.Lang)
	if isNoRows(err) {
		return p, fmt.Errorf("stories of %s–%s: %w", from.Format(time.DateOnly), to.Format(time.DateOnly), content.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("look up stories of %s: %w", from.Format(time.DateOnly), err)
	}
	return p, nil
}

// LegacyAuthor returns the page of the author with slug in the language of their latest
// story public at now; the site's home page when the author has no public story; or
// content.ErrNotFound when there is no such author.
func (s *Store) LegacyAuthor(ctx context.Context, slug string, now time.Time) (importer.LegacyPlace, error) {
	p := importer.LegacyPlace{Kind: "author", Slug: slug}
	err := s.queryRow(ctx, `SELECT a.language FROM articles a JOIN authors au ON au.id = a.author_id
		WHERE au.slug = ? AND `+publicClause+` ORDER BY a.published_at DESC LIMIT 1`, slug, micros(now), micros(now)).Scan(&p.Lang)
	if err == nil {
		return p, nil
	}
	if !isNoRows(err) {
		return p, fmt.Errorf("look up stories of author %s: %w", slug, err)
	}
	var n int
	if err := s.queryRow(ctx, "SELECT COUNT(*) FROM authors WHERE slug = ?", slug).Scan(&n); err != nil {
		return p, fmt.Errorf("look up author %s: %w", slug, err)
	}
	if n == 0 {
		return p, fmt.Errorf("author %s: %w", slug, content.ErrNotFound)
	}
	return importer.LegacyPlace{Kind: "home"}, nil
}

// ExportTermURLs lists the old URLs that lead to sections and tags, by section key or tag
// slug, then language and path.
func (s *Store) ExportTermURLs(ctx context.Context) ([]importer.ExportTermURL, error) {
	rows, err := s.query(ctx, `SELECT l.kind, COALESCE(sec.key, t.slug, ''), COALESCE(t.name, ''), l.language, l.path
		FROM legacy_urls l
		LEFT JOIN sections sec ON l.kind = 'section' AND sec.id = l.target_id
		LEFT JOIN tags t ON l.kind = 'tag' AND t.id = l.target_id
		WHERE l.kind IN ('section', 'tag') ORDER BY l.kind, 2, l.language, l.path`)
	if err != nil {
		return nil, fmt.Errorf("export old URLs of sections and tags: %w", err)
	}
	defer rows.Close()
	var out []importer.ExportTermURL
	for rows.Next() {
		var u importer.ExportTermURL
		if err := rows.Scan(&u.Kind, &u.Key, &u.Name, &u.Lang, &u.Path); err != nil {
			return nil, fmt.Errorf("scan old URL: %w", err)
		}
		if u.Key != "" {
			out = append(out, u)
		}
	}
	return out, rows.Err()
}
