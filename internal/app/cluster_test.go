package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// instance is one `newsdesk serve` process.
type instance struct {
	url string
	cmd *exec.Cmd
	log *bytes.Buffer
}

// startInstance runs `newsdesk serve` with args and waits until it is ready.
func startInstance(t *testing.T, bin string, args ...string) *instance {
	t.Helper()
	addr := freeAddr(t)
	in := &instance{url: "http://" + addr, log: &bytes.Buffer{}}
	in.cmd = exec.Command(bin, append([]string{"serve", "--addr", addr, "--media", t.TempDir(), "--log-level", "warn"}, args...)...)
	in.cmd.Stdout, in.cmd.Stderr = io.Discard, in.log
	if err := in.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = in.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = in.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = in.cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("log of %s:\n%s", addr, in.log.String())
		}
	})
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(in.url + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return in
			}
		}
	}
	t.Fatalf("instance %s did not become ready; log:\n%s", addr, in.log.String())
	return nil
}

// fetch answers the status and body of a GET.
func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := noRedirect.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// within polls cond every 20 ms and reports whether it held at a check that began
// within d (a check makes several requests, which take a while on a busy machine), and
// when that check began.
func within(d time.Duration, cond func() bool) (time.Duration, bool) {
	start := time.Now()
	for {
		at := time.Since(start)
		if at > d {
			return at, false
		}
		if cond() {
			return at, true
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestTwoInstances starts two `newsdesk serve` processes on one PostgreSQL database: a
// story published through instance A is served by instance B within a second (B had the
// pages cached before), and once unpublished through A it is gone from B within a second.
func TestTwoInstances(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts two servers")
	}
	dsn := pgtest.New(t)
	bin := filepath.Join(t.TempDir(), "newsdesk")
	build := exec.Command("go", "build", "-o", bin, "github.com/newsdesk/newsdesk/cmd/newsdesk")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	a := startInstance(t, bin, "--db", dsn, "--demo")
	b := startInstance(t, bin, "--db", dsn)

	out, err := exec.Command(bin, "token", "create", "--email", app.DemoLogin, "--db", dsn).Output()
	if err != nil {
		t.Fatalf("token create: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	token := strings.TrimSpace(lines[len(lines)-1])
	api := func(method, path string, body any) map[string]any {
		t.Helper()
		js, _ := json.Marshal(body)
		req, _ := http.NewRequestWithContext(context.Background(), method, a.url+"/api/v1/newsroom"+path, bytes.NewReader(js))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var v map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&v)
		if resp.StatusCode/100 != 2 {
			t.Fatalf("%s %s: %d %v", method, path, resp.StatusCode, v)
		}
		return v
	}

	// B caches the pages the story will appear on.
	const headline = "Two instances agree on the cache"
	for _, p := range []string{"/en/", "/en/politics/", "/en/feed/rss.xml"} {
		for range 2 {
			if code, body := fetch(t, b.url+p); code != 200 || strings.Contains(body, headline) {
				t.Fatalf("B %s before: %d", p, code)
			}
		}
	}
	art := api("POST", "/articles", map[string]any{"language": "en", "section": "politics", "headline": headline,
		"standfirst": "Published on A, read on B.", "body": "The body of a story published on one instance.", "byline": "Test"})
	id := int64(art["id"].(float64))
	pub := api("POST", fmt.Sprintf("/articles/%d/publish", id), map[string]any{})
	url, _ := pub["url"].(string)
	if url == "" {
		t.Fatalf("published story has no url: %v", pub)
	}
	path := url[strings.Index(url, "/en/"):]
	took, ok := within(time.Second, func() bool {
		code, body := fetch(t, b.url+path)
		_, home := fetch(t, b.url+"/en/")
		_, sec := fetch(t, b.url+"/en/politics/")
		_, feed := fetch(t, b.url+"/en/feed/rss.xml")
		return code == 200 && strings.Contains(body, headline) && strings.Contains(home, headline) &&
			strings.Contains(sec, headline) && strings.Contains(feed, headline)
	})
	if !ok {
		t.Fatalf("B did not serve the story published on A within 1 s")
	}
	t.Logf("published on A, served by B after %v", took)

	// The editors' choice of top stories, made on A, is on B's cached home page (the purge
	// crosses instances; without it B would keep its page for up to an hour).
	api("PUT", "/front/en", map[string]any{"articles": []int64{id}})
	if took, ok = within(30*time.Second, func() bool {
		_, home := fetch(t, b.url+"/en/")
		top := sitekit.TopStories(home)
		return len(top) == 1 && top[0] == headline
	}); !ok {
		t.Fatalf("B's home page did not show the front page chosen on A")
	}
	t.Logf("front page chosen on A, shown by B after %v", took)

	api("POST", fmt.Sprintf("/articles/%d/unpublish", id), map[string]any{"reason": "test"})
	took, ok = within(time.Second, func() bool {
		code, _ := fetch(t, b.url+path)
		_, home := fetch(t, b.url+"/en/")
		return code == http.StatusGone && !strings.Contains(home, headline)
	})
	if !ok {
		t.Fatalf("B still served the story unpublished on A after 1 s")
	}
	t.Logf("unpublished on A, gone from B after %v", took)
	if code, _ := fetch(t, a.url+path); code != http.StatusGone {
		t.Errorf("A serves the unpublished story: %d", code)
	}
}
