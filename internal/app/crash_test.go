package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// buildNewsdesk builds the binary into a temporary folder.
func buildNewsdesk(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "newsdesk")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/newsdesk").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// procLog collects a process's output for the test to read while it runs.
type procLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *procLog) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *procLog) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// procSite is the real newsdesk binary serving one database on one address.
type procSite struct {
	t                   *testing.T
	bin, dsn, media     string
	addr, base          string
	cmd                 *exec.Cmd
	exited              chan struct{} // closed when cmd has exited
	log                 *procLog
	client              *http.Client
	extraServeArguments []string
}

func newProcSite(t *testing.T, bin, dsn string, extra ...string) *procSite {
	t.Helper()
	addr := freeAddr(t)
	return &procSite{t: t, bin: bin, dsn: dsn, media: filepath.Join(t.TempDir(), "media"), addr: addr, base: "http://" + addr,
		client: &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}}, extraServeArguments: extra}
}

// start runs serve (with extra flags) and waits until /healthz answers.
func (p *procSite) start(extra ...string) {
	p.t.Helper()
	args := append([]string{"serve", "--db", p.dsn, "--addr", p.addr, "--media", p.media, "--base-url", p.base,
		"--log-level", "warn", "--trusted-proxy-header", "X-Forwarded-For"}, p.extraServeArguments...)
	cmd := exec.Command(p.bin, append(args, extra...)...)
	p.log = &procLog{}
	cmd.Stdout, cmd.Stderr = p.log, p.log
	if err := cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	p.cmd, p.exited = cmd, exited
	p.t.Cleanup(func() {
		select {
		case <-exited:
		default:
			_ = cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-exited:
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				<-exited
			}
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		if resp, err := http.Get(p.base + "/healthz"); err == nil {
			resp.Body.Close()
			return
		}
		select {
		case <-exited:
			p.t.Fatalf("newsdesk serve exited on start: %s", p.log.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("server did not start within 60 s: %s", p.log.String())
		}
	}
}

// kill stops the server with SIGKILL, as a power cut or the OOM killer would.
func (p *procSite) kill() {
	p.t.Helper()
	p.signal(syscall.SIGKILL)
}

// stop stops the server with SIGTERM (a graceful shutdown) and waits until it has exited.
func (p *procSite) stop() {
	p.t.Helper()
	p.signal(syscall.SIGTERM)
}

func (p *procSite) signal(sig syscall.Signal) {
	p.t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatal(err)
	}
	select {
	case <-p.exited:
	case <-time.After(30 * time.Second):
		p.t.Fatalf("the server did not exit on %v", sig)
	}
}

// cli runs a newsdesk command on the site's database and returns its last output line.
func (p *procSite) cli(stdin string, args ...string) string {
	p.t.Helper()
	cmd := exec.Command(p.bin, append(args, "--db", p.dsn)...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		p.t.Fatalf("newsdesk %v: %v\n%s", args, err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// editorToken adds an editor and returns a personal API token of theirs.
func (p *procSite) editorToken() string {
	p.t.Helper()
	p.cli("a long enough password\n", "user", "add", "--email", "burst@agency.test", "--name", "Burst Editor", "--role", "editor")
	return p.cli("", "token", "create", "--email", "burst@agency.test", "--name", "burst")
}

// do sends a request; a transport error (the server is gone) is returned, not fatal.
func (p *procSite) do(method, path string, body io.Reader, header ...string) (int, []byte, error) {
	req, err := http.NewRequest(method, p.base+path, body)
	if err != nil {
		return 0, nil, err
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// api sends a JSON API request with the token.
func (p *procSite) api(token, method, path string, body any) (int, map[string]any, error) {
	b, _ := json.Marshal(body)
	code, raw, err := p.do(method, path, bytes.NewReader(b), "Authorization", "Bearer "+token, "Content-Type", "application/json")
	if err != nil {
		return 0, nil, err
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		return code, nil, fmt.Errorf("%s %s: %d, not JSON: %.200s", method, path, code, raw)
	}
	return code, out, nil
}

var tokenRE = regexp.MustCompile(`name="token" value="([^"]+)"`)

// reviewTarget is a published story and the token of its review form.
type reviewTarget struct{ path, token string }

// reviewTargets loads n published stories and their review form tokens.
func (p *procSite) reviewTargets(token string, n int) []reviewTarget {
	p.t.Helper()
	code, list, err := p.api(token, "GET", "/api/v1/newsroom/articles?status=published&language=en&limit=50", nil)
	if err != nil || code != 200 {
		p.t.Fatalf("list stories: %d %v", code, err)
	}
	var out []reviewTarget
	items, _ := list["articles"].([]any)
	for _, it := range items {
		raw, _ := it.(map[string]any)["url"].(string)
		u, err := url.Parse(raw)
		if err != nil || u.Path == "" {
			continue
		}
		code, page, err := p.do("GET", u.Path, nil)
		if err != nil || code != 200 {
			continue
		}
		if m := tokenRE.FindSubmatch(page); m != nil {
			out = append(out, reviewTarget{u.Path, string(m[1])})
		}
		if len(out) == n {
			return out
		}
	}
	p.t.Fatalf("found %d stories taking reviews, want %d", len(out), n)
	return nil
}

// acked records the writes the server answered with success.
type acked struct {
	mu        sync.Mutex
	created   []int64
	published map[int64]string // id → public path
	briefs    []int64
	reviews   []string // texts
	failures  []string // answers that were neither success nor a refused connection
}

func (a *acked) counts() (published, reviews int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.published), len(a.reviews)
}

func (a *acked) fail(format string, args ...any) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.failures = append(a.failures, fmt.Sprintf(format, args...))
}

// burst fires publications, briefs and reviews from several goroutines until stop is
// closed or the server stops answering.
func burst(p *procSite, token string, targets []reviewTarget, stop <-chan struct{}, a *acked) *sync.WaitGroup {
	var wg sync.WaitGroup
	const publishers, reviewers = 3, 2
	for g := 0; g < publishers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if i%4 == 3 {
					code, out, err := p.api(token, "POST", "/api/v1/newsroom/briefs", map[string]any{"language": "en", "section": "politics",
						"text": fmt.Sprintf("Crash brief %d-%d: a short item filed during the burst.", g, i)})
					if err != nil {
						return
					}
					if code != 201 {
						a.fail("brief: %d %v", code, out)
						continue
					}
					a.mu.Lock()
					a.briefs = append(a.briefs, int64(out["id"].(float64)))
					a.mu.Unlock()
					continue
				}
				code, out, err := p.api(token, "POST", "/api/v1/newsroom/articles", map[string]any{"language": "en", "section": "politics",
					"headline": fmt.Sprintf("Crash burst story %d-%d", g, i), "body": "Filed during a burst that ends in SIGKILL."})
				if err != nil {
					return
				}
				if code != 201 {
					a.fail("create: %d %v", code, out)
					continue
				}
				id := int64(out["id"].(float64))
				a.mu.Lock()
				a.created = append(a.created, id)
				a.mu.Unlock()
				code, out, err = p.api(token, "POST", fmt.Sprintf("/api/v1/newsroom/articles/%d/publish", id), map[string]any{})
				if err != nil {
					return
				}
				if code != 200 {
					a.fail("publish %d: %d %v", id, code, out)
					continue
				}
				u, _ := url.Parse(fmt.Sprint(out["url"]))
				a.mu.Lock()
				a.published[id] = u.Path
				a.mu.Unlock()
			}
		}()
	}
	for g := 0; g < reviewers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				tg := targets[(g+i*reviewers)%len(targets)]
				text := fmt.Sprintf("Review %d-%d written during the crash burst, kept if acknowledged.", g, i)
				f := url.Values{"token": {tg.token}, "website": {""}, "name": {"Burst reader"}, "email": {""},
					"rating": {"4"}, "text": {text}}
				code, body, err := p.do("POST", tg.path+"/reviews", strings.NewReader(f.Encode()),
					"Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json",
					"X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", g, i/250, i%250+1))
				if err != nil {
					return
				}
				switch code {
				case 201:
					a.mu.Lock()
					a.reviews = append(a.reviews, text)
					a.mu.Unlock()
				case 429: // the story's rate limit: refused, not acknowledged
				default:
					a.fail("review: %d %.200s", code, body)
				}
			}
		}()
	}
	return &wg
}

// TestKillDuringBurst SIGKILLs the server while publications, briefs and reviews pour
// in, restarts it, and checks that every acknowledged write is there, that nothing
// half-written is visible (each story with its revision, search entry and wire version),
// and that the database passes its integrity check.
func TestKillDuringBurst(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildNewsdesk(t)
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		p := newProcSite(t, bin, dsn)
		p.start("--demo")
		token := p.editorToken()
		targets := p.reviewTargets(token, 4)

		st, err := store.Open(ctx, dsn, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		baseline, err := st.Consistency(ctx)
		if err != nil {
			t.Fatal(err)
		}

		a := &acked{published: map[int64]string{}}
		stop := make(chan struct{})
		wg := burst(p, token, targets, stop, a)
		deadline := time.Now().Add(60 * time.Second)
		for {
			pub, rev := a.counts()
			if pub >= 12 && rev >= 8 {
				break
			}
			if time.Now().After(deadline) {
				close(stop)
				wg.Wait()
				t.Fatalf("the burst did not get going: %d published, %d reviews; failures %v\n%s", pub, rev, a.failures, p.log.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
		p.kill() // mid-burst: requests are in flight
		close(stop)
		wg.Wait()
		for _, f := range a.failures {
			t.Errorf("during the burst: %s", f)
		}
		t.Logf("acknowledged before the kill: %d created, %d published, %d briefs, %d reviews",
			len(a.created), len(a.published), len(a.briefs), len(a.reviews))

		p.start()
		checkIntact(t, st, baseline)
		for _, id := range a.created {
			got, err := st.ArticleByID(ctx, id)
			if err != nil {
				t.Errorf("acknowledged story %d is lost: %v", id, err)
				continue
			}
			if path, ok := a.published[id]; ok {
				if got.Status != content.StatusPublished {
					t.Errorf("acknowledged publication of %d is lost: status %s", id, got.Status)
				}
				if code, _, err := p.do("GET", path, nil); err != nil || code != 200 {
					t.Errorf("GET %s after the restart: %d %v", path, code, err)
				}
			}
			if revs, err := st.Revisions(ctx, id); err != nil || len(revs) == 0 {
				t.Errorf("story %d has no revision: %v", id, err)
			}
		}
		// At most one story per publisher was being created when the server died.
		extra := 0
		have := map[int64]bool{}
		for _, id := range a.created {
			have[id] = true
		}
		if len(a.created) > 0 {
			first, last := a.created[0], a.created[0]
			for _, id := range a.created {
				first, last = min(first, id), max(last, id)
			}
			for id := first; id <= last+10; id++ {
				if got, err := st.ArticleByID(ctx, id); err == nil && !have[id] && strings.HasPrefix(got.Headline, "Crash burst") {
					extra++
				}
			}
		}
		if extra > 3 {
			t.Errorf("%d unacknowledged stories exist; at most 3 (one per publisher) were in flight", extra)
		}
		for _, id := range a.briefs {
			if _, err := st.BriefByID(ctx, id); err != nil {
				t.Errorf("acknowledged brief %d is lost: %v", id, err)
			}
		}
		stored := map[string]bool{}
		all, err := st.Reviews(ctx, review.Query{Limit: 100000})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range all {
			stored[r.Text] = true
		}
		for _, text := range a.reviews {
			if !stored[text] {
				t.Errorf("acknowledged review lost: %q", text)
			}
		}
	})
}

// checkIntact checks the database after a crash: SQLite's integrity check, and on both
// databases the cross-table invariants, none broken more often than before.
func checkIntact(t *testing.T, st *store.Store, baseline []store.ConsistencyCheck) {
	t.Helper()
	ctx := context.Background()
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Errorf("integrity: %v", err)
	}
	now, err := st.Consistency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range now {
		if c.Count > baseline[i].Count {
			t.Errorf("%s: %d, %d before the burst", c.Name, c.Count, baseline[i].Count)
		}
	}
}
