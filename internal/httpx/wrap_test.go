package httpx

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestWrapHit checks Options.Hit and Options.Observer: a hit is answered before the
// router, logged and measured with the pattern it set; a miss reaches the handler with its
// request id in the context; a panic in either answers 500 and is measured as one; an
// informational answer is not the final status.
func TestWrapHit(t *testing.T) {
	type observed struct {
		pattern string
		status  int
	}
	var seen []observed
	var logs bytes.Buffer
	mux := http.NewServeMux()
	var idInHandler string
	mux.HandleFunc("GET /page", func(w http.ResponseWriter, r *http.Request) {
		idInHandler = RequestID(r.Context())
		w.WriteHeader(http.StatusEarlyHints)
		w.WriteHeader(http.StatusTeapot)
	})
	mux.HandleFunc("GET /boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	h := Wrap(mux, Options{
		Logger:   slog.New(slog.NewTextHandler(&logs, nil)),
		Observer: observerFunc(func(p string, s int, _ time.Duration) { seen = append(seen, observed{p, s}) }),
		Hit: func(w http.ResponseWriter, r *http.Request) bool {
			switch r.URL.Path {
			case "/cached":
				r.Pattern = "GET /cached"
				w.Header().Set("Content-Type", "text/plain")
				_, _ = w.Write([]byte("from the cache"))
				return true
			case "/hit-panics":
				panic("hit")
			}
			return false
		},
	})
	tests := []struct {
		path    string
		status  int
		pattern string
	}{
		{"/cached", 200, "GET /cached"},
		{"/page", http.StatusTeapot, "GET /page"},
		{"/boom", 500, "GET /boom"},
		{"/hit-panics", 500, ""},
		{"/nowhere", 404, ""},
	}
	for _, tc := range tests {
		seen, idInHandler = nil, ""
		logs.Reset()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", tc.path, nil))
		if w.Code != tc.status && tc.path != "/page" { // the recorder keeps the 103 as its code
			t.Errorf("%s: status %d, want %d", tc.path, w.Code, tc.status)
		}
		if len(seen) != 1 || seen[0] != (observed{tc.pattern, tc.status}) {
			t.Errorf("%s: observed %v, want one {%q %d}", tc.path, seen, tc.pattern, tc.status)
		}
		if !strings.Contains(logs.String(), "msg=request") || !strings.Contains(logs.String(), "status="+strconv.Itoa(tc.status)) {
			t.Errorf("%s: access log %q", tc.path, logs.String())
		}
		if tc.path == "/page" && idInHandler == "" {
			t.Errorf("%s: the handler's context has no request id", tc.path)
		}
		if id := w.Header().Get("X-Request-Id"); (tc.status >= 400) != (id != "") {
			t.Errorf("%s (%d): X-Request-Id %q", tc.path, tc.status, id)
		}
	}
}
