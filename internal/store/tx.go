package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

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

// errWriteBusy: the write lock stayed taken past writeWait. Nothing was written.
var errWriteBusy = errors.New("database is locked: other writers held it for too long")

// writeWait is how long a writer waits for its turn, as long as SQLite's busy timeout
// (sqliteDSN) lets it wait for the lock itself.
const writeWait = 10 * time.Second

// awaitWriteTurn waits for this process's turn to write on SQLite: one transaction at a
// time, in the order they asked, and returns the function that ends the turn. SQLite's
// lock alone serialises writers too, but its busy handler polls with growing sleeps, and a
// writer that loops (the wire backfill, a delivery worker) took the lock again before a
// waiting one woke: on the first start of a million-story edition the scheduler waited
// more than ten seconds and failed with "database is locked" while the backfill ran. In
// line, each writer gets the lock as soon as the one before it commits. Processes other
// than this one (a `newsdesk reindex` beside the server) still meet at SQLite's lock.
func (s *Store) awaitWriteTurn(ctx context.Context) (func(), error) {
	if s.writeLine == nil {
		return func() {}, nil
	}
	select {
	case s.writeLine <- struct{}{}:
		return func() { <-s.writeLine }, nil
	default:
	}
	t := time.NewTimer(writeWait)
	defer t.Stop()
	select {
	case s.writeLine <- struct{}{}:
		return func() { <-s.writeLine }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("wait to write: %w", ctx.Err())
	case <-t.C:
		return nil, fmt.Errorf("wait to write: %w", errWriteBusy)
	}
}

// WithTx runs fn in one transaction, committed when fn returns nil, else rolled back.
func (s *Store) WithTx(ctx context.Context, fn func(tx *Tx) error) error {
	done, err := s.awaitWriteTurn(ctx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer done()
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
		s.bus.localCommits.Add(1)
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
		if _, err := t.exec(ctx, "SELECT pg_notify(?, ?)", notifyChannel, t.s.bus.payload(keys)); err != nil {
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
