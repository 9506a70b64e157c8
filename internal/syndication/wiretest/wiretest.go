// Package wiretest builds small, real wire set-ups for tests: a migrated store on SQLite or
// PostgreSQL with two languages and two sections, an editor, the newsroom with the wire's
// hook registered, and webhook receivers over real HTTP. Only tests import it.
package wiretest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// EachDB runs fn against a fresh SQLite file and a fresh PostgreSQL database (the calling
// package's TestMain must call pgtest.Main).
func EachDB(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "site.db")
			if kind == "postgres" {
				dsn = pgtest.New(t)
			}
			fn(t, dsn)
		})
	}
}

// Env is a newsroom and a wire over one store.
type Env struct {
	St       *store.Store
	Newsroom *newsroom.Service
	Wire     *syndication.Service
	Editor   account.User
	Catalog  syndication.Catalog
}

// New opens and migrates dsn, seeds it, and wires the newsroom's hook to a wire service
// configured by cfg (Store is filled in).
func New(t testing.TB, dsn string, cfg syndication.Config) *Env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	e := &Env{St: st, Catalog: syndication.Catalog{Sections: []string{"economy", "politics"}, Languages: []string{"en", "ru"}}}
	err = st.WithTx(ctx, func(tx *store.Tx) error {
		for i, l := range []content.Language{{Code: "en", Name: "English", SiteName: "Wire"}, {Code: "ru", Name: "Русский", SiteName: "Лента"}} {
			l.Position = i
			if err := tx.PutLanguage(ctx, l); err != nil {
				return err
			}
		}
		for i, key := range []string{"politics", "economy"} {
			if _, err := tx.CreateSection(ctx, store.SectionInput{Key: key, Position: i,
				Names: map[string]string{"en": key, "ru": key + "-ru"}, Slugs: map[string]string{"en": key, "ru": key + "-ru"}}); err != nil {
				return err
			}
		}
		id, err := tx.CreateUser(ctx, account.User{Email: "editor@wire.test", Name: "Wire Editor", Role: account.RoleEditor, CreatedAt: time.Now()})
		e.Editor = account.User{ID: id, Email: "editor@wire.test", Name: "Wire Editor", Role: account.RoleEditor}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Store = st
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://wire.test"
	}
	e.Wire = syndication.New(cfg)
	e.Newsroom = newsroom.New(st, nil, nil)
	e.Newsroom.OnChange(func(ctx context.Context, tx *store.Tx, id int64, event string) error {
		return e.Wire.Record(ctx, tx, id, event)
	})
	return e
}

// Story is what Publish files.
type Story struct {
	Language, Section, Headline string
	Embargo                     time.Time
}

// Publish files a story as the editor and publishes it; it fails the test on an error.
func (e *Env) Publish(t testing.TB, s Story) content.Article {
	t.Helper()
	a, err := e.TryPublish(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TryPublish files a story as the editor and publishes it (for other goroutines than the
// test's, which may not call t.Fatal).
func (e *Env) TryPublish(s Story) (content.Article, error) {
	ctx := context.Background()
	if s.Language == "" {
		s.Language = "en"
	}
	if s.Section == "" {
		s.Section = "politics"
	}
	a, err := e.Newsroom.Create(ctx, e.Editor, newsroom.ArticleInput{Language: s.Language, Section: s.Section,
		Headline: s.Headline, Standfirst: "What happened.", Body: "The **body** of " + s.Headline + ".\n\n- one\n- two",
		Dateline: "BAKU", Tags: []string{"Testing"}, EmbargoUntil: s.Embargo})
	if err != nil {
		return a, err
	}
	a, _, err = e.Newsroom.Publish(ctx, e.Editor, a.ID)
	return a, err
}

// Subscriber adds a subscriber and returns it with its key.
func (e *Env) Subscriber(t testing.TB, name string, sections, languages []string) (syndication.Subscriber, string) {
	t.Helper()
	sub, key, err := e.Wire.AddSubscriber(context.Background(), syndication.SubscriberInput{Name: name, Sections: sections,
		Languages: languages}, e.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	return sub, key
}

// Received is one request a Receiver accepted.
type Received struct {
	Delivery  string // idempotency id
	Attempt   int
	Event     string
	WireID    int64
	Body      []byte
	Timestamp string
	Signature string
}

// Receiver is a webhook endpoint over real HTTP whose behaviour the test sets: it answers
// with Status (after Delay), and records every request it answered 2xx.
type Receiver struct {
	URL string
	srv *httptest.Server

	mu       sync.Mutex
	status   int
	delay    time.Duration
	got      []Received
	all      []Attempt
	requests int
}

// Attempt is one request a Receiver saw, whatever it answered.
type Attempt struct {
	Delivery string
	Attempt  int
	Status   int
}

// NewReceiver starts a receiver that answers 200.
func NewReceiver(t testing.TB) *Receiver {
	r := &Receiver{status: http.StatusOK}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	r.URL = r.srv.URL + "/hook"
	t.Cleanup(r.srv.Close)
	return r
}

// NewDownReceiver returns a receiver whose address refuses connections (it is down)
// until start is called; start brings it up on the same address.
func NewDownReceiver(t testing.TB) (r *Receiver, start func()) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	r = &Receiver{status: http.StatusOK, URL: "http://" + addr + "/hook"}
	return r, func() {
		var l2 net.Listener
		for i := 0; ; i++ { // the port was free a moment ago; wait if the kernel is slow to release it
			if l2, err = net.Listen("tcp", addr); err == nil || i == 50 {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if err != nil {
			t.Errorf("bring receiver up on %s: %v", addr, err)
			return
		}
		r.srv = httptest.NewUnstartedServer(http.HandlerFunc(r.serve))
		r.srv.Listener.Close()
		r.srv.Listener = l2
		r.srv.Start()
		t.Cleanup(r.srv.Close)
	}
}

// Set changes how the receiver answers from now on.
func (r *Receiver) Set(status int, delay time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status, r.delay = status, delay
}

func (r *Receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	attempt, _ := strconv.Atoi(req.Header.Get(syndication.HeaderAttempt))
	r.mu.Lock()
	status, delay := r.status, r.delay
	if err != nil {
		status = http.StatusBadRequest
	}
	r.requests++
	r.all = append(r.all, Attempt{Delivery: req.Header.Get(syndication.HeaderDelivery), Attempt: attempt, Status: status})
	r.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-req.Context().Done():
			return // the sender gave up: this attempt failed
		}
	}
	if status >= 200 && status < 300 {
		wid, _ := strconv.ParseInt(req.Header.Get(syndication.HeaderVersion), 10, 64)
		r.mu.Lock()
		r.got = append(r.got, Received{Delivery: req.Header.Get(syndication.HeaderDelivery), Attempt: attempt,
			Event: req.Header.Get(syndication.HeaderEvent), WireID: wid, Body: body,
			Timestamp: req.Header.Get(syndication.HeaderTimestamp), Signature: req.Header.Get(syndication.HeaderSignature)})
		r.mu.Unlock()
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, "status "+strconv.Itoa(status))
}

// Got returns what was accepted so far.
func (r *Receiver) Got() []Received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Received(nil), r.got...)
}

// Attempts returns every request seen so far, answered 2xx or not.
func (r *Receiver) Attempts() []Attempt {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Attempt(nil), r.all...)
}

// Requests counts every request, accepted or not.
func (r *Receiver) Requests() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.requests
}

// Close stops the receiver: from now on connections are refused (the receiver is down).
func (r *Receiver) Close() { r.srv.Close() }

// Fingerprint is a short hash of a body, for messages.
func Fingerprint(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:4])
}
