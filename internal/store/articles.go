package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// publicClause is the visibility rule of the public site, for an articles alias "a";
// it takes the current time twice.
const publicClause = "a.status = 'published' AND a.published_at <= ? AND a.embargo_until <= ?"

const articleColumns = `a.id, a.group_id, a.language, a.section_id, sec.key, sn.name, sn.slug,
	COALESCE(au.id, 0), COALESCE(au.name, ''), COALESCE(au.slug, ''), COALESCE(au.role, ''),
	a.byline, a.byline_role, a.dateline, a.headline, a.standfirst, a.body_md, a.body_html, a.slug,
	a.status, a.lead, a.created_at, a.published_at, a.updated_at, a.embargo_until,
	a.version, a.slugline, a.urgency, a.signoff, COALESCE(a.owner_id, 0), COALESCE(a.lead_image_id, 0),
	a.return_note, a.first_published_at, a.reviews_closed
	FROM articles a
	JOIN sections sec ON sec.id = a.section_id
	JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
	LEFT JOIN authors au ON au.id = a.author_id`

// publicArticleColumns are articleColumns without the Markdown source, which public
// pages do not show: a story's body is read once, as HTML (BodyMD is left empty).
var publicArticleColumns = strings.Replace(articleColumns, "a.body_md,", "'',", 1)

func scanArticle(row interface{ Scan(...any) error }) (content.Article, error) {
	var a content.Article
	var status string
	var created, published, updated, embargo, first, leadImage int64
	err := row.Scan(&a.ID, &a.GroupID, &a.Language, &a.Section.ID, &a.Section.Key, &a.Section.Name, &a.Section.Slug,
		&a.Author.ID, &a.Author.Name, &a.Author.Slug, &a.Author.Role,
		&a.Byline, &a.BylineRole, &a.Dateline, &a.Headline, &a.Standfirst, &a.BodyMD, &a.BodyHTML, &a.Slug,
		&status, &a.Lead, &created, &published, &updated, &embargo,
		&a.Version, &a.Slugline, &a.Urgency, &a.Signoff, &a.OwnerID, &leadImage, &a.ReturnNote, &first, &a.ReviewsClosed)
	a.Status = content.Status(status)
	a.CreatedAt, a.PublishedAt, a.UpdatedAt, a.EmbargoUntil = fromMicros(created), fromMicros(published), fromMicros(updated), fromMicros(embargo)
	a.FirstPublishedAt = fromMicros(first)
	if leadImage != 0 {
		a.LeadImage = &content.Image{ID: leadImage}
	}
	return a, err
}

// PublicArticle returns the public story at lang/slug with its tags, without its Markdown
// source (BodyMD is empty: pages show BodyHTML). An old slug gives a *content.MovedError with the
// current path; an unpublished story gives content.ErrGone.
func (s *Store) PublicArticle(ctx context.Context, lang, slug string, now time.Time) (content.Article, error) {
	a, err := scanArticle(s.queryRow(ctx, ("SELECT " + publicArticleColumns + " WHERE a.language = ? AND a.slug = ?"), lang, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return a, s.movedArticle(ctx, lang, slug, now)
	}
	if err != nil {
		return a, fmt.Errorf("load article %s/%s: %w", lang, slug, err)
	}
	switch {
	case a.Status == content.StatusUnpublished:
		return a, fmt.Errorf("article %s/%s: %w", lang, slug, content.ErrGone)
	case !a.PublicAt(now):
		return a, fmt.Errorf("article %s/%s: %w", lang, slug, content.ErrNotFound)
	}
	return a, s.articleDetails(ctx, &a)
}

// articleDetails loads a story's tags, corrections and lead image.
func (s *Store) articleDetails(ctx context.Context, a *content.Article) error {
	var err error
	if a.Tags, err = tagsOf(ctx, s.query, a.ID); err != nil {
		return err
	}
	if a.Corrections, err = correctionsOf(ctx, s.query, a.ID); err != nil {
		return err
	}
	if a.LeadImage != nil {
		img, err := s.ImageByID(ctx, a.LeadImage.ID)
		if err != nil {
			return err
		}
		img = img.In(a.Language) // the story's language, else the image's default text
		a.LeadImage = &img
	}
	return nil
}

func (s *Store) movedArticle(ctx context.Context, lang, slug string, now time.Time) error {
	a, err := scanArticle(s.queryRow(ctx, ("SELECT " + articleColumns +
		" JOIN article_slugs h ON h.article_id = a.id WHERE h.language = ? AND h.slug = ?"), lang, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("article %s/%s: %w", lang, slug, content.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("look up old slug %s/%s: %w", lang, slug, err)
	}
	if a.Status == content.StatusUnpublished {
		return fmt.Errorf("article %s/%s: %w", lang, slug, content.ErrGone)
	}
	if !a.PublicAt(now) {
		return fmt.Errorf("article %s/%s: %w", lang, slug, content.ErrNotFound)
	}
	return &content.MovedError{Path: content.ArticlePath(a.Language, a.Section.Slug, a.Slug)}
}

// ArticleByID returns any story by id, whatever its state (for the newsroom and tests).
func (s *Store) ArticleByID(ctx context.Context, id int64) (content.Article, error) {
	a, err := scanArticle(s.queryRow(ctx, ("SELECT " + articleColumns + " WHERE a.id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("article %d: %w", id, content.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("load article %d: %w", id, err)
	}
	return a, s.articleDetails(ctx, &a)
}

// rowsFunc runs a query written with ? placeholders and returns its rows: Store.query
// (statement cache, read replica, read snapshot), or one connection or transaction's (on).
type rowsFunc func(ctx context.Context, query string, args ...any) (*sql.Rows, error)

// on runs the queries of a rowsFunc on q, a database handle or a transaction.
func (s *Store) on(q querier) rowsFunc {
	return func(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
		return q.QueryContext(ctx, s.q(query), args...)
	}
}

// tagsOf loads the tags of a story in their order, for every reader of stories.
func tagsOf(ctx context.Context, query rowsFunc, id int64) ([]content.Tag, error) {
	rows, err := query(ctx, `SELECT t.name, t.slug FROM article_tags x JOIN tags t ON t.id = x.tag_id
		WHERE x.article_id = ? ORDER BY x.position`, id)
	if err != nil {
		return nil, fmt.Errorf("load tags of article %d: %w", id, err)
	}
	defer rows.Close()
	var out []content.Tag
	for rows.Next() {
		var t content.Tag
		if err := rows.Scan(&t.Name, &t.Slug); err != nil {
			return nil, fmt.Errorf("scan tag: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// correctionsOf loads the corrections of a story, oldest first, for every reader of stories.
func correctionsOf(ctx context.Context, query rowsFunc, id int64) ([]content.Correction, error) {
	rows, err := query(ctx, "SELECT id, text, created_at FROM corrections WHERE article_id = ? ORDER BY created_at, id", id)
	if err != nil {
		return nil, fmt.Errorf("load corrections of article %d: %w", id, err)
	}
	defer rows.Close()
	var out []content.Correction
	for rows.Next() {
		var c content.Correction
		var at int64
		if err := rows.Scan(&c.ID, &c.Text, &at); err != nil {
			return nil, fmt.Errorf("scan correction: %w", err)
		}
		c.CreatedAt = fromMicros(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Translations lists the public versions of a story in other languages, in language order.
func (s *Store) Translations(ctx context.Context, a content.Article, now time.Time) ([]content.Translation, error) {
	rows, err := s.query(ctx, (`SELECT a.language, sn.slug, a.slug, a.headline FROM articles a
		JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
		JOIN languages l ON l.code = a.language
		WHERE a.group_id = ? AND a.id <> ? AND ` + publicClause + ` ORDER BY l.position, a.language`),
		a.GroupID, a.ID, micros(now), micros(now))
	if err != nil {
		return nil, fmt.Errorf("list translations of article %d: %w", a.ID, err)
	}
	defer rows.Close()
	var out []content.Translation
	for rows.Next() {
		var t content.Translation
		if err := rows.Scan(&t.Language, &t.SectionSlug, &t.Slug, &t.Headline); err != nil {
			return nil, fmt.Errorf("scan translation: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// PublicArticles lists public stories, newest first.
func (s *Store) PublicArticles(ctx context.Context, lq content.ListQuery, now time.Time) ([]content.ArticleSummary, error) {
	if lq.Limit <= 0 || lq.Limit > 200 {
		lq.Limit = 20
	}
	if lq.TagID != 0 && lq.SectionID == 0 && lq.AuthorID == 0 && !lq.LeadOnly && lq.ExcludeID == 0 {
		return s.tagArticles(ctx, lq, now)
	}
	var where []string
	var args []any
	from, cols, order := "articles a", "a.id AS id, a.published_at AS pub", "a.published_at DESC, a.id DESC"
	if lq.TagID != 0 {
		from, cols, order = "article_tags x JOIN articles a ON a.id = x.article_id", "x.article_id AS id, x.published_at AS pub", "x.published_at DESC, x.article_id DESC"
		where, args = append(where, "x.tag_id = ?", publicTagRowClause), append(args, lq.TagID, micros(now), micros(now))
	}
	where, args = append(where, "a.language = ?"), append(args, lq.Language)
	if lq.SectionID != 0 {
		where, args = append(where, "a.section_id = ?"), append(args, lq.SectionID)
	}
	if lq.AuthorID != 0 {
		where, args = append(where, "a.author_id = ?"), append(args, lq.AuthorID)
	}
	if lq.LeadOnly {
		where = append(where, "a.lead = ?")
		args = append(args, true)
	}
	if lq.ExcludeID != 0 {
		where, args = append(where, "a.id <> ?"), append(args, lq.ExcludeID)
	}
	where, args = append(where, publicClause), append(args, micros(now), micros(now))
	args = append(args, lq.Limit, lq.Offset)
	// The page's stories are chosen from articles (and article_tags) alone, then joined:
	// with the joins in the same statement PostgreSQL, without statistics of the small
	// sections tables (too few rows for autovacuum ever to analyse them), started from the
	// sections and sorted every story of the language (15–54 ms a home page's leads).
	q := `SELECT ` + summaryColumns + `
		FROM (SELECT ` + cols + ` FROM ` + from + `
			WHERE ` + strings.Join(where, " AND ") + `
			ORDER BY ` + order + ` LIMIT ? OFFSET ?) p
		JOIN articles a ON a.id = p.id
		JOIN sections sec ON sec.id = a.section_id
		JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
		ORDER BY p.pub DESC, p.id DESC`
	rows, err := s.query(ctx, (q), args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	list, err := scanSummaries(rows)
	if err != nil {
		return nil, err
	}
	return list, s.withLeadImages(ctx, list)
}

// tagArticles is a tag page: the public stories of tag lq.TagID (of lq.Language), newest
// first, ties by id. The page is taken from article_tags_published alone (the rows carry
// what makes their story public, syncTagRows), skipping lq.Offset rows in the index, and
// only the stories shown are read.
func (s *Store) tagArticles(ctx context.Context, lq content.ListQuery, now time.Time) ([]content.ArticleSummary, error) {
	q := `SELECT ` + summaryColumns + `
		FROM (SELECT x.article_id, x.published_at FROM article_tags x
			WHERE x.tag_id = ? AND ` + publicTagRowClause + `
			ORDER BY x.published_at DESC, x.article_id DESC LIMIT ? OFFSET ?) p
		JOIN articles a ON a.id = p.article_id
		JOIN sections sec ON sec.id = a.section_id
		JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
		WHERE a.language = ?
		ORDER BY p.published_at DESC, p.article_id DESC`
	rows, err := s.query(ctx, q, lq.TagID, micros(now), micros(now), lq.Limit, lq.Offset, lq.Language)
	if err != nil {
		return nil, fmt.Errorf("list articles of tag %d: %w", lq.TagID, err)
	}
	list, err := scanSummaries(rows)
	if err != nil {
		return nil, err
	}
	return list, s.withLeadImages(ctx, list)
}

// summaryColumns are the columns scanSummaries reads: of articles a, sections sec and
// section_names sn.
const summaryColumns = `a.id, a.language, sec.key, sn.name, sn.slug, a.headline, a.standfirst, a.slug,
		a.byline, a.byline_role, a.dateline, a.published_at, a.updated_at, COALESCE(a.lead_image_id, 0)`

// scanSummaries reads the rows of a query of summaryColumns, and closes them.
func scanSummaries(rows *sql.Rows) ([]content.ArticleSummary, error) {
	defer rows.Close()
	var out []content.ArticleSummary
	for rows.Next() {
		var a content.ArticleSummary
		var pub, upd, img int64
		if err := rows.Scan(&a.ID, &a.Language, &a.SectionKey, &a.SectionName, &a.SectionSlug, &a.Headline, &a.Standfirst,
			&a.Slug, &a.Byline, &a.BylineRole, &a.Dateline, &pub, &upd, &img); err != nil {
			return nil, fmt.Errorf("scan article summary: %w", err)
		}
		a.PublishedAt, a.UpdatedAt = fromMicros(pub), fromMicros(upd)
		if img != 0 {
			a.LeadImage = &content.Image{ID: img} // filled by withLeadImages
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// NewGroup creates an empty translation group and returns its id.
func (t *Tx) NewGroup(ctx context.Context, at time.Time) (int64, error) {
	var id int64
	if err := t.queryRow(ctx, "INSERT INTO translation_groups (created_at) VALUES (?) RETURNING id", micros(at)).Scan(&id); err != nil {
		return 0, fmt.Errorf("create translation group: %w", err)
	}
	return id, nil
}

// CreateArticle inserts a story; a.Section.ID, a.Language and a.Headline are required,
// a.BodyHTML must already be rendered, and a.GroupID 0 starts a new translation group.
// Tags are created in a.Language as needed. It returns the new id.
func (t *Tx) CreateArticle(ctx context.Context, a content.Article) (int64, error) {
	if a.Slug == "" {
		a.Slug = content.Slugify(a.Headline)
	}
	if !content.ValidSlug(a.Slug) {
		return 0, fmt.Errorf("article slug %q is not usable", a.Slug)
	}
	if a.CreatedAt.IsZero() {
		a.CreatedAt = time.Now()
	}
	if a.GroupID == 0 {
		g, err := t.NewGroup(ctx, a.CreatedAt)
		if err != nil {
			return 0, err
		}
		a.GroupID = g
	}
	var author any
	if a.Author.ID != 0 {
		author = a.Author.ID
	}
	if a.Urgency == 0 {
		a.Urgency = 5
	}
	if a.Status == content.StatusPublished && a.FirstPublishedAt.IsZero() {
		a.FirstPublishedAt = a.PublishedAt
	}
	var id int64
	err := t.queryRow(ctx, `INSERT INTO articles (group_id, language, section_id, author_id, byline, byline_role, dateline,
		headline, standfirst, body_md, body_html, slug, status, lead, created_at, published_at, updated_at, embargo_until,
		version, slugline, urgency, signoff, owner_id, lead_image_id, first_published_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.GroupID, a.Language, a.Section.ID, author, a.Byline, a.BylineRole, a.Dateline, a.Headline, a.Standfirst,
		a.BodyMD, a.BodyHTML, a.Slug, string(a.Status), a.Lead, micros(a.CreatedAt), micros(a.PublishedAt),
		micros(a.UpdatedAt), micros(a.EmbargoUntil), a.Slugline, a.Urgency, a.Signoff, nullID(a.OwnerID),
		nullID(imageID(a.LeadImage)), micros(a.FirstPublishedAt)).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("article %s/%s: %w", a.Language, a.Slug, content.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("create article %s/%s: %w", a.Language, a.Slug, err)
	}
	if err := t.setTags(ctx, id, a.Language, a.Tags); err != nil {
		return 0, err
	}
	a.ID, a.Version = id, 1
	if err := t.addRevision(ctx, a, "created", "", a.OwnerID, a.CreatedAt); err != nil {
		return 0, err
	}
	if err := t.touchArticle(ctx, id); err != nil {
		return 0, err
	}
	return id, t.indexArticle(ctx, id)
}

// nullID turns 0 into SQL NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func imageID(img *content.Image) int64 {
	if img == nil {
		return 0
	}
	return img.ID
}

// ChangeSlug moves a story to a new slug, keeping the old one as a redirect.
func (t *Tx) ChangeSlug(ctx context.Context, id int64, slug string) error {
	if err := t.touchArticle(ctx, id); err != nil {
		return err
	}
	if !content.ValidSlug(slug) {
		return fmt.Errorf("article slug %q is not usable", slug)
	}
	var lang, old string
	if err := t.queryRow(ctx, "SELECT language, slug FROM articles WHERE id = ?", id).Scan(&lang, &old); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %d: %w", id, content.ErrNotFound)
		}
		return fmt.Errorf("load article %d: %w", id, err)
	}
	if old == slug {
		return nil
	}
	if _, err := t.exec(ctx, "DELETE FROM article_slugs WHERE language = ? AND slug = ?", lang, slug); err != nil {
		return fmt.Errorf("free slug %s: %w", slug, err)
	}
	_, err := t.exec(ctx, "UPDATE articles SET slug = ? WHERE id = ?", slug, id)
	if isUniqueViolation(err) {
		return fmt.Errorf("slug %s/%s: %w", lang, slug, content.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("change slug of article %d: %w", id, err)
	}
	_, err = t.exec(ctx, `INSERT INTO article_slugs (language, slug, article_id) VALUES (?, ?, ?)
		ON CONFLICT (language, slug) DO UPDATE SET article_id = excluded.article_id`, lang, old, id)
	if err != nil {
		return fmt.Errorf("keep old slug %s: %w", old, err)
	}
	return nil
}

// SetStatus moves a story to a workflow state (a minimal form of the newsroom workflow).
func (t *Tx) SetStatus(ctx context.Context, id int64, st content.Status, at time.Time) error {
	if err := t.touchArticle(ctx, id); err != nil {
		return err
	}
	res, err := t.exec(ctx, "UPDATE articles SET status = ?, updated_at = ? WHERE id = ?", string(st), micros(at), id)
	if err != nil {
		return fmt.Errorf("set status of article %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("article %d: %w", id, content.ErrNotFound)
	}
	if err := t.syncTagRows(ctx, id); err != nil {
		return err
	}
	return t.indexArticle(ctx, id)
}

// setTags replaces the tags of a story, created in lang as needed. Each article_tags row
// carries what makes its story public (see syncTagRows): the story must be written first.
func (t *Tx) setTags(ctx context.Context, articleID int64, lang string, tags []content.Tag) error {
	if _, err := t.exec(ctx, "DELETE FROM article_tags WHERE article_id = ?", articleID); err != nil {
		return fmt.Errorf("clear tags of article %d: %w", articleID, err)
	}
	for i, tag := range tags {
		if tag.Slug == "" {
			tag.Slug = content.Slugify(tag.Name)
		}
		if tag.Slug == "" {
			continue
		}
		var tagID int64
		err := t.queryRow(ctx, `INSERT INTO tags (language, name, slug) VALUES (?, ?, ?)
			ON CONFLICT (language, slug) DO UPDATE SET slug = excluded.slug RETURNING id`, lang, tag.Name, tag.Slug).Scan(&tagID)
		if err != nil {
			return fmt.Errorf("put tag %s: %w", tag.Slug, err)
		}
		if _, err := t.exec(ctx, `INSERT INTO article_tags (article_id, tag_id, position, published_at, embargo_until)
			SELECT ?, ?, ?, `+tagRowPublished+`, a.embargo_until FROM articles a WHERE a.id = ?
			ON CONFLICT (article_id, tag_id) DO NOTHING`, articleID, tagID, i, articleID); err != nil {
			return fmt.Errorf("tag article %d: %w", articleID, err)
		}
	}
	return nil
}

// tagRowPublished is what article_tags.published_at holds for the story a: its publication
// time while it is published, NULL in any other state.
const tagRowPublished = "CASE WHEN a.status = 'published' THEN a.published_at END"

// syncTagRows copies to a story's article_tags rows what makes it public (its state and
// publication time as tagRowPublished, the end of its embargo), after any of them changed:
// tag pages list a tag's public stories from article_tags_published alone (migration 0025).
func (t *Tx) syncTagRows(ctx context.Context, articleID int64) error {
	if _, err := t.exec(ctx, `UPDATE article_tags SET
		published_at = (SELECT `+tagRowPublished+` FROM articles a WHERE a.id = ?),
		embargo_until = (SELECT a.embargo_until FROM articles a WHERE a.id = ?)
		WHERE article_id = ?`, articleID, articleID, articleID); err != nil {
		return fmt.Errorf("copy the state of article %d to its tags: %w", articleID, err)
	}
	return nil
}
