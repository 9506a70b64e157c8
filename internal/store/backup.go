package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
)

// ErrBackupPostgres is returned by BackupSQLite for a PostgreSQL store: its backups are
// taken with PostgreSQL's own tools (pg_dump), which know its snapshots and versions.
var ErrBackupPostgres = errors.New("newsdesk backup copies SQLite databases; for PostgreSQL use pg_dump " +
	"(e.g. pg_dump --format=custom --file=site.dump \"$NEWSDESK_DB\") and archive the media directory " +
	"separately (tar -cf media.tar -C /var/lib/newsdesk media); restore with pg_restore --no-owner --dbname=URL site.dump")

// sqliteBackuper is what modernc.org/sqlite's connection offers for the online backup API.
type sqliteBackuper interface {
	NewBackup(dstURI string) (*sqlite.Backup, error)
}

// BackupSQLite copies the live database into a new SQLite file at dst with SQLite's
// online backup API, in one step: the copy is the snapshot of one read transaction, so
// it is consistent while other connections and processes go on writing (in WAL mode a
// reader does not block writers). dst must not exist. The copy is then checked with
// PRAGMA integrity_check; it returns the copy's schema version.
func (s *Store) BackupSQLite(ctx context.Context, dst string) (int, error) {
	if s.d.postgres {
		return 0, ErrBackupPostgres
	}
	if _, err := os.Lstat(dst); err == nil {
		return 0, fmt.Errorf("backup database %s: already exists", dst)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("backup %s: connect: %w", s.desc, err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		b, ok := dc.(sqliteBackuper)
		if !ok {
			return fmt.Errorf("the SQLite driver (%T) offers no backup API", dc)
		}
		bk, err := b.NewBackup(sqliteFileURI(dst))
		if err != nil {
			return fmt.Errorf("start: %w", err)
		}
		// One step copies every page under one read lock: a consistent snapshot.
		// Smaller steps would restart whenever another process writes.
		if _, err := bk.Step(-1); err != nil {
			_ = bk.Finish()
			return fmt.Errorf("copy pages: %w", err)
		}
		if err := bk.Finish(); err != nil {
			return fmt.Errorf("finish: %w", err)
		}
		return nil
	})
	if err != nil {
		_ = os.Remove(dst)
		return 0, fmt.Errorf("backup %s to %s: %w", s.desc, dst, err)
	}
	v, err := CheckSQLiteFile(ctx, dst)
	if err != nil {
		return 0, fmt.Errorf("backup %s: the copy fails its check: %w", s.desc, err)
	}
	return v, nil
}

// CheckSQLiteFile opens the SQLite file at path, runs PRAGMA integrity_check and returns
// the Newsdesk schema version it holds. A file that is damaged or not a Newsdesk database
// is an error. The file is switched to the rollback journal so that it is one
// self-contained file (no -wal or -shm beside it) when the check returns.
func CheckSQLiteFile(ctx context.Context, path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("check %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", sqliteFileURI(path))
	if err != nil {
		return 0, fmt.Errorf("check %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, "PRAGMA journal_mode = DELETE"); err != nil {
		return 0, fmt.Errorf("check %s: %w", path, err)
	}
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return 0, fmt.Errorf("check %s: integrity check: %w", path, err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return 0, fmt.Errorf("check %s: integrity check: %w", path, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Close(); err != nil {
		return 0, fmt.Errorf("check %s: integrity check: %w", path, err)
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("check %s: integrity check: %w", path, err)
	}
	if len(problems) > 0 {
		if len(problems) > 5 {
			problems = append(problems[:5], "…")
		}
		return 0, fmt.Errorf("check %s: integrity check failed: %s", path, strings.Join(problems, "; "))
	}
	var v string
	err = db.QueryRowContext(ctx, "SELECT value FROM newsdesk_meta WHERE key = 'schema_version'").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("check %s: %w (no schema version: %v)", path, ErrNotNewsdesk, err)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("check %s: schema version %q is not a number", path, v)
	}
	return n, nil
}

// IntegrityCheck runs PRAGMA integrity_check on SQLite (nil when it answers "ok"); on
// PostgreSQL, which has no such check, it only checks that the database answers.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	if s.d.postgres {
		return s.Ping(ctx)
	}
	var res string
	if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return fmt.Errorf("integrity check of %s: %w", s.desc, err)
	}
	if res != "ok" {
		return fmt.Errorf("integrity check of %s: %s", s.desc, res)
	}
	return nil
}

// sqliteFileURI is a driver URI for path with the settings a backup or check needs.
func sqliteFileURI(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	return "file:" + path + "?" + q.Encode()
}

// ConsistencyCheck is one cross-table invariant and how many rows break it.
type ConsistencyCheck struct {
	Name  string
	Count int
}

// consistencyQueries count the rows that break invariants the store keeps by writing
// related rows in one transaction; after a crash every count must still be what it was.
var consistencyQueries = []struct{ name, query string }{
	{"articles without a revision", `SELECT COUNT(*) FROM articles a
		WHERE NOT EXISTS (SELECT 1 FROM article_revisions r WHERE r.article_id = a.id)`},
	{"articles missing from the search index", `SELECT COUNT(*) FROM articles a
		WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.kind = 'article' AND d.ref_id = a.id)`},
	{"briefs missing from the search index", `SELECT COUNT(*) FROM briefs b
		WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.kind = 'brief' AND d.ref_id = b.id)`},
	{"search entries of missing articles", `SELECT COUNT(*) FROM search_docs d
		WHERE d.kind = 'article' AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = d.ref_id)`},
	{"published articles without a wire version", `SELECT COUNT(*) FROM articles a
		WHERE a.status = 'published' AND NOT EXISTS (SELECT 1 FROM wire_versions v WHERE v.article_id = a.id)`},
	{"wire deliveries of missing versions", `SELECT COUNT(*) FROM wire_deliveries d
		WHERE NOT EXISTS (SELECT 1 FROM wire_versions v WHERE v.id = d.version_id)`},
}

// Consistency counts, on either database, the rows that break each cross-table invariant
// (a story and its revision, search entry and wire version are written together), for
// checks after a crash or a restore.
func (s *Store) Consistency(ctx context.Context) ([]ConsistencyCheck, error) {
	out := make([]ConsistencyCheck, 0, len(consistencyQueries))
	for _, c := range consistencyQueries {
		var n int
		if err := s.db.QueryRowContext(ctx, s.q(c.query)).Scan(&n); err != nil {
			return nil, fmt.Errorf("consistency check %q: %w", c.name, err)
		}
		out = append(out, ConsistencyCheck{Name: c.name, Count: n})
	}
	return out, nil
}

// IsUnavailable reports whether err means the database cannot be reached for now (a
// lost connection, a server shutting down, starting up or in recovery) rather than a
// fault of the request or of the code: the answer is then 503, and a retry may succeed.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, errWriteBusy) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	// SQLite's SQLITE_BUSY (5) and SQLITE_LOCKED (6), extended codes included: another
	// writer held the lock past the busy timeout. Nothing was written; try again later.
	var se interface{ Code() int }
	if errors.As(err, &se) {
		if c := se.Code() & 0xff; c == 5 || c == 6 {
			return true
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// Class 08: connection exception; class 57: operator intervention (admin or
		// crash shutdown, cannot connect now); 53300: too many connections.
		return strings.HasPrefix(pe.Code, "08") || strings.HasPrefix(pe.Code, "57P") || pe.Code == "53300"
	}
	m := err.Error()
	return strings.Contains(m, "conn closed") || strings.Contains(m, "failed to connect") ||
		strings.Contains(m, "the database system is")
}

// IsStorageFull reports whether err means the disk under the database is full (SQLite's
// SQLITE_FULL, ENOSPC, PostgreSQL's disk_full) or a file size limit was reached: nothing
// was written, and the operator must make room.
func IsStorageFull(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) || errors.Is(err, syscall.EDQUOT) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "53100" // disk_full
	}
	m := err.Error()
	return strings.Contains(m, "database or disk is full") || strings.Contains(m, "SQLITE_FULL") ||
		strings.Contains(m, "no space left on device")
}
