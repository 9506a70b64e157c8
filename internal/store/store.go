// Package store holds all SQL of Newsdesk, for SQLite (modernc.org/sqlite, pure Go) and
// PostgreSQL (pgx). Queries are written once; dialect.go holds the few differences.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite"
)

// ErrNotNewsdesk is returned by Open when the database exists but belongs to something else.
var ErrNotNewsdesk = errors.New("not a Newsdesk database")

// Store is the database of one site. It is safe for concurrent use.
type Store struct {
	db  *sql.DB
	d   dialect
	log *slog.Logger
	// desc names the database for messages, without secrets.
	desc string

	rebound sync.Map // query text → rebound text (PostgreSQL only)
	stmts   sync.Map // query text → *sql.Stmt, prepared once (the hot read queries)
	nstmts  atomic.Int64

	search searchState // the full-text search's analyzer (search_index.go)

	// instance identifies this process in purge notifications (notify.go).
	instance string
	dsn      string
	purgeMu  sync.RWMutex
	onPurge  []func(keys []string, local bool)
	// localCommits counts this process's committed changes (see pollContentSeq).
	localCommits atomic.Int64
	replica      *replica // the --db-read pool for public reads, nil without one

	slow slowLog // queries slower than --slow-query are logged (slowlog.go)

	memo memo // languages, sections and settings between changes (memo.go)
	// snapSlots bounds the open read snapshots (snapshot.go); nil on PostgreSQL.
	snapSlots chan struct{}
}

// maxStmts bounds the prepared statement cache (queries built from filters vary a little).
const maxStmts = 500

// stmt returns a prepared statement for a read query, preparing it on first use; nil when
// it cannot be prepared now (the caller then runs the query unprepared, which reports the
// error). Parsing SQL is a fifth of an article page's time without this.
func (s *Store) stmt(ctx context.Context, query string) *sql.Stmt {
	if v, ok := s.stmts.Load(query); ok {
		return v.(*sql.Stmt)
	}
	if s.nstmts.Load() >= maxStmts {
		return nil
	}
	// Trimmed: modernc's driver keeps the compiled statement only when nothing, not
	// even whitespace, follows it; otherwise it compiles the text again on every use.
	st, err := s.db.PrepareContext(context.WithoutCancel(ctx), strings.TrimSpace(s.q(query)))
	if err != nil {
		return nil
	}
	if v, loaded := s.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return v.(*sql.Stmt)
	}
	s.nstmts.Add(1)
	return st
}

// query runs a read query through the statement cache (on the read replica for a
// public read, see PublicRead).
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	defer s.slow.observe(ctx, query, time.Now())
	if r := s.readReplica(ctx); r != nil {
		return r.query(ctx, s.q(query), args...)
	}
	st := s.stmt(ctx, query)
	if tx := snapshotTx(ctx); tx != nil {
		if st != nil {
			return tx.StmtContext(ctx, st).QueryContext(ctx, args...)
		}
		return tx.QueryContext(ctx, s.q(query), args...)
	}
	if st != nil {
		return st.QueryContext(ctx, args...)
	}
	return s.db.QueryContext(ctx, s.q(query), args...)
}

// queryRow runs a one-row read query through the statement cache (on the read replica
// for a public read).
func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	defer s.slow.observe(ctx, query, time.Now())
	if r := s.readReplica(ctx); r != nil {
		return r.queryRow(ctx, s.q(query), args...)
	}
	st := s.stmt(ctx, query)
	if tx := snapshotTx(ctx); tx != nil {
		if st != nil {
			return tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
		}
		return tx.QueryRowContext(ctx, s.q(query), args...)
	}
	if st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.db.QueryRowContext(ctx, s.q(query), args...)
}

// Options tune Open.
type Options struct {
	// Logger receives store messages; nil discards them.
	Logger *slog.Logger
	// ReadOnly opens without creating or migrating anything.
	ReadOnly bool
	// ReadDSN is a PostgreSQL replica for public reads (--db-read); empty for none.
	ReadDSN string
	// SlowQuery logs queries that take longer (--slow-query); 0 turns it off.
	SlowQuery time.Duration
}

// IsPostgres reports whether a --db value names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Describe returns dsn without its password, for messages.
func Describe(dsn string) string {
	if !IsPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	u.User = url.User(u.User.Username())
	return u.Redacted()
}

// Open connects to dsn (a SQLite file path or a postgres:// URL) and checks that it is
// reachable and is a Newsdesk database (or an empty one). It does not migrate: call Migrate.
func Open(ctx context.Context, dsn string, opt Options) (*Store, error) {
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if dsn == "" {
		return nil, errors.New("no database given: pass --db PATH or --db postgres://…")
	}
	s := &Store{log: log, desc: Describe(dsn), dsn: dsn, instance: newInstanceID()}
	s.slow = slowLog{after: opt.SlowQuery, log: log}
	var err error
	if IsPostgres(dsn) {
		s.d = postgresDialect
		s.db, err = sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", s.desc, err)
		}
		s.db.SetMaxOpenConns(20)
		s.db.SetMaxIdleConns(20)
		s.db.SetConnMaxIdleTime(5 * time.Minute)
	} else {
		s.d = sqliteDialect
		if err := checkSQLiteFile(ctx, dsn); err != nil {
			return nil, err
		}
		s.db, err = sql.Open("sqlite", sqliteDSN(dsn, opt.ReadOnly))
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", s.desc, err)
		}
		s.db.SetMaxOpenConns(2 * maxSnapshots)
		s.db.SetMaxIdleConns(2 * maxSnapshots)
		s.snapSlots = make(chan struct{}, maxSnapshots)
	}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := s.db.PingContext(pctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("cannot reach database %s: %w", s.desc, err)
	}
	if s.d.postgres {
		if err := s.checkPostgres(ctx); err != nil {
			s.db.Close()
			return nil, err
		}
	}
	if opt.ReadDSN != "" {
		if err := s.openReplica(ctx, opt.ReadDSN); err != nil {
			s.db.Close()
			return nil, err
		}
	}
	return s, nil
}

func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "foreign_keys(1)", "synchronous(FULL)",
		// Read the file through the page cache rather than copying pages into SQLite's
		// own (8 GiB of address space, not memory); sort scratch stays in memory.
		"mmap_size(8589934592)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// checkSQLiteFile refuses, without writing to it, a file that is not an empty file, a
// fresh SQLite database or a Newsdesk database.
func checkSQLiteFile(ctx context.Context, path string) error {
	f, err := os.Open(path) // #nosec G304 -- the operator names the database file
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open database file %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("stat database file %s: %w", path, err)
	}
	if st.IsDir() {
		return fmt.Errorf("%s is a directory, not a database file", path)
	}
	if st.Size() == 0 {
		return nil
	}
	head := make([]byte, 16)
	if _, err := f.ReadAt(head, 0); err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return fmt.Errorf("%s: %w (not an SQLite file; nothing was changed)", path, ErrNotNewsdesk)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return fmt.Errorf("open %s read-only: %w", path, err)
	}
	defer db.Close()
	var tables, ours int
	err = db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(name = 'newsdesk_meta'), 0)
		FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).Scan(&tables, &ours)
	if err != nil {
		return fmt.Errorf("%s: %w (unreadable: %v; nothing was changed)", path, ErrNotNewsdesk, err)
	}
	if tables > 0 && ours == 0 {
		return fmt.Errorf("%s: %w (it holds %d tables of another application; nothing was changed)", path, ErrNotNewsdesk, tables)
	}
	return nil
}

// checkPostgres refuses a PostgreSQL database that holds another application's tables.
func (s *Store) checkPostgres(ctx context.Context) error {
	var tables, ours int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE table_name = 'newsdesk_meta')
		FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&tables, &ours)
	if err != nil {
		return fmt.Errorf("inspect %s: %w", s.desc, err)
	}
	if tables > 0 && ours == 0 {
		return fmt.Errorf("%s: %w (it holds %d tables of another application; nothing was changed)", s.desc, ErrNotNewsdesk, tables)
	}
	return nil
}

// Close closes the prepared statements and the database.
func (s *Store) Close() error {
	s.stmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	if s.replica != nil {
		s.replica.close()
	}
	return s.db.Close()
}

// publicReadKey marks a context whose reads may go to the read replica.
type publicReadKey struct{}

// PublicRead marks ctx as serving a public page: its read queries go to the read
// replica (--db-read) when there is one and it has replayed every change this process
// knows of (else to the primary, so that a purged page is never rebuilt from old data).
func PublicRead(ctx context.Context) context.Context {
	return context.WithValue(ctx, publicReadKey{}, true)
}

// PublicRead is the package's PublicRead, for callers that reach the store through an
// interface of their own.
func (s *Store) PublicRead(ctx context.Context) context.Context { return PublicRead(ctx) }

// readReplica returns the replica for a public read, nil for the primary.
func (s *Store) readReplica(ctx context.Context) *replica {
	if public, _ := ctx.Value(publicReadKey{}).(bool); s.replica == nil || !s.replica.fresh.Load() || !public {
		return nil
	}
	return s.replica
}

// replica is the read pool of a PostgreSQL replica (--db-read).
type replica struct {
	db    *sql.DB
	desc  string
	stmts sync.Map // rebound query text → *sql.Stmt
	n     atomic.Int64
	// fresh is false from a purge until the replica has replayed the primary's WAL up
	// to a position read after that purge; gen counts purges.
	fresh  atomic.Bool
	gen    atomic.Int64
	kick   chan struct{}
	stop   chan struct{}
	done   chan struct{}
	log    *slog.Logger
	source *sql.DB
}

func (s *Store) openReplica(ctx context.Context, dsn string) error {
	if !s.d.postgres || !IsPostgres(dsn) {
		return errNoReplica
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("open read database %s: %w", Describe(dsn), err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return fmt.Errorf("cannot reach read database %s: %w", Describe(dsn), err)
	}
	r := &replica{db: db, desc: Describe(dsn), kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{}),
		log: s.log, source: s.db}
	r.fresh.Store(true)
	s.replica = r
	go r.follow() // #nosec G118 -- stopped by Store.Close through r.stop, which it waits for on r.done
	return nil
}

// behind marks the replica as not yet having a change that was just committed.
func (r *replica) behind() {
	r.gen.Add(1)
	r.fresh.Store(false)
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

// follow waits, after each purge, until the replica has replayed the primary's WAL up
// to where it was after the purge, then lets public reads go to the replica again.
func (r *replica) follow() {
	defer close(r.done)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-r.stop; cancel() }()
	for {
		select {
		case <-r.stop:
			return
		case <-r.kick:
		}
		g := r.gen.Load()
		if err := r.catchUp(ctx); err != nil {
			if ctx.Err() != nil {
				return
			}
			r.log.Warn("read_replica_lagging", "db", r.desc, "err", err)
			time.AfterFunc(time.Second, func() { r.behind() }) // try again; the primary serves meanwhile
			continue
		}
		if r.gen.Load() == g {
			r.fresh.Store(true)
		}
	}
}

// catchUp returns once the replica has replayed the primary's current WAL position (at
// once when the read database is not a replica, e.g. the primary itself).
func (r *replica) catchUp(ctx context.Context) error {
	var lsn string
	if err := r.source.QueryRowContext(ctx, "SELECT pg_current_wal_lsn()::text").Scan(&lsn); err != nil {
		return fmt.Errorf("read the primary's position: %w", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		var ok sql.NullBool
		if err := r.db.QueryRowContext(ctx, "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", lsn).Scan(&ok); err != nil {
			return fmt.Errorf("read the replica's position: %w", err)
		}
		if !ok.Valid || ok.Bool { // NULL: not a replica, nothing to wait for
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("replica still behind %s after 30 s", lsn)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func (r *replica) stmt(ctx context.Context, query string) *sql.Stmt {
	if v, ok := r.stmts.Load(query); ok {
		return v.(*sql.Stmt)
	}
	if r.n.Load() >= maxStmts {
		return nil
	}
	st, err := r.db.PrepareContext(context.WithoutCancel(ctx), strings.TrimSpace(query))
	if err != nil {
		return nil
	}
	if v, loaded := r.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return v.(*sql.Stmt)
	}
	r.n.Add(1)
	return st
}

func (r *replica) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return r.db.QueryContext(ctx, query, args...)
}

func (r *replica) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return r.db.QueryRowContext(ctx, query, args...)
}

func (r *replica) close() {
	close(r.stop)
	<-r.done
	r.stmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	r.db.Close()
}

// Dialect names the database kind: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name }

// Ping checks that the database answers, for /readyz.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s: %w", s.desc, err)
	}
	var one int
	if err := s.db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("query %s: %w", s.desc, err)
	}
	return nil
}

// DB exposes the handle for tests and benchmarks in this module.
func (s *Store) DB() *sql.DB { return s.db }

// q rebinds a query for the dialect, remembering the result.
func (s *Store) q(query string) string {
	if !s.d.postgres {
		return query
	}
	if v, ok := s.rebound.Load(query); ok {
		return v.(string)
	}
	r := s.d.rebind(query)
	s.rebound.Store(query, r)
	return r
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// micros converts a time to the stored form: Unix microseconds (0 for the zero time).
func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

// fromMicros converts a stored time back (the zero time for 0), in UTC.
func fromMicros(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMicro(v).UTC()
}

// Tx is a write transaction; its methods are the store's write operations.
type Tx struct {
	s  *Store
	tx *sql.Tx
	// changed is set by every operation that changes what public pages, feeds or
	// sitemaps show; the commit then bumps the content sequence and purges.
	changed bool
	// all purges every page; keys and the stories in articles purge exactly
	// (notify_keys.go).
	all      bool
	keys     map[string]struct{}
	articles map[int64]struct{}
	// forget lists memo entries to drop after the commit (memo.go).
	forget []string
}

// touch marks the transaction as changing public content in a way that has no exact
// keys (languages, sections, settings, bulk loads): every cached page is purged.
func (t *Tx) touch() { t.changed, t.all = true, true }

// WithTx runs fn in one transaction, committed when fn returns nil, else rolled back.
func (s *Store) WithTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	tx := &Tx{s: s, tx: sqlTx}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	var keys []string
	if tx.changed {
		if keys, err = tx.beforeCommit(ctx); err != nil {
			_ = sqlTx.Rollback()
			return err
		}
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if tx.changed {
		s.localCommits.Add(1)
	}
	s.memo.forget(tx.forget...)
	if len(keys) > 0 {
		s.purged(keys, true)
	}
	return nil
}

// beforeCommit bumps the content sequence, collects the purge keys and, on PostgreSQL,
// queues the NOTIFY that tells the other instances (delivered only if the commit succeeds).
func (t *Tx) beforeCommit(ctx context.Context) ([]string, error) {
	if _, err := t.exec(ctx, `UPDATE newsdesk_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT)
		WHERE key = 'content_seq'`); err != nil {
		return nil, fmt.Errorf("bump content sequence: %w", err)
	}
	keys, err := t.purgeKeys(ctx)
	if err != nil {
		return nil, err
	}
	if t.s.d.postgres && len(keys) > 0 {
		if _, err := t.exec(ctx, "SELECT pg_notify(?, ?)", notifyChannel, notifyPayload(t.s.instance, keys)); err != nil {
			return nil, fmt.Errorf("notify other instances: %w", err)
		}
	}
	return keys, nil
}

func (t *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	defer t.s.slow.observe(ctx, query, time.Now())
	return t.tx.ExecContext(ctx, t.s.q(query), args...)
}

func (t *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	defer t.s.slow.observe(ctx, query, time.Now())
	return t.tx.QueryRowContext(ctx, t.s.q(query), args...)
}

// isUniqueViolation reports whether err is a uniqueness-constraint failure on either database.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	m := err.Error()
	return strings.Contains(m, "UNIQUE constraint failed") || strings.Contains(m, "SQLSTATE 23505")
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// ContentSeq returns the content change counter: it grows with every committed change to
// anything public, on every instance sharing the database.
func (s *Store) ContentSeq(ctx context.Context) (int64, error) {
	var v string
	err := s.queryRow(ctx, "SELECT value FROM newsdesk_meta WHERE key = 'content_seq'").Scan(&v)
	if isNoRows(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read content sequence: %w", err)
	}
	var n int64
	_, err = fmt.Sscan(v, &n)
	return n, err
}
