package app_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestRequestIDInLogs breaks the database under a running site and checks that every
// line logged while answering a request — the store error as well as the access log —
// carries the request id the response sent in X-Request-Id.
func TestRequestIDInLogs(t *testing.T) {
	var buf logBuffer
	log := slog.New(httpx.LogHandler(slog.NewJSONHandler(&buf, nil)))
	st := sitekit.Demo(t, filepath.Join(t.TempDir(), "site.db"))
	h, err := app.Handler(config.Config{BaseURL: "http://news.example", TimeZone: "UTC", Demo: true, PageCacheMB: 0}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	st.Close() // every query now fails
	for _, p := range []string{"/en/", "/en/search/?q=oil", "/newsroom/login"} {
		before := len(buf.String())
		res, err := noRedirect.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		id := res.Header.Get("X-Request-Id")
		if id == "" {
			t.Fatalf("%s (%d): no X-Request-Id", p, res.StatusCode)
		}
		lines := strings.Split(strings.TrimSpace(buf.String()[before:]), "\n")
		var failure bool
		for _, l := range lines {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("%q: %v", l, err)
			}
			if m["request_id"] != id {
				t.Errorf("%s (%d): line without its request id %s: %s", p, res.StatusCode, id, l)
			}
			if m["msg"] != "request" {
				failure = true
			}
		}
		if res.StatusCode >= 500 && !failure {
			t.Errorf("%s answered %d and logged no failure: %q", p, res.StatusCode, lines)
		}
	}
}
