package store_test

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// purgeLog collects what a Store's purge listeners are given.
type purgeLog struct {
	mu    sync.Mutex
	calls [][]string
	local []bool
}

func (p *purgeLog) record(keys []string, local bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, keys)
	p.local = append(p.local, local)
}

func (p *purgeLog) last() ([]string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.calls) == 0 {
		return nil, false
	}
	return p.calls[len(p.calls)-1], p.local[len(p.local)-1]
}

// all returns the keys of every purge so far, oldest first.
func (p *purgeLog) all() [][]string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.calls)
}

func (p *purgeLog) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls, p.local = nil, nil
}

// TestPurgeKeys: each write purges the keys of the pages that show what it changed, old
// and new, once it commits; a rolled-back write purges nothing.
func TestPurgeKeys(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		var log purgeLog
		st.OnPurge(log.record)
		a := func(id int64) string { return cache.ArticleKey(id) }
		tests := []struct {
			name    string
			write   func(tx *store.Tx) error
			want    []string // keys that must be purged
			notWant []string
		}{
			{"unpublish the lead", func(tx *store.Tx) error {
				return tx.SetStatus(ctx, f.lead, content.StatusUnpublished, f.now)
			}, []string{a(f.lead), a(f.leadRU), cache.HomeKey("en"), cache.SectionKey(f.politics.ID, "en"), cache.Sitemaps,
				cache.AuthorKey(f.author), cache.BriefsKey(f.politics.ID, "en")}, []string{cache.All, cache.HomeKey("ru")}},
			{"edit a draft", func(tx *store.Tx) error {
				return tx.ChangeSlug(ctx, f.draft, "draft-two")
			}, []string{a(f.draft)}, []string{cache.HomeKey("en"), cache.Sitemaps}},
			{"review closed", func(tx *store.Tx) error {
				return tx.SetReviewsClosed(ctx, f.leadRU, true)
			}, []string{cache.ReviewsKey(f.leadRU)}, []string{a(f.leadRU)}},
			{"brief", func(tx *store.Tx) error {
				_, err := tx.CreateBrief(ctx, content.Brief{Language: "en", Section: f.economy, Text: "New", PublishedAt: f.now})
				return err
			}, []string{cache.BriefsKey(f.economy.ID, "en"), cache.HomeKey("en")}, []string{cache.SectionKey(f.politics.ID, "en")}},
			{"setting", func(tx *store.Tx) error { return tx.SetSetting(ctx, "show_agency_meta", "1") }, []string{cache.All}, nil},
		}
		for _, tc := range tests {
			log.reset()
			if err := st.WithTx(ctx, tc.write); err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			keys, local := log.last()
			if !local {
				t.Errorf("%s: no local purge", tc.name)
			}
			for _, k := range tc.want {
				if !slices.Contains(keys, k) {
					t.Errorf("%s: keys %v lack %s", tc.name, keys, k)
				}
			}
			for _, k := range tc.notWant {
				if slices.Contains(keys, k) {
					t.Errorf("%s: keys %v include %s", tc.name, keys, k)
				}
			}
		}
		// Tags: the lead's tags are purged with it (read before the change).
		log.reset()
		if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetStatus(ctx, f.leadRU, content.StatusUnpublished, f.now) }); err != nil {
			t.Fatal(err)
		}
		keys, _ := log.last()
		tags := 0
		for _, k := range keys {
			if len(k) > 4 && k[:4] == "tag:" {
				tags++
			}
		}
		if tags != 2 {
			t.Errorf("unpublishing a story with two tags purged %d tag keys: %v", tags, keys)
		}
		// A write that fails purges nothing.
		log.reset()
		_ = st.WithTx(ctx, func(tx *store.Tx) error {
			_ = tx.SetStatus(ctx, f.lead, content.StatusPublished, f.now)
			return context.Canceled
		})
		if keys, _ := log.last(); keys != nil {
			t.Errorf("a rolled-back write purged %v", keys)
		}
	})
}

// TestListen: a purge committed on one Store reaches another on the same PostgreSQL
// database through NOTIFY, and a listener that loses its connection reconnects and
// purges everything.
func TestListen(t *testing.T) {
	dsn := pgtest.New(t)
	a, b := testkit.Open(t, dsn, store.Options{}), testkit.Open(t, dsn, store.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := a.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var got purgeLog
	b.OnPurge(got.record)
	go b.Listen(ctx)
	wait := func(what string, cond func([]string, bool) bool, write func()) {
		t.Helper()
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
			if write != nil {
				write()
			}
			for range 10 {
				if keys, local := got.last(); keys != nil && cond(keys, local) {
					return
				}
				time.Sleep(20 * time.Millisecond)
			}
		}
		t.Fatalf("%s: not received", what)
	}
	n := 0
	wait("notification", func(keys []string, local bool) bool { return !local && slices.Contains(keys, "x"+strconv.Itoa(n)) }, func() {
		n++
		if err := a.WithTx(ctx, func(tx *store.Tx) error { tx.Purge("x"+strconv.Itoa(n), "y"); return nil }); err != nil {
			t.Fatal(err)
		}
	})
	// Cut the listener's connection: it comes back and purges everything.
	got.reset()
	if _, err := a.DB().ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	wait("purge after reconnect", func(keys []string, _ bool) bool { return slices.Contains(keys, cache.All) }, nil)
	got.reset()
	wait("notification after reconnect", func(keys []string, local bool) bool { return !local && slices.Contains(keys, "z") }, func() {
		_ = a.WithTx(ctx, func(tx *store.Tx) error { tx.Purge("z"); return nil })
	})
}

// TestReadReplica: with --db-read, public reads work through the read pool (here the
// primary itself, which reports no replay position), also right after a purge.
func TestReadReplica(t *testing.T) {
	dsn := pgtest.New(t)
	st, err := store.Open(context.Background(), dsn, store.Options{ReadDSN: dsn})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	f := seed(t, st)
	pub := store.PublicRead(ctx)
	for range 3 {
		if _, err := st.PublicArticle(pub, "en", "lead", f.now); err != nil {
			t.Fatal(err)
		}
		if err := st.WithTx(ctx, func(tx *store.Tx) error { tx.Purge("k"); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.Open(ctx, t.TempDir()+"/x.db", store.Options{ReadDSN: dsn}); err == nil {
		t.Error("--db-read with SQLite was accepted")
	}
}
