package store_test

import (
	"context"
	"sync"
	"testing"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestReadSnapshot: inside a ReadSnapshot a page reads the database as it was at its
// first read (on SQLite), a value read from it is not kept in the memo once a purge has
// passed, and Detached reads see the latest commit. On PostgreSQL reads are as usual.
func TestReadSnapshot(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		set := func(v string) {
			t.Helper()
			if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetSetting(ctx, "show_agency_meta", v) }); err != nil {
				t.Fatal(err)
			}
		}
		set("0")
		postgres := st.Dialect() == "postgres"
		ran := false
		st.ReadSnapshot(ctx, func(ctx context.Context) {
			ran = true
			a, err := st.PublicArticle(ctx, "en", "lead", f.now) // the snapshot's first read
			if err != nil {
				t.Fatal(err)
			}
			if err := st.WithTx(context.Background(), func(tx *store.Tx) error { return tx.AddCorrection(ctx, a.ID, "A date was wrong.", 0, f.now) }); err != nil {
				t.Fatal(err)
			}
			set("1") // purges the memo
			b, err := st.PublicArticle(ctx, "en", "lead", f.now)
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{false: 0, true: 1}[postgres]; len(b.Corrections) != want {
				t.Errorf("inside the snapshot: %d corrections, want %d", len(b.Corrections), want)
			}
			v, err := st.Setting(ctx, "show_agency_meta", "")
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]string{false: "0", true: "1"}[postgres]; v != want {
				t.Errorf("setting inside the snapshot = %q, want %q", v, want)
			}
			if v, _ := st.Setting(store.Detached(ctx), "show_agency_meta", ""); v != "1" {
				t.Errorf("detached setting = %q, want 1", v)
			}
		})
		if !ran {
			t.Fatal("fn did not run")
		}
		// The old value read inside the snapshot was not kept.
		if v, _ := st.Setting(ctx, "show_agency_meta", ""); v != "1" {
			t.Errorf("setting after the snapshot = %q, want 1", v)
		}
		a, err := st.PublicArticle(ctx, "en", "lead", f.now)
		if err != nil || len(a.Corrections) != 1 {
			t.Errorf("after the snapshot: %d corrections, %v", len(a.Corrections), err)
		}
	})
}

// TestReadSnapshotsBounded: more pages at once than snapshot slots all run (the others
// read without a snapshot) and nothing waits for a connection forever, even when each
// page also reads outside its snapshot.
func TestReadSnapshotsBounded(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for range 24 {
			wg.Go(func() {
				st.ReadSnapshot(ctx, func(ctx context.Context) {
					<-start
					if _, err := st.PublicArticle(ctx, "en", "lead", f.now); err != nil {
						t.Error(err)
					}
					if _, err := st.PublicArticle(store.Detached(ctx), "en", "lead", f.now); err != nil {
						t.Error(err)
					}
				})
			})
		}
		close(start)
		wg.Wait()
	})
}
