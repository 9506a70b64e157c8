package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsdesk/newsdesk/internal/cache"
)

// notifyChannel is the PostgreSQL channel on which instances announce purges.
const notifyChannel = "newsdesk_purge"

// maxNotifyPayload keeps a notification under PostgreSQL's limit of 8,000 bytes; a
// longer list of keys is sent as "purge everything".
const maxNotifyPayload = 7900

// bus carries the purges of committed changes: to this process's purge listeners and,
// on PostgreSQL, between the instances sharing the database (NOTIFY at commit, LISTEN on
// a connection of its own).
type bus struct {
	// instance identifies this process in purge notifications.
	instance string
	dsn      string
	log      *slog.Logger
	mu       sync.RWMutex
	onPurge  []func(keys []string, local bool)
	// localCommits counts this process's committed changes (see pollContentSeq).
	localCommits atomic.Int64
}

func newBus(dsn string, log *slog.Logger) *bus {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return &bus{instance: hex.EncodeToString(b[:]), dsn: dsn, log: log}
}

// subscribe adds a purge listener.
func (b *bus) subscribe(fn func(keys []string, local bool)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.onPurge = append(b.onPurge, fn)
}

// deliver calls the purge listeners.
func (b *bus) deliver(keys []string, local bool) {
	b.mu.RLock()
	fns := b.onPurge
	b.mu.RUnlock()
	for _, fn := range fns {
		fn(keys, local)
	}
}

// payload is the NOTIFY payload announcing keys: "INSTANCE KEY KEY …" (keys never
// contain spaces).
func (b *bus) payload(keys []string) string { return notifyPayload(b.instance, keys) }

func notifyPayload(instance string, keys []string) string {
	p := instance + " " + strings.Join(keys, " ")
	if len(p) > maxNotifyPayload {
		return instance + " " + cache.All
	}
	return p
}

// parseNotifyPayload splits a payload into the sending instance and the keys.
func parseNotifyPayload(p string) (string, []string) {
	f := strings.Fields(p)
	if len(f) == 0 {
		return "", nil
	}
	return f[0], f[1:]
}

// OnPurge registers fn to be called with the surrogate keys of every committed change:
// local is true for a change committed by this process (synchronously, right after the
// commit, before WithTx returns) and false for one announced by another instance
// (Listen). The key cache.All means everything.
func (s *Store) OnPurge(fn func(keys []string, local bool)) { s.bus.subscribe(fn) }

// purged tells the read replica, the memo and the purge listeners of a purge.
func (s *Store) purged(keys []string, local bool) {
	if s.replica != nil {
		s.replica.behind()
	}
	s.memo.purge(keys)
	s.bus.deliver(keys, local)
}

// Listen receives the purges of the other instances sharing a PostgreSQL database and
// passes them to the purge listeners, until ctx ends. It holds one dedicated connection
// (LISTEN needs a session), reconnects on its own with backoff, and after a reconnect
// purges everything, since notifications sent meanwhile are lost. On SQLite, where
// another process (a CLI command) may write the same file, it reads the content
// sequence every second and purges everything when it moved by more than this
// process's own commits.
func (s *Store) Listen(ctx context.Context) {
	if !s.d.postgres {
		s.pollContentSeq(ctx, time.Second)
		return
	}
	s.bus.listen(ctx, func(keys []string) { s.purged(keys, false) })
}

// listen passes the purges other instances announce to purged until ctx ends,
// reconnecting with backoff (see Store.Listen).
func (b *bus) listen(ctx context.Context, purged func(keys []string)) {
	backoff := 100 * time.Millisecond
	for first := true; ctx.Err() == nil; first = false {
		start := time.Now()
		err := b.listenOnce(ctx, !first, purged)
		if ctx.Err() != nil {
			return
		}
		if time.Since(start) > time.Minute {
			backoff = 100 * time.Millisecond
		}
		b.log.Warn("purge_listener_lost", "err", err, "retry_in", backoff.String())
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 10*time.Second)
	}
}

// pollContentSeq purges everything when the content sequence moves by more than this
// process's commits (a change made by another process on the same SQLite file).
func (s *Store) pollContentSeq(ctx context.Context, every time.Duration) {
	lastLocal := s.bus.localCommits.Load()
	lastSeq, err := s.ContentSeq(ctx)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		seq, serr := s.ContentSeq(ctx)
		local := s.bus.localCommits.Load()
		if serr != nil {
			continue
		}
		if err == nil && seq-lastSeq > local-lastLocal {
			s.purged([]string{cache.All}, false)
		}
		lastSeq, lastLocal, err = seq, local, nil
	}
}

// listenOnce connects, listens and dispatches until the connection fails.
func (b *bus) listenOnce(ctx context.Context, again bool, purged func(keys []string)) error {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	conn, err := pgx.Connect(cctx, b.dsn)
	cancel()
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+notifyChannel); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	b.log.Debug("purge_listener_ready")
	if again {
		purged([]string{cache.All}) // what was announced while we were away is unknown
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("wait for notification: %w", err)
		}
		from, keys := parseNotifyPayload(n.Payload)
		if from == b.instance || len(keys) == 0 {
			continue // ours: purged at commit already
		}
		purged(keys)
	}
}
