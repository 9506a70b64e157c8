package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/store"
)

// syncBuffer is a log destination safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) lines(t *testing.T, msg string) []map[string]any {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(s.b.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		if m["msg"] == msg {
			out = append(out, m)
		}
	}
	return out
}

// TestSlowQueryLog checks that queries over the threshold are logged with their SQL text
// (never their argument values), their duration and the request id of their context,
// and that queries under it are not.
func TestSlowQueryLog(t *testing.T) {
	for _, c := range []struct {
		name      string
		threshold time.Duration
		logged    bool
	}{{"every query", time.Nanosecond, true}, {"none", time.Hour, false}, {"off", 0, false}} {
		t.Run(c.name, func(t *testing.T) {
			var buf syncBuffer
			log := slog.New(httpx.LogHandler(slog.NewJSONHandler(&buf, nil)))
			ctx := context.Background()
			st, err := store.Open(ctx, filepath.Join(t.TempDir(), "site.db"), store.Options{Logger: log, SlowQuery: c.threshold})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			rctx := httpx.WithRequestID(ctx, "req-0123456789")
			if _, err := st.CountReviews(rctx, "secret-argument-value"); err != nil { // queryRow
				t.Fatal(err)
			}
			if _, err := st.ContentSeq(rctx); err != nil {
				t.Fatal(err)
			}
			lines := buf.lines(t, "slow_query")
			if !c.logged {
				if len(lines) > 0 {
					t.Fatalf("logged %v", lines)
				}
				return
			}
			var found bool
			for _, l := range lines {
				sql, _ := l["sql"].(string)
				if strings.Contains(sql, "secret-argument-value") {
					t.Errorf("argument value logged: %v", l)
				}
				if strings.Contains(sql, "\n") || strings.Contains(sql, "\t") {
					t.Errorf("sql not on one line: %q", sql)
				}
				if strings.HasPrefix(sql, "SELECT COUNT(*) FROM reviews WHERE status = ?") {
					found = true
					if l["request_id"] != "req-0123456789" || l["level"] != "WARN" {
						t.Errorf("slow query line %v", l)
					}
					if d, ok := l["duration_ms"].(float64); !ok || d < 0 {
						t.Errorf("duration_ms %v", l["duration_ms"])
					}
				}
			}
			if !found {
				t.Errorf("the review count was not logged among %d lines", len(lines))
			}
		})
	}
}
