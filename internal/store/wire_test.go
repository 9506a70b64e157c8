package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// wireSub creates a subscriber scoped to sections × languages, with webhooks webhook URLs.
func wireSub(t *testing.T, st *store.Store, name string, sections, languages []string, webhooks int) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	err := st.WithTx(ctx, func(tx *store.Tx) error {
		var err error
		id, err = tx.CreateWireSubscriber(ctx, syndication.Subscriber{Name: name, Sections: sections, Languages: languages,
			RatePerMinute: 60, CreatedAt: time.Now()}, "hash-"+name)
		for i := 0; err == nil && i < webhooks; i++ {
			_, err = tx.CreateWireWebhook(ctx, syndication.Webhook{SubscriberID: id, URL: fmt.Sprintf("https://%s.test/%d", name, i),
				Secret: "s", Ninjs: "2.2", CreatedAt: time.Now()})
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// addVersion records a wire version of article as one publishing transaction would, and
// enqueues its deliveries.
func addVersion(t testing.TB, st *store.Store, article int64, section, lang string) (syndication.Version, int64) {
	t.Helper()
	ctx := context.Background()
	v := syndication.Version{ArticleID: article, Event: "release", Section: section, Language: lang, PubStatus: "usable",
		CreatedAt: time.Now(), Item: []byte(`{}`)}
	var n int64
	err := st.WithTx(ctx, func(tx *store.Tx) error {
		if err := tx.LockWire(ctx); err != nil {
			return err
		}
		var err error
		if v, err = tx.InsertWireVersion(ctx, v); err != nil {
			return err
		}
		n, err = tx.EnqueueWireDeliveries(ctx, v, time.Now(), time.Now().Add(time.Hour))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return v, n
}

func TestWireSourceAndScopes(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		src, err := st.WireSource(ctx, f.lead)
		if err != nil {
			t.Fatal(err)
		}
		if src.Article.Headline != "Headline lead" || len(src.Article.Tags) != 2 || src.Brief == nil || src.Brief.Text != "Brief text" ||
			len(src.Translations) != 1 || src.Translations[0].ArticleID != f.leadRU || src.Translations[0].Language != "ru" {
			t.Errorf("WireSource(lead) = %+v", src)
		}

		politicsEN := wireSub(t, st, "politics-en", []string{"politics"}, []string{"en"}, 2)
		anyRU := wireSub(t, st, "any-ru", []string{"*"}, []string{"ru"}, 1)
		economyAny := wireSub(t, st, "economy-any", []string{"economy"}, []string{"*"}, 1)
		all := wireSub(t, st, "all", []string{"*"}, []string{"*"}, 1)
		revoked := wireSub(t, st, "revoked", []string{"*"}, []string{"*"}, 1)
		removed := wireSub(t, st, "removed", []string{"politics", "economy"}, []string{"en", "ru"}, 1)
		err = st.WithTx(ctx, func(tx *store.Tx) error {
			if err := tx.RevokeWireSubscriber(ctx, revoked, time.Now()); err != nil {
				return err
			}
			hooks, err := st.WireWebhooks(ctx, removed)
			if err != nil {
				return err
			}
			return tx.RemoveWireWebhook(ctx, hooks[0].ID, time.Now())
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			article       int64
			section, lang string
			want          int64
		}{
			{f.lead, "politics", "en", 3},   // politics-en ×2, all
			{f.leadRU, "politics", "ru", 2}, // any-ru, all
			{f.lead, "economy", "ru", 3},    // any-ru, economy-any, all
			{f.lead, "economy", "en", 2},    // economy-any, all
		} {
			if _, n := addVersion(t, st, tc.article, tc.section, tc.lang); n != tc.want {
				t.Errorf("%s/%s enqueued %d deliveries, want %d", tc.section, tc.lang, n, tc.want)
			}
		}
		seen := func(sub int64) []string {
			vs, err := st.WireVersions(ctx, syndication.VersionQuery{SubscriberID: sub, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, v := range vs {
				out = append(out, v.Section+"/"+v.Language)
			}
			return out
		}
		for sub, want := range map[int64]string{politicsEN: "[politics/en]", anyRU: "[politics/ru economy/ru]",
			economyAny: "[economy/ru economy/en]", all: "[politics/en politics/ru economy/ru economy/en]", 999: "[]"} {
			if got := fmt.Sprint(seen(sub)); got != want {
				t.Errorf("subscriber %d sees %s, want %s", sub, got, want)
			}
		}
		vs, err := st.WireVersions(ctx, syndication.VersionQuery{SubscriberID: all, ArticleID: f.lead, Newest: true, Limit: 1})
		if err != nil || len(vs) != 1 || vs[0].Version != 3 || vs[0].Section != "economy" {
			t.Errorf("newest version of lead = %+v, %v", vs, err)
		}
		if _, err := st.WireSubscriberByKey(ctx, "hash-revoked"); err == nil {
			t.Error("a revoked subscriber's key still authenticates")
		}
		if s, err := st.WireSubscriberByKey(ctx, "hash-all"); err != nil || s.Webhooks != 1 || s.Sections[0] != "*" {
			t.Errorf("WireSubscriberByKey = %+v, %v", s, err)
		}
	})
}

// TestWireVersionsCommitInIDOrder holds one publishing transaction open after it took an
// id, lets a second one try to publish meanwhile, and checks that a reader can never see
// the second without the first: the lock makes versions commit in id order, which is what
// makes cursor paging exact.
func TestWireVersionsCommitInIDOrder(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		sub := wireSub(t, st, "reader", []string{"*"}, []string{"*"}, 0)
		ctx := context.Background()
		read := func() []int64 {
			vs, err := st.WireVersions(ctx, syndication.VersionQuery{SubscriberID: sub, Limit: 100})
			if err != nil {
				t.Error(err)
			}
			var ids []int64
			for _, v := range vs {
				ids = append(ids, v.ID)
			}
			return ids
		}
		firstIn, release := make(chan int64), make(chan struct{})
		firstDone := make(chan error)
		go func() {
			firstDone <- st.WithTx(ctx, func(tx *store.Tx) error {
				if err := tx.LockWire(ctx); err != nil {
					return err
				}
				v, err := tx.InsertWireVersion(ctx, syndication.Version{ArticleID: f.lead, Event: "release", Section: "politics",
					Language: "en", PubStatus: "usable", CreatedAt: time.Now(), Item: []byte(`{}`)})
				if err != nil {
					return err
				}
				firstIn <- v.ID
				<-release
				return nil
			})
		}()
		first := <-firstIn
		secondDone := make(chan int64)
		go func() {
			v, _ := addVersion(t, st, f.leadRU, "politics", "ru")
			secondDone <- v.ID
		}()
		time.Sleep(200 * time.Millisecond) // the second publication is waiting now
		if ids := read(); len(ids) != 0 {
			t.Errorf("while the first is uncommitted, a reader sees %v", ids)
		}
		close(release)
		if err := <-firstDone; err != nil {
			t.Fatal(err)
		}
		second := <-secondDone
		if second <= first {
			t.Errorf("second version id %d is not after the first %d", second, first)
		}
		if ids := read(); !slices.Equal(ids, []int64{first, second}) {
			t.Errorf("reader sees %v, want [%d %d]", ids, first, second)
		}
	})
}

// TestWireCursorUnderConcurrentPublishing pages through the wire while four writers
// publish, each holding its transaction open a little after taking its id: the pages,
// put together, are every version exactly once, in order.
func TestWireCursorUnderConcurrentPublishing(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		sub := wireSub(t, st, "reader", []string{"*"}, []string{"*"}, 0)
		ctx := context.Background()
		const writers, each = 4, 15
		var wg sync.WaitGroup
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					err := st.WithTx(ctx, func(tx *store.Tx) error {
						if err := tx.LockWire(ctx); err != nil {
							return err
						}
						_, err := tx.InsertWireVersion(ctx, syndication.Version{ArticleID: f.lead, Event: "update", Section: "politics",
							Language: "en", PubStatus: "usable", CreatedAt: time.Now(), Item: []byte(`{}`)})
						time.Sleep(time.Duration((w+i)%3) * time.Millisecond)
						return err
					})
					if err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		writing := make(chan struct{})
		go func() { wg.Wait(); close(writing) }()
		var got []int64
		after := int64(0)
		for done := false; ; {
			select {
			case <-writing:
				done = true
			default:
			}
			vs, err := st.WireVersions(ctx, syndication.VersionQuery{SubscriberID: sub, After: after, Limit: 4})
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				got = append(got, v.ID)
				after = v.ID
			}
			if done && len(vs) == 0 {
				break
			}
		}
		all, err := st.WireVersions(ctx, syndication.VersionQuery{SubscriberID: sub, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var want []int64
		for _, v := range all {
			want = append(want, v.ID)
		}
		if len(want) != writers*each || !slices.Equal(got, want) {
			t.Errorf("paged %d ids, %d exist; skipped or repeated: got %v want %v", len(got), len(want), got, want)
		}
	})
}

// TestWireClaimIsExclusive lets four workers claim from one outbox at once: every row is
// claimed by exactly one of them.
func TestWireClaimIsExclusive(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		for i := range 50 {
			wireSub(t, st, fmt.Sprintf("s%d", i), []string{"*"}, []string{"*"}, 1)
		}
		for range 6 {
			addVersion(t, st, f.lead, "politics", "en")
		}
		ctx := context.Background()
		var mu sync.Mutex
		owner := map[int64]int{}
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					now := time.Now()
					ds, err := st.ClaimWireDeliveries(ctx, fmt.Sprintf("worker-%d-%d", w, now.UnixNano()), now, now.Add(time.Hour), 9)
					if err != nil {
						t.Error(err)
						return
					}
					if len(ds) == 0 {
						return
					}
					mu.Lock()
					for _, d := range ds {
						if prev, ok := owner[d.ID]; ok {
							t.Errorf("delivery %d claimed by workers %d and %d", d.ID, prev, w)
						}
						owner[d.ID] = w
						if d.Attempt != 1 || d.URL == "" || d.Version.ID == 0 {
							t.Errorf("claimed %+v", d)
						}
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(owner) != 300 {
			t.Errorf("%d deliveries claimed, want 300", len(owner))
		}
		// Leased rows are not due again until the lease ends.
		now := time.Now()
		if ds, err := st.ClaimWireDeliveries(ctx, "late", now.Add(30*time.Minute), now.Add(2*time.Hour), 500); err != nil || len(ds) != 0 {
			t.Errorf("claimed %d leased rows, %v", len(ds), err)
		}
		ds, err := st.ClaimWireDeliveries(ctx, "after-lease", now.Add(2*time.Hour), now.Add(3*time.Hour), 500)
		if err != nil || len(ds) != 300 || ds[0].Attempt != 2 {
			t.Fatalf("after the lease: %d rows, %v", len(ds), err)
		}
		// The first claim's outcome is ignored now that the row was claimed again.
		res := []syndication.Result{{ID: ds[0].ID, SubscriberID: ds[0].SubscriberID, Delivered: true, Status: 200}}
		if err := st.FinishWireDeliveries(ctx, "worker-0-0", res, now); err != nil {
			t.Fatal(err)
		}
		if s, _ := st.WireOutboxStats(ctx); s.Delivered != 0 {
			t.Errorf("a stale claim recorded a delivery: %+v", s)
		}
		if err := st.FinishWireDeliveries(ctx, "after-lease", res, now); err != nil {
			t.Fatal(err)
		}
		if s, _ := st.WireOutboxStats(ctx); s.Delivered != 1 || s.Pending != 299 {
			t.Errorf("outbox %+v", s)
		}
	})
}

// TestWireEnqueueThousand checks the fan-out of one publication to 1,000 subscribers'
// webhooks: one INSERT … SELECT, the count right. Its speed is measured in bench/.
func TestWireEnqueueThousand(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			for i := range 1200 {
				secs, langs := []string{"politics"}, []string{"en"}
				if i >= 1000 {
					secs = []string{"economy"} // not matching
				}
				id, err := tx.CreateWireSubscriber(ctx, syndication.Subscriber{Name: fmt.Sprint(i), Sections: secs, Languages: langs,
					RatePerMinute: 60, CreatedAt: time.Now()}, fmt.Sprint("k", i))
				if err != nil {
					return err
				}
				if _, err := tx.CreateWireWebhook(ctx, syndication.Webhook{SubscriberID: id, URL: "https://x.test/", Secret: "s",
					Ninjs: "2.2", CreatedAt: time.Now()}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			start := time.Now()
			_, n := addVersion(t, st, f.lead, "politics", "en")
			if n != 1000 {
				t.Errorf("enqueued %d, want 1000", n)
			}
			t.Logf("%s: one publication enqueued %d deliveries in %v (transaction included)", st.Dialect(), n, time.Since(start))
		}
	})
}

func TestWireUsage(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sub := wireSub(t, st, "meter", []string{"*"}, []string{"*"}, 0)
		day1 := time.Date(2026, 3, 1, 23, 59, 0, 0, time.UTC)
		for _, at := range []time.Time{day1, day1, day1.Add(2 * time.Minute)} {
			if err := st.AddWireUsage(ctx, sub, at, 10, 1); err != nil {
				t.Fatal(err)
			}
		}
		use, err := st.WireUsage(ctx, day1.Add(-48*time.Hour), day1.Add(48*time.Hour))
		if err != nil || len(use) != 2 {
			t.Fatalf("usage %+v, %v", use, err)
		}
		if use[0].ItemsPulled != 20 || use[0].Requests != 2 || !use[0].Day.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) ||
			use[1].ItemsPulled != 10 || use[0].SubscriberName != "meter" {
			t.Errorf("usage %+v", use)
		}
	})
}

// TestWireRevokeAndOrphans drops a revoked subscriber's pending deliveries, and
// dead-letters a claimed row whose webhook is gone instead of claiming it for ever.
func TestWireRevokeAndOrphans(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		gone := wireSub(t, st, "gone", []string{"*"}, []string{"*"}, 1)
		wireSub(t, st, "kept", []string{"*"}, []string{"*"}, 1)
		wireSub(t, st, "orphan", []string{"*"}, []string{"*"}, 1)
		if _, n := addVersion(t, st, f.lead, "politics", "en"); n != 3 {
			t.Fatalf("enqueued %d", n)
		}
		if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.RevokeWireSubscriber(ctx, gone, time.Now()) }); err != nil {
			t.Fatal(err)
		}
		if s, _ := st.WireOutboxStats(ctx); s.Pending != 2 {
			t.Errorf("after revoking: %+v, want 2 pending", s)
		}
		if _, err := st.DB().ExecContext(ctx, "DELETE FROM wire_webhooks WHERE url LIKE 'https://orphan.test/%'"); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		ds, err := st.ClaimWireDeliveries(ctx, "c1", now, now.Add(time.Hour), 10)
		if err != nil || len(ds) != 1 || !strings.HasPrefix(ds[0].URL, "https://kept.test/") {
			t.Fatalf("claimed %+v, %v", ds, err)
		}
		if s, _ := st.WireOutboxStats(ctx); s.Dead != 1 {
			t.Errorf("orphaned row not dead-lettered: %+v", s)
		}
	})
}
