package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
)

// Authors and their profiles (migration 0021). A staff member's author is the authors
// row with their user_id, the lowest id where an import made more than one; StaffAuthor
// makes it the first time it is needed, so every member of staff has an author page
// without anyone setting it up.

const authorColumns = `id, name, slug, role, COALESCE(user_id, 0), COALESCE(photo_id, 0),
	EXISTS (SELECT 1 FROM users u WHERE u.id = authors.user_id AND NOT u.disabled) FROM authors`

// AuthorProfile loads the author with id and their profile.
func (s *Store) AuthorProfile(ctx context.Context, id int64) (content.AuthorProfile, error) {
	return s.authorProfile(ctx, "WHERE id = ?", id)
}

// AuthorProfileBySlug loads the author whose page is at slug, with their profile.
func (s *Store) AuthorProfileBySlug(ctx context.Context, slug string) (content.AuthorProfile, error) {
	return s.authorProfile(ctx, "WHERE slug = ?", slug)
}

// AuthorOfUser loads the author of staff member userID, with their profile;
// content.ErrNotFound when they have none yet (StaffAuthor makes it).
func (s *Store) AuthorOfUser(ctx context.Context, userID int64) (content.AuthorProfile, error) {
	return s.authorProfile(ctx, "WHERE user_id = ? ORDER BY id LIMIT 1", userID)
}

func (s *Store) authorProfile(ctx context.Context, where string, arg any) (content.AuthorProfile, error) {
	var p content.AuthorProfile
	var photo int64
	err := s.queryRow(ctx, "SELECT "+authorColumns+" "+where, arg).
		Scan(&p.ID, &p.Name, &p.Slug, &p.Role, &p.UserID, &photo, &p.Staff)
	if isNoRows(err) {
		return p, fmt.Errorf("author %v: %w", arg, content.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("load author %v: %w", arg, err)
	}
	if photo != 0 {
		img, err := s.ImageByID(ctx, photo)
		if err != nil {
			return p, fmt.Errorf("photo of author %d: %w", p.ID, err)
		}
		p.Photo = &img
	}
	rows, err := s.query(ctx, "SELECT language, name, role, bio FROM author_texts WHERE author_id = ? ORDER BY language", p.ID)
	if err != nil {
		return p, fmt.Errorf("texts of author %d: %w", p.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var lang string
		var t content.AuthorText
		if err := rows.Scan(&lang, &t.Name, &t.Role, &t.Bio); err != nil {
			return p, fmt.Errorf("texts of author %d: %w", p.ID, err)
		}
		if p.Texts == nil {
			p.Texts = map[string]content.AuthorText{}
		}
		p.Texts[lang] = t
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("texts of author %d: %w", p.ID, err)
	}
	links, err := s.query(ctx, "SELECT label, url FROM author_links WHERE author_id = ? ORDER BY position", p.ID)
	if err != nil {
		return p, fmt.Errorf("links of author %d: %w", p.ID, err)
	}
	defer links.Close()
	for links.Next() {
		var l content.AuthorLink
		if err := links.Scan(&l.Label, &l.URL); err != nil {
			return p, fmt.Errorf("links of author %d: %w", p.ID, err)
		}
		p.Links = append(p.Links, l)
	}
	return p, links.Err()
}

// StaffAuthor returns the id of staff member userID's author, making it (named after
// the user, at a free slug made from the name) when they have none.
func (t *Tx) StaffAuthor(ctx context.Context, userID int64) (int64, error) {
	var id int64
	find := func() (bool, error) {
		err := t.queryRow(ctx, "SELECT id FROM authors WHERE user_id = ? ORDER BY id LIMIT 1", userID).Scan(&id)
		if isNoRows(err) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("author of user %d: %w", userID, err)
		}
		return true, nil
	}
	if found, err := find(); found || err != nil {
		return id, err
	}
	// None yet: make it under the authors lock, looking again once it is held (another
	// transaction may have made it meanwhile).
	if l := t.s.d.lockAuthors(); l != "" {
		if _, err := t.tx.ExecContext(ctx, l); err != nil {
			return 0, fmt.Errorf("lock authors: %w", err)
		}
		if found, err := find(); found || err != nil {
			return id, err
		}
	}
	var name string
	if err := t.queryRow(ctx, "SELECT name FROM users WHERE id = ?", userID).Scan(&name); isNoRows(err) {
		return 0, fmt.Errorf("user %d: %w", userID, content.ErrNotFound)
	} else if err != nil {
		return 0, fmt.Errorf("author of user %d: %w", userID, err)
	}
	slug, err := t.freeAuthorSlug(ctx, content.Slugify(name), 0)
	if err != nil {
		return 0, err
	}
	err = t.queryRow(ctx, "INSERT INTO authors (name, slug, user_id) VALUES (?, ?, ?) RETURNING id", name, slug, userID).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("make the author of user %d: %w", userID, err)
	}
	return id, nil
}

// freeAuthorSlug returns base, or base-2, base-3 … when another author than self has it,
// or had it (its old address leads to them: author_redirects).
func (t *Tx) freeAuthorSlug(ctx context.Context, base string, self int64) (string, error) {
	if base == "" {
		base = "author"
	}
	for i := 1; ; i++ {
		slug := base
		if i > 1 {
			slug = base + "-" + strconv.Itoa(i)
		}
		var n int
		if err := t.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM authors WHERE slug = ? AND id <> ?)
			+ (SELECT COUNT(*) FROM author_redirects WHERE slug = ? AND author_id <> ?)`, slug, self, slug, self).Scan(&n); err != nil {
			return "", fmt.Errorf("look up author slug %s: %w", slug, err)
		}
		if n == 0 {
			return slug, nil
		}
	}
}

// SaveAuthorProfile writes p over the author with p.ID: name, slug, role, photo, texts
// and links. It purges the author's pages, and the pages of their stories when the slug
// changed (their bylines link to it); a slug another author has is content.ErrConflict.
func (t *Tx) SaveAuthorProfile(ctx context.Context, p content.AuthorProfile) error {
	var oldSlug string
	if err := t.queryRow(ctx, "SELECT slug FROM authors WHERE id = ?", p.ID).Scan(&oldSlug); isNoRows(err) {
		return fmt.Errorf("author %d: %w", p.ID, content.ErrNotFound)
	} else if err != nil {
		return fmt.Errorf("load author %d: %w", p.ID, err)
	}
	var photo any
	if p.Photo != nil {
		photo = p.Photo.ID
	}
	_, err := t.exec(ctx, "UPDATE authors SET name = ?, slug = ?, role = ?, photo_id = ? WHERE id = ?",
		p.Name, p.Slug, p.Role, photo, p.ID)
	if isUniqueViolation(err) {
		return fmt.Errorf("author slug %s: %w", p.Slug, content.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("save author %d: %w", p.ID, err)
	}
	if err := t.keepAuthorSlug(ctx, p.ID, oldSlug, p.Slug); err != nil {
		return err
	}
	if _, err := t.exec(ctx, "DELETE FROM author_texts WHERE author_id = ?", p.ID); err != nil {
		return fmt.Errorf("clear texts of author %d: %w", p.ID, err)
	}
	for lang, tx := range p.Texts {
		if tx == (content.AuthorText{}) {
			continue
		}
		if _, err := t.exec(ctx, "INSERT INTO author_texts (author_id, language, name, role, bio) VALUES (?, ?, ?, ?, ?)",
			p.ID, lang, tx.Name, tx.Role, tx.Bio); err != nil {
			return fmt.Errorf("put %s text of author %d: %w", lang, p.ID, err)
		}
	}
	if _, err := t.exec(ctx, "DELETE FROM author_links WHERE author_id = ?", p.ID); err != nil {
		return fmt.Errorf("clear links of author %d: %w", p.ID, err)
	}
	for i, l := range p.Links {
		if _, err := t.exec(ctx, "INSERT INTO author_links (author_id, position, label, url) VALUES (?, ?, ?, ?)",
			p.ID, i, l.Label, l.URL); err != nil {
			return fmt.Errorf("put link of author %d: %w", p.ID, err)
		}
	}
	t.Purge(cache.AuthorKey(p.ID))
	if oldSlug != p.Slug {
		t.Purge(cache.BylineKey(p.ID))
	}
	return nil
}

// linkStaffAuthors is migration 0021's Go step: the stories the newsroom filed before
// it have an owner and no author; each gets its owner's author (made if missing), so
// that its byline links to the owner's page as a new story's does.
func (t *Tx) linkStaffAuthors(ctx context.Context) error {
	rows, err := t.tx.QueryContext(ctx, t.s.q(`SELECT DISTINCT owner_id FROM articles
		WHERE author_id IS NULL AND owner_id IS NOT NULL ORDER BY owner_id`))
	if err != nil {
		return fmt.Errorf("stories without author: %w", err)
	}
	var owners []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("stories without author: %w", err)
		}
		owners = append(owners, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("stories without author: %w", err)
	}
	for _, owner := range owners {
		author, err := t.StaffAuthor(ctx, owner)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE articles SET author_id = ? WHERE owner_id = ? AND author_id IS NULL", author, owner); err != nil {
			return fmt.Errorf("link the stories of user %d to their author: %w", owner, err)
		}
	}
	return nil
}

// keepAuthorSlug keeps the slug author id had before it took slug, so that its old pages
// lead to the new ones, and forgets the old address slug was (of this author or another,
// whose redirect, kept in the page cache under their key, is purged).
func (t *Tx) keepAuthorSlug(ctx context.Context, id int64, old, slug string) error {
	if old == slug {
		return nil
	}
	var was int64
	err := t.queryRow(ctx, "SELECT author_id FROM author_redirects WHERE slug = ?", slug).Scan(&was)
	switch {
	case err == nil:
		if _, err := t.exec(ctx, "DELETE FROM author_redirects WHERE slug = ?", slug); err != nil {
			return fmt.Errorf("forget author address %s: %w", slug, err)
		}
		t.Purge(cache.AuthorKey(was))
	case !isNoRows(err):
		return fmt.Errorf("look up author address %s: %w", slug, err)
	}
	if _, err := t.exec(ctx, `INSERT INTO author_redirects (slug, author_id) VALUES (?, ?)
		ON CONFLICT (slug) DO UPDATE SET author_id = excluded.author_id`, old, id); err != nil {
		return fmt.Errorf("keep author address %s: %w", old, err)
	}
	return nil
}

// AuthorRedirect returns the id and current slug of the author whose page was once at
// slug, or content.ErrNotFound.
func (s *Store) AuthorRedirect(ctx context.Context, slug string) (int64, string, error) {
	var id int64
	var now string
	err := s.queryRow(ctx, `SELECT a.id, a.slug FROM author_redirects r JOIN authors a ON a.id = r.author_id
		WHERE r.slug = ?`, slug).Scan(&id, &now)
	if isNoRows(err) {
		return 0, "", fmt.Errorf("author address %s: %w", slug, content.ErrNotFound)
	}
	if err != nil {
		return 0, "", fmt.Errorf("author address %s: %w", slug, err)
	}
	return id, now, nil
}
