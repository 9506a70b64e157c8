package app_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// TestMetricsEndpoint checks where /metrics is served: never on the public address
// without a token (the public 404), with --metrics-token only to requests bearing it;
// and that requests are counted by route pattern, never by raw path.
func TestMetricsEndpoint(t *testing.T) {
	st := sitekit.Demo(t, filepath.Join(t.TempDir(), "site.db"))
	const token = "0123456789abcdef-metrics"
	for _, c := range []struct {
		token, auth string
		want        int
	}{{"", "", 404}, {"", "Bearer " + token, 404}, {token, "", 401}, {token, "Bearer nope", 401}, {token, "Bearer " + token, 200}} {
		site, err := app.Build(config.Config{BaseURL: "http://news.example", TimeZone: "UTC", Demo: true, MetricsToken: c.token}, st, nil)
		if err != nil {
			t.Fatal(err)
		}
		// The requests are counted when their handler returns, which can be after the client
		// has read the answer. Closing the server that took them waits for every handler to
		// return, so the counts are complete before /metrics is asked on a second server.
		traffic := httptest.NewServer(site.Handler)
		for _, p := range []string{"/en/", "/en/", "/nowhere/at/all", "/newsroom/login"} {
			res, err := http.Get(traffic.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
		}
		traffic.Close()
		srv := httptest.NewServer(site.Handler)
		req, _ := http.NewRequest("GET", srv.URL+"/metrics", nil)
		if c.auth != "" {
			req.Header.Set("Authorization", c.auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		srv.Close()
		if res.StatusCode != c.want {
			t.Errorf("token %q, Authorization %q: %d, want %d", c.token, c.auth, res.StatusCode, c.want)
			continue
		}
		body := string(b)
		if c.want == 404 && strings.Contains(body, "newsdesk_") {
			t.Errorf("metrics leaked on the public address")
		}
		if c.want != 200 {
			continue
		}
		for _, want := range []string{
			`newsdesk_http_requests_total{code="2xx",route="GET /{lang}/{$}"} 2`,
			`newsdesk_http_requests_total{code="2xx",route="GET /newsroom/login"} 1`,
			`newsdesk_reviews_pending `, `newsdesk_wire_outbox_pending 0`, `newsdesk_store_stats_up 1`,
			`newsdesk_cache_hits_total{cache="pages"} `, `go_sql_open_connections{db_name="sqlite"} `,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("no %s in\n%s", want, grep(body, "newsdesk_http_requests_total"))
			}
		}
		if strings.Contains(body, "/nowhere") {
			t.Errorf("a raw path became a label")
		}
	}
}

func grep(s, prefix string) string {
	return strings.Join(regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(prefix)+`.*$`).FindAllString(s, -1), "\n")
}

// TestAdminAddress runs the server with --admin-addr and --slow-query: the metrics are on
// the admin address and not on the public one, so is the profiler, and a slow query is
// logged.
func TestAdminAddress(t *testing.T) {
	addr, admin := unusedAddr(t), unusedAddr(t)
	cfg := config.Config{Addr: addr, AdminAddr: admin, DB: filepath.Join(t.TempDir(), "site.db"), Media: t.TempDir(),
		TimeZone: "UTC", LogLevel: "info", SlowQuery: time.Nanosecond}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	var logs logBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- app.Serve(ctx, cfg, slog.New(httpx.LogHandler(slog.NewJSONHandler(&logs, nil))), io.Discard)
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	get := func(url string) (int, string) {
		res, err := http.Get(url)
		if err != nil {
			return 0, err.Error()
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if code, _ := get("http://" + addr + "/readyz"); code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
	get("http://" + addr + "/en/")
	if code, body := get("http://" + addr + "/metrics"); code != 404 || strings.Contains(body, "newsdesk_") {
		t.Errorf("public /metrics: %d", code)
	}
	// A request is counted when its handler returns, which may be after its client has the
	// answer: ask until the count shows (or the test's own deadline ends it).
	code, body := get("http://" + admin + "/metrics")
	for code == 200 && !strings.Contains(body, `newsdesk_http_requests_total{code="2xx",route="GET /readyz"}`) {
		time.Sleep(10 * time.Millisecond)
		code, body = get("http://" + admin + "/metrics")
	}
	if code != 200 || !strings.Contains(body, `newsdesk_http_requests_total{code="2xx",route="GET /readyz"}`) {
		t.Errorf("admin /metrics: %d\n%s", code, grep(body, "newsdesk_http"))
	}
	if !strings.Contains(logs.String(), `"msg":"slow_query"`) || !strings.Contains(logs.String(), `"request_id"`) {
		t.Errorf("no slow query with a request id logged")
	}
	// The profiler is on the admin address only.
	if code, body := get("http://" + admin + "/debug/pprof/goroutine?debug=1"); code != 200 || !strings.Contains(body, "goroutine profile") {
		t.Errorf("admin /debug/pprof/goroutine: %d", code)
	}
	if code, _ := get("http://" + addr + "/debug/pprof/"); code != 404 {
		t.Errorf("public /debug/pprof/: %d, want 404", code)
	}
}

func unusedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
