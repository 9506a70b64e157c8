package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/importer"
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
	noSync  bool
}

// LoaderOptions tune NewLoader.
type LoaderOptions struct {
	// NoSync skips fsync on SQLite (synchronous=OFF) while loading, and syncs the file once
	// when the Loader is closed: faster, but a crash of the machine (not of the process) before
	// Close can corrupt the database. For filling new databases only.
	NoSync bool
	// CacheMiB is the SQLite page cache of the Loader's connection (0: loaderCacheMiB). The
	// pure-Go SQLite takes about twice the cache size in memory (a 4 KiB page and its header
	// fill an 8 KiB slot of its allocator), and the pages are given back one by one at Close.
	CacheMiB int
}

// loaderCacheMiB is the default SQLite page cache of a Loader's connection (SQLite's own
// default is 2 MiB, so that inserting into large indexes reads pages back again and again).
const loaderCacheMiB = 64

// NewLoader takes a connection for loading. Close it when done.
func (s *Store) NewLoader(ctx context.Context, o LoaderOptions) (*Loader, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("loader: get connection: %w", err)
	}
	l := &Loader{s: s, conn: conn, noSync: o.NoSync && !s.d.postgres}
	if !s.d.postgres {
		cache := o.CacheMiB
		if cache <= 0 {
			cache = loaderCacheMiB
		}
		// A negative cache_size is in KiB.
		settings := []string{"temp_store = MEMORY", fmt.Sprintf("cache_size = %d", -cache<<10)}
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

// Close restores the connection's settings and gives it back to the pool; with NoSync it
// first moves the WAL into the database file and syncs that to disk. Closing twice does
// nothing the second time.
func (l *Loader) Close() error {
	if l.conn == nil {
		return nil
	}
	ctx := context.Background()
	var errs []error
	for _, q := range l.restore {
		if _, err := l.conn.ExecContext(ctx, q); err != nil {
			errs = append(errs, fmt.Errorf("loader: %s: %w", q, err))
		}
	}
	if l.noSync && len(errs) == 0 {
		if err := l.syncFile(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	if err := l.conn.Close(); err != nil {
		errs = append(errs, fmt.Errorf("loader: release connection: %w", err))
	}
	l.conn = nil
	return errors.Join(errs...)
}

// syncFile checkpoints the WAL and fsyncs the SQLite database file: the checkpoints made
// while synchronous was OFF wrote to it without syncing.
func (l *Loader) syncFile(ctx context.Context) error {
	var busy, logFrames, done int
	if err := l.conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done); err != nil {
		return fmt.Errorf("loader: checkpoint: %w", err)
	}
	var seq int
	var name, file string
	if err := l.conn.QueryRowContext(ctx, "PRAGMA database_list").Scan(&seq, &name, &file); err != nil {
		return fmt.Errorf("loader: find the database file: %w", err)
	}
	if file == "" {
		return nil // an in-memory database
	}
	f, err := os.Open(file) // #nosec G304 -- the file SQLite has open
	if err != nil {
		return fmt.Errorf("loader: open %s to sync it: %w", file, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("loader: sync %s: %w", file, err)
	}
	return nil
}

// Bulk is one transaction of a Loader, with fast forms of the inserts a load needs.
type Bulk struct {
	t     *Tx
	stmts map[string]*sql.Stmt
	// unindexed is set when rows were written that the search index does not have.
	unindexed bool
}

// WithTx runs fn in one transaction on the Loader's connection, committed when fn returns
// nil, else rolled back. Like Store.WithTx, it bumps the content sequence when fn changed
// public content; when fn wrote articles or briefs, it also records that the search index
// needs a rebuild (Store.SearchRebuildNeeded), which Store.Reindex clears.
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
	if err == nil && b.t.changed {
		if _, err = b.t.exec(ctx, `UPDATE newsdesk_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT)
			WHERE key = 'content_seq'`); err != nil {
			err = fmt.Errorf("loader: bump content sequence: %w", err)
		}
	}
	if err == nil && b.unindexed {
		if _, err = b.t.exec(ctx, `INSERT INTO newsdesk_meta (key, value) VALUES ('search_rebuild', 'needed')
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`); err != nil {
			err = fmt.Errorf("loader: flag the search index for a rebuild: %w", err)
		}
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

// The store is the importer's persistence.
var (
	_ importer.Store  = (*Store)(nil)
	_ importer.Loader = (*Loader)(nil)
	_ importer.Bulk   = (*Bulk)(nil)
	_ importer.Tx     = (*Tx)(nil)
)

// ImportLoader takes a connection for loading with a SQLite page cache of cacheMiB, for
// the importer (which declares the Loader it needs). Close it when done.
func (s *Store) ImportLoader(ctx context.Context, cacheMiB int) (importer.Loader, error) {
	l, err := s.NewLoader(ctx, LoaderOptions{CacheMiB: cacheMiB})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// Load runs fn in one transaction as WithTx does, for the importer: fn gets the Bulk and
// its transaction.
func (l *Loader) Load(ctx context.Context, fn func(b importer.Bulk, tx importer.Tx) error) error {
	return l.WithTx(ctx, func(b *Bulk) error { return fn(b, b.t) })
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

// insert runs a plain INSERT … RETURNING id (no ON CONFLICT: see upsertID). On SQLite it
// runs the INSERT alone and takes the new row's id from the connection: RETURNING makes
// SQLite gather the rows in a temporary table first, which doubles the cost of a one-row
// insert.
func (b *Bulk) insert(ctx context.Context, query string, args ...any) (int64, error) {
	if b.t.s.d.postgres {
		return b.upsertID(ctx, query, args...)
	}
	plain, ok := strings.CutSuffix(query, " RETURNING id")
	if !ok {
		return 0, fmt.Errorf("loader: insert without RETURNING id: %.40s", query)
	}
	st, err := b.stmt(ctx, plain)
	if err != nil {
		return 0, err
	}
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// insertRows runs an INSERT of n rows (without RETURNING) and returns the new ids in the
// order of the rows. Ids grow in the order rows are inserted: on SQLite the statement
// gives its rows consecutive ids, ending with the connection's last one; on PostgreSQL
// RETURNING gives them (in no promised order, hence the sort).
func (b *Bulk) insertRows(ctx context.Context, query string, n int, args ...any) ([]int64, error) {
	if !b.t.s.d.postgres {
		st, err := b.stmt(ctx, query)
		if err != nil {
			return nil, err
		}
		res, err := st.ExecContext(ctx, args...)
		if err != nil {
			return nil, err
		}
		last, err := res.LastInsertId()
		if err != nil {
			return nil, err
		}
		ids := make([]int64, n)
		for i := range ids {
			ids[i] = last - int64(n-1-i)
		}
		return ids, nil
	}
	st, err := b.stmt(ctx, query+" RETURNING id")
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := make([]int64, 0, n)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(ids) != n {
		return nil, fmt.Errorf("loader: %d rows inserted, %d ids returned", n, len(ids))
	}
	slices.Sort(ids)
	return ids, nil
}

// upsertID runs an INSERT … RETURNING id that may update an existing row instead.
func (b *Bulk) upsertID(ctx context.Context, query string, args ...any) (int64, error) {
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
	id, err := b.upsertID(ctx, `INSERT INTO tags (language, name, slug) VALUES (?, ?, ?)
		ON CONFLICT (language, slug) DO UPDATE SET slug = excluded.slug RETURNING id`, lang, t.Name, t.Slug)
	if err != nil {
		return 0, fmt.Errorf("bulk: put tag %s/%s: %w", lang, t.Slug, err)
	}
	return id, nil
}

// Article inserts a story as Tx.CreateArticle does, with its "created" revision, except
// that a.GroupID, a.Slug and a.CreatedAt must be set, the tags are given by id (from Tag), in
// order (a.Tags only gives the names the revision records), and the search index is not
// updated (the transaction flags it for a rebuild): run Store.Reindex when the load is done.
// It returns the new id.
func (b *Bulk) Article(ctx context.Context, a content.Article, tagIDs []int64) (int64, error) {
	b.t.touch()
	b.unindexed = true
	if a.GroupID == 0 || !content.ValidSlug(a.Slug) || a.CreatedAt.IsZero() {
		return 0, fmt.Errorf("bulk: article %s/%q: group, valid slug and creation time are required", a.Language, a.Slug)
	}
	if a.Urgency == 0 {
		a.Urgency = 5
	}
	if a.Status == content.StatusPublished && a.FirstPublishedAt.IsZero() {
		a.FirstPublishedAt = a.PublishedAt
	}
	var err error
	a.ID, err = b.insert(ctx, `INSERT INTO articles (group_id, language, section_id, author_id, byline, byline_role, dateline,
		headline, standfirst, body_md, body_html, slug, status, lead, created_at, published_at, updated_at, embargo_until,
		version, slugline, urgency, signoff, owner_id, lead_image_id, first_published_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.GroupID, a.Language, a.Section.ID, nullID(a.Author.ID), a.Byline, a.BylineRole, a.Dateline, a.Headline, a.Standfirst,
		a.BodyMD, a.BodyHTML, a.Slug, string(a.Status), a.Lead, micros(a.CreatedAt), micros(a.PublishedAt),
		micros(a.UpdatedAt), micros(a.EmbargoUntil), a.Slugline, a.Urgency, a.Signoff, nullID(a.OwnerID),
		nullID(imageID(a.LeadImage)), micros(a.FirstPublishedAt))
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("bulk: article %s/%s: %w", a.Language, a.Slug, content.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("bulk: create article %s/%s: %w", a.Language, a.Slug, err)
	}
	if len(tagIDs) > 0 {
		var published any // as syncTagRows copies it: NULL unless published
		if a.Status == content.StatusPublished {
			published = micros(a.PublishedAt)
		}
		args := make([]any, 0, 5*len(tagIDs))
		for i, tag := range tagIDs {
			args = append(args, a.ID, tag, i, published, micros(a.EmbargoUntil))
		}
		if _, err := b.exec(ctx, "INSERT INTO article_tags (article_id, tag_id, position, published_at, embargo_until) VALUES "+rowsOf(len(tagIDs), 5),
			args...); err != nil {
			return 0, fmt.Errorf("bulk: tag article %d: %w", a.ID, err)
		}
	}
	var tags []string
	for _, tg := range a.Tags {
		tags = append(tags, tg.Name)
	}
	st, err := b.stmt(ctx, `INSERT INTO article_revisions (article_id, version, kind, note, section_id, headline, standfirst,
		body_md, byline, byline_role, dateline, slug, tags, slugline, urgency, signoff, lead_image_id, user_id, created_at)
		VALUES (?, 1, 'created', '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	if _, err := st.ExecContext(ctx, a.ID, a.Section.ID, a.Headline, a.Standfirst, a.BodyMD, a.Byline, a.BylineRole,
		a.Dateline, a.Slug, strings.Join(tags, "\n"), a.Slugline, a.Urgency, a.Signoff, nullID(imageID(a.LeadImage)),
		nullID(a.OwnerID), micros(a.CreatedAt)); err != nil {
		return 0, fmt.Errorf("bulk: record revision 1 of article %d: %w", a.ID, err)
	}
	return a.ID, nil
}

// Brief inserts a brief as Tx.CreateBrief does (published unless br.Status says otherwise),
// except that the search index is not updated (the transaction flags it for a rebuild: run
// Store.Reindex when the load is done), and returns its id.
func (b *Bulk) Brief(ctx context.Context, br content.Brief) (int64, error) {
	b.t.touch()
	b.unindexed = true
	if br.Text == "" {
		return 0, fmt.Errorf("bulk: brief: text is required")
	}
	if br.Status == "" {
		br.Status = content.StatusPublished
	}
	id, err := b.insert(ctx, `INSERT INTO briefs (language, section_id, text, status, article_id, owner_id, created_at, published_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		br.Language, br.Section.ID, br.Text, string(br.Status), nullID(br.ArticleID), nullID(br.OwnerID),
		micros(br.PublishedAt), micros(br.PublishedAt))
	if err != nil {
		return 0, fmt.Errorf("bulk: create brief in %s: %w", br.Language, err)
	}
	return id, nil
}
