package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/syndication"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// TestEmailForEachNotificationKind: each kind of notification, raised through the real
// path of its event (the workflow, a sign-in attack, a dead-lettered webhook delivery),
// reaches its recipients at a real SMTP server (Mailpit), by the site's mail worker.
func TestEmailForEachNotificationKind(t *testing.T) {
	mp := testkit.StartMailpit(t)
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		k := "lite"
		if strings.HasPrefix(dsn, "postgres") {
			k = "pg"
		}
		st := sitekit.Demo(t, dsn)
		_, site := sitekit.Serve(t, config.Config{TimeZone: "Asia/Baku", Demo: true, SMTPURL: mp.URL(), MailFrom: "desk@example.test"}, st)
		done := make(chan struct{})
		go func() { site.Notify.RunMail(ctx, 200*time.Millisecond); close(done) }()
		defer func() { cancel(); <-done }()

		hash, err := account.HashPassword("quay-ferry-timetable-7431")
		if err != nil {
			t.Fatal(err)
		}
		add := func(name, role string) account.User {
			return testkit.AddUser(t, st, account.User{Email: name + "-" + k + "@example.test", Name: name, Role: role, PasswordHash: hash})
		}
		corr, ed, adm := add("corr", account.RoleCorrespondent), add("ed", account.RoleEditor), add("adm", account.RoleAdmin)

		headline := "Night ferry to Aktau " + k
		a, err := site.Newsroom.Create(ctx, corr, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: headline,
			Standfirst: "Sailings resume.", Body: "The ferry sails at night.", Byline: "Corr"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := site.Newsroom.Submit(ctx, corr, a.ID); err != nil {
			t.Fatal(err)
		}
		m := mp.WaitFor(t, ed.Email, "Waiting for an editor: "+headline)
		if !strings.Contains(m.Text, fmt.Sprintf("/newsroom/articles/%d", a.ID)) {
			t.Errorf("the submission's email has no link to the story: %q", m.Text)
		}
		mp.WaitFor(t, adm.Email, "Waiting for an editor: "+headline)
		if _, err := site.Newsroom.Return(ctx, ed, a.ID, "Add the port's timetable."); err != nil {
			t.Fatal(err)
		}
		m = mp.WaitFor(t, corr.Email, "Returned to you: "+headline)
		if !strings.Contains(m.Text, "Add the port's timetable.") {
			t.Errorf("the return's email lacks the note: %q", m.Text)
		}
		if _, _, err := site.Newsroom.Publish(ctx, ed, a.ID); err != nil {
			t.Fatal(err)
		}
		mp.WaitFor(t, corr.Email, "Published: "+headline)

		// Ten failed sign-ins from ten addresses: the account is under attack.
		for i := range account.LoginAttackFailures {
			ip := fmt.Sprintf("198.51.100.%d", i+1)
			if _, _, err := site.Accounts.SignIn(ctx, account.SignIn{Email: ed.Email, Password: "wrong-guess-" + ip, Address: ip, IP: ip}); err == nil {
				t.Fatal("a wrong password signed in")
			}
		}
		m = mp.WaitFor(t, adm.Email, "Sign-in attack on "+ed.Email)
		if !strings.Contains(m.Text, "failed sign-ins") {
			t.Errorf("the attack's email says %q", m.Text)
		}

		// A delivery to a subscriber's webhook is given up on.
		sub, _, err := site.Wire.AddSubscriber(ctx, syndication.SubscriberInput{Name: "Gazette " + k, Sections: []string{"*"}, Languages: []string{"*"}},
			syndication.Catalog{Sections: []string{"politics"}, Languages: []string{"en"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := site.Wire.AddWebhook(ctx, syndication.WebhookInput{SubscriberID: sub.ID, URL: "https://gazette.example/hook"}); err != nil {
			t.Fatal(err)
		}
		b, err := site.Newsroom.Create(ctx, ed, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: "Port fees " + k,
			Standfirst: "Fees rise.", Body: "Fees rise in spring.", Byline: "Ed"})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := site.Newsroom.Publish(ctx, ed, b.ID); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		ds, err := st.ClaimWireDeliveries(ctx, "test-claim", now, now.Add(time.Minute), 100)
		if err != nil || len(ds) == 0 {
			t.Fatalf("claimed %d deliveries: %v", len(ds), err)
		}
		var results []syndication.Result
		for _, d := range ds {
			results = append(results, syndication.Result{ID: d.ID, SubscriberID: d.SubscriberID, Dead: true, Status: 500, Error: "answered 500 Internal Server Error"})
		}
		if err := st.FinishWireDeliveries(ctx, "test-claim", results, now); err != nil {
			t.Fatal(err)
		}
		m = mp.WaitFor(t, adm.Email, "Deliveries to Gazette "+k+" given up")
		if !strings.Contains(m.Text, "answered 500") {
			t.Errorf("the dead letter's email says %q", m.Text)
		}
		for _, msg := range mp.Messages(t) {
			for _, to := range msg.To {
				if to == ed.Email && strings.Contains(msg.Subject, "Published: Port fees") {
					t.Errorf("the editor was told of their own publication: %q", msg.Subject)
				}
			}
		}
	})
}
