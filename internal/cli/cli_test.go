package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/cli"
)

func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestHelp(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		contains []string
	}{
		{[]string{"help"}, 0, []string{"serve", "migrate", "user", "version"}},
		{[]string{"--help"}, 0, []string{"serve"}},
		{[]string{"serve", "--help"}, 0, []string{"--addr", "NEWSDESK_ADDR", "--db", "NEWSDESK_DB", "--media", "--base-url", "--demo"}},
		{[]string{"help", "serve"}, 0, []string{"--addr"}},
		{[]string{"migrate", "--help"}, 0, []string{"--db", "NEWSDESK_DB"}},
		{[]string{"user", "--help"}, 0, []string{"add"}},
		{[]string{"user", "add", "--help"}, 0, []string{"--email", "--role", "standard input", "NEWSDESK_DB"}},
		{[]string{"version"}, 0, []string{"newsdesk", "schema"}},
		{[]string{}, 2, []string{"Commands"}},
		{[]string{"frobnicate"}, 2, []string{"unknown command"}},
		{[]string{"serve", "--no-such-flag"}, 2, []string{"no-such-flag"}},
		{[]string{"user", "remove"}, 2, []string{"unknown subcommand"}},
	}
	for _, tc := range tests {
		code, out, errs := run(t, "", tc.args...)
		if code != tc.code {
			t.Errorf("newsdesk %v: exit %d, want %d (%s)", tc.args, code, tc.code, errs)
		}
		for _, want := range tc.contains {
			if !strings.Contains(out+errs, want) {
				t.Errorf("newsdesk %v: output lacks %q", tc.args, want)
			}
		}
	}
}

func TestUserAdd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "site.db")
	tests := []struct {
		name, stdin string
		args        []string
		code        int
		contains    string
	}{
		{"ok", "a long enough password\n", []string{"--email", "Aysel@Agency.az", "--name", "Aysel", "--role", "editor"}, 0, "Created editor"},
		{"duplicate", "a long enough password\n", []string{"--email", "aysel@agency.az", "--name", "Aysel", "--role", "editor"}, 1, "already exists"},
		{"short password", "short\n", []string{"--email", "b@agency.az", "--name", "B"}, 1, "at least 10"},
		{"bad role", "a long enough password\n", []string{"--email", "c@agency.az", "--name", "C", "--role", "king"}, 2, "--role"},
		{"no email", "a long enough password\n", []string{"--name", "C"}, 2, "--email"},
	}
	for _, tc := range tests {
		code, out, errs := run(t, tc.stdin, append([]string{"user", "add", "--db", db}, tc.args...)...)
		if code != tc.code || !strings.Contains(out+errs, tc.contains) {
			t.Errorf("%s: exit %d, output %q; want %d and %q", tc.name, code, out+errs, tc.code, tc.contains)
		}
	}
	for _, tc := range []struct {
		stdin    string
		args     []string
		code     int
		contains string
	}{
		{"another long password\n", []string{"passwd", "--email", "aysel@agency.az"}, 0, "Password of aysel@agency.az changed"},
		{"short\n", []string{"passwd", "--email", "aysel@agency.az"}, 1, "at least 10"},
		{"a long enough password\n", []string{"passwd", "--email", "nobody@agency.az"}, 1, "no user"},
		{"", []string{"disable", "--email", "aysel@agency.az"}, 0, "is disabled"},
		{"", []string{"disable", "--email", "aysel@agency.az", "--enable"}, 0, "is enabled"},
		{"", []string{"disable"}, 2, "--email"},
	} {
		code, out, errs := run(t, tc.stdin, append([]string{"user", tc.args[0], "--db", db}, tc.args[1:]...)...)
		if code != tc.code || !strings.Contains(out+errs, tc.contains) {
			t.Errorf("user %v: exit %d, %q; want %d and %q", tc.args, code, out+errs, tc.code, tc.contains)
		}
	}
	t.Setenv("NEWSDESK_DB", db)
	if code, out, _ := run(t, "", "migrate"); code != 0 || !strings.Contains(out, "up to date") {
		t.Errorf("migrate via NEWSDESK_DB: %d %q", code, out)
	}
}

func TestRefusesForeignFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.txt")
	orig := []byte("quarterly report, not a database\n")
	if err := os.WriteFile(path, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"migrate", "--db", path}, {"serve", "--db", path, "--addr", "127.0.0.1:0"}} {
		code, _, errs := run(t, "", args...)
		if code != 1 || !strings.Contains(errs, "not a Newsdesk database") {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, orig) {
		t.Error("the foreign file was modified")
	}
}

func TestUnreachablePostgres(t *testing.T) {
	code, _, errs := run(t, "", "serve", "--db", "postgres://u:pw@127.0.0.1:1/x?connect_timeout=2", "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(errs, "cannot reach database") || strings.Contains(errs, ":pw@") {
		t.Errorf("exit %d, %q", code, errs)
	}
}

func TestServeDemoAndGracefulShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	db := filepath.Join(t.TempDir(), "site.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- cli.Run(ctx, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb},
			[]string{"serve", "--demo", "--db", db, "--addr", addr, "--media", t.TempDir()})
	}()
	url := fmt.Sprintf("http://%s", addr)
	if !waitListening(url, done) {
		t.Fatalf("serve --demo exited before it listened: %s", errb.String())
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after shutdown: %s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not shut down")
	}
	for _, want := range []string{url + "/", "Newsroom login:", "password:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("serve --demo output lacks %q: %s", want, out.String())
		}
	}
	// A second --demo on the same database adds nothing and says so.
	// It listens only after the demo step, so it is stopped once it answers.
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	out.Reset()
	done2 := make(chan int, 1)
	go func() {
		done2 <- cli.Run(ctx2, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb},
			[]string{"serve", "--demo", "--db", db, "--addr", addr})
	}()
	waitListening(url, done2)
	cancel2()
	if code := <-done2; code != 0 || !strings.Contains(out.String(), "added nothing") {
		t.Errorf("second --demo: exit %d, %q", code, out.String())
	}
}

// waitListening asks url's /healthz until it answers, and reports false if the server
// exits first (its exit code is put back into done). A loaded machine may take long to
// start; the test's own deadline bounds the wait.
func waitListening(url string, done chan int) bool {
	for {
		select {
		case code := <-done:
			done <- code
			return false
		default:
		}
		if resp, err := http.Get(url + "/healthz"); err == nil {
			resp.Body.Close()
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
}
