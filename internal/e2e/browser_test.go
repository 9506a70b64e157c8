package e2e_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	// testBudget bounds the whole browser session of one test. The bounds only end a hung
	// browser: every step waits for its condition, and a loaded 2-core machine (CI runs
	// every package at once) can take tens of seconds for what takes one alone. A long walk
	// (the phone test opens some fifty screens, each checked by axe) took over six minutes
	// at load 40; stepTimeout is what ends a hang, this only a runaway session.
	testBudget = 30 * time.Minute
	// stepTimeout bounds one step: a navigation, a form sent, a wait for the page. A
	// sign-in takes 2–4 s on a 2-core machine (argon2id), more while other tests run.
	stepTimeout = 2 * time.Minute
)

// browser is one headless Chromium tab bound to a test.
type browser struct {
	t    *testing.T      // the running test; each subtest sets its own
	ctx  context.Context // the tab; actions run in contexts derived from it
	base string          // the site's URL, without a trailing slash

	out *lockedBuffer // what Chromium printed, shown when a step fails

	mu      sync.Mutex
	console []chromedp.ConsoleMessage // every console message of the tab, in order
}

// chromiumPath returns the browser binary to use, or skips (fails under CI or with
// NEWSDESK_REQUIRE_BROWSER) when there is none.
func chromiumPath(t *testing.T) string {
	t.Helper()
	path := os.Getenv("CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	found, err := exec.LookPath(path)
	if err == nil {
		return found
	}
	msg := "no Chromium at " + path + " (" + err.Error() + "): install Debian's chromium package or set CHROMIUM"
	if os.Getenv("CI") != "" || os.Getenv("NEWSDESK_REQUIRE_BROWSER") != "" {
		t.Fatal(msg + "; CI or NEWSDESK_REQUIRE_BROWSER is set, so the end-to-end test may not skip")
	}
	t.Skip(msg)
	return ""
}

// newBrowser starts a fresh headless Chromium (the binary at path, from chromiumPath)
// with its own profile in t.TempDir and opens one tab on the site at base. Everything it
// does ends within testBudget (or the test's deadline).
func newBrowser(t *testing.T, path, base string) *browser {
	t.Helper()
	return newBrowserWithProfile(t, path, base, t.TempDir())
}

// newBrowserWithProfile is newBrowser with the browser profile (cookies, storage) in dir,
// which a later browser may open again.
func newBrowserWithProfile(t *testing.T, path, base, dir string) *browser {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testBudget)
	if d, ok := t.Deadline(); ok && time.Until(d)-5*time.Second < testBudget {
		cancel()
		ctx, cancel = context.WithDeadline(context.Background(), d.Add(-5*time.Second))
	}
	out := &lockedBuffer{}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), // /dev/shm is small in containers
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(out),
	)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	b := &browser{t: t, ctx: tabCtx, base: base, out: out}
	// Cleanups run last-in first-out: the tab, then the browser process, then the budget.
	t.Cleanup(cancel)
	t.Cleanup(cancelAlloc)
	t.Cleanup(cancelTab)

	// The first Do starts the browser and binds its life to tabCtx, so it gets no
	// shorter timeout of its own (see chromedp's docs, "Set a timeout for one action");
	// the budget above still bounds it.
	start := time.Now()
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("start Chromium %s: %v\n%s", path, err, out.tail(2000))
	}
	t.Logf("Chromium started in %v", time.Since(start).Round(time.Millisecond))

	messages := chromedp.Console(tabCtx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
	return b
}

// do runs steps within stepTimeout; on failure it reports where the browser was.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.fatal(what, err)
	}
}

// get runs one action that returns a value, within stepTimeout.
func get[T any](b *browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.fatal(what, err)
	}
	return v
}

// fatal ends the test with the page the browser shows, to make the failure readable.
func (b *browser) fatal(what string, err error) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	where, _ := chromedp.Run(ctx, chromedp.Location())
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if len(text) > 1500 {
		text = text[:1500] + " …"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		err = errors.New("no result within " + stepTimeout.String() + " (" + err.Error() + ")")
	}
	b.t.Fatalf("%s: %v\nthe browser is at %s, showing:\n%s\nconsole:\n%s", what, err, where, text, b.consoleText())
}

// open navigates to a path of the site and waits until sel is visible.
func (b *browser) open(path, sel string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitVisible(chromedp.CSS(sel)))
}

// press clicks the button labelled label and waits until sel, found only on the page
// that follows, is visible.
func (b *browser) press(label, sel string) {
	b.t.Helper()
	b.do(`press "`+label+`"`, chromedp.Click(button(label)), chromedp.WaitVisible(chromedp.CSS(sel)))
}

// button selects the button whose visible label is label.
func button(label string) chromedp.Search {
	return chromedp.Search(`//button[normalize-space()="` + label + `"]`)
}

// link selects the link whose visible text is text.
func link(text string) chromedp.Search {
	return chromedp.Search(`//a[normalize-space()="` + text + `"]`)
}

// signIn fills the newsroom's sign-in form and waits for the newsroom's navigation.
func (b *browser) signIn(email, password string) {
	b.t.Helper()
	b.open("/newsroom/login", "#email")
	b.do("sign in as "+email,
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(button("Sign in")),
		chromedp.WaitVisible(chromedp.CSS(`nav[aria-label="Newsroom"]`)),
	)
}

// signOut presses "Sign out" and waits for the sign-in form.
func (b *browser) signOut() {
	b.t.Helper()
	b.press("Sign out", "#password")
}

// consoleProblems returns the console messages that show a broken page: uncaught
// exceptions, console.error calls and errors of the browser's security checks (a
// Content-Security-Policy violation, for one). Failed requests are left to the checks
// of the test, which know which answers are expected.
func (b *browser) consoleProblems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, m := range b.console {
		if m.IsException() || (m.Type == chromedp.ConsoleError && m.Source != "network") {
			out = append(out, m.URL+": "+m.String())
		}
	}
	return out
}

func (b *browser) consoleText() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var sb strings.Builder
	for _, m := range b.console {
		sb.WriteString("  " + m.Source + " " + m.String() + " (" + m.URL + ")\n")
	}
	return sb.String()
}

// lockedBuffer collects the browser's output, which its process writes from another
// goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedBuffer) tail(n int) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.buf.String()
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}
