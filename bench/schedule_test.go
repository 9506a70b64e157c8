package bench_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/bench/wire"
	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// BenchmarkScheduledToPublic schedules b.N stories at odd times 150–450 ms apart and
// runs the scheduler on the real clock (SQLite, 100 wire subscribers with webhooks, so
// each release also writes 100 outbox rows); it reports, from each story's scheduled
// time to the commit that made it public (its purge, after which pages, feeds and the
// wire pull show it), the p50, p99 and max in ms. On PostgreSQL too when
// NEWSDESK_BENCH_SCHEDULE_PG holds the URL of a database whose user may create databases
// (each run makes a fresh one beside it):
//
//	go test ./bench -run XXX -bench ScheduledToPublic -benchtime 200x
func BenchmarkScheduledToPublic(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { scheduledToPublic(b, filepath.Join(b.TempDir(), "schedule.db")) })
	if url := os.Getenv("NEWSDESK_BENCH_SCHEDULE_PG"); url != "" {
		b.Run("postgres", func(b *testing.B) { scheduledToPublic(b, freshPostgres(b, url)) })
	}
}

func scheduledToPublic(b *testing.B, dsn string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e, err := wire.Setup(ctx, dsn, 100, syndication.DeliveryConfig{})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	ids := make([]int64, b.N)
	for i := range ids {
		if ids[i], err = e.Draft(ctx, i); err != nil {
			b.Fatal(err)
		}
	}
	var mu sync.Mutex
	releasing := map[string]bool{} // keys of stories released in a transaction not yet purged
	public := map[string]time.Time{}
	all := make(chan struct{})
	e.Newsroom.OnChange(func(_ context.Context, _ newsroom.Tx, id int64, event string) error {
		if event == newsroom.EventRelease {
			mu.Lock()
			releasing[cache.ArticleKey(id)] = true
			mu.Unlock()
		}
		return nil
	})
	e.St.OnPurge(func(keys []string, _ bool) { // right after the commit
		at := time.Now()
		mu.Lock()
		defer mu.Unlock()
		for _, k := range keys {
			if releasing[k] && public[k].IsZero() {
				public[k] = at
				if len(public) == b.N {
					close(all)
				}
			}
		}
	})
	done := make(chan struct{})
	go func() { e.Newsroom.RunScheduler(ctx, nil); close(done) }()
	defer func() { cancel(); <-done }()

	b.ResetTimer()
	due := make([]time.Time, b.N)
	at := time.Now().Add(time.Second + time.Duration(b.N)*20*time.Millisecond) // after the scheduling below
	for i, id := range ids {
		at = at.Add(150*time.Millisecond + rand.N(300*time.Millisecond)) // #nosec G404 -- spacing, not a secret
		due[i] = at.Truncate(time.Microsecond)
		if _, err := e.Newsroom.Schedule(ctx, e.Editor, id, due[i]); err != nil {
			b.Fatal(err)
		}
	}
	select {
	case <-all:
	case <-time.After(time.Until(at) + time.Minute):
		b.Fatal("not every scheduled story was published within a minute of the last one's time")
	}
	b.StopTimer()
	lat := make([]time.Duration, b.N)
	mu.Lock()
	for i, id := range ids {
		lat[i] = public[cache.ArticleKey(id)].Sub(due[i])
	}
	mu.Unlock()
	slices.Sort(lat)
	q := func(p float64) float64 { return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))]) / 1e6 }
	b.ReportMetric(q(0.5), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1])/1e6, "max-ms")
	b.ReportMetric(float64(lat[0])/1e6, "min-ms")
	b.ReportMetric(0, "ns/op")
}

// freshPostgres creates an empty database next to the one admin names and returns its URL.
func freshPostgres(b *testing.B, admin string) string {
	b.Helper()
	u, err := url.Parse(admin)
	if err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("bench_schedule_%d", time.Now().UnixNano())
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil { // #nosec G202 -- a name made here
		b.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
