package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/review"
)

// The writes of imports from WordPress and Ghost (internal/importer). They run inside a
// Loader's transaction (Bulk.Tx), so that a failed import leaves nothing behind; new stories
// and briefs go through Bulk.Article and Bulk.Brief, changed ones through the methods here,
// which keep the search index and the content sequence as the newsroom's saves do.

// ImportedItem returns what an imported thing became (our id and the hash of what was
// imported), or content.ErrNotFound when it was never imported from source.
func (b *Bulk) ImportedItem(ctx context.Context, source, kind, sourceID string) (int64, string, error) {
	var id int64
	var hash string
	err := b.queryRow(ctx, "SELECT target_id, hash FROM import_items WHERE source = ? AND kind = ? AND source_id = ?",
		source, kind, sourceID).Scan(&id, &hash)
	if isNoRows(err) {
		return 0, "", fmt.Errorf("imported %s %s: %w", kind, sourceID, content.ErrNotFound)
	}
	if err != nil {
		return 0, "", fmt.Errorf("look up imported %s %s: %w", kind, sourceID, err)
	}
	return id, hash, nil
}

// ImportedFrom reports whether anything was ever imported from source.
func (b *Bulk) ImportedFrom(ctx context.Context, source string) (bool, error) {
	var n int
	if err := b.queryRow(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM import_items WHERE source = ? LIMIT 1) x", source).Scan(&n); err != nil {
		return false, fmt.Errorf("look for earlier imports from %s: %w", source, err)
	}
	return n > 0, nil
}

// RecordImport remembers that source's kind/sourceID became targetID with hash.
func (b *Bulk) RecordImport(ctx context.Context, source, kind, sourceID string, targetID int64, hash string, at time.Time) error {
	_, err := b.exec(ctx, `INSERT INTO import_items (source, kind, source_id, target_id, hash, imported_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (source, kind, source_id) DO UPDATE SET target_id = excluded.target_id, hash = excluded.hash,
		imported_at = excluded.imported_at`, source, kind, sourceID, targetID, hash, micros(at))
	if err != nil {
		return fmt.Errorf("record imported %s %s: %w", kind, sourceID, err)
	}
	return nil
}

// RecordImports records several items of source as RecordImport does, in one statement a
// hundred (an item given twice keeps its last record).
func (b *Bulk) RecordImports(ctx context.Context, source string, recs []importer.Record, at time.Time) error {
	recs = lastOfEach(recs)
	for len(recs) > 0 {
		n := min(len(recs), bulkRows)
		args := make([]any, 0, n*6)
		for _, r := range recs[:n] {
			args = append(args, source, r.Kind, r.SourceID, r.TargetID, r.Hash, micros(at))
		}
		_, err := b.exec(ctx, `INSERT INTO import_items (source, kind, source_id, target_id, hash, imported_at) VALUES `+
			rowsOf(n, 6)+` ON CONFLICT (source, kind, source_id) DO UPDATE SET target_id = excluded.target_id,
			hash = excluded.hash, imported_at = excluded.imported_at`, args...)
		if err != nil {
			return fmt.Errorf("record %d imported items: %w", n, err)
		}
		recs = recs[n:]
	}
	return nil
}

// lastOfEach drops the records that a later one of the same item overrides (PostgreSQL
// refuses to upsert one row twice in a statement).
func lastOfEach(recs []importer.Record) []importer.Record {
	last := make(map[[2]string]int, len(recs))
	for i, r := range recs {
		last[[2]string{r.Kind, r.SourceID}] = i
	}
	if len(last) == len(recs) {
		return recs
	}
	out := make([]importer.Record, 0, len(last))
	for i, r := range recs {
		if last[[2]string{r.Kind, r.SourceID}] == i {
			out = append(out, r)
		}
	}
	return out
}

// bulkRows is the most rows one multi-row INSERT of an import writes.
const bulkRows = 100

// rowsOf returns the VALUES list of n rows of cols placeholders: (?, ?), (?, ?) …
func rowsOf(n, cols int) string {
	row := "(" + placeholders(cols) + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// PutLegacyURL maps an old site's path to an article, section or tag (kind "article",
// "section", "tag"; lang is the section's language); with replace false a path already
// mapped keeps its target. It reports whether anything changed.
func (b *Bulk) PutLegacyURL(ctx context.Context, path, kind string, targetID int64, lang string, replace bool) (bool, error) {
	q := `INSERT INTO legacy_urls (path, kind, target_id, language) VALUES (?, ?, ?, ?)
		ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, target_id = excluded.target_id, language = excluded.language
		WHERE legacy_urls.kind <> excluded.kind OR legacy_urls.target_id <> excluded.target_id
		OR legacy_urls.language <> excluded.language`
	if !replace {
		q = `INSERT INTO legacy_urls (path, kind, target_id, language) VALUES (?, ?, ?, ?) ON CONFLICT (path) DO NOTHING`
	}
	res, err := b.exec(ctx, q, path, kind, targetID, lang)
	if err != nil {
		return false, fmt.Errorf("keep old URL %s: %w", path, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// PutLegacyURLs maps several old paths (each given once) to one article, section or tag
// as PutLegacyURL does, and returns how many changed.
func (b *Bulk) PutLegacyURLs(ctx context.Context, paths []string, kind string, targetID int64, lang string, replace bool) (int, error) {
	changed := 0
	for len(paths) > 0 {
		n := min(len(paths), bulkRows)
		args := make([]any, 0, n*4)
		for _, p := range paths[:n] {
			args = append(args, p, kind, targetID, lang)
		}
		q := `INSERT INTO legacy_urls (path, kind, target_id, language) VALUES ` + rowsOf(n, 4) + `
			ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, target_id = excluded.target_id, language = excluded.language
			WHERE legacy_urls.kind <> excluded.kind OR legacy_urls.target_id <> excluded.target_id
			OR legacy_urls.language <> excluded.language`
		if !replace {
			q = `INSERT INTO legacy_urls (path, kind, target_id, language) VALUES ` + rowsOf(n, 4) + ` ON CONFLICT (path) DO NOTHING`
		}
		res, err := b.exec(ctx, q, args...)
		if err != nil {
			return changed, fmt.Errorf("keep %d old URLs: %w", n, err)
		}
		k, _ := res.RowsAffected()
		changed += int(k)
		paths = paths[n:]
	}
	return changed, nil
}

// EnsureLanguage adds a language with siteName unless it exists; it reports whether it added it.
func (t *Tx) EnsureLanguage(ctx context.Context, code, name, siteName string) (bool, error) {
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM languages WHERE code = ?", code).Scan(&n); err != nil {
		return false, fmt.Errorf("look up language %s: %w", code, err)
	}
	if n > 0 {
		return false, nil
	}
	var pos int
	if err := t.queryRow(ctx, "SELECT COALESCE(MAX(position), -1) + 1 FROM languages").Scan(&pos); err != nil {
		return false, fmt.Errorf("count languages: %w", err)
	}
	return true, t.PutLanguage(ctx, content.Language{Code: code, Name: name, SiteName: siteName, Position: pos})
}

// ImportSection returns the section with key, creating it when missing, and gives it name
// and slug in lang unless it has a name there already. A slug that another section holds
// in lang, or that the site reserves, gets a numbered suffix.
func (t *Tx) ImportSection(ctx context.Context, key, lang, name, slug string) (int64, error) {
	var id int64
	err := t.queryRow(ctx, "SELECT id FROM sections WHERE key = ?", key).Scan(&id)
	switch {
	case isNoRows(err):
		var pos int
		if err := t.queryRow(ctx, "SELECT COALESCE(MAX(position), -1) + 1 FROM sections").Scan(&pos); err != nil {
			return 0, fmt.Errorf("count sections: %w", err)
		}
		if id, err = t.CreateSection(ctx, SectionInput{Key: key, Position: pos}); err != nil {
			return 0, err
		}
	case err != nil:
		return 0, fmt.Errorf("look up section %s: %w", key, err)
	}
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM section_names WHERE section_id = ? AND language = ?", id, lang).Scan(&n); err != nil {
		return 0, fmt.Errorf("look up section %s in %s: %w", key, lang, err)
	}
	if n > 0 {
		return id, nil
	}
	if !content.ValidSlug(slug) {
		slug = key
	}
	base := slug
	if content.ReservedSectionSlug(base) {
		base += "-section"
	}
	slug = base
	for i := 2; ; i++ {
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM section_names WHERE language = ? AND slug = ?", lang, slug).Scan(&n); err != nil {
			return 0, fmt.Errorf("look up section slug %s/%s: %w", lang, slug, err)
		}
		if n == 0 {
			break
		}
		slug = base + "-" + strconv.Itoa(i)
	}
	t.touch()
	if _, err := t.exec(ctx, "INSERT INTO section_names (section_id, language, name, slug) VALUES (?, ?, ?, ?)", id, lang, name, slug); err != nil {
		return 0, fmt.Errorf("name section %s in %s: %w", key, lang, err)
	}
	return id, nil
}

// ImportUser returns the user with u.Email, creating it (as given: imports create disabled
// accounts without a password, to be invited) when missing.
func (t *Tx) ImportUser(ctx context.Context, u account.User) (int64, error) {
	var id int64
	err := t.queryRow(ctx, "SELECT id FROM users WHERE email = ?", u.Email).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !isNoRows(err) {
		return 0, fmt.Errorf("look up user %s: %w", u.Email, err)
	}
	return t.CreateUser(ctx, u)
}

// ImportAuthor returns the author with a.Slug, creating it (linked to userID) when missing.
func (t *Tx) ImportAuthor(ctx context.Context, a content.Author, userID int64) (int64, error) {
	var id int64
	err := t.queryRow(ctx, "SELECT id FROM authors WHERE slug = ?", a.Slug).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !isNoRows(err) {
		return 0, fmt.Errorf("look up author %s: %w", a.Slug, err)
	}
	t.touch()
	err = t.queryRow(ctx, "INSERT INTO authors (name, slug, role, user_id) VALUES (?, ?, ?, ?) RETURNING id",
		a.Name, a.Slug, a.Role, nullID(userID)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create author %s: %w", a.Slug, err)
	}
	return id, nil
}

const slugUsesSQL = `SELECT (SELECT COUNT(*) FROM articles WHERE language = ? AND slug = ? AND id <> ?)
	+ (SELECT COUNT(*) FROM article_slugs WHERE language = ? AND slug = ? AND article_id <> ?)`

// ArticleSlugFree reports whether no story other than exceptID uses slug in lang.
func (b *Bulk) ArticleSlugFree(ctx context.Context, lang, slug string, exceptID int64) (bool, error) {
	var n int
	if err := b.queryRow(ctx, slugUsesSQL, lang, slug, exceptID, lang, slug, exceptID).Scan(&n); err != nil {
		return false, fmt.Errorf("look up slug %s/%s: %w", lang, slug, err)
	}
	return n == 0, nil
}

// ArticleSlugFree reports whether no story other than exceptID uses slug in lang.
func (t *Tx) ArticleSlugFree(ctx context.Context, lang, slug string, exceptID int64) (bool, error) {
	var n int
	if err := t.queryRow(ctx, slugUsesSQL, lang, slug, exceptID, lang, slug, exceptID).Scan(&n); err != nil {
		return false, fmt.Errorf("look up slug %s/%s: %w", lang, slug, err)
	}
	return n == 0, nil
}

// ImportUpdateArticle overwrites an imported story with a newer import of it: every field
// the import carries, its status and times, tags and slug (the old slug keeps redirecting).
// It records an "imported" revision and updates the search index.
func (t *Tx) ImportUpdateArticle(ctx context.Context, a content.Article, at time.Time) error {
	t.touch()
	var version int
	if err := t.queryRow(ctx, "SELECT version FROM articles WHERE id = ?", a.ID).Scan(&version); err != nil {
		if isNoRows(err) {
			return fmt.Errorf("imported article %d: %w", a.ID, content.ErrNotFound)
		}
		return fmt.Errorf("load article %d: %w", a.ID, err)
	}
	if err := t.ChangeSlug(ctx, a.ID, a.Slug); err != nil {
		return err
	}
	if a.Urgency == 0 {
		a.Urgency = 5
	}
	if a.Status == content.StatusPublished && a.FirstPublishedAt.IsZero() {
		a.FirstPublishedAt = a.PublishedAt
	}
	_, err := t.exec(ctx, `UPDATE articles SET section_id = ?, author_id = ?, byline = ?, byline_role = ?, dateline = ?,
		headline = ?, standfirst = ?, body_md = ?, body_html = ?, status = ?, lead = ?, published_at = ?, updated_at = ?,
		embargo_until = ?, slugline = ?, urgency = ?, signoff = ?, lead_image_id = ?, first_published_at = ?,
		reviews_closed = ?, version = version + 1 WHERE id = ?`,
		a.Section.ID, nullID(a.Author.ID), a.Byline, a.BylineRole, a.Dateline, a.Headline, a.Standfirst, a.BodyMD, a.BodyHTML,
		string(a.Status), a.Lead, micros(a.PublishedAt), micros(a.UpdatedAt), micros(a.EmbargoUntil), a.Slugline, a.Urgency,
		a.Signoff, nullID(imageID(a.LeadImage)), micros(a.FirstPublishedAt), a.ReviewsClosed, a.ID)
	if err != nil {
		return fmt.Errorf("update imported article %d: %w", a.ID, err)
	}
	if err := t.setTags(ctx, a.ID, a.Language, a.Tags); err != nil {
		return err
	}
	a.Version = version + 1
	if err := t.addRevision(ctx, a, "imported", "", 0, at); err != nil {
		return err
	}
	return t.indexArticle(ctx, a.ID)
}

// ImportSetBody replaces an imported article's body (Markdown and HTML) in place, without a
// revision: the import finishing what it wrote earlier in the same transaction (the images
// of a gallery whose attachments came later in the export).
func (t *Tx) ImportSetBody(ctx context.Context, id int64, md, html string) error {
	t.touch()
	if _, err := t.exec(ctx, "UPDATE articles SET body_md = ?, body_html = ? WHERE id = ?", md, html, id); err != nil {
		return fmt.Errorf("set body of imported article %d: %w", id, err)
	}
	return t.indexArticle(ctx, id)
}

// ImportArticleExtras sets what Bulk.Article does not write: whether reviews are closed.
func (t *Tx) ImportArticleExtras(ctx context.Context, id int64, reviewsClosed bool) error {
	if !reviewsClosed {
		return nil
	}
	if _, err := t.exec(ctx, "UPDATE articles SET reviews_closed = ? WHERE id = ?", reviewsClosed, id); err != nil {
		return fmt.Errorf("close reviews of imported article %d: %w", id, err)
	}
	return nil
}

// KeepOldSlug makes an old slug of a story in lang redirect to it, unless a story uses it.
func (t *Tx) KeepOldSlug(ctx context.Context, lang, slug string, articleID int64) error {
	free, err := t.ArticleSlugFree(ctx, lang, slug, articleID)
	if err != nil || !free || !content.ValidSlug(slug) {
		return err
	}
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM articles WHERE id = ? AND slug = ?", articleID, slug).Scan(&n); err != nil || n > 0 {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO article_slugs (language, slug, article_id) VALUES (?, ?, ?)
		ON CONFLICT (language, slug) DO NOTHING`, lang, slug, articleID)
	if err != nil {
		return fmt.Errorf("keep old slug %s/%s: %w", lang, slug, err)
	}
	return nil
}

// SetLeadImage gives a story its lead image (0: none).
func (t *Tx) SetLeadImage(ctx context.Context, articleID, imageID int64) error {
	t.touch()
	if _, err := t.exec(ctx, "UPDATE articles SET lead_image_id = ? WHERE id = ?", nullID(imageID), articleID); err != nil {
		return fmt.Errorf("set lead image of article %d: %w", articleID, err)
	}
	return nil
}

// ImportUpdateReview overwrites an imported review with a newer import of it.
func (t *Tx) ImportUpdateReview(ctx context.Context, r review.Review) error {
	t.touch()
	_, err := t.exec(ctx, `UPDATE reviews SET name = ?, email = ?, rating = ?, text = ?, status = ?, text_hash = ?, created_at = ?
		WHERE id = ?`, r.Name, r.Email, r.Rating, r.Text, r.Status, r.TextHash, micros(r.CreatedAt), r.ID)
	if err != nil {
		return fmt.Errorf("update imported review %d: %w", r.ID, err)
	}
	return nil
}

// ImportReview stores an imported review (public content when approved).
func (b *Bulk) ImportReview(ctx context.Context, r review.Review) (int64, error) {
	if r.Status == "approved" {
		b.t.touch()
	}
	id, err := b.insert(ctx, `INSERT INTO reviews (article_id, name, email, rating, text, status, spam_score, signals,
		ip_hash, text_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.ArticleID, r.Name, r.Email, r.Rating, r.Text, r.Status, r.SpamScore, r.Signals, r.IPHash, r.TextHash,
		micros(r.CreatedAt))
	if err != nil {
		return 0, fmt.Errorf("store imported review of article %d: %w", r.ArticleID, err)
	}
	return id, nil
}

// ImportReviews stores imported reviews as ImportReview does, in one statement a hundred,
// and returns their ids in the order given.
func (b *Bulk) ImportReviews(ctx context.Context, rs []review.Review) ([]int64, error) {
	ids := make([]int64, 0, len(rs))
	for len(rs) > 0 {
		n := min(len(rs), bulkRows)
		args := make([]any, 0, n*11)
		for _, r := range rs[:n] {
			if r.Status == "approved" {
				b.t.touch()
			}
			args = append(args, r.ArticleID, r.Name, r.Email, r.Rating, r.Text, r.Status, r.SpamScore, r.Signals, r.IPHash,
				r.TextHash, micros(r.CreatedAt))
		}
		got, err := b.insertRows(ctx, `INSERT INTO reviews (article_id, name, email, rating, text, status, spam_score, signals,
			ip_hash, text_hash, created_at) VALUES `+rowsOf(n, 11), n, args...)
		if err != nil {
			return nil, fmt.Errorf("store %d imported reviews: %w", n, err)
		}
		ids = append(ids, got...)
		rs = rs[n:]
	}
	return ids, nil
}

// exec runs a statement prepared once per transaction.
func (b *Bulk) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := b.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// queryRow runs a one-row query prepared once per transaction.
func (b *Bulk) queryRow(ctx context.Context, query string, args ...any) rowScanner {
	st, err := b.stmt(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(ctx, args...)
}

type rowScanner interface{ Scan(dest ...any) error }

// errRow is a row that failed before it was read.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }
