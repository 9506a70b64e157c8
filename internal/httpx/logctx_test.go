package httpx

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestRequestIDInEveryLine serves a request through Wrap with a logger wrapped by
// LogHandler: every line logged with the request's context, and the access-log line,
// carry the request id the response sent in X-Request-Id, exactly once.
func TestRequestIDInEveryLine(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(LogHandler(slog.NewJSONHandler(&buf, nil)))
	h := Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.WarnContext(r.Context(), "store_failed", "err", "database is locked")
		log.With("component", "search").ErrorContext(r.Context(), "search_failed")
		log.WithGroup("g").InfoContext(r.Context(), "grouped")
		log.InfoContext(r.Context(), "explicit", "request_id", RequestID(r.Context()))
		http.Error(w, "boom", http.StatusInternalServerError)
	}), Options{Logger: log})
	for _, given := range []string{"", "from-the-proxy-42"} {
		buf.Reset()
		req := httptest.NewRequest("GET", "/x", nil)
		if given != "" {
			req.Header.Set("X-Request-Id", given)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		id := rec.Header().Get("X-Request-Id")
		if id == "" || (given != "" && id != given) {
			t.Fatalf("X-Request-Id %q (sent %q)", id, given)
		}
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if len(lines) != 5 {
			t.Fatalf("%d lines: %s", len(lines), buf.String())
		}
		for _, l := range lines {
			if n := strings.Count(l, `"request_id"`); n != 1 {
				t.Errorf("request_id %d times in %s", n, l)
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatal(err)
			}
			got := m["request_id"]
			if g, ok := m["g"].(map[string]any); ok && got == nil {
				got = g["request_id"]
			}
			if got != id {
				t.Errorf("line %s: request_id %v, want %s", l, got, id)
			}
		}
	}
	// Outside a request nothing is added.
	buf.Reset()
	log.InfoContext(context.Background(), "background")
	if strings.Contains(buf.String(), "request_id") {
		t.Errorf("request_id outside a request: %s", buf.String())
	}
}
