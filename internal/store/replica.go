package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// errNoReplica is returned when --db-read is given for SQLite.
var errNoReplica = errors.New("a read database (--db-read) needs PostgreSQL for both --db and --db-read")

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
