package metrics_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/metrics"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// scrape fetches the metrics page of h with the given Authorization header.
func scrape(t *testing.T, h http.Handler, auth string) (int, string) {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/metrics", nil)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// sample returns the value of one sample line of a scrape ("" when absent).
func sample(body, series string) string {
	for _, line := range strings.Split(body, "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			return v
		}
	}
	return ""
}

func TestRequestsByRoutePattern(t *testing.T) {
	m := metrics.New(nil)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{lang}/{section}/{slug}", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "story") })
	mux.HandleFunc("GET /gone", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	mux.HandleFunc("GET /boom", func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	mux.HandleFunc("GET /silent", func(w http.ResponseWriter, r *http.Request) {})
	site := httptest.NewServer(httpx.Wrap(httpx.Measure(mux, m), httpx.Options{}))
	defer site.Close()
	for path, n := range map[string]int{"/en/politics/a": 2, "/ru/sport/b": 1, "/gone": 1, "/boom": 1, "/silent": 1, "/x": 3} {
		for range n {
			res, err := http.Get(site.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
		}
	}
	_, body := scrape(t, m.Handler(""), "")
	for series, want := range map[string]string{
		`newsdesk_http_requests_total{code="2xx",route="GET /{lang}/{section}/{slug}"}`:               "3",
		`newsdesk_http_requests_total{code="4xx",route="GET /gone"}`:                                  "1",
		`newsdesk_http_requests_total{code="5xx",route="GET /boom"}`:                                  "1",
		`newsdesk_http_requests_total{code="2xx",route="GET /silent"}`:                                "1",
		`newsdesk_http_requests_total{code="4xx",route="unmatched"}`:                                  "3",
		`newsdesk_http_request_duration_seconds_count{route="GET /{lang}/{section}/{slug}"}`:          "3",
		`newsdesk_http_request_duration_seconds_bucket{route="GET /{lang}/{section}/{slug}",le="10"}`: "3",
		`newsdesk_wire_delivery_attempts_total{result="dead"}`:                                        "0",
	} {
		if got := sample(body, series); got != want {
			t.Errorf("%s = %q, want %q", series, got, want)
		}
	}
	if strings.Contains(body, "/en/politics/a") {
		t.Errorf("a raw path became a label value")
	}
	if !strings.Contains(body, "go_goroutines ") || !strings.Contains(body, "process_") {
		t.Errorf("runtime and process collectors missing")
	}
}

func TestMetricsToken(t *testing.T) {
	m := metrics.New(nil)
	for _, c := range []struct {
		token, auth string
		want        int
	}{
		{"", "", 200},
		{"s3cret", "", 401},
		{"s3cret", "Bearer wrong", 401},
		{"s3cret", "Bearer s3cret", 200},
		{"s3cret", "bearer s3cret ", 401},
	} {
		if code, _ := scrape(t, m.Handler(c.token), c.auth); code != c.want {
			t.Errorf("token %q, Authorization %q: %d, want %d", c.token, c.auth, code, c.want)
		}
	}
}

type fakeStore struct {
	fail bool
}

func (f fakeStore) WireOutboxStats(context.Context) (syndication.OutboxStats, error) {
	if f.fail {
		return syndication.OutboxStats{}, errors.New("database is down")
	}
	return syndication.OutboxStats{Pending: 7, Dead: 2, Delivered: 40}, nil
}

func (f fakeStore) CountReviews(_ context.Context, status string) (int, error) {
	if f.fail || status != "pending" {
		return 0, errors.New("database is down")
	}
	return 5, nil
}

type finishStore struct{ syndication.Store }

func (finishStore) FinishWireDeliveries(context.Context, string, []syndication.Result, time.Time) error {
	return nil
}

func TestStoreCacheAndWireFigures(t *testing.T) {
	for _, fail := range []bool{false, true} {
		m := metrics.New(nil)
		if err := m.RegisterStore(fakeStore{fail: fail}); err != nil {
			t.Fatal(err)
		}
		var hits atomic.Uint64
		hits.Store(41)
		for _, name := range []string{"pages", "feeds"} {
			if err := m.RegisterCache(name, func() metrics.CacheStats {
				return metrics.CacheStats{Hits: hits.Load(), Misses: 3, Entries: 12, Bytes: 4096}
			}); err != nil {
				t.Fatal(err)
			}
		}
		hits.Add(1)
		ws := m.WireStore(finishStore{})
		if err := ws.FinishWireDeliveries(context.Background(), "c", []syndication.Result{{Delivered: true}, {Delivered: true},
			{Dead: true}, {}}, time.Now()); err != nil {
			t.Fatal(err)
		}
		_, body := scrape(t, m.Handler(""), "")
		want := map[string]string{
			`newsdesk_cache_hits_total{cache="pages"}`:                  "42",
			`newsdesk_cache_misses_total{cache="feeds"}`:                "3",
			`newsdesk_cache_entries{cache="pages"}`:                     "12",
			`newsdesk_wire_delivery_attempts_total{result="delivered"}`: "2",
			`newsdesk_wire_delivery_attempts_total{result="failed"}`:    "1",
			`newsdesk_wire_delivery_attempts_total{result="dead"}`:      "1",
			`newsdesk_store_stats_up`:                                   "1",
			`newsdesk_wire_outbox_pending`:                              "7",
			`newsdesk_wire_outbox_dead`:                                 "2",
			`newsdesk_wire_delivered_total`:                             "40",
			`newsdesk_reviews_pending`:                                  "5",
		}
		if fail {
			want[`newsdesk_store_stats_up`] = "0"
			for _, k := range []string{`newsdesk_wire_outbox_pending`, `newsdesk_wire_outbox_dead`, `newsdesk_wire_delivered_total`, `newsdesk_reviews_pending`} {
				want[k] = ""
			}
		}
		for series, v := range want {
			if got := sample(body, series); got != v {
				t.Errorf("fail=%v: %s = %q, want %q", fail, series, got, v)
			}
		}
	}
}

// TestRouteLabelsBounded checks that a flood of distinct patterns cannot grow the
// label set without bound.
func TestRouteLabelsBounded(t *testing.T) {
	m := metrics.New(nil)
	for i := range 3000 {
		m.ObserveRequest("GET /p"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+time.Duration(i).String(), 200, time.Millisecond)
	}
	_, body := scrape(t, m.Handler(""), "")
	n := len(regexp.MustCompile(`(?m)^newsdesk_http_request_duration_seconds_count`).FindAllString(body, -1))
	if n > 1001 {
		t.Errorf("%d route label values", n)
	}
}
