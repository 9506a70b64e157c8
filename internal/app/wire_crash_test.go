package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/syndication"
)

// TestWireDeliverySurvivesKill runs the real binary: a story is published through the
// newsroom API while the subscriber's endpoint is down, the server is killed with SIGKILL
// before it could deliver, the endpoint comes up, the server restarts, and the delivery
// arrives, signed, from the outbox the publication wrote.
func TestWireDeliverySurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "newsdesk")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/newsdesk")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "site.db")
	cli := func(stdin string, args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, append(args, "--db", db)...)
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("newsdesk %v: %v\n%s", args, err, out)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		return strings.TrimSpace(lines[len(lines)-1])
	}
	addr := freeAddr(t)
	base := "http://" + addr
	serve := func(extra ...string) *exec.Cmd {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"serve", "--db", db, "--addr", addr, "--media", filepath.Join(dir, "media"),
			"--base-url", base, "--log-level", "warn"}, extra...)...)
		var log bytes.Buffer
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if cmd.ProcessState == nil {
				_ = cmd.Process.Signal(syscall.SIGTERM)
				_ = cmd.Wait()
			}
		})
		for i := 0; ; i++ {
			if resp, err := http.Get(base + "/healthz"); err == nil {
				resp.Body.Close()
				return cmd
			}
			if i == 200 {
				t.Fatalf("server did not start: %s", log.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	server := serve("--demo")
	cli("a long enough password\n", "user", "add", "--email", "ed@wire.test", "--name", "Ed", "--role", "editor")
	token := cli("", "token", "create", "--email", "ed@wire.test", "--name", "crash test")
	cli("", "subscriber", "add", "--name", "Crash Daily", "--sections", "politics", "--languages", "en")
	hookAddr := freeAddr(t) // nothing listens here yet: the endpoint is down
	secret := cli("", "subscriber", "webhook", "add", "--id", "1", "--url", "http://"+hookAddr+"/hook")

	api := func(method, path string, body any) map[string]any {
		t.Helper()
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, base+path, bytes.NewReader(b))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		raw, _ := io.ReadAll(resp.Body)
		if resp.StatusCode >= 300 || json.Unmarshal(raw, &out) != nil {
			t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, raw)
		}
		return out
	}
	created := api("POST", "/api/v1/newsroom/articles", map[string]any{"language": "en", "section": "politics",
		"headline": "Published just before the crash", "body": "It must still reach the subscriber."})
	id := int64(created["id"].(float64))
	api("POST", fmt.Sprintf("/api/v1/newsroom/articles/%d/publish", id), map[string]any{})
	if err := server.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = server.Wait()

	type delivery struct {
		header http.Header
		body   []byte
	}
	var mu sync.Mutex
	var got []delivery
	ln, err := net.Listen("tcp", hookAddr)
	if err != nil {
		t.Fatal(err)
	}
	receiver := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, delivery{r.Header.Clone(), b})
		mu.Unlock()
	})}
	go func() { _ = receiver.Serve(ln) }()
	t.Cleanup(func() { receiver.Shutdown(context.Background()) })

	serve()
	deadline := time.Now().Add(90 * time.Second) // a crash mid-attempt waits for the lease
	for {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the delivery never arrived after the restart")
		}
		time.Sleep(100 * time.Millisecond)
	}
	mu.Lock()
	d := got[0]
	mu.Unlock()
	if err := syndication.Verify(secret, d.header.Get(syndication.HeaderTimestamp), d.body, d.header.Get(syndication.HeaderSignature),
		time.Now(), 5*time.Minute); err != nil {
		t.Errorf("signature: %v", err)
	}
	var item map[string]any
	if err := json.Unmarshal(d.body, &item); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(fmt.Sprint(item["uri"]), ":article:"+strconv.FormatInt(id, 10)) || d.header.Get(syndication.HeaderEvent) != "release" {
		t.Errorf("delivered %s (event %s)", item["uri"], d.header.Get(syndication.HeaderEvent))
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatal(err)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
