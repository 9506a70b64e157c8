package syndication_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/validate"
)

// fast is a delivery schedule for tests: retries within milliseconds.
func fast(maxAge time.Duration) syndication.DeliveryConfig {
	return syndication.DeliveryConfig{Poll: 20 * time.Millisecond, Timeout: 500 * time.Millisecond,
		Backoff: syndication.Backoff{Base: 20 * time.Millisecond, Max: 150 * time.Millisecond, MaxAge: maxAge}}
}

// waitFor polls cond until it holds. The deadline, d or two minutes if that is longer,
// only ends a test that hangs: a loaded 2-core machine may take many times d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	d = max(d, 2*time.Minute)
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestDeliveryArrivesSigned publishes to four webhooks — one down at first, one answering
// 500, one slower than the timeout, one fine — and checks that every version reaches every
// one of them, signed with its secret, with the exact ninjs body of that version.
func TestDeliveryArrivesSigned(t *testing.T) {
	schema := validate.NinjsSchema(t, "2.2")
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		e := testkit.NewWireEnv(t, dsn, syndication.Config{Delivery: fast(time.Minute)})
		down, bringUp := testkit.NewDownReceiver(t)
		failing, slow, fine := testkit.NewReceiver(t), testkit.NewReceiver(t), testkit.NewReceiver(t)
		failing.Set(http.StatusInternalServerError, 0)
		slow.Set(http.StatusOK, 2*time.Second) // longer than the 500 ms timeout
		receivers := map[string]*testkit.Receiver{"down": down, "failing": failing, "slow": slow, "fine": fine}
		secrets := map[string]string{}
		var all syndication.Subscriber
		for name, r := range receivers {
			sub, _ := e.Subscriber(t, name, []string{"*"}, []string{"*"})
			all = sub
			w, err := e.Wire.AddWebhook(ctx, syndication.WebhookInput{SubscriberID: sub.ID, URL: r.URL})
			if err != nil {
				t.Fatal(err)
			}
			secrets[name] = w.Secret
		}
		a := e.Publish(t, testkit.Story{Headline: "First story"})
		e.Publish(t, testkit.Story{Headline: "Second story", Language: "ru", Section: "economy"})
		if _, err := e.Newsroom.Correct(ctx, e.Editor, a.ID, "A name was misspelt."); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Newsroom.Unpublish(ctx, e.Editor, a.ID, ""); err != nil {
			t.Fatal(err)
		}
		const versions = 4

		wctx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { e.Wire.RunDelivery(wctx); close(done) }()
		defer func() { stop(); <-done }()
		time.AfterFunc(400*time.Millisecond, bringUp)
		time.AfterFunc(600*time.Millisecond, func() { failing.Set(http.StatusOK, 0) })
		time.AfterFunc(800*time.Millisecond, func() { slow.Set(http.StatusOK, 100*time.Millisecond) })

		distinct := func(r *testkit.Receiver) int {
			ids := map[string]bool{}
			for _, g := range r.Got() {
				ids[g.Delivery] = true
			}
			return len(ids)
		}
		waitFor(t, 20*time.Second, "every delivery", func() bool {
			for _, r := range receivers {
				if distinct(r) < versions {
					return false
				}
			}
			return true
		})

		page, err := e.Wire.Pull(ctx, all, syndication.PageQuery{})
		if err != nil || len(page.Versions) != versions {
			t.Fatalf("pulled %d versions, %v", len(page.Versions), err)
		}
		byID := map[int64]syndication.Version{}
		for _, v := range page.Versions {
			byID[v.ID] = v
		}
		for name, r := range receivers {
			for _, g := range r.Got() {
				if err := syndication.Verify(secrets[name], g.Timestamp, g.Body, g.Signature, time.Now(), 5*time.Minute); err != nil {
					t.Errorf("%s: delivery %s attempt %d: %v", name, g.Delivery, g.Attempt, err)
				}
				v, ok := byID[g.WireID]
				if !ok {
					t.Errorf("%s: unknown wire id %d", name, g.WireID)
					continue
				}
				want, _ := e.Wire.ItemJSON(v, "2.2")
				if string(g.Body) != string(want) || g.Event != v.Event {
					t.Errorf("%s: body or event of version %d differs from the wire's", name, v.ID)
				}
				schema.Validate(t, name+" delivery", g.Body)
			}
		}
		if n := len(fine.Attempts()); n != versions {
			t.Errorf("the healthy receiver got %d requests for %d deliveries", n, versions)
		}
		for _, name := range []string{"failing", "slow"} {
			if n := len(receivers[name].Attempts()); n <= versions {
				t.Errorf("%s: %d requests; expected retries", name, n)
			}
		}
		waitFor(t, 5*time.Second, "outbox drained", func() bool {
			st, err := e.St.WireOutboxStats(ctx)
			return err == nil && st.Pending == 0 && st.Dead == 0 && st.Delivered == 4*versions
		})
		use, err := e.St.WireUsage(ctx, time.Now().Add(-24*time.Hour), time.Now().Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		delivered := map[string]int64{}
		for _, u := range use {
			delivered[u.SubscriberName] += u.Delivered
		}
		for name := range receivers {
			if delivered[name] != versions {
				t.Errorf("usage: %s delivered %d, want %d", name, delivered[name], versions)
			}
		}
	})
}

// TestDeadLetterRetry lets a delivery fail until its window closes, then retries it from
// the dead letters, as the newsroom's "retry" button does.
func TestDeadLetterRetry(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		e := testkit.NewWireEnv(t, dsn, syndication.Config{Delivery: fast(300 * time.Millisecond)})
		r := testkit.NewReceiver(t)
		r.Set(http.StatusServiceUnavailable, 0)
		sub, _ := e.Subscriber(t, "Flaky", []string{"politics"}, []string{"en"})
		if _, err := e.Wire.AddWebhook(ctx, syndication.WebhookInput{SubscriberID: sub.ID, URL: r.URL}); err != nil {
			t.Fatal(err)
		}
		e.Publish(t, testkit.Story{Headline: "Will die"})
		e.Publish(t, testkit.Story{Headline: "Not for this subscriber", Section: "economy"})
		waitFor(t, 10*time.Second, "dead letter", func() bool {
			if _, err := e.Wire.DeliverDue(ctx); err != nil {
				t.Fatal(err)
			}
			st, _ := e.St.WireOutboxStats(ctx)
			return st.Dead == 1
		})
		// At least one attempt: how many fit in the window depends on how busy the machine is.
		dead, err := e.St.DeadWireDeliveries(ctx, 10)
		if err != nil || len(dead) != 1 || dead[0].LastStatus != 503 || dead[0].Attempts < 1 || dead[0].SubscriberName != "Flaky" {
			t.Fatalf("dead letters %+v, %v", dead, err)
		}
		r.Set(http.StatusNoContent, 0)
		now := time.Now()
		if err := e.St.WithTx(ctx, func(tx *store.Tx) error {
			return tx.RetryWireDelivery(ctx, dead[0].ID, now, now.Add(time.Minute))
		}); err != nil {
			t.Fatal(err)
		}
		if n, err := e.Wire.DeliverDue(ctx); err != nil || n != 1 {
			t.Fatalf("retry claimed %d, %v", n, err)
		}
		if got := r.Got(); len(got) != 1 || got[0].Attempt != dead[0].Attempts+1 {
			t.Errorf("after retry got %+v", got)
		}
		st, _ := e.St.WireOutboxStats(ctx)
		if st.Dead != 0 || st.Delivered != 1 {
			t.Errorf("outbox after retry %+v", st)
		}
		if err := e.St.WithTx(ctx, func(tx *store.Tx) error {
			return tx.RetryWireDelivery(ctx, dead[0].ID, now, now)
		}); err == nil {
			t.Error("retrying a delivered row succeeded")
		}
	})
}

// TestInstancesShareOutbox runs the workers of two instances on one database against a
// receiver that fails now and then: every delivery arrives exactly once, and no attempt
// (delivery id, attempt number) is ever made twice.
func TestInstancesShareOutbox(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		cfg := fast(time.Minute)
		cfg.Batch, cfg.Loops = 7, 2
		e := testkit.NewWireEnv(t, dsn, syndication.Config{Delivery: cfg})
		st2, err := store.Open(ctx, dsn, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st2.Close()
		other := syndication.New(syndication.Config{Store: st2, BaseURL: "http://wire.test", Delivery: cfg})

		r := testkit.NewReceiver(t)
		var mu sync.Mutex
		n := 0
		flaky := func() { // every seventh request fails
			mu.Lock()
			defer mu.Unlock()
			n++
			if n%7 == 0 {
				r.Set(http.StatusBadGateway, 0)
			} else {
				r.Set(http.StatusOK, 0)
			}
		}
		const subs, stories = 30, 6
		for i := range subs {
			sub, _ := e.Subscriber(t, fmt.Sprintf("S%02d", i), []string{"*"}, []string{"en"})
			if _, err := e.Wire.AddWebhook(ctx, syndication.WebhookInput{SubscriberID: sub.ID, URL: r.URL}); err != nil {
				t.Fatal(err)
			}
		}
		wctx, stop := context.WithCancel(ctx)
		var wg sync.WaitGroup
		for _, svc := range []*syndication.Service{e.Wire, other} {
			wg.Add(1)
			go func() { defer wg.Done(); svc.RunDelivery(wctx) }()
		}
		tick := time.NewTicker(5 * time.Millisecond)
		go func() {
			for range tick.C {
				flaky()
			}
		}()
		for i := range stories {
			e.Publish(t, testkit.Story{Headline: fmt.Sprintf("Shared outbox story %d", i)})
		}
		waitFor(t, 30*time.Second, "all deliveries", func() bool { return len(r.Got()) >= subs*stories })
		time.Sleep(100 * time.Millisecond)
		stop()
		wg.Wait()
		tick.Stop()

		seen := map[string]int{}
		for _, a := range r.Attempts() {
			key := fmt.Sprintf("%s#%d", a.Delivery, a.Attempt)
			if seen[key]++; seen[key] == 2 {
				t.Errorf("attempt %s made twice", key)
			}
		}
		okay := map[string]int{}
		for _, g := range r.Got() {
			okay[g.Delivery]++
		}
		if len(okay) != subs*stories {
			t.Errorf("%d distinct deliveries arrived, want %d", len(okay), subs*stories)
		}
		for id, c := range okay {
			if c != 1 {
				t.Errorf("delivery %s arrived %d times", id, c)
			}
		}
	})
}
