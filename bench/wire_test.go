package bench_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/bench/wire"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// The wire on SQLite (bench/cmd/wirebench takes a PostgreSQL URL too):
//
//	go test ./bench -run XXX -bench Wire -benchtime 20x
const wireSubscribers = 1000

func wireEnv(b *testing.B) *wire.Env {
	b.Helper()
	e, err := wire.Setup(context.Background(), filepath.Join(b.TempDir(), "wire.db"), wireSubscribers,
		syndication.DeliveryConfig{Loops: 2, Batch: 200, Concurrency: 64, Poll: 50 * time.Millisecond})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(e.Close)
	return e
}

// BenchmarkWirePublish1000 publishes one story that fans out to 1,000 subscribers'
// webhooks: the wire version and the 1,000 outbox rows are written in the publishing
// transaction, so this is the publication's whole cost.
func BenchmarkWirePublish1000(b *testing.B) {
	e := wireEnv(b)
	ctx := context.Background()
	ids := make([]int64, b.N)
	for i := range ids {
		id, err := e.Draft(ctx, i)
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = id
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := e.Newsroom.Publish(ctx, e.Editor, ids[i]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWireDelivery delivers b.N publications × 1,000 webhooks from the outbox to a
// receiver on 127.0.0.1 and reports webhooks per second.
func BenchmarkWireDelivery(b *testing.B) {
	e := wireEnv(b)
	ctx := context.Background()
	if _, err := e.Publish(ctx, b.N); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	got, elapsed, err := e.Deliver(ctx, int64(b.N*wireSubscribers), 5*time.Minute)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(got)/elapsed.Seconds(), "webhooks/s")
}

// BenchmarkWireBackfill gives every story of a copy of the generated edition its first wire
// version, as `serve` does once on an edition made before the wire (or by an import), and
// reports stories per second.
func BenchmarkWireBackfill(b *testing.B) {
	ctx := context.Background()
	src := getSite(b, "sqlite").st
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "backfill.db")
		if _, err := src.BackupSQLite(ctx, path); err != nil {
			b.Fatal(err)
		}
		st, err := app.OpenStore(ctx, path, discard())
		if err != nil {
			b.Fatal(err)
		}
		w := syndication.New(syndication.Config{Store: st, BaseURL: "http://wire.bench"})
		b.StartTimer()
		start := time.Now()
		n, err := w.Backfill(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "stories/s")
		b.StopTimer()
		st.Close()
	}
}
