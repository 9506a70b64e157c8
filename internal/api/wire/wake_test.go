package wire_test

import (
	"bufio"
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestWakeAfterCommit: a publication on one instance reaches the live streams of that
// instance and of another instance on the same database, and the other instance's outbox
// workers, through the wake-up that follows its commit. Every poll period and heartbeat is
// an hour, so nothing but that wake-up can make them look before the test's deadline.
func TestWakeAfterCommit(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second) // a failure guard only
		defer cancel()
		const never = time.Hour
		idle := syndication.DeliveryConfig{Poll: never, Loops: 2}
		a := serveWire(t, testkit.NewWireEnv(t, dsn, syndication.Config{StreamPoll: never, Delivery: idle}), never)

		// Instance B: its own store on the same database, hearing A's commits (Listen).
		stB := testkit.Open(t, dsn, store.Options{})
		r := testkit.NewReceiver(t)
		svcB := syndication.New(syndication.Config{Store: stB, BaseURL: "http://wire.test", StreamPoll: never, Delivery: idle})
		b := serveWire(t, &testkit.WireEnv{St: stB, Wire: svcB}, never)
		var heard atomic.Int64
		stB.OnPurge(func(_ []string, local bool) {
			if !local {
				heard.Add(1)
			}
		})
		lctx, stopListen := context.WithCancel(ctx)
		defer stopListen()
		go stB.Listen(lctx)
		wctx, stopWorkers := context.WithCancel(ctx)
		workersDone := make(chan struct{})
		go func() { svcB.RunDelivery(wctx); close(workersDone) }()
		defer func() { stopWorkers(); <-workersDone }()

		sub, key := a.Subscriber(t, "Live", []string{"politics"}, []string{"en"})
		if _, err := a.Wire.AddWebhook(ctx, syndication.WebhookInput{SubscriberID: sub.ID, URL: r.URL}); err != nil {
			t.Fatal(err)
		}
		// B hears A's commits before the story goes out (a story this subscriber does not
		// take: it is neither streamed to it nor delivered).
		testkit.Eventually(t, 30*time.Second, "instance B hears instance A's commits", func() bool {
			a.Publish(t, testkit.Story{Headline: "Not for this key", Section: "economy"})
			return heard.Load() > 0
		})

		ra, rb := a.stream(t, ctx, key, ""), b.stream(t, ctx, key, "")
		a.Publish(t, testkit.Story{Headline: "Woken after the commit"})
		for name, r := range map[string]*bufio.Reader{"A": ra, "B": rb} {
			evs := readEvents(t, r, 1)
			if evs[0].typ != "release" || !strings.Contains(evs[0].data, "Woken after the commit") {
				t.Errorf("instance %s streamed %+v", name, evs[0])
			}
		}
		testkit.Eventually(t, 30*time.Second, "the webhook from instance B's workers", func() bool { return len(r.Got()) == 1 })
		a.h.Shutdown()
		b.h.Shutdown()
	})
}
