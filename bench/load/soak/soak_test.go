package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/cli"
	"github.com/newsdesk/newsdesk/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// startServer runs `newsdesk serve --demo` in this process on a free loopback port, the way
// the command does (scheduler, wire workers and all), believing X-Forwarded-For from
// loopback; it returns the base URL and an editor's API token.
func startServer(t *testing.T, dsn string) (string, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	logs := &syncWriter{}
	go func() {
		done <- cli.Run(ctx, cli.Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: logs}, []string{
			"serve", "--db", dsn, "--addr", addr, "--media", filepath.Join(dir, "media"), "--demo",
			"--trusted-proxy-header", "X-Forwarded-For", "--log-level", "warn"})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("the server did not stop within 30 s")
		}
	})
	base := "http://" + addr
	for i := 0; ; i++ {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if i == 300 {
			t.Fatalf("the server did not become ready: %v\n%s", err, logs)
		}
		time.Sleep(100 * time.Millisecond)
	}
	run := func(stdin string, args ...string) string {
		var out, errOut bytes.Buffer
		if code := cli.Run(context.Background(), cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut}, args); code != 0 {
			t.Fatalf("newsdesk %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
		}
		return out.String()
	}
	run("soak-test-password\n", "user", "add", "--db", dsn, "--email", "soak@example.test", "--name", "Soak Editor", "--role", "editor")
	lines := strings.Split(strings.TrimSpace(run("", "token", "create", "--db", dsn, "--email", "soak@example.test", "--name", "soak")), "\n")
	return base, strings.TrimSpace(lines[len(lines)-1])
}

// syncWriter lets the server's goroutines log into one buffer.
type syncWriter struct {
	mu sync.Mutex
	w  bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.String()
}

// TestSoak runs the soak for a few seconds against a real server on the demo edition and
// checks its own bookkeeping: it read every kind of page, posted reviews and published
// stories without a failure, and found every acknowledged write again. It asserts
// correctness, not speed.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the soak for several seconds")
	}
	for _, tc := range []struct {
		kind     string
		duration time.Duration
	}{{"sqlite", 8 * time.Second}, {"postgres", 8 * time.Second}} {
		t.Run(tc.kind, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "site.db")
			if tc.kind == "postgres" {
				dsn = pgtest.New(t)
			}
			base, token := startServer(t, dsn)
			rep, err := Run(context.Background(), Config{URL: base, Token: token, Duration: tc.duration, Warmup: 2 * time.Second,
				Readers: 4, ReviewsPerSec: 5, PublishesPerSec: 2, IPHeader: "X-Forwarded-For", MaxGrowth: 10})
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			rep.Print(&out)
			t.Log("\n" + out.String())
			for _, kind := range []string{"article", "home", "section", "feed", "review", "publish"} {
				if st := rep.Stats[kind]; st == nil || st.n == 0 {
					t.Errorf("no %s requests were made", kind)
				}
			}
			if rep.PID == 0 || rep.Memory.AfterWarmupMB == 0 || rep.Memory.FinalMB == 0 {
				t.Errorf("the server process (this test) was not found or not sampled: pid %d, %+v", rep.PID, rep.Memory)
			}
			if p := rep.Problems(); len(p) > 0 {
				t.Errorf("soak failed: %s", strings.Join(p, "; "))
			}
		})
	}
}

// TestSoakFindsLostWrites checks that the read-back can fail: a review and a story that
// were never written are reported missing.
func TestSoakFindsLostWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server")
	}
	base, token := startServer(t, filepath.Join(t.TempDir(), "site.db"))
	s := &soak{cfg: Config{URL: base, Token: token}, client: http.DefaultClient, stats: map[string]*stat{}}
	s.pubs = []published{{ID: 999999, Path: "/en/politics/never-published"}}
	s.reviews = []posted{{Path: "/en/politics/x", Text: "A review that was never posted anywhere."}}
	missingPubs, unseen, missingReviews, err := s.verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(missingPubs) != 1 || len(missingReviews) != 1 {
		t.Errorf("missing publishes %q, missing reviews %q: want one of each", missingPubs, missingReviews)
	}
	if len(unseen) != 0 {
		t.Errorf("unseen %q: a story missing from the API is not also reported unseen", unseen)
	}
}
