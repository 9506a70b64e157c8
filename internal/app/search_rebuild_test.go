package app_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestPagesServedDuringRebuild: while the search index is rebuilt (as `newsdesk serve`
// does in the background at start when the index lacks content), the site keeps answering:
// pages, feeds and searches, which see the old index. The rebuild is held inside its
// transaction, after its last batch is written (on SQLite it holds the write lock), until
// the requests are answered.
func TestPagesServedDuringRebuild(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newDemoSite(t, dsn)
		ctx := context.Background()
		inside, release := make(chan struct{}), make(chan struct{})
		var once sync.Once
		errc := make(chan error, 1)
		go func() {
			_, err := s.st.Reindex(ctx, func(done, total int) {
				if total > 0 && done == total {
					once.Do(func() { close(inside) })
					<-release
				}
			})
			errc <- err
		}()
		// Failure guards only: the test waits for conditions, not for time.
		select {
		case <-inside:
		case err := <-errc:
			t.Fatalf("the rebuild ended before writing its documents: %v", err)
		case <-time.After(2 * time.Minute):
			t.Fatal("the rebuild did not reach its last batch")
		}
		for _, tt := range []struct{ path, want string }{
			{"/", leadEN},
			{leadEN, "customs"},
			{"/en/politics/", leadEN},
			{"/en/feed/rss.xml", leadEN},
			{"/search.json?q=customs&lang=en", leadEN}, // the old index
		} {
			code, body := getWithin(t, s.srv.URL+tt.path, time.Minute)
			if code != http.StatusOK || !strings.Contains(body, tt.want) {
				t.Errorf("GET %s during the rebuild: %d, %d bytes, want 200 with %q\n%s", tt.path, code, len(body), tt.want, body)
			}
		}
		close(release)
		if err := <-errc; err != nil {
			t.Fatalf("rebuild: %v", err)
		}
		if _, a := s.searchJSON(t, "q=customs&lang=en"); a.Total < 1 {
			t.Errorf("after the rebuild: %+v", a)
		}
	})
}

// getWithin GETs url, failing the test if no answer comes within limit (a guard against a
// request that waits for ever, not a measure).
func getWithin(t *testing.T, url string, limit time.Duration) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}
