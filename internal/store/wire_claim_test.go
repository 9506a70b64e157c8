package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestWireClaimTwoInstances lets two instances (two stores on one database, two workers
// each) drain thousands of outbox rows at once, first from a fresh outbox whose workers
// had polled it while it was empty, then from a long-lived one (its earlier rows
// delivered, its statistics analysed): every row is claimed exactly once, no claim takes
// more than its limit, and every row ends delivered.
func TestWireClaimTwoInstances(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a := testkit.Store(t, dsn)
		b := testkit.Open(t, dsn, store.Options{})
		f := seed(t, a)
		const subs, versions, limit = 100, 25, 40
		for i := range subs {
			wireSub(t, a, fmt.Sprintf("s%03d", i), []string{"*"}, []string{"*"}, 1)
		}
		delivered := int64(0)
		for _, round := range []string{"fresh", "analysed"} {
			t.Run(round, func(t *testing.T) {
				if round == "fresh" {
					// Idle workers poll the empty outbox, as they do between publications.
					for range 10 {
						for _, st := range []*store.Store{a, b} {
							if ds, err := st.ClaimWireDeliveries(ctx, "idle", time.Now(), time.Now().Add(time.Hour), limit); err != nil || len(ds) != 0 {
								t.Fatalf("empty outbox: %d rows, %v", len(ds), err)
							}
						}
					}
				} else if err := a.Analyze(ctx); err != nil {
					t.Fatal(err)
				}
				want := int64(0)
				for range versions {
					_, n := addVersion(t, a, f.lead, "politics", "en")
					want += n
				}
				var mu sync.Mutex
				owner := map[int64]string{}
				var wg sync.WaitGroup
				for _, inst := range []struct {
					name string
					st   *store.Store
				}{{"a", a}, {"b", b}} {
					for w := range 2 {
						wg.Add(1)
						go func() {
							defer wg.Done()
							worker := fmt.Sprintf("%s%d", inst.name, w)
							for i := 0; ; i++ {
								claim := fmt.Sprintf("%s-%s-%d", round, worker, i)
								now := time.Now()
								ds, err := inst.st.ClaimWireDeliveries(ctx, claim, now, now.Add(time.Hour), limit)
								if err != nil {
									t.Error(err)
									return
								}
								if len(ds) == 0 {
									return
								}
								if len(ds) > limit {
									t.Errorf("claim %s took %d rows, limit %d", claim, len(ds), limit)
								}
								res := make([]syndication.Result, len(ds))
								mu.Lock()
								for j, d := range ds {
									if prev, ok := owner[d.ID]; ok {
										t.Errorf("delivery %d claimed by %s and %s", d.ID, prev, worker)
									}
									owner[d.ID] = worker
									res[j] = syndication.Result{ID: d.ID, SubscriberID: d.SubscriberID, Delivered: true, Status: 200}
								}
								mu.Unlock()
								if err := inst.st.FinishWireDeliveries(ctx, claim, res, time.Now()); err != nil {
									t.Error(err)
									return
								}
							}
						}()
					}
				}
				wg.Wait()
				delivered += want
				if int64(len(owner)) != want {
					t.Errorf("%d deliveries claimed, want %d", len(owner), want)
				}
				byInstance := map[byte]int{}
				for _, w := range owner {
					byInstance[w[0]]++
				}
				t.Logf("%d rows: instance a claimed %d, b %d", want, byInstance['a'], byInstance['b'])
				if s, err := a.WireOutboxStats(ctx); err != nil || s.Pending != 0 || s.Delivered != delivered {
					t.Errorf("outbox %+v (%v), want 0 pending and %d delivered", s, err, delivered)
				}
			})
		}
	})
}
