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

	search   searchState    // the full-text search's analyzer (search_index.go)
	headline headlineBounds // the ways of the newsroom's headline search (newsroom_search.go)

	// bus carries purges to the listeners and the other instances (bus.go).
	bus     *bus
	replica *replica // the --db-read pool for public reads, nil without one (replica.go)

	slow slowLog // queries slower than --slow-query are logged (slowlog.go)

	memo memo // languages, sections and settings between changes (memo.go)
	// snapSlots bounds the open read snapshots (snapshot.go); nil on PostgreSQL.
	snapSlots chan struct{}
	// writeLine is this process's queue for SQLite's one write lock (tx.go); nil on
	// PostgreSQL and on a read-only file.
	writeLine chan struct{}
	// wireDead hear of dead-lettered deliveries, in the transaction that records them.
	wireDead []WireDeadHook
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

// listIDs runs a query of ids (its one column).
func (s *Store) listIDs(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
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
	s := &Store{log: log, desc: Describe(dsn), bus: newBus(dsn, log)}
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
		if !opt.ReadOnly {
			s.writeLine = make(chan struct{}, 1)
		}
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
