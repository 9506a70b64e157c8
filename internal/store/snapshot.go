package store

import (
	"context"
	"database/sql"
)

// maxSnapshots bounds the read snapshots open at once on SQLite, to half the connection
// pool: whatever a page needs besides its snapshot's connection (preparing a statement
// the first time, a Detached read, a write) waits for the other half, shared with the
// rest of the server, never for a connection that a snapshot holds. A page that finds
// every slot taken reads without a snapshot.
const maxSnapshots = 4

type snapshotKey struct{}

// snapshot is a ReadSnapshot's read transaction, with the memo's purge count when it
// began (memo.load).
type snapshot struct {
	tx      *sql.Tx
	memoGen uint64
}

// ReadSnapshot runs fn with a context whose reads (query and queryRow) all go to one
// read-only transaction, on SQLite: fn sees the database as it was at its first read,
// and takes SQLite's shared lock once instead of once per query — two fcntl system calls
// less for each of the half-dozen queries of a story page. Writes are not affected: they
// go to the pool as always; a read that must see a write made meanwhile uses Detached.
//
// On PostgreSQL (and if no transaction can be begun) fn runs with ctx as it is: there a
// transaction would add two round trips for nothing a page needs.
func (s *Store) ReadSnapshot(ctx context.Context, fn func(ctx context.Context)) {
	if s.d.postgres || s.snapSlots == nil || snapshotOf(ctx) != nil {
		fn(ctx)
		return
	}
	select {
	case s.snapSlots <- struct{}{}:
		defer func() { <-s.snapSlots }()
	default:
		fn(ctx)
		return
	}
	gen := s.memo.generation() // before the transaction's first read
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		fn(ctx)
		return
	}
	defer tx.Rollback() //nolint:errcheck // a read transaction: nothing to keep
	fn(context.WithValue(ctx, snapshotKey{}, &snapshot{tx: tx, memoGen: gen}))
}

// Detached returns ctx with its reads outside any ReadSnapshot, on a connection of their
// own: for a read that must see what was written since the snapshot began.
func Detached(ctx context.Context) context.Context {
	return context.WithValue(ctx, snapshotKey{}, (*snapshot)(nil))
}

// snapshotOf is the snapshot of a ReadSnapshot, nil outside one.
func snapshotOf(ctx context.Context) *snapshot {
	sn, _ := ctx.Value(snapshotKey{}).(*snapshot)
	return sn
}

// snapshotTx is the read transaction of a ReadSnapshot, nil outside one.
func snapshotTx(ctx context.Context) *sql.Tx {
	if sn := snapshotOf(ctx); sn != nil {
		return sn.tx
	}
	return nil
}
