package wire

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// Instance is one instance delivering from the shared outbox: its own store (connection
// pool and NOTIFY listener) and wire service, and the webhooks it delivered.
type Instance struct {
	St        *store.Store
	Wire      *syndication.Service
	Delivered atomic.Int64
}

// AddInstance adds an instance on dsn (the same database as the first) to deliver from
// the outbox beside the others.
func (e *Env) AddInstance(ctx context.Context, dsn string, delivery syndication.DeliveryConfig) error {
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return err
	}
	lctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	prev := e.listening
	e.listening = func() { cancel(); prev() }
	e.instance(lctx, st, delivery)
	return nil
}

// instance builds an instance over st, listening to the other instances' commits until
// ctx ends, and counting the webhooks it delivers.
func (e *Env) instance(ctx context.Context, st *store.Store, delivery syndication.DeliveryConfig) *Instance {
	in := &Instance{St: st}
	loops, conc := max(delivery.Loops, 2), max(delivery.Concurrency, 32)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = 2*loops*conc, loops*conc
	delivery.Client = &http.Client{Transport: counting{tr, &in.Delivered}}
	in.Wire = syndication.New(syndication.Config{Store: st, BaseURL: "http://wire.bench", Delivery: delivery})
	go st.Listen(ctx)
	e.Instances = append(e.Instances, in)
	return in
}

// counting counts the successful requests of one instance.
type counting struct {
	rt http.RoundTripper
	n  *atomic.Int64
}

func (c counting) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.rt.RoundTrip(r)
	if err == nil && resp.StatusCode < 300 {
		c.n.Add(1)
	}
	return resp, err
}

// runDelivery runs every instance's outbox workers until ctx ends; the function it
// returns waits for them to stop.
func (e *Env) runDelivery(ctx context.Context) func() {
	var wg sync.WaitGroup
	for _, in := range e.Instances {
		wg.Add(1)
		go func() { defer wg.Done(); in.Wire.RunDelivery(ctx) }()
	}
	return wg.Wait
}

// arrivals records, per wire version, how many webhooks arrived and when the last did,
// and counts deliveries that arrived more than once.
type arrivals struct {
	mu         sync.Mutex
	byVersion  map[int64]*arrival
	deliveries map[string]bool
	duplicated int
}

type arrival struct {
	n    int
	last time.Time
}

func (a *arrivals) add(version, delivery string) {
	id, _ := strconv.ParseInt(version, 10, 64)
	now := time.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.byVersion == nil {
		a.byVersion, a.deliveries = map[int64]*arrival{}, map[string]bool{}
	}
	if a.deliveries[delivery] {
		a.duplicated++
		return
	}
	a.deliveries[delivery] = true
	v := a.byVersion[id]
	if v == nil {
		v = &arrival{}
		a.byVersion[id] = v
	}
	v.n++
	v.last = now
}

// FanOut is what Latency measured.
type FanOut struct {
	Last       Durations // per story: from the start of its publication to its last webhook
	Lost       int       // webhooks that never arrived (within the timeout)
	Duplicated int       // webhooks that arrived more than once
}

// P99 is the 99th percentile (the maximum below 100 stories).
func (d Durations) P99() time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*99/100)]
}

// Latency runs every instance's outbox workers, publishes n stories gap apart on the
// first instance, and measures for each story the time from the start of its publication
// to the arrival of its last webhook (one per subscriber), as a subscriber who pays for
// seconds sees it. It waits at most timeout after the last publication.
func (e *Env) Latency(ctx context.Context, n, subscribers int, gap, timeout time.Duration) (FanOut, error) {
	var out FanOut
	wctx, cancel := context.WithCancel(ctx)
	done := e.runDelivery(wctx)
	defer func() { cancel(); done() }()
	starts := map[int64]time.Time{}
	for i := range n {
		id, err := e.Draft(ctx, 100000+i)
		if err != nil {
			return out, err
		}
		start := time.Now()
		if _, _, err := e.Newsroom.Publish(ctx, e.Editor, id); err != nil {
			return out, err
		}
		v, err := e.St.WireLatestID(ctx) // the only publisher: its version is the newest
		if err != nil {
			return out, err
		}
		starts[v] = start
		if i < n-1 {
			time.Sleep(gap)
		}
	}
	complete := func() bool {
		e.arrivals.mu.Lock()
		defer e.arrivals.mu.Unlock()
		for v := range starts {
			if a := e.arrivals.byVersion[v]; a == nil || a.n < subscribers {
				return false
			}
		}
		return true
	}
	for deadline := time.Now().Add(timeout); !complete() && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	e.arrivals.mu.Lock()
	defer e.arrivals.mu.Unlock()
	for v, start := range starts {
		a := e.arrivals.byVersion[v]
		if a == nil {
			out.Lost += subscribers
			continue
		}
		out.Lost += subscribers - a.n
		out.Last = append(out.Last, a.last.Sub(start))
	}
	out.Duplicated = e.arrivals.duplicated
	if out.Lost > 0 {
		return out, fmt.Errorf("%d webhooks did not arrive within %v", out.Lost, timeout)
	}
	return out, nil
}
