package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// languages reads the site's languages in display order.
func (s *Store) languages(ctx context.Context) ([]content.Language, error) {
	rows, err := s.query(ctx, ("SELECT code, name, site_name, position FROM languages ORDER BY position, code"))
	if err != nil {
		return nil, fmt.Errorf("list languages: %w", err)
	}
	defer rows.Close()
	var out []content.Language
	for rows.Next() {
		var l content.Language
		if err := rows.Scan(&l.Code, &l.Name, &l.SiteName, &l.Position); err != nil {
			return nil, fmt.Errorf("scan language: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// sections reads the sections with their names and slugs in lang, in display order.
func (s *Store) sections(ctx context.Context, lang string) ([]content.Section, error) {
	rows, err := s.query(ctx, (`SELECT s.id, s.key, n.name, n.slug FROM sections s
		JOIN section_names n ON n.section_id = s.id AND n.language = ?
		ORDER BY s.position, s.key`), lang)
	if err != nil {
		return nil, fmt.Errorf("list sections in %s: %w", lang, err)
	}
	defer rows.Close()
	var out []content.Section
	for rows.Next() {
		var sec content.Section
		if err := rows.Scan(&sec.ID, &sec.Key, &sec.Name, &sec.Slug); err != nil {
			return nil, fmt.Errorf("scan section: %w", err)
		}
		out = append(out, sec)
	}
	return out, rows.Err()
}

// SectionBySlug finds a section by its slug in lang.
func (s *Store) SectionBySlug(ctx context.Context, lang, slug string) (content.Section, error) {
	var sec content.Section
	err := s.queryRow(ctx, (`SELECT s.id, s.key, n.name, n.slug FROM section_names n
		JOIN sections s ON s.id = n.section_id WHERE n.language = ? AND n.slug = ?`), lang, slug).
		Scan(&sec.ID, &sec.Key, &sec.Name, &sec.Slug)
	if errors.Is(err, sql.ErrNoRows) {
		return sec, fmt.Errorf("section %s/%s: %w", lang, slug, content.ErrNotFound)
	}
	if err != nil {
		return sec, fmt.Errorf("find section %s/%s: %w", lang, slug, err)
	}
	return sec, nil
}

// AuthorBySlug finds an author by slug.
func (s *Store) AuthorBySlug(ctx context.Context, slug string) (content.Author, error) {
	var a content.Author
	err := s.queryRow(ctx, ("SELECT id, name, slug, role FROM authors WHERE slug = ?"), slug).
		Scan(&a.ID, &a.Name, &a.Slug, &a.Role)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("author %s: %w", slug, content.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("find author %s: %w", slug, err)
	}
	return a, nil
}

// TagBySlug finds a tag by its slug in lang, returning its id, whatever carries it (the
// public site uses PublicTagBySlug).
func (s *Store) TagBySlug(ctx context.Context, lang, slug string) (int64, content.Tag, error) {
	var id int64
	var t content.Tag
	err := s.queryRow(ctx, ("SELECT id, name, slug FROM tags WHERE language = ? AND slug = ?"), lang, slug).
		Scan(&id, &t.Name, &t.Slug)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, t, fmt.Errorf("tag %s/%s: %w", lang, slug, content.ErrNotFound)
	}
	if err != nil {
		return 0, t, fmt.Errorf("find tag %s/%s: %w", lang, slug, err)
	}
	return id, t, nil
}

// publicTagClause keeps the tags t that at least one public story carries. Arguments:
// now, now.
const publicTagClause = `EXISTS (SELECT 1 FROM article_tags x
	WHERE x.tag_id = t.id AND ` + publicTagRowClause + `)`

// publicTagRowClause keeps the article_tags rows x of stories public at now, from the
// state syncTagRows copies there (publicClause on the rows). Arguments: now, now.
const publicTagRowClause = "x.published_at <= ? AND x.embargo_until <= ?"

// PublicTagBySlug finds a tag by its slug in lang, returning its id, when a story public
// at now carries it. A tag that only drafts, scheduled, embargoed or withdrawn stories
// carry is not found, exactly like a tag that does not exist: its name would tell what
// the desk is working on.
func (s *Store) PublicTagBySlug(ctx context.Context, lang, slug string, now time.Time) (int64, content.Tag, error) {
	var id int64
	var t content.Tag
	err := s.queryRow(ctx, ("SELECT t.id, t.name, t.slug FROM tags t WHERE t.language = ? AND t.slug = ? AND "+publicTagClause),
		lang, slug, micros(now), micros(now)).Scan(&id, &t.Name, &t.Slug)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, t, fmt.Errorf("public tag %s/%s: %w", lang, slug, content.ErrNotFound)
	}
	if err != nil {
		return 0, t, fmt.Errorf("find public tag %s/%s: %w", lang, slug, err)
	}
	return id, t, nil
}

// IsEmpty reports whether the database holds no content at all (no language yet).
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM languages").Scan(&n); err != nil {
		return false, fmt.Errorf("count languages: %w", err)
	}
	return n == 0, nil
}

// PutLanguage creates or updates a language.
func (t *Tx) PutLanguage(ctx context.Context, l content.Language) error {
	t.touch()
	_, err := t.exec(ctx, `INSERT INTO languages (code, name, site_name, position) VALUES (?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, site_name = excluded.site_name, position = excluded.position`,
		l.Code, l.Name, l.SiteName, l.Position)
	if err != nil {
		return fmt.Errorf("put language %s: %w", l.Code, err)
	}
	return nil
}

// SectionInput creates a section with a name and slug per language.
type SectionInput struct {
	Key      string
	Position int
	Names    map[string]string // language → name
	Slugs    map[string]string // language → slug
}

// CreateSection creates a section and its per-language names; it returns the new id.
func (t *Tx) CreateSection(ctx context.Context, in SectionInput) (int64, error) {
	t.touch()
	if !content.ValidSlug(in.Key) {
		return 0, fmt.Errorf("section key %q: must be lowercase letters, digits and hyphens", in.Key)
	}
	var id int64
	err := t.queryRow(ctx, "INSERT INTO sections (key, position) VALUES (?, ?) RETURNING id", in.Key, in.Position).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("section %s: %w", in.Key, content.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("create section %s: %w", in.Key, err)
	}
	for lang, name := range in.Names {
		slug := in.Slugs[lang]
		if slug == "" {
			slug = content.Slugify(name)
		}
		if !content.ValidSlug(slug) || content.ReservedSectionSlug(slug) {
			return 0, fmt.Errorf("section %s: slug %q in %s is not usable", in.Key, slug, lang)
		}
		_, err := t.exec(ctx, "INSERT INTO section_names (section_id, language, name, slug) VALUES (?, ?, ?, ?)", id, lang, name, slug)
		if isUniqueViolation(err) {
			return 0, fmt.Errorf("section %s slug %s/%s: %w", in.Key, lang, slug, content.ErrConflict)
		}
		if err != nil {
			return 0, fmt.Errorf("name section %s in %s: %w", in.Key, lang, err)
		}
	}
	return id, nil
}

// CreateAuthor creates an author and returns the id.
func (t *Tx) CreateAuthor(ctx context.Context, a content.Author) (int64, error) {
	t.touch()
	if a.Slug == "" {
		a.Slug = content.Slugify(a.Name)
	}
	var id int64
	err := t.queryRow(ctx, "INSERT INTO authors (name, slug, role) VALUES (?, ?, ?) RETURNING id", a.Name, a.Slug, a.Role).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("author %s: %w", a.Slug, content.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("create author %s: %w", a.Slug, err)
	}
	return id, nil
}

// Authors lists every author by name.
func (s *Store) Authors(ctx context.Context) ([]content.Author, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, slug, role FROM authors ORDER BY name, id")
	if err != nil {
		return nil, fmt.Errorf("list authors: %w", err)
	}
	defer rows.Close()
	var out []content.Author
	for rows.Next() {
		var a content.Author
		if err := rows.Scan(&a.ID, &a.Name, &a.Slug, &a.Role); err != nil {
			return nil, fmt.Errorf("scan author: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
