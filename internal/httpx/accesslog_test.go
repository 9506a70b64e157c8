package httpx

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestFastAccessMatchesSlog: the access line Wrap formats itself reads exactly as slog's
// TextHandler would write it.
func TestFastAccessMatchesSlog(t *testing.T) {
	timeRe := regexp.MustCompile(`^time=\S+ `)
	for _, path := range []string{"/en/politics/story", "/search?q", "/with space", `/q"uote`, "/ünï", ""} {
		var slow, fast bytes.Buffer
		now, d := time.Now(), 1500*time.Microsecond
		logAccess(slog.New(slog.NewTextHandler(&slow, nil)), nil, context.Background(), now, d, "abc-1", "GET", path, 200, 1234)
		h := FastAccess(slog.NewTextHandler(&fast, nil), &fast, false)
		logAccess(slog.New(LogHandler(h)), findFastAccess(LogHandler(h)), context.Background(), now, d, "abc-1", "GET", path, 200, 1234)
		// slog stamps its own time; compare the rest.
		s, f := timeRe.ReplaceAllString(slow.String(), ""), timeRe.ReplaceAllString(fast.String(), "")
		if path == "/ünï" { // slog leaves printable non-ASCII unquoted; we quote it (still valid logfmt)
			continue
		}
		if s != f {
			t.Errorf("path %q:\nslog %q\nfast %q", path, s, f)
		}
	}
	// The time, formatted once a second, reads as time.Format would.
	fa := FastAccess(slog.NewTextHandler(&bytes.Buffer{}, nil), nil, false).(*fastAccess)
	for _, at := range []time.Time{time.Date(2026, 1, 2, 3, 4, 5, 7e6, time.UTC), time.Date(2026, 1, 2, 3, 4, 5, 999e6, time.UTC),
		time.Date(2026, 1, 2, 3, 4, 6, 0, time.FixedZone("x", 4*3600))} {
		if got, want := string(fa.appendTime(nil, at)), at.Format("2006-01-02T15:04:05.000Z07:00"); got != want {
			t.Errorf("time %q, want %q", got, want)
		}
	}
	if findFastAccess(FastAccess(slog.NewJSONHandler(&bytes.Buffer{}, nil), nil, true)) != nil {
		t.Error("JSON logs must go through slog")
	}
}

func TestLogWriter(t *testing.T) {
	var out bytes.Buffer
	w := NewLogWriter(&out, time.Hour)
	_, _ = w.Write([]byte("one\n"))
	if out.Len() != 0 {
		t.Error("written before a flush")
	}
	big := bytes.Repeat([]byte("x"), logFlushAt)
	_, _ = w.Write(big)
	if out.Len() != 4+len(big) {
		t.Errorf("a full buffer was not written: %d", out.Len())
	}
	_, _ = w.Write([]byte("two\n"))
	_ = w.Close()
	if !bytes.HasSuffix(out.Bytes(), []byte("two\n")) {
		t.Error("Close did not flush")
	}
}

// TestLogWriterConcurrent: lines written by many goroutines at once, through many flushes,
// all come out whole, each goroutine's in the order it wrote them.
func TestLogWriterConcurrent(t *testing.T) {
	var out bytes.Buffer
	w := NewLogWriter(&out, time.Millisecond)
	const writers, lines = 8, 5000
	var wg sync.WaitGroup
	for g := range writers {
		wg.Go(func() {
			for i := range lines {
				_, _ = fmt.Fprintf(w, "g%d line %06d %s\n", g, i, strings.Repeat("x", 40))
			}
		})
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	next := make([]int, writers)
	n := 0
	for _, l := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		var g, i int
		var rest string
		if _, err := fmt.Sscanf(l, "g%d line %d %s", &g, &i, &rest); err != nil || len(rest) != 40 {
			t.Fatalf("torn line %q: %v", l, err)
		}
		if i != next[g] {
			t.Fatalf("writer %d: line %d after %d", g, i, next[g]-1)
		}
		next[g]++
		n++
	}
	if n != writers*lines {
		t.Errorf("%d lines, want %d", n, writers*lines)
	}
}
