package testkit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Mailpit is a real SMTP server (Mailpit) started for one test, with its HTTP API to read
// what arrived.
type Mailpit struct {
	// SMTP is host:port of its SMTP listener.
	SMTP string
	api  string
	log  *bytes.Buffer
}

// MailpitMessage is what a test reads of one received email.
type MailpitMessage struct {
	ID      string
	To      []string // the recipients' addresses (the envelope's, as Mailpit records them)
	Subject string
	Text    string // the plain-text body, decoded
}

// StartMailpit starts Mailpit (the binary in $NEWSDESK_MAILPIT, which ./scripts/test
// installs) on free loopback ports, and stops it when the test ends; the test skips,
// saying why, when there is none.
func StartMailpit(tb testing.TB) *Mailpit {
	tb.Helper()
	bin := toolBinary(tb, "NEWSDESK_MAILPIT", "Mailpit", "installs")
	m := &Mailpit{SMTP: freeAddr(tb), api: freeAddr(tb), log: &bytes.Buffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--smtp", m.SMTP, "--listen", m.api, // #nosec G204 G702 -- the test machine's own Mailpit, with arguments made here
		"--database", filepath.Join(tb.TempDir(), "mailpit.db"), "--smtp-auth-accept-any", "--smtp-auth-allow-insecure")
	cmd.Stdout, cmd.Stderr = m.log, m.log
	if err := cmd.Start(); err != nil {
		cancel()
		tb.Fatalf("start mailpit: %v", err)
	}
	tb.Cleanup(func() { cancel(); _ = cmd.Wait() })
	Eventually(tb, time.Minute, "Mailpit answers on "+m.api, func() bool {
		resp, err := http.Get("http://" + m.api + "/api/v1/messages")
		if err != nil {
			return false
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return false
		}
		c, err := net.DialTimeout("tcp", m.SMTP, time.Second)
		if err != nil {
			return false
		}
		c.Close()
		return true
	})
	return m
}

// URL is an smtp:// URL of the server, without an account.
func (m *Mailpit) URL() string { return "smtp://" + m.SMTP }

// Messages returns every message received so far, newest first.
func (m *Mailpit) Messages(tb testing.TB) []MailpitMessage {
	tb.Helper()
	var list struct {
		Messages []struct {
			ID      string
			To      []struct{ Address string }
			Subject string
		} `json:"messages"`
	}
	m.get(tb, "/api/v1/messages?limit=500", &list)
	out := make([]MailpitMessage, 0, len(list.Messages))
	for _, x := range list.Messages {
		msg := MailpitMessage{ID: x.ID, Subject: x.Subject}
		for _, t := range x.To {
			msg.To = append(msg.To, strings.ToLower(t.Address))
		}
		var full struct{ Text string }
		m.get(tb, "/api/v1/message/"+x.ID, &full)
		msg.Text = full.Text
		out = append(out, msg)
	}
	return out
}

// WaitFor waits (up to a bound that only ends a hang) for a message to addr whose subject
// contains subject, and returns it.
func (m *Mailpit) WaitFor(tb testing.TB, addr, subject string) MailpitMessage {
	tb.Helper()
	var got MailpitMessage
	Eventually(tb, 2*time.Minute, fmt.Sprintf("an email to %s about %q", addr, subject), func() bool {
		for _, msg := range m.Messages(tb) {
			for _, to := range msg.To {
				if to == strings.ToLower(addr) && strings.Contains(msg.Subject, subject) {
					got = msg
					return true
				}
			}
		}
		return false
	})
	return got
}

func (m *Mailpit) get(tb testing.TB, path string, v any) {
	tb.Helper()
	resp, err := http.Get("http://" + m.api + path)
	if err != nil {
		tb.Fatalf("mailpit %s: %v\n%s", path, err, m.log)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("mailpit %s answered %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		tb.Fatalf("mailpit %s: %v", path, err)
	}
}

// toolBinary returns the path of the test tool named by the environment variable env, and
// skips the test, saying why, when it is not set or not there. name is the tool's name and
// how what ./scripts/test does to get it ("installs", "builds").
func toolBinary(tb testing.TB, env, name, how string) string {
	tb.Helper()
	bin := os.Getenv(env)
	if bin == "" {
		tb.Skipf("no %s: run the tests with ./scripts/test, which %s it (or set %s to its binary)", name, how, env)
	}
	if _, err := os.Stat(bin); err != nil { // #nosec G703 -- the test machine's own setting
		tb.Skipf("no %s at %s=%s: %v", name, env, bin, err)
	}
	return bin
}

// freeAddr returns a loopback host:port that nothing listens on right now.
func freeAddr(tb testing.TB) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return "127.0.0.1:" + strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// Eventually polls cond until it holds, failing the test after bound (a bound that only
// ends a hang: a busy machine may take long, and the test never sleeps for a guess).
func Eventually(tb testing.TB, bound time.Duration, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(bound)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("waited %s for %s", bound, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
