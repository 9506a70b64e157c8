package store

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/pages"
)

// Pages: the site's standing pages (About, Contacts…), one per language, linked to their
// translations through group_id (migration 0020).

// PagesTx runs fn in one transaction.
func (s *Store) PagesTx(ctx context.Context, fn func(tx pages.Tx) error) error {
	return s.WithTx(ctx, func(t *Tx) error { return fn(t) })
}

const pageColumns = `id, language, slug, title, body_md, body_html, status, in_footer, position, group_id,
	created_at, updated_at, published_at FROM pages`

func scanPage(row interface{ Scan(...any) error }) (content.Page, error) {
	var p content.Page
	var status string
	var created, updated, published int64
	err := row.Scan(&p.ID, &p.Language, &p.Slug, &p.Title, &p.BodyMD, &p.BodyHTML, &status, &p.InFooter, &p.Position,
		&p.GroupID, &created, &updated, &published)
	p.Status, p.CreatedAt, p.UpdatedAt = content.Status(status), fromMicros(created), fromMicros(updated)
	if published != 0 {
		p.PublishedAt = fromMicros(published)
	}
	return p, err
}

// queryPages runs a query of pageColumns.
func (s *Store) queryPages(ctx context.Context, what, q string, args ...any) ([]content.Page, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	defer rows.Close()
	var out []content.Page
	for rows.Next() {
		p, err := scanPage(rows)
		if err != nil {
			return nil, fmt.Errorf("scan page: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PageByID returns a page in any state.
func (s *Store) PageByID(ctx context.Context, id int64) (content.Page, error) {
	p, err := scanPage(s.queryRow(ctx, "SELECT "+pageColumns+" WHERE id = ?", id))
	if isNoRows(err) {
		return p, fmt.Errorf("page %d: %w", id, content.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("load page %d: %w", id, err)
	}
	return p, nil
}

// NewsroomPages lists pages in any state, of one language ("" for all), by language,
// position and title.
func (s *Store) NewsroomPages(ctx context.Context, lang string) ([]content.Page, error) {
	if lang == "" {
		return s.queryPages(ctx, "pages", "SELECT "+pageColumns+" ORDER BY language, position, title, id")
	}
	return s.queryPages(ctx, "pages", "SELECT "+pageColumns+" WHERE language = ? ORDER BY position, title, id", lang)
}

// PageGroup lists the pages of a translation group in any state, by language (none for
// group 0).
func (s *Store) PageGroup(ctx context.Context, groupID int64) ([]content.Page, error) {
	if groupID == 0 {
		return nil, nil
	}
	return s.queryPages(ctx, "page translations", "SELECT "+pageColumns+" WHERE group_id = ? ORDER BY language, id", groupID)
}

// PublicPage returns the published page of a language at slug.
func (s *Store) PublicPage(ctx context.Context, lang, slug string) (content.Page, error) {
	p, err := scanPage(s.queryRow(ctx, "SELECT "+pageColumns+" WHERE language = ? AND slug = ? AND status = 'published'", lang, slug))
	if isNoRows(err) {
		return p, fmt.Errorf("page %s/%s: %w", lang, slug, content.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("load page %s/%s: %w", lang, slug, err)
	}
	return p, nil
}

// queryPageLinks runs a query of id, language, slug, title.
func (s *Store) queryPageLinks(ctx context.Context, what, q string, args ...any) ([]content.PageLink, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	defer rows.Close()
	var out []content.PageLink
	for rows.Next() {
		var l content.PageLink
		if err := rows.Scan(&l.ID, &l.Language, &l.Slug, &l.Title); err != nil {
			return nil, fmt.Errorf("scan %s: %w", what, err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// FooterPages lists the published pages of a language that its footer shows, in order.
func (s *Store) FooterPages(ctx context.Context, lang string) ([]content.PageLink, error) {
	return s.queryPageLinks(ctx, "footer pages", `SELECT id, language, slug, title FROM pages
		WHERE language = ? AND status = 'published' AND in_footer ORDER BY position, title, id`, lang)
}

// PublicPageGroup lists the published pages of a translation group (none for group 0).
func (s *Store) PublicPageGroup(ctx context.Context, groupID int64) ([]content.PageLink, error) {
	if groupID == 0 {
		return nil, nil
	}
	return s.queryPageLinks(ctx, "page translations", `SELECT id, language, slug, title FROM pages
		WHERE group_id = ? AND status = 'published' ORDER BY language, id`, groupID)
}

// PublicPages lists every published page with its group and last change, for the
// sitemap: by language and slug.
func (s *Store) PublicPages(ctx context.Context) ([]content.Page, error) {
	return s.queryPages(ctx, "public pages", "SELECT "+pageColumns+" WHERE status = 'published' ORDER BY language, slug, id")
}

// pageFacts reads what decides which public pages show page id (zero if there is none).
func (t *Tx) pageFacts(ctx context.Context, id int64) (cache.SitePage, error) {
	var f cache.SitePage
	var status string
	var group int64
	err := t.queryRow(ctx, "SELECT id, language, slug, title, status, in_footer, position, group_id FROM pages WHERE id = ?", id).
		Scan(&f.ID, &f.Language, &f.Slug, &f.Title, &status, &f.InFooter, &f.Position, &group)
	if isNoRows(err) {
		return cache.SitePage{}, nil
	}
	if err != nil {
		return f, fmt.Errorf("purge keys of page %d: %w", id, err)
	}
	f.Published = status == string(content.StatusPublished)
	if group == 0 {
		return f, nil
	}
	ids, err := t.ids(ctx, "SELECT id FROM pages WHERE group_id = ? AND status = 'published' ORDER BY id", group)
	if err != nil {
		return f, fmt.Errorf("purge keys of page %d: %w", id, err)
	}
	for _, other := range ids {
		if other != id {
			f.Translations = append(f.Translations, other)
		}
	}
	return f, nil
}

// changePage runs change on page id and records the keys of the pages it shows
// differently (cache.SitePageKeys of its facts before and after).
func (t *Tx) changePage(ctx context.Context, id int64, change func() error) error {
	before, err := t.pageFacts(ctx, id)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	after, err := t.pageFacts(ctx, id)
	if err != nil {
		return err
	}
	t.Purge(cache.SitePageKeys(before, after)...)
	return nil
}

// CreatePage inserts a page and returns its id.
func (t *Tx) CreatePage(ctx context.Context, p content.Page) (int64, error) {
	if err := t.pageSlugTaken(ctx, p); err != nil {
		return 0, err
	}
	var id int64
	err := t.queryRow(ctx, `INSERT INTO pages (language, slug, title, body_md, body_html, status, in_footer, position,
		created_at, updated_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		p.Language, p.Slug, p.Title, p.BodyMD, p.BodyHTML, string(p.Status), p.InFooter, p.Position,
		micros(p.CreatedAt), micros(p.UpdatedAt), pageTime(p)).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("the slug %q is taken by another page in %s: %w", p.Slug, p.Language, content.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("create page %s/%s: %w", p.Language, p.Slug, err)
	}
	after, err := t.pageFacts(ctx, id)
	if err != nil {
		return 0, err
	}
	t.Purge(cache.SitePageKeys(cache.SitePage{}, after)...)
	return id, nil
}

// PageSlugFree reports whether no page of lang but exceptID has slug.
func (t *Tx) PageSlugFree(ctx context.Context, lang, slug string, exceptID int64) (bool, error) {
	var n int
	err := t.queryRow(ctx, "SELECT COUNT(*) FROM pages WHERE language = ? AND slug = ? AND id <> ?", lang, slug, exceptID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look up page %s/%s: %w", lang, slug, err)
	}
	return n == 0, nil
}

// pageSlugTaken says, as content.ErrConflict, that another page of p's language has its
// slug: checked before writing, as a unique violation would end a PostgreSQL transaction.
func (t *Tx) pageSlugTaken(ctx context.Context, p content.Page) error {
	free, err := t.PageSlugFree(ctx, p.Language, p.Slug, p.ID)
	if err != nil {
		return err
	}
	if !free {
		return fmt.Errorf("the slug %q is taken by another page in %s: %w", p.Slug, p.Language, content.ErrConflict)
	}
	return nil
}

func pageTime(p content.Page) int64 {
	if p.PublishedAt.IsZero() {
		return 0
	}
	return micros(p.PublishedAt)
}

// UpdatePage writes every field of a page but its language and group.
func (t *Tx) UpdatePage(ctx context.Context, p content.Page) error {
	return t.changePage(ctx, p.ID, func() error {
		if err := t.pageSlugTaken(ctx, p); err != nil {
			return err
		}
		res, err := t.exec(ctx, `UPDATE pages SET slug = ?, title = ?, body_md = ?, body_html = ?, status = ?, in_footer = ?,
			position = ?, updated_at = ?, published_at = ? WHERE id = ?`,
			p.Slug, p.Title, p.BodyMD, p.BodyHTML, string(p.Status), p.InFooter, p.Position, micros(p.UpdatedAt), pageTime(p), p.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("the slug %q is taken by another page in %s: %w", p.Slug, p.Language, content.ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("update page %d: %w", p.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("page %d: %w", p.ID, content.ErrNotFound)
		}
		return nil
	})
}

// DeletePage removes a page, unlinking it from its translations first.
func (t *Tx) DeletePage(ctx context.Context, id int64) error {
	if err := t.UnlinkPage(ctx, id); err != nil {
		return err
	}
	return t.changePage(ctx, id, func() error {
		res, err := t.exec(ctx, "DELETE FROM pages WHERE id = ?", id)
		if err != nil {
			return fmt.Errorf("delete page %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("page %d: %w", id, content.ErrNotFound)
		}
		if _, err := t.exec(ctx, "DELETE FROM legacy_urls WHERE kind = 'page' AND target_id = ?", id); err != nil {
			return fmt.Errorf("delete old addresses of page %d: %w", id, err)
		}
		return nil
	})
}
