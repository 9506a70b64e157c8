package wire_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/api/wire"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/syndication"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/validate"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type site struct {
	*testkit.WireEnv
	srv *httptest.Server
	h   *wire.Handler
}

// newSite serves the wire API over a fresh store; a serverTimeout sets the server's read and
// write timeouts, as app.Serve does.
func newSite(t *testing.T, dsn string, serverTimeout ...time.Duration) *site {
	t.Helper()
	return serveWire(t, testkit.NewWireEnv(t, dsn, syndication.Config{StreamPoll: 50 * time.Millisecond}),
		300*time.Millisecond, serverTimeout...)
}

// serveWire serves the wire API of e, with heartbeat between a live stream's comment
// lines; a serverTimeout sets the server's read and write timeouts.
func serveWire(t *testing.T, e *testkit.WireEnv, heartbeat time.Duration, serverTimeout ...time.Duration) *site {
	t.Helper()
	h := wire.New(wire.Config{Service: e.Wire, Heartbeat: heartbeat})
	srv := httptest.NewUnstartedServer(h)
	for _, d := range serverTimeout {
		srv.Config.ReadTimeout, srv.Config.WriteTimeout = d, d
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return &site{WireEnv: e, srv: srv, h: h}
}

type page struct {
	Items      []json.RawMessage `json:"items"`
	NextCursor string            `json:"next_cursor"`
}

// get requests path with key and returns the status, headers and body.
func (s *site) get(t *testing.T, key, path string) (int, http.Header, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

func (s *site) page(t *testing.T, key, path string) page {
	t.Helper()
	st, _, b := s.get(t, key, path)
	if st != 200 {
		t.Fatalf("GET %s: %d %s", path, st, b)
	}
	var p page
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return p
}

func field(t *testing.T, doc json.RawMessage, name string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(m[name])
}

// wireID is the altid of an item that carries its wire version id (the cursor).
func wireID(t *testing.T, doc json.RawMessage) string {
	t.Helper()
	var m struct {
		AltIDs []struct{ Role, Value string } `json:"altids"`
	}
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	for _, a := range m.AltIDs {
		if a.Role == "newsdesk:wire-version" {
			return a.Value
		}
	}
	t.Fatalf("no wire version altid in %s", doc)
	return ""
}

func TestItems(t *testing.T) {
	v22, v31 := validate.NinjsSchema(t, "2.2"), validate.NinjsSchema(t, "3.1")
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newSite(t, dsn)
		ctx := context.Background()
		_, key := s.Subscriber(t, "Bar Daily", []string{"politics"}, []string{"en"})
		var mine []int64
		for i := range 5 {
			mine = append(mine, s.Publish(t, testkit.Story{Headline: fmt.Sprintf("Politics story %d", i)}).ID)
			if i < 2 {
				s.Publish(t, testkit.Story{Headline: fmt.Sprintf("Economy story %d", i), Section: "economy"})
				s.Publish(t, testkit.Story{Headline: fmt.Sprintf("Russian story %d", i), Language: "ru"})
			}
		}
		other := s.Publish(t, testkit.Story{Headline: "Another economy story", Section: "economy"})
		if _, err := s.Newsroom.Correct(ctx, s.Editor, mine[0], "A figure was wrong."); err != nil {
			t.Fatal(err)
		}

		var got []json.RawMessage
		cursor := ""
		for range 10 {
			p := s.page(t, key, "/api/v1/wire/items?limit=2&cursor="+cursor)
			got = append(got, p.Items...)
			if len(p.Items) == 0 {
				if p.NextCursor != cursor {
					t.Errorf("an empty page moved the cursor from %q to %q", cursor, p.NextCursor)
				}
				break
			}
			cursor = p.NextCursor
		}
		if len(got) != 6 { // five releases and a correction
			t.Fatalf("paged %d items, want 6", len(got))
		}
		for i, it := range got {
			v22.Validate(t, "item "+strconv.Itoa(i), it)
			if field(t, it, "language") != "en" || !strings.Contains(string(it), `"literal":"section:politics"`) {
				t.Errorf("item outside the subscription: %s", it)
			}
		}
		for _, it := range s.page(t, key, "/api/v1/wire/items?ninjs=3.1").Items {
			v31.Validate(t, "3.1 item", it)
		}
		if p := s.page(t, key, "/api/v1/wire/items?since="+url.QueryEscape(time.Now().Add(time.Hour).Format(time.RFC3339))); len(p.Items) != 0 {
			t.Errorf("since the future: %d items", len(p.Items))
		}
		if p := s.page(t, key, "/api/v1/wire/items?section=politics&lang=en&limit=200"); len(p.Items) != 6 {
			t.Errorf("filtered to the own scope: %d items", len(p.Items))
		}

		st, _, b := s.get(t, key, "/api/v1/wire/items/"+strconv.FormatInt(mine[0], 10))
		if st != 200 || field(t, b, "version") != "2" || !strings.HasPrefix(field(t, b, "ednote"), "Correction:") {
			t.Errorf("item: %d %s", st, b)
		}
		v22.Validate(t, "single item", b)
		st, _, b = s.get(t, key, "/api/v1/wire/items/"+strconv.FormatInt(mine[0], 10)+"/versions?ninjs=3.1")
		var versions page
		if err := json.Unmarshal(b, &versions); st != 200 || err != nil || len(versions.Items) != 2 {
			t.Fatalf("versions: %d %s", st, b)
		}
		for _, it := range versions.Items {
			v31.Validate(t, "version", it)
		}

		for _, tc := range []struct {
			path string
			want int
		}{
			{"/api/v1/wire/items/" + strconv.FormatInt(other.ID, 10), 404},
			{"/api/v1/wire/items/" + strconv.FormatInt(other.ID, 10) + "/versions", 404},
			{"/api/v1/wire/items/999999", 404},
			{"/api/v1/wire/items/x", 404},
			{"/api/v1/wire/items?section=economy", 403},
			{"/api/v1/wire/items?lang=ru", 403},
			{"/api/v1/wire/items?cursor=bogus", 400},
			{"/api/v1/wire/items?since=yesterday", 400},
			{"/api/v1/wire/items?limit=0", 400},
			{"/api/v1/wire/items?limit=201", 400},
			{"/api/v1/wire/items?ninjs=1.0", 400},
			{"/api/v1/wire/nothing", 404},
		} {
			st, hd, b := s.get(t, key, tc.path)
			if st != tc.want || !strings.HasPrefix(hd.Get("Content-Type"), "application/json") || field(t, b, "error") == "<nil>" {
				t.Errorf("GET %s: %d %s, want %d with an error envelope", tc.path, st, b, tc.want)
			}
		}
		req, _ := http.NewRequest("POST", s.srv.URL+"/api/v1/wire/items", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 405 || resp.Header.Get("Allow") == "" {
			t.Errorf("POST: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
		}
		use, err := s.St.WireUsage(ctx, time.Now().Add(-time.Hour), time.Now().Add(24*time.Hour))
		if err != nil || len(use) != 1 || use[0].ItemsPulled < 6 || use[0].Requests < 5 {
			t.Errorf("usage %+v, %v", use, err)
		}
	})
}

func TestKeys(t *testing.T) {
	s := newSite(t, t.TempDir()+"/site.db")
	ctx := context.Background()
	a, keyA := s.Subscriber(t, "A", []string{"politics"}, []string{"en"})
	b, keyB := s.Subscriber(t, "B", []string{"economy"}, []string{"*"})
	s.Publish(t, testkit.Story{Headline: "For A"})
	s.Publish(t, testkit.Story{Headline: "For B", Section: "economy", Language: "ru"})
	for _, k := range []string{"", "not-a-key", "ndw_" + strings.Repeat("x", 43), keyA + "x"} {
		st, hd, _ := s.get(t, k, "/api/v1/wire/items")
		if st != 401 || !strings.HasPrefix(hd.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("key %q: %d", k, st)
		}
	}
	for key, want := range map[string]string{keyA: "For A", keyB: "For B"} {
		p := s.page(t, key, "/api/v1/wire/items")
		if len(p.Items) != 1 || !strings.Contains(string(p.Items[0]), want) {
			t.Errorf("key sees %d items, want only %q", len(p.Items), want)
		}
	}
	if err := s.Wire.Revoke(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if st, _, _ := s.get(t, keyA, "/api/v1/wire/items"); st != 401 {
		t.Errorf("revoked key: %d, want 401 at once", st)
	}
	newB, err := s.Wire.RotateKey(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st, _, _ := s.get(t, keyB, "/api/v1/wire/items"); st != 401 {
		t.Errorf("rotated-out key: %d, want 401", st)
	}
	if st, _, _ := s.get(t, newB, "/api/v1/wire/items"); st != 200 {
		t.Errorf("new key: %d", st)
	}
	if _, err := s.Wire.RotateKey(ctx, a.ID); err == nil {
		t.Error("rotated a revoked subscriber's key")
	}
}

func TestRateLimit(t *testing.T) {
	s := newSite(t, t.TempDir()+"/site.db")
	sub, key, err := s.Wire.AddSubscriber(context.Background(), syndication.SubscriberInput{Name: "Slow", Sections: []string{"*"},
		Languages: []string{"*"}, RatePerMinute: 6}, s.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	_, other := s.Subscriber(t, "Other", []string{"*"}, []string{"*"})
	if st, _, _ := s.get(t, key, "/api/v1/wire/items"); st != 200 {
		t.Fatalf("first request: %d", st)
	}
	st, hd, b := s.get(t, key, "/api/v1/wire/items")
	if st != 429 || field(t, b, "error") == "<nil>" {
		t.Fatalf("second request: %d %s", st, b)
	}
	if ra, err := strconv.Atoi(hd.Get("Retry-After")); err != nil || ra < 1 || ra > 10 {
		t.Errorf("Retry-After %q for %d a minute", hd.Get("Retry-After"), sub.RatePerMinute)
	}
	if st, _, _ := s.get(t, other, "/api/v1/wire/items"); st != 200 {
		t.Errorf("another key is limited too: %d", st)
	}
}

// TestPagingUnderConcurrentPublishing pages through the wire over HTTP while stories are
// published: together the pages hold every version exactly once.
func TestPagingUnderConcurrentPublishing(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newSite(t, dsn)
		_, key, err := s.Wire.AddSubscriber(context.Background(), syndication.SubscriberInput{Name: "Pager",
			Sections: []string{"politics"}, Languages: []string{"*"}, RatePerMinute: 100000}, s.Catalog)
		if err != nil {
			t.Fatal(err)
		}
		const stories = 30
		var wg sync.WaitGroup
		wg.Add(2)
		t.Cleanup(wg.Wait) // before the store closes, even if the test fails
		done := make(chan struct{})
		for w := range 2 {
			go func() {
				defer wg.Done()
				for i := range stories / 2 {
					st := testkit.Story{Headline: fmt.Sprintf("Concurrent %d-%d", w, i)}
					if i%3 == 0 {
						st.Section = "economy" // not the pager's
					}
					if i%4 == 0 {
						st.Language = "ru"
					}
					if _, err := s.TryPublish(st); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		go func() { wg.Wait(); close(done) }()
		var got []string
		cursor := ""
		for finished := false; ; {
			select {
			case <-done:
				finished = true
			default:
			}
			p := s.page(t, key, "/api/v1/wire/items?limit=3&cursor="+cursor)
			for _, it := range p.Items {
				got = append(got, wireID(t, it))
			}
			cursor = p.NextCursor
			if finished && len(p.Items) == 0 {
				break
			}
		}
		var want []string
		for _, it := range s.page(t, key, "/api/v1/wire/items?limit=200").Items {
			want = append(want, wireID(t, it))
		}
		if len(want) != 20 || strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("paged %v\n want %v", got, want)
		}
	})
}

// event is one Server-Sent Event.
type event struct {
	id, typ, data string
}

// readEvents reads n events from an SSE body, skipping comments.
func readEvents(t *testing.T, r *bufio.Reader, n int) []event {
	t.Helper()
	var out []event
	var cur event
	for len(out) < n {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("stream ended after %d events: %v", len(out), err)
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case line == "":
			if cur.id != "" {
				out = append(out, cur)
			}
			cur = event{}
		case strings.HasPrefix(line, "id: "):
			cur.id = line[4:]
		case strings.HasPrefix(line, "event: "):
			cur.typ = line[7:]
		case strings.HasPrefix(line, "data: "):
			cur.data = line[6:]
		}
	}
	return out
}

func (s *site) stream(t *testing.T, ctx context.Context, key, lastID string) *bufio.Reader {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.srv.URL+"/api/v1/wire/stream", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
		t.Fatalf("stream: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return bufio.NewReader(resp.Body)
}

func TestStream(t *testing.T) {
	schema := validate.NinjsSchema(t, "2.2")
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newSite(t, dsn, 700*time.Millisecond) // a live stream outlives the server's timeouts
		_, key := s.Subscriber(t, "Live", []string{"politics"}, []string{"en"})
		s.Publish(t, testkit.Story{Headline: "Before the stream"}) // not sent: the stream starts now
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		c1, stop1 := context.WithCancel(ctx)
		r := s.stream(t, c1, key, "")
		s.Publish(t, testkit.Story{Headline: "Not for this key", Section: "economy"})
		time.Sleep(1500 * time.Millisecond) // past the server's read and write timeouts
		first := s.Publish(t, testkit.Story{Headline: "Live one"})
		evs := readEvents(t, r, 1)
		if evs[0].typ != "release" || !strings.Contains(evs[0].data, "Live one") {
			t.Fatalf("first event %+v", evs[0])
		}
		schema.Validate(t, "stream event", []byte(evs[0].data))
		stop1()

		// While disconnected, more happens; resuming with Last-Event-ID loses none of it.
		s.Publish(t, testkit.Story{Headline: "Missed one"})
		if _, err := s.Newsroom.Correct(ctx, s.Editor, first.ID, "Fixed a name."); err != nil {
			t.Fatal(err)
		}
		r = s.stream(t, ctx, key, evs[0].id)
		evs2 := readEvents(t, r, 2)
		if evs2[0].typ != "release" || !strings.Contains(evs2[0].data, "Missed one") || evs2[1].typ != "correction" {
			t.Errorf("resumed events %+v", evs2)
		}
		id0, _ := strconv.Atoi(evs[0].id)
		id1, _ := strconv.Atoi(evs2[0].id)
		id2, _ := strconv.Atoi(evs2[1].id)
		if !(id0 < id1 && id1 < id2) {
			t.Errorf("event ids %d %d %d not increasing", id0, id1, id2)
		}
		s.h.Shutdown() // the server is stopping: the stream ends
		if _, err := io.ReadAll(r); err != nil {
			t.Errorf("stream did not end cleanly: %v", err)
		}
	})
}
