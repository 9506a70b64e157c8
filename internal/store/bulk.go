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

// Loader writes many rows in a series of transactions (the benchmark generator, imports) on
// one connection of its own. Its statements are prepared once per transaction instead of once
// per row; on SQLite the connection also gets a large page cache and keeps statement journals
// in memory while the Loader is open, and, with LoaderOptions.NoSync, does not wait for the
// disk. Close the Loader to put the connection back as it was.
type Loader struct {
	s       *Store
	conn    *sql.Conn
	restore []string // statements that undo the connection settings
}

// LoaderOptions tune NewLoader.
type LoaderOptions struct {
	// NoSync skips fsync on SQLite (synchronous=OFF) while loading: faster, but a crash of the
	// machine (not of the process) during loading can corrupt the database. For filling new,
	// disposable databases only.
	NoSync bool
}

// loaderCacheKiB is the SQLite page cache of a Loader's connection, as a negative number of KiB
// (the default is 2 MiB, so that inserting into large indexes reads pages back again and again).
const loaderCacheKiB = -16 << 10

// NewLoader takes a connection for loading. Close it when done.
func (s *Store) NewLoader(ctx context.Context, o LoaderOptions) (*Loader, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("loader: get connection: %w", err)
	}
	l := &Loader{s: s, conn: conn}
	if !s.d.postgres {
		settings := []string{"temp_store = MEMORY", fmt.Sprintf("cache_size = %d", loaderCacheKiB)}
		if o.NoSync {
			settings = append(settings, "synchronous = OFF")
		}
		for _, set := range settings {
			name, _, _ := strings.Cut(set, " ")
			var old string
			if err := conn.QueryRowContext(ctx, "PRAGMA "+name).Scan(&old); err != nil {
				l.Close()
				return nil, fmt.Errorf("loader: read %s: %w", name, err)
			}
			if _, err := conn.ExecContext(ctx, "PRAGMA "+set); err != nil {
				l.Close()
				return nil, fmt.Errorf("loader: set %s: %w", set, err)
			}
			l.restore = append(l.restore, "PRAGMA "+name+" = "+old)
		}
	}
	return l, nil
}

// Close restores the connection's settings and gives it back to the pool. Closing twice
// does nothing the second time.
func (l *Loader) Close() error {
	if l.conn == nil {
		return nil
	}
	var errs []error
	for _, q := range l.restore {
		if _, err := l.conn.ExecContext(context.Background(), q); err != nil {
			errs = append(errs, fmt.Errorf("loader: %s: %w", q, err))
		}
	}
	if err := l.conn.Close(); err != nil {
		errs = append(errs, fmt.Errorf("loader: release connection: %w", err))
	}
	l.conn = nil
	return errors.Join(errs...)
}

// Bulk is one transaction of a Loader, with fast forms of the inserts a load needs.
type Bulk struct {
	t     *Tx
	stmts map[string]*sql.Stmt
}

// WithTx runs fn in one transaction on the Loader's connection, committed when fn returns
// nil, else rolled back.
func (l *Loader) WithTx(ctx context.Context, fn func(b *Bulk) error) error {
	sqlTx, err := l.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("loader: begin transaction: %w", err)
	}
	b := &Bulk{t: &Tx{s: l.s, tx: sqlTx}, stmts: map[string]*sql.Stmt{}}
	err = fn(b)
	for _, st := range b.stmts {
		_ = st.Close()
	}
	if err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("loader: commit: %w", err)
	}
	return nil
}

// Tx returns the transaction, for the writes that Bulk has no fast form of.
func (b *Bulk) Tx() *Tx { return b.t }

// stmt returns query prepared in the transaction, preparing it on first use.
func (b *Bulk) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := b.stmts[query]; ok {
		return st, nil
	}
	st, err := b.t.tx.PrepareContext(ctx, b.t.s.q(query))
	if err != nil {
		return nil, fmt.Errorf("loader: prepare: %w", err)
	}
	b.stmts[query] = st
	return st, nil
}

// insert runs an INSERT … RETURNING id.
func (b *Bulk) insert(ctx context.Context, query string, args ...any) (int64, error) {
	st, err := b.stmt(ctx, query)
	if err != nil {
		return 0, err
	}
	var id int64
	if err := st.QueryRowContext(ctx, args...).Scan(&id); err != nil {
		return 0, err
	}
	return id, nil
}

// Group creates an empty translation group and returns its id.
func (b *Bulk) Group(ctx context.Context, at time.Time) (int64, error) {
	id, err := b.insert(ctx, "INSERT INTO translation_groups (created_at) VALUES (?) RETURNING id", micros(at))
	if err != nil {
		return 0, fmt.Errorf("bulk: create translation group: %w", err)
	}
	return id, nil
}

// Tag creates the tag lang/t.Slug if it does not exist and returns its id.
func (b *Bulk) Tag(ctx context.Context, lang string, t content.Tag) (int64, error) {
	id, err := b.insert(ctx, `INSERT INTO tags (language, name, slug) VALUES (?, ?, ?)
		ON CONFLICT (language, slug) DO UPDATE SET slug = excluded.slug RETURNING id`, lang, t.Name, t.Slug)
	if err != nil {
		return 0, fmt.Errorf("bulk: put tag %s/%s: %w", lang, t.Slug, err)
	}
	return id, nil
}

// Article inserts a story as Tx.CreateArticle does, except that a.GroupID, a.Slug and
// a.CreatedAt must be set, and the tags are given by id (from Tag), in order; a.Tags is
// ignored. It returns the new id.
func (b *Bulk) Article(ctx context.Context, a content.Article, tagIDs []int64) (int64, error) {
	if a.GroupID == 0 || !content.ValidSlug(a.Slug) || a.CreatedAt.IsZero() {
		return 0, fmt.Errorf("bulk: article %s/%q: group, valid slug and creation time are required", a.Language, a.Slug)
	}
	var author any
	if a.Author.ID != 0 {
		author = a.Author.ID
	}
	id, err := b.insert(ctx, `INSERT INTO articles (group_id, language, section_id, author_id, byline, byline_role, dateline,
		headline, standfirst, body_md, body_html, slug, status, lead, created_at, published_at, updated_at, embargo_until)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.GroupID, a.Language, a.Section.ID, author, a.Byline, a.BylineRole, a.Dateline, a.Headline, a.Standfirst,
		a.BodyMD, a.BodyHTML, a.Slug, string(a.Status), a.Lead, micros(a.CreatedAt), micros(a.PublishedAt),
		micros(a.UpdatedAt), micros(a.EmbargoUntil))
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("bulk: article %s/%s: %w", a.Language, a.Slug, content.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("bulk: create article %s/%s: %w", a.Language, a.Slug, err)
	}
	st, err := b.stmt(ctx, "INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)")
	if err != nil {
		return 0, err
	}
	for i, tag := range tagIDs {
		if _, err := st.ExecContext(ctx, id, tag, i); err != nil {
			return 0, fmt.Errorf("bulk: tag article %d: %w", id, err)
		}
	}
	return id, nil
}

// Brief inserts a published brief as Tx.CreateBrief does and returns its id.
func (b *Bulk) Brief(ctx context.Context, br content.Brief) (int64, error) {
	if br.Text == "" {
		return 0, fmt.Errorf("bulk: brief: text is required")
	}
	var article any
	if br.ArticleID != 0 {
		article = br.ArticleID
	}
	id, err := b.insert(ctx, `INSERT INTO briefs (language, section_id, text, status, article_id, created_at, published_at)
		VALUES (?, ?, ?, 'published', ?, ?, ?) RETURNING id`,
		br.Language, br.Section.ID, br.Text, article, micros(br.PublishedAt), micros(br.PublishedAt))
	if err != nil {
		return 0, fmt.Errorf("bulk: create brief in %s: %w", br.Language, err)
	}
	return id, nil
}
