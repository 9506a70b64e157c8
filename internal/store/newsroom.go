package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// The store is the workflow's persistence.
var (
	_ newsroom.Store = (*Store)(nil)
	_ newsroom.Tx    = (*Tx)(nil)
)

// NewsroomTx runs fn in one transaction, for the workflow (which declares the Tx it needs).
func (s *Store) NewsroomTx(ctx context.Context, fn func(tx newsroom.Tx) error) error {
	return s.WithTx(ctx, func(t *Tx) error { return fn(t) })
}

// addRevision records a story's fields as version a.Version.
func (t *Tx) addRevision(ctx context.Context, a content.Article, kind, note string, userID int64, at time.Time) error {
	var tags []string
	for _, tg := range a.Tags {
		tags = append(tags, tg.Name)
	}
	_, err := t.exec(ctx, `INSERT INTO article_revisions (article_id, version, kind, note, section_id, headline, standfirst,
		body_md, byline, byline_role, dateline, slug, tags, slugline, urgency, signoff, lead_image_id, user_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.Version, kind, note, a.Section.ID, a.Headline, a.Standfirst, a.BodyMD, a.Byline, a.BylineRole, a.Dateline,
		a.Slug, strings.Join(tags, "\n"), a.Slugline, a.Urgency, a.Signoff, nullID(imageID(a.LeadImage)), nullID(userID), micros(at))
	if err != nil {
		return fmt.Errorf("record revision %d of article %d: %w", a.Version, a.ID, err)
	}
	return nil
}

// SaveArticle writes the editable fields of a story if its version is still
// expectedVersion (optimistic locking), keeps the old slug as a redirect, records a
// revision and returns the new version. A stale version gives content.ErrConflict.
func (t *Tx) SaveArticle(ctx context.Context, a content.Article, expectedVersion int, kind, note string, userID int64, at time.Time) (int, error) {
	if err := t.touchArticle(ctx, a.ID); err != nil {
		return 0, err
	}
	if !content.ValidSlug(a.Slug) {
		return 0, fmt.Errorf("article slug %q is not usable", a.Slug)
	}
	var oldSlug string
	var cur int
	if err := t.queryRow(ctx, "SELECT slug, version FROM articles WHERE id = ?", a.ID).Scan(&oldSlug, &cur); err != nil {
		if isNoRows(err) {
			return 0, fmt.Errorf("article %d: %w", a.ID, content.ErrNotFound)
		}
		return 0, fmt.Errorf("load article %d: %w", a.ID, err)
	}
	if cur != expectedVersion {
		return cur, fmt.Errorf("article %d is at version %d, not %d: %w", a.ID, cur, expectedVersion, content.ErrConflict)
	}
	if oldSlug != a.Slug {
		if err := t.ChangeSlug(ctx, a.ID, a.Slug); err != nil {
			return 0, err
		}
	}
	res, err := t.exec(ctx, `UPDATE articles SET section_id = ?, headline = ?, standfirst = ?, body_md = ?, body_html = ?,
		byline = ?, byline_role = ?, dateline = ?, slugline = ?, urgency = ?, signoff = ?, lead_image_id = ?,
		embargo_until = ?, author_id = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`,
		a.Section.ID, a.Headline, a.Standfirst, a.BodyMD, a.BodyHTML, a.Byline, a.BylineRole, a.Dateline, a.Slugline,
		a.Urgency, a.Signoff, nullID(imageID(a.LeadImage)), micros(a.EmbargoUntil), nullID(a.Author.ID), micros(at),
		a.ID, expectedVersion)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("article %d: %w", a.ID, content.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("save article %d: %w", a.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, fmt.Errorf("article %d changed meanwhile: %w", a.ID, content.ErrConflict)
	}
	var lang string
	if err := t.queryRow(ctx, "SELECT language FROM articles WHERE id = ?", a.ID).Scan(&lang); err != nil {
		return 0, fmt.Errorf("load article %d: %w", a.ID, err)
	}
	if err := t.setTags(ctx, a.ID, lang, a.Tags); err != nil {
		return 0, err
	}
	a.Version = expectedVersion + 1
	if err := t.addRevision(ctx, a, kind, note, userID, at); err != nil {
		return 0, err
	}
	return a.Version, t.indexArticle(ctx, a.ID)
}

// ChangeState applies a workflow transition if the story is in one of c.From, and
// records it in the audit log. A story in another state gives content.ErrConflict.
func (t *Tx) ChangeState(ctx context.Context, c newsroom.StateChange) error {
	if err := t.touchArticle(ctx, c.ID); err != nil {
		return err
	}
	var cur string
	if err := t.queryRow(ctx, "SELECT status FROM articles WHERE id = ?", c.ID).Scan(&cur); err != nil {
		if isNoRows(err) {
			return fmt.Errorf("article %d: %w", c.ID, content.ErrNotFound)
		}
		return fmt.Errorf("load article %d: %w", c.ID, err)
	}
	ok := false
	for _, f := range c.From {
		ok = ok || string(f) == cur
	}
	if !ok {
		return fmt.Errorf("article %d is %s; cannot %s it: %w", c.ID, cur, c.Action, content.ErrConflict)
	}
	sets := []string{"status = ?", "version = version + 1"}
	args := []any{string(c.To)}
	if !c.PublishedAt.IsZero() {
		sets, args = append(sets, "published_at = ?"), append(args, micros(c.PublishedAt))
		if c.To == content.StatusPublished {
			sets, args = append(sets, "first_published_at = CASE WHEN first_published_at = 0 THEN ? ELSE first_published_at END"),
				append(args, micros(c.PublishedAt))
		}
	}
	if !c.UpdatedAt.IsZero() {
		sets, args = append(sets, "updated_at = ?"), append(args, micros(c.UpdatedAt))
	}
	if c.EmbargoUntil != nil {
		sets, args = append(sets, "embargo_until = ?"), append(args, micros(*c.EmbargoUntil))
	}
	if c.ReturnNote != nil {
		sets, args = append(sets, "return_note = ?"), append(args, *c.ReturnNote)
	}
	args = append(args, c.ID, cur)
	res, err := t.exec(ctx, "UPDATE articles SET "+strings.Join(sets, ", ")+" WHERE id = ? AND status = ?", args...)
	if err != nil {
		return fmt.Errorf("%s article %d: %w", c.Action, c.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("article %d changed meanwhile: %w", c.ID, content.ErrConflict)
	}
	if err := t.syncTagRows(ctx, c.ID); err != nil {
		return err
	}
	if err := t.indexArticle(ctx, c.ID); err != nil {
		return err
	}
	return t.Audit(ctx, c.UserID, c.Action, "article", c.ID, c.Detail)
}

// PublishDue publishes every scheduled story whose time has come and returns their ids.
// Each row changes state in one UPDATE, so with several instances exactly one of them
// publishes a given story.
func (t *Tx) PublishDue(ctx context.Context, now time.Time) ([]int64, error) {
	rows, err := t.tx.QueryContext(ctx, t.s.q(`UPDATE articles SET status = 'published', version = version + 1,
		first_published_at = CASE WHEN first_published_at = 0 THEN published_at ELSE first_published_at END
		WHERE status = 'scheduled' AND published_at <= ? RETURNING id`), micros(now))
	if err != nil {
		return nil, fmt.Errorf("publish scheduled stories: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan published id: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("publish scheduled stories: %w", err)
	}
	for _, id := range ids {
		if err := t.touchArticle(ctx, id); err != nil {
			return nil, err
		}
		if err := t.syncTagRows(ctx, id); err != nil {
			return nil, err
		}
		if err := t.indexArticle(ctx, id); err != nil {
			return nil, err
		}
		if err := t.Audit(ctx, 0, "publish_scheduled", "article", id, ""); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// NextScheduled returns the earliest publication time of a scheduled story, overdue ones
// included (a restart finds them); zero when none is scheduled. It reads the partial
// index articles_scheduled.
func (s *Store) NextScheduled(ctx context.Context) (time.Time, error) {
	var at int64
	if err := s.queryRow(ctx, "SELECT COALESCE(MIN(published_at), 0) FROM articles WHERE status = 'scheduled'").Scan(&at); err != nil {
		return time.Time{}, fmt.Errorf("find the next scheduled story: %w", err)
	}
	return fromMicros(at), nil
}

// AddCorrection publishes a correction note on a story and moves its updated time.
func (t *Tx) AddCorrection(ctx context.Context, articleID int64, text string, userID int64, at time.Time) error {
	if err := t.touchArticle(ctx, articleID); err != nil {
		return err
	}
	if _, err := t.exec(ctx, "INSERT INTO corrections (article_id, text, user_id, created_at) VALUES (?, ?, ?, ?)",
		articleID, text, nullID(userID), micros(at)); err != nil {
		return fmt.Errorf("add correction to article %d: %w", articleID, err)
	}
	if _, err := t.exec(ctx, "UPDATE articles SET updated_at = ?, version = version + 1 WHERE id = ?", micros(at), articleID); err != nil {
		return fmt.Errorf("touch article %d: %w", articleID, err)
	}
	return t.Audit(ctx, userID, "correct", "article", articleID, text)
}

const revisionColumns = `r.version, r.kind, r.note, COALESCE(u.name, ''), r.created_at, r.section_id, r.headline, r.standfirst,
	r.body_md, r.byline, r.byline_role, r.dateline, r.slug, r.tags, r.slugline, r.urgency, r.signoff, COALESCE(r.lead_image_id, 0)
	FROM article_revisions r LEFT JOIN users u ON u.id = r.user_id`

func scanRevision(row interface{ Scan(...any) error }) (content.Revision, error) {
	var r content.Revision
	var at, img int64
	var tags string
	a := &r.Article
	err := row.Scan(&r.Version, &r.Kind, &r.Note, &r.UserName, &at, &a.Section.ID, &a.Headline, &a.Standfirst, &a.BodyMD,
		&a.Byline, &a.BylineRole, &a.Dateline, &a.Slug, &tags, &a.Slugline, &a.Urgency, &a.Signoff, &img)
	r.CreatedAt = fromMicros(at)
	a.Version = r.Version
	for _, tg := range strings.Split(tags, "\n") {
		if tg != "" {
			a.Tags = append(a.Tags, content.Tag{Name: tg})
		}
	}
	if img != 0 {
		a.LeadImage = &content.Image{ID: img}
	}
	return r, err
}

// Revisions lists a story's revisions, newest first.
func (s *Store) Revisions(ctx context.Context, articleID int64) ([]content.Revision, error) {
	rows, err := s.query(ctx, ("SELECT " + revisionColumns + " WHERE r.article_id = ? ORDER BY r.version DESC"), articleID)
	if err != nil {
		return nil, fmt.Errorf("list revisions of article %d: %w", articleID, err)
	}
	defer rows.Close()
	var out []content.Revision
	for rows.Next() {
		r, err := scanRevision(rows)
		if err != nil {
			return nil, fmt.Errorf("scan revision: %w", err)
		}
		r.Article.ID = articleID
		out = append(out, r)
	}
	return out, rows.Err()
}

// Revision returns one revision of a story.
func (s *Store) Revision(ctx context.Context, articleID int64, version int) (content.Revision, error) {
	r, err := scanRevision(s.queryRow(ctx, ("SELECT " + revisionColumns + " WHERE r.article_id = ? AND r.version = ?"), articleID, version))
	if isNoRows(err) {
		return r, fmt.Errorf("revision %d of article %d: %w", version, articleID, content.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("load revision %d of article %d: %w", version, articleID, err)
	}
	r.Article.ID = articleID
	return r, nil
}

// NewsroomArticles lists stories in any state, most recently changed first.
func (s *Store) NewsroomArticles(ctx context.Context, q newsroom.ArticleQuery) ([]content.Article, error) {
	where, args := newsroomFilter(q)
	if q.Limit <= 0 || q.Limit > 200 {
		q.Limit = 50
	}
	q.Offset = max(q.Offset, 0)
	order := newsroomOrder(q)
	var rows *sql.Rows
	var err error
	if strings.TrimSpace(q.Search) != "" {
		// A headline search chooses the page's ids itself (newsroom_search.go).
		var ids []int64
		if ids, err = s.newsroomSearchPage(ctx, q); err != nil || len(ids) == 0 {
			return nil, err
		}
		rows, err = s.query(ctx, "SELECT "+articleColumns+" WHERE "+s.d.inIDs("a.id")+" ORDER BY "+order.sql(), s.d.idList(ids))
	} else {
		// The page's ids are chosen from articles alone, then read with their joins: with the
		// joins in the same query the planner may start from the sections and sort every story
		// of each (seconds at a million stories), and an offset would join the rows it skips.
		args = append(args, q.Limit, q.Offset)
		rows, err = s.query(ctx, "SELECT "+articleColumns+" WHERE a.id IN (SELECT a.id FROM articles a WHERE "+where+
			" ORDER BY "+order.sql()+" LIMIT ? OFFSET ?) ORDER BY "+order.sql(), args...)
	}
	if err != nil {
		return nil, fmt.Errorf("list newsroom articles: %w", err)
	}
	defer rows.Close()
	var out []content.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("scan article: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// CountNewsroomArticles counts the stories NewsroomArticles would list without a limit.
func (s *Store) CountNewsroomArticles(ctx context.Context, q newsroom.ArticleQuery) (int, error) {
	if strings.TrimSpace(q.Search) != "" {
		return s.countNewsroomSearch(ctx, q)
	}
	where, args := newsroomFilter(q)
	var n int
	if err := s.queryRow(ctx, "SELECT COUNT(*) FROM articles a WHERE "+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count newsroom articles: %w", err)
	}
	return n, nil
}

// listOrder is the order of a newsroom list: by one column, then by id the same way.
type listOrder struct {
	col  string // "a.updated_at", …
	desc bool
}

func (o listOrder) sql() string {
	if o.desc {
		return o.col + " DESC, a.id DESC"
	}
	return o.col + ", a.id"
}

// newsroomOrder is the order of q's list: most recently changed first, or by when the
// stories come due.
func newsroomOrder(q newsroom.ArticleQuery) listOrder {
	switch {
	case q.Due && !q.EmbargoedAfter.IsZero():
		return listOrder{col: "a.embargo_until"}
	case q.Due:
		return listOrder{col: "a.published_at"}
	}
	return listOrder{col: "a.updated_at", desc: true}
}

// newsroomFilter is the WHERE clause of q's filters but its search (newsroom_search.go),
// over articles as a.
func newsroomFilter(q newsroom.ArticleQuery) (string, []any) {
	where, args := []string{"1 = 1"}, []any{}
	add := func(cond string, arg any) { where, args = append(where, cond), append(args, arg) }
	if q.Status != "" {
		add("a.status = ?", string(q.Status))
	}
	if q.SectionID != 0 {
		add("a.section_id = ?", q.SectionID)
	}
	if q.Language != "" {
		add("a.language = ?", q.Language)
	}
	if q.AuthorID != 0 {
		add("a.author_id = ?", q.AuthorID)
	}
	if q.OwnerID != 0 {
		add("a.owner_id = ?", q.OwnerID)
	}
	if q.GroupID != 0 {
		add("a.group_id = ?", q.GroupID)
	}
	if !q.EmbargoedAfter.IsZero() {
		add("a.embargo_until > ?", micros(q.EmbargoedAfter))
	}
	return strings.Join(where, " AND "), args
}

// Audit records who did what to which object.
func (t *Tx) Audit(ctx context.Context, userID int64, action, objectType string, objectID int64, detail string) error {
	if _, err := t.exec(ctx, "INSERT INTO audit_log (at, user_id, action, object_type, object_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
		micros(time.Now()), nullID(userID), action, objectType, objectID, detail); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// AuditLog lists the newest entries of the audit log.
func (s *Store) AuditLog(ctx context.Context, limit, offset int) ([]newsroom.AuditEntry, error) {
	rows, err := s.query(ctx, (`SELECT l.at, COALESCE(u.name, 'system'), l.action, l.object_type, l.object_id, l.detail
		FROM audit_log l LEFT JOIN users u ON u.id = l.user_id ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?`), limit, offset)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var out []newsroom.AuditEntry
	for rows.Next() {
		var e newsroom.AuditEntry
		var at int64
		if err := rows.Scan(&at, &e.UserName, &e.Action, &e.ObjectType, &e.ObjectID, &e.Detail); err != nil {
			return nil, fmt.Errorf("scan audit entry: %w", err)
		}
		e.At = fromMicros(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// setting reads a site setting.
func (s *Store) setting(ctx context.Context, key string) (setting, error) {
	var v string
	err := s.queryRow(ctx, ("SELECT value FROM settings WHERE key = ?"), key).Scan(&v)
	if isNoRows(err) {
		return setting{}, nil
	}
	if err != nil {
		return setting{}, fmt.Errorf("read setting %s: %w", key, err)
	}
	return setting{value: v, set: true}, nil
}

// SetSetting stores a site setting.
func (t *Tx) SetSetting(ctx context.Context, key, value string) error {
	t.touch()
	_, err := t.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("write setting %s: %w", key, err)
	}
	return nil
}

// InitSetting stores a setting only if it is not set yet (first writer wins).
func (t *Tx) InitSetting(ctx context.Context, key, value string) error {
	if _, err := t.exec(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", key, value); err != nil {
		return fmt.Errorf("initialise setting %s: %w", key, err)
	}
	t.forget = append(t.forget, settingKey(key)) // a reader may have kept its absence (memo.go)
	return nil
}
