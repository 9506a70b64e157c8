// Package wire measures the subscribers' wire on a real database: how long one publication
// takes to fan out to N subscribers' webhooks (the outbox INSERT … SELECT inside the
// publishing transaction), and how many webhooks a second the outbox workers deliver to a
// receiver on the loopback interface. bench/cmd/wirebench and bench/wire_test.go run it.
package wire

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// Env is a migrated store with one language, one section, an editor, the newsroom with
// the wire's hook, and Subscribers subscribers each with a webhook to a local receiver.
type Env struct {
	St       *store.Store
	Wire     *syndication.Service
	Newsroom *newsroom.Service
	Editor   account.User
	Receiver *httptest.Server
	Received atomic.Int64
	// Instances are the instances delivering from the outbox: the first is St and Wire;
	// AddInstance adds more, each with its own store on the same database.
	Instances []*Instance
	arrivals  arrivals
	listening context.CancelFunc
}

// Setup prepares an empty database (a SQLite path or a postgres:// URL) for the benchmarks.
func Setup(ctx context.Context, dsn string, subscribers int, delivery syndication.DeliveryConfig) (*Env, error) {
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	if empty, err := st.IsEmpty(ctx); err != nil || !empty {
		st.Close()
		return nil, fmt.Errorf("the benchmark needs an empty database (%v)", err)
	}
	e := &Env{St: st}
	e.Receiver = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		e.arrivals.add(r.Header.Get(syndication.HeaderVersion), r.Header.Get(syndication.HeaderDelivery))
		e.Received.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	err = st.WithTx(ctx, func(tx *store.Tx) error {
		if err := tx.PutLanguage(ctx, content.Language{Code: "en", Name: "English", SiteName: "Wire"}); err != nil {
			return err
		}
		if _, err := tx.CreateSection(ctx, store.SectionInput{Key: "politics", Names: map[string]string{"en": "Politics"},
			Slugs: map[string]string{"en": "politics"}}); err != nil {
			return err
		}
		id, err := tx.CreateUser(ctx, account.User{Email: "bench@wire.test", Name: "Bench", Role: account.RoleEditor, CreatedAt: time.Now()})
		e.Editor = account.User{ID: id, Name: "Bench", Role: account.RoleEditor}
		if err != nil {
			return err
		}
		for i := range subscribers {
			sid, err := tx.CreateWireSubscriber(ctx, syndication.Subscriber{Name: fmt.Sprintf("Subscriber %d", i),
				Sections: []string{"politics"}, Languages: []string{"en"}, RatePerMinute: 600, CreatedAt: time.Now()},
				fmt.Sprintf("bench-key-%d", i))
			if err != nil {
				return err
			}
			if _, err := tx.CreateWireWebhook(ctx, syndication.Webhook{SubscriberID: sid, URL: e.Receiver.URL + "/hook", // #nosec G101 -- a benchmark webhook secret, not a credential
				Secret: "ndwh_bench", Ninjs: syndication.Ninjs22, CreatedAt: time.Now()}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		e.Close()
		return nil, err
	}
	lctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	e.listening = cancel
	first := e.instance(lctx, st, delivery)
	e.Wire = first.Wire
	e.Newsroom = newsroom.New(st, nil, nil)
	e.Newsroom.OnChange(func(ctx context.Context, tx newsroom.Tx, id int64, event string) error {
		return e.Wire.RecordChange(ctx, tx, id, event)
	})
	return e, nil
}

// Close stops the receiver and closes the store.
func (e *Env) Close() {
	e.listening()
	e.Receiver.Close()
	for _, in := range e.Instances {
		in.St.Close()
	}
}

// Draft files a story to publish later.
func (e *Env) Draft(ctx context.Context, i int) (int64, error) {
	a, err := e.Newsroom.Create(ctx, e.Editor, newsroom.ArticleInput{Language: "en", Section: "politics",
		Headline: fmt.Sprintf("Benchmark story number %d", i), Standfirst: "A standfirst of a sentence.",
		Body: "A first paragraph of the benchmark story.\n\nA second paragraph, with **some** emphasis.", Dateline: "BAKU"})
	return a.ID, err
}

// Durations summarises timings.
type Durations []time.Duration

// Quantile is the q-quantile (0 < q ≤ 1) of the timings by the nearest rank: the
// smallest timing that at least a fraction q of them do not exceed.
func (d Durations) Quantile(q float64) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[max(0, min(len(s)-1, int(math.Ceil(q*float64(len(s))))-1))]
}

// Min, Median and Max of the timings.
func (d Durations) Min() time.Duration    { return slices.Min(d) }
func (d Durations) Max() time.Duration    { return slices.Max(d) }
func (d Durations) Median() time.Duration { s := slices.Clone(d); slices.Sort(s); return s[len(s)/2] }

// Publish publishes n drafts one after another and returns how long each publication
// took, from the call to the commit (the wire version, and one outbox row per
// subscriber, written in the same transaction).
func (e *Env) Publish(ctx context.Context, n int) (Durations, error) {
	var out Durations
	for i := range n {
		id, err := e.Draft(ctx, i)
		if err != nil {
			return out, err
		}
		start := time.Now()
		if _, _, err := e.Newsroom.Publish(ctx, e.Editor, id); err != nil {
			return out, err
		}
		out = append(out, time.Since(start))
	}
	return out, nil
}

// Deliver runs the outbox workers of every instance until want webhooks arrived (or the timeout passes)
// and returns the rate.
func (e *Env) Deliver(ctx context.Context, want int64, timeout time.Duration) (int64, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start0 := e.Received.Load()
	start := time.Now()
	done := e.runDelivery(ctx)
	for e.Received.Load()-start0 < want && ctx.Err() == nil {
		time.Sleep(5 * time.Millisecond)
	}
	elapsed := time.Since(start)
	cancel()
	done()
	got := e.Received.Load() - start0
	if got < want {
		return got, elapsed, fmt.Errorf("only %d of %d webhooks arrived within %v", got, want, timeout)
	}
	return got, elapsed, nil
}
