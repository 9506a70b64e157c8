package notify_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/notify"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func record(t *testing.T, st *store.Store, svc *notify.Service, e notify.Event) {
	t.Helper()
	ctx := context.Background()
	if err := st.WithTx(ctx, func(tx *store.Tx) error { return svc.Record(ctx, tx, e) }); err != nil {
		t.Fatalf("record %s: %v", e.Kind, err)
	}
}

func mailer(t *testing.T, url string) *notify.Mailer {
	t.Helper()
	m, err := notify.NewMailer(url, "desk@example.test")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// dbKind names the subtest's database, to keep the two subtests' addresses apart in one
// Mailpit.
func dbKind(t *testing.T) string {
	if strings.HasSuffix(t.Name(), "postgres") {
		return "pg"
	}
	return "lite"
}

// TestNotifications: the recipients of each kind (less the actor and the disabled), each
// user's preferences per channel, the quiet period of repeated events, the list, the
// unread count, and the emails through a real SMTP server.
func TestNotifications(t *testing.T) {
	mp := testkit.StartMailpit(t)
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		k := dbKind(t)
		add := func(name, role string, disabled bool) account.User {
			return testkit.AddUser(t, st, account.User{Email: name + "-" + k + "@example.test", Name: name, Role: role, Disabled: disabled})
		}
		ed, adm, corr := add("ed", account.RoleEditor, false), add("adm", account.RoleAdmin, false), add("corr", account.RoleCorrespondent, false)
		add("gone", account.RoleEditor, true)
		clk := &clock{t: time.Now()}
		svc := notify.New(notify.Config{Store: st, Mailer: mailer(t, mp.URL()), BaseURL: "https://news.example", Now: clk.now})

		record(t, st, svc, notify.Event{Kind: notify.KindSubmitted, ActorID: corr.ID, Subject: "Quay opens"})
		for _, c := range []struct {
			u    account.User
			want int
		}{{ed, 1}, {adm, 1}, {corr, 0}} {
			if n, err := svc.Unread(ctx, c.u.ID); err != nil || n != c.want {
				t.Errorf("%s has %d unread (%v), want %d", c.u.Name, n, err, c.want)
			}
		}
		// The editor turns the list off for submissions, the admin the email.
		if err := svc.SetPrefsOff(ctx, ed.ID, []notify.Pref{{Kind: notify.KindSubmitted, Channel: notify.ChannelApp}}); err != nil {
			t.Fatal(err)
		}
		if err := svc.SetPrefsOff(ctx, adm.ID, []notify.Pref{{Kind: notify.KindSubmitted, Channel: notify.ChannelEmail}}); err != nil {
			t.Fatal(err)
		}
		if err := svc.SetPrefsOff(ctx, adm.ID, []notify.Pref{{Kind: "gossip", Channel: notify.ChannelApp}}); err == nil {
			t.Error("an unknown kind was accepted")
		}
		record(t, st, svc, notify.Event{Kind: notify.KindSubmitted, ActorID: corr.ID, Subject: "Second ferry"})
		if n, _ := svc.Unread(ctx, ed.ID); n != 1 {
			t.Errorf("the editor sees %d unread after turning the list off, want 1", n)
		}
		if n, _ := svc.Unread(ctx, adm.ID); n != 2 {
			t.Errorf("the admin sees %d unread, want 2", n)
		}
		// Repeated events with one ref are told once within the quiet hour, again after it.
		for range 3 {
			record(t, st, svc, notify.Event{Kind: notify.KindDeadLetter, Subject: "Gazette", Detail: "answered 500", Ref: "subscriber:1"})
		}
		list, err := svc.List(ctx, adm.ID, 50)
		if err != nil || len(list) != 3 || list[0].Kind != notify.KindDeadLetter || list[0].Subject != "Gazette" || list[0].Detail != "answered 500" {
			t.Fatalf("admin's list = %+v, %v; want the dead letter once on top of two submissions", list, err)
		}
		clk.add(61 * time.Minute)
		record(t, st, svc, notify.Event{Kind: notify.KindDeadLetter, Subject: "Gazette", Ref: "subscriber:1"})
		if n, _ := svc.Unread(ctx, adm.ID); n != 4 {
			t.Errorf("after the quiet hour the admin has %d unread, want 4", n)
		}
		if err := svc.MarkRead(ctx, adm.ID, list[0].ID); err != nil {
			t.Fatal(err)
		}
		if n, _ := svc.Unread(ctx, adm.ID); n != 1 {
			t.Errorf("after reading up to %d the admin has %d unread, want 1", list[0].ID, n)
		}
		if err := svc.MarkRead(ctx, adm.ID, 0); err != nil {
			t.Fatal(err)
		}
		if n, _ := svc.Unread(ctx, adm.ID); n != 0 {
			t.Errorf("after reading all the admin has %d unread", n)
		}
		// The emails: editor 2 submissions, admin 1 submission (then email off) + 2 dead letters.
		for {
			n, err := svc.SendDue(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				break
			}
		}
		m := mp.WaitFor(t, ed.Email, "Second ferry")
		if !strings.Contains(m.Text, "Second ferry") || !strings.Contains(m.Text, "https://news.example/newsroom/notifications") {
			t.Errorf("email text = %q", m.Text)
		}
		mp.WaitFor(t, adm.Email, "Gazette")
		counts, err := st.MailOutboxCounts(ctx)
		if err != nil || counts["sent"] != 5 || counts["pending"] != 0 {
			t.Errorf("outbox = %v, %v; want 5 sent", counts, err)
		}
		for _, msg := range mp.Messages(t) {
			for _, to := range msg.To {
				if to == adm.Email && strings.Contains(msg.Subject, "Second ferry") {
					t.Errorf("the admin got an email for a kind whose email is off: %q", msg.Subject)
				}
				if to == corr.Email {
					t.Errorf("the author got an email of their own submission: %q", msg.Subject)
				}
			}
		}
	})
}

// TestMailRetried: an email the server does not take stays in the outbox and is sent at a
// later attempt; one that never goes is kept as failed.
func TestMailRetried(t *testing.T) {
	mp := testkit.StartMailpit(t)
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ed := testkit.AddUser(t, st, account.User{Email: "ed-" + dbKind(t) + "@example.test", Name: "Ed", Role: account.RoleEditor})
		clk := &clock{t: time.Now()}
		// Nothing listens on the discard port of the loopback.
		down := notify.New(notify.Config{Store: st, Mailer: mailer(t, "smtp://127.0.0.1:9"), Now: clk.now})
		record(t, st, down, notify.Event{Kind: notify.KindSubmitted, Subject: "Night sailings"})
		if n, err := down.SendDue(ctx); err != nil || n != 1 {
			t.Fatalf("first attempt: %d tried, %v", n, err)
		}
		if n, _ := down.SendDue(ctx); n != 0 {
			t.Fatalf("a failed email was tried again before its delay: %d", n)
		}
		if c, _ := st.MailOutboxCounts(ctx); c["pending"] != 1 {
			t.Fatalf("after a failed attempt the outbox is %v, want 1 pending", c)
		}
		clk.add(time.Hour)
		up := notify.New(notify.Config{Store: st, Mailer: mailer(t, mp.URL()), Now: clk.now})
		if n, err := up.SendDue(ctx); err != nil || n != 1 {
			t.Fatalf("second attempt: %d tried, %v", n, err)
		}
		mp.WaitFor(t, ed.Email, "Night sailings")
		if c, _ := st.MailOutboxCounts(ctx); c["sent"] != 1 || c["pending"] != 0 {
			t.Errorf("after the retry the outbox is %v, want 1 sent", c)
		}
		// One that never goes is kept, as failed, after the last attempt.
		record(t, st, down, notify.Event{Kind: notify.KindSubmitted, Subject: "Never sent"})
		for i := 0; i < 40; i++ {
			clk.add(3 * time.Hour)
			if _, err := down.SendDue(ctx); err != nil {
				t.Fatal(err)
			}
			if c, _ := st.MailOutboxCounts(ctx); c["failed"] == 1 {
				return
			}
		}
		c, _ := st.MailOutboxCounts(ctx)
		t.Errorf("after many failed attempts the outbox is %v, want 1 failed", c)
	})
}
