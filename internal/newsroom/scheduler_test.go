package newsroom_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// drivenClock is the scheduler's clock in these tests: time moves only when the test
// fires the scheduler's latest timer, so what the clock reads during a run is known.
type drivenClock struct {
	mu      sync.Mutex
	t       time.Time
	calls   int       // After calls so far: each is a scheduler that finished a run and sleeps
	last    time.Time // the deadline of the latest After
	waiters []drivenWaiter
}

type drivenWaiter struct {
	at time.Time
	ch chan time.Time
}

func newDrivenClock(t time.Time) *drivenClock {
	return &drivenClock{t: t.UTC().Truncate(time.Microsecond)}
}

func (c *drivenClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *drivenClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	c.calls++
	c.last = c.t.Add(d)
	if d <= 0 {
		ch <- c.t
		return ch
	}
	c.waiters = append(c.waiters, drivenWaiter{c.last, ch})
	return ch
}

// set moves the clock to at (never back) and fires the timers due by then.
func (c *drivenClock) set(at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if at.After(c.t) {
		c.t = at
	}
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if w.at.After(c.t) {
			kept = append(kept, w)
			continue
		}
		w.ch <- c.t
	}
	c.waiters = kept
}

// asleep waits until the scheduler has gone to sleep more than after times and
// returns how often it has and until when it sleeps now.
func (c *drivenClock) asleep(t *testing.T, after int) (int, time.Time) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		c.mu.Lock()
		n, last := c.calls, c.last
		c.mu.Unlock()
		if n > after {
			return n, last
		}
	}
	t.Fatalf("the scheduler did not go to sleep again after %d sleeps", after)
	return 0, time.Time{}
}

// asleepUntil waits until the scheduler sleeps until exactly at.
func (c *drivenClock) asleepUntil(t *testing.T, at time.Time) int {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		c.mu.Lock()
		n, last := c.calls, c.last
		c.mu.Unlock()
		if last.Equal(at) {
			return n
		}
	}
	t.Fatalf("the scheduler does not sleep until %s", at)
	return 0
}

func status(t *testing.T, st *store.Store, id int64) content.Status {
	t.Helper()
	a, err := st.ArticleByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a.Status
}

// runUntilPublished fires the scheduler's timers, one at a time, until story id is
// published, and returns what the clock read during the run that published it.
func runUntilPublished(t *testing.T, clk *drivenClock, st *store.Store, id int64) time.Time {
	t.Helper()
	n, until := clk.asleep(t, 0)
	for range 100 {
		if status(t, st, id) == content.StatusPublished {
			return clk.Now() // the clock moves only in set, so this is what the run read
		}
		clk.set(until)
		n, until = clk.asleep(t, n)
	}
	t.Fatalf("story %d not published after 100 runs of the scheduler", id)
	return time.Time{}
}

// onTime fails unless a story due at due was published by a run whose clock read at
// most one second later (and not earlier).
func onTime(t *testing.T, due, ran time.Time) {
	t.Helper()
	if ran.Before(due) || ran.Sub(due) > time.Second {
		t.Errorf("story due at %s published by a run at %s (%s late)", due.Format(time.RFC3339Nano), ran.Format(time.RFC3339Nano), ran.Sub(due))
	}
}

// TestSchedulerOnTime: the scheduler sleeps until a story's time (also one scheduled
// while it sleeps, and further away than its longest sleep) and publishes it by a run
// whose clock reads at most 1 s past it; rescheduling re-arms it.
func TestSchedulerOnTime(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		clk := newDrivenClock(e.clock.now())
		svc := newsroom.New(e.st, nil, clk.Now)
		done := make(chan struct{})
		go func() { svc.RunScheduler(ctx, clk); close(done) }()
		defer func() { cancel(); <-done }()
		n, _ := clk.asleep(t, 0)

		a, err := svc.Create(ctx, e.editor, story("Budget vote tonight"))
		if err != nil {
			t.Fatal(err)
		}
		due := clk.Now().Add(3*time.Minute + 417*time.Millisecond + 3*time.Microsecond)
		if _, err := svc.Schedule(ctx, e.editor, a.ID, due); err != nil {
			t.Fatal(err)
		}
		// Scheduling wakes it: it now sleeps towards the story (at most a minute at a time).
		_, until := clk.asleep(t, n)
		if until.After(due) || !until.After(clk.Now()) {
			t.Errorf("after scheduling for %s the scheduler sleeps until %s", due, until)
		}
		onTime(t, due, runUntilPublished(t, clk, e.st, a.ID))

		// Rescheduled to an earlier time while it sleeps: the earlier time holds.
		b, err := svc.Create(ctx, e.editor, story("Port strike called off"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Schedule(ctx, e.editor, b.ID, clk.Now().Add(50*time.Second)); err != nil {
			t.Fatal(err)
		}
		due = clk.Now().Add(20*time.Second + 5*time.Millisecond)
		if _, err := svc.Schedule(ctx, e.editor, b.ID, due); err != nil {
			t.Fatal(err)
		}
		clk.asleepUntil(t, due)
		onTime(t, due, runUntilPublished(t, clk, e.st, b.ID))
	})
}

// TestSchedulerAfterRestart: a story that fell due while no scheduler ran is published
// by the first run, before the scheduler sleeps at all.
func TestSchedulerAfterRestart(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		a, err := e.svc.Create(ctx, e.editor, story("Overnight results"))
		if err != nil {
			t.Fatal(err)
		}
		due := e.clock.now().Add(10 * time.Minute)
		if _, err := e.svc.Schedule(ctx, e.editor, a.ID, due); err != nil {
			t.Fatal(err)
		}
		clk := newDrivenClock(due.Add(2 * time.Hour)) // the server was down meanwhile
		done := make(chan struct{})
		go func() { newsroom.New(e.st, nil, clk.Now).RunScheduler(ctx, clk); close(done) }()
		defer func() { cancel(); <-done }()
		clk.asleep(t, 0)
		if s := status(t, e.st, a.ID); s != content.StatusPublished {
			t.Errorf("overdue story is %s after the first run", s)
		}
	})
}

// TestSchedulerOtherInstance: a story scheduled on another instance (another Store on
// the same database) re-arms this instance's scheduler through the store's purge bus,
// which then publishes it on time.
func TestSchedulerOtherInstance(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		other := testkit.Open(t, e.dsn, store.Options{})
		clk := newDrivenClock(e.clock.now())
		svc := newsroom.New(e.st, nil, clk.Now)
		heard := make(chan struct{}, 1)
		e.st.OnPurge(func(_ []string, local bool) {
			svc.ScheduleChanged() // as app.Build wires it
			if !local {
				select {
				case heard <- struct{}{}:
				default:
				}
			}
		})
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { e.st.Listen(ctx); wg.Done() }()
		go func() { svc.RunScheduler(ctx, clk); wg.Done() }()
		defer func() { cancel(); wg.Wait() }()
		// The listener is up once a change on the other instance reaches this one.
		for deadline := time.Now().Add(30 * time.Second); ; {
			if err := other.WithTx(ctx, func(tx *store.Tx) error { tx.Purge("probe"); return nil }); err != nil {
				t.Fatal(err)
			}
			select {
			case <-heard:
			case <-time.After(200 * time.Millisecond):
				if time.Now().After(deadline) {
					t.Fatal("this instance hears nothing of the other")
				}
				continue
			}
			break
		}
		clk.asleep(t, 0)

		remote := newsroom.New(other, nil, clk.Now)
		a, err := remote.Create(ctx, e.editor, story("Election called"))
		if err != nil {
			t.Fatal(err)
		}
		due := clk.Now().Add(40*time.Second + 250*time.Millisecond)
		if _, err := remote.Schedule(ctx, e.editor, a.ID, due); err != nil {
			t.Fatal(err)
		}
		clk.asleepUntil(t, due) // woken by the other instance's change, not by its safety net
		onTime(t, due, runUntilPublished(t, clk, e.st, a.ID))
	})
}

// TestPublishDueExactlyOnce: four instances (four Stores on one database, each with the
// wire's hook) run PublishDue at the same moment over the same due stories: each story
// is published once and has exactly one release on the wire and one outbox delivery.
func TestPublishDueExactlyOnce(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		e := testkit.NewWireEnv(t, dsn, syndication.Config{})
		sub, _ := e.Subscriber(t, "Agency", []string{"*"}, []string{"*"})
		if _, err := e.Wire.AddWebhook(ctx, syndication.WebhookInput{SubscriberID: sub.ID, URL: "http://127.0.0.1:9/hook"}); err != nil {
			t.Fatal(err)
		}
		const stories = 12
		due := time.Now().Add(time.Hour)
		var ids []int64
		for i := range stories {
			a, err := e.Newsroom.Create(ctx, e.Editor, newsroom.ArticleInput{Language: "en", Section: "politics",
				Headline: "Due story " + string(rune('A'+i)), Standfirst: "What.", Body: "Body.", Dateline: "BAKU"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.Newsroom.Schedule(ctx, e.Editor, a.ID, due); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		later := func() time.Time { return due.Add(time.Second) }
		var mu sync.Mutex
		published := map[int64]int{}
		start := make(chan struct{})
		var wg sync.WaitGroup
		for range 4 {
			st := testkit.Open(t, dsn, store.Options{})
			wire := syndication.New(syndication.Config{Store: st, BaseURL: "http://wire.test"})
			svc := newsroom.New(st, nil, later)
			svc.OnChange(func(ctx context.Context, tx newsroom.Tx, id int64, event string) error {
				return wire.RecordChange(ctx, tx, id, event)
			})
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				got, err := svc.PublishDue(ctx)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				for _, id := range got {
					published[id]++
				}
				mu.Unlock()
			}()
		}
		close(start)
		wg.Wait()
		for _, id := range ids {
			if published[id] != 1 {
				t.Errorf("story %d published %d times", id, published[id])
			}
			vs, err := e.St.WireVersions(ctx, syndication.VersionQuery{SubscriberID: sub.ID, ArticleID: id, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if len(vs) != 1 || vs[0].Event != newsroom.EventRelease {
				t.Errorf("story %d has %d versions on the wire; want one release", id, len(vs))
			}
		}
		// One webhook: one delivery queued per story, none twice.
		if st, err := e.St.WireOutboxStats(ctx); err != nil || st.Pending != stories {
			t.Errorf("outbox holds %d pending deliveries (%v); want %d", st.Pending, err, stories)
		}
	})
}
