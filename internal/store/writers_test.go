package store_test

import (
	"context"
	"strconv"
	"sync"
	"testing"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestWritersTakeTurns: writers that loop (as the wire backfill does, batch after batch)
// do not starve another one. On SQLite each transaction waits in line for the one write
// lock; before, the looping writer took SQLite's lock again before the waiting one's busy
// handler woke, and the scheduler failed with "database is locked" after ten seconds.
func TestWritersTakeTurns(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var wg sync.WaitGroup
		loopErr := make(chan error, 3)
		for w := range 3 {
			wg.Add(1)
			go func() { // a looping writer: batches of writes until the other one is done
				defer wg.Done()
				for i := 0; ctx.Err() == nil; i++ {
					err := st.WithTx(ctx, func(tx *store.Tx) error {
						for j := range 50 {
							if err := tx.SetSetting(ctx, "loop_writer_"+strconv.Itoa(w*100+j), strconv.Itoa(i)); err != nil {
								return err
							}
						}
						return nil
					})
					if err != nil && ctx.Err() == nil {
						select {
						case loopErr <- err:
						default:
						}
						return
					}
				}
			}()
		}
		for i := range 40 {
			if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetSetting(ctx, "other_writer", strconv.Itoa(i)) }); err != nil {
				t.Fatalf("write %d beside a looping writer: %v", i, err)
			}
		}
		cancel()
		wg.Wait()
		select {
		case err := <-loopErr:
			t.Fatalf("the looping writer: %v", err)
		default:
		}
	})
}
