package cli_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
)

func TestSubscriberHelp(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		contains []string
	}{
		{[]string{"help"}, 0, []string{"subscriber"}},
		{[]string{"subscriber", "--help"}, 0, []string{"add", "list", "rotate", "revoke", "webhook", "Bearer"}},
		{[]string{"subscriber"}, 2, []string{"missing subcommand"}},
		{[]string{"subscriber", "add", "--help"}, 0, []string{"--name", "--sections", "--languages", "--rate", "once", "last"}},
		{[]string{"subscriber", "webhook", "--help"}, 0, []string{"add", "list", "remove", "HMAC-SHA256"}},
		{[]string{"subscriber", "webhook", "add", "--help"}, 0, []string{"--id", "--url", "--ninjs", "https://"}},
		{[]string{"subscriber", "rotate", "--help"}, 0, []string{"--id", "401"}},
		{[]string{"subscriber", "revoke", "--help"}, 0, []string{"--id", "at once"}},
		{[]string{"subscriber", "drop"}, 2, []string{"unknown subcommand"}},
		{[]string{"subscriber", "rotate"}, 2, []string{"--id"}},
		{[]string{"subscriber", "revoke", "--id", "x"}, 2, []string{"--id"}},
		{[]string{"subscriber", "webhook", "remove"}, 2, []string{"--webhook"}},
	}
	for _, tc := range tests {
		code, out, errs := run(t, "", tc.args...)
		if code != tc.code {
			t.Errorf("newsdesk %v: exit %d, want %d (%s%s)", tc.args, code, tc.code, out, errs)
		}
		for _, want := range tc.contains {
			if !strings.Contains(out+errs, want) {
				t.Errorf("newsdesk %v: output lacks %q: %s%s", tc.args, want, out, errs)
			}
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func TestSubscriberLifecycle(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "site.db")
	st, err := app.OpenStore(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = st.WithTx(ctx, func(tx *store.Tx) error {
		for _, l := range []string{"en", "ru"} {
			if err := tx.PutLanguage(ctx, content.Language{Code: l, Name: l, SiteName: l}); err != nil {
				return err
			}
		}
		_, err := tx.CreateSection(ctx, store.SectionInput{Key: "politics", Names: map[string]string{"en": "Politics", "ru": "Политика"},
			Slugs: map[string]string{"en": "politics", "ru": "politika"}})
		return err
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}

	code, out, errs := run(t, "", "subscriber", "add", "--db", db, "--name", "Bar Daily", "--sections", "politics", "--languages", "en,ru")
	key := lastLine(out)
	if code != 0 || !strings.HasPrefix(key, "ndw_") || len(key) < 40 {
		t.Fatalf("add: %d %s %s", code, out, errs)
	}
	st, err = app.OpenStore(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sub, err := st.WireSubscriberByKey(ctx, account.HashSecret(key))
	if err != nil || sub.Name != "Bar Daily" || strings.Join(sub.Languages, ",") != "en,ru" {
		t.Fatalf("stored subscriber %+v, %v", sub, err)
	}
	if code, _, errs := run(t, "", "subscriber", "add", "--db", db, "--name", "X", "--sections", "sport", "--languages", "en"); code != 2 ||
		!strings.Contains(errs, "--sections") || !strings.Contains(errs, "sport") {
		t.Errorf("unknown section: %d %s", code, errs)
	}
	code, out, errs = run(t, "", "subscriber", "webhook", "add", "--db", db, "--id", "1", "--url", "https://bar.example/hook")
	secret := lastLine(out)
	if code != 0 || !strings.HasPrefix(secret, "ndwh_") {
		t.Fatalf("webhook add: %d %s %s", code, out, errs)
	}
	if code, _, errs := run(t, "", "subscriber", "webhook", "add", "--db", db, "--id", "1", "--url", "http://bar.example/hook"); code != 2 ||
		!strings.Contains(errs, "https") {
		t.Errorf("plain http webhook: %d %s", code, errs)
	}
	if code, out, _ := run(t, "", "subscriber", "webhook", "list", "--db", db, "--id", "1"); code != 0 || !strings.Contains(out, "https://bar.example/hook") ||
		strings.Contains(out, secret) {
		t.Errorf("webhook list: %d %s", code, out)
	}
	code, out, _ = run(t, "", "subscriber", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "Bar Daily") || !strings.Contains(out, "politics") || !strings.Contains(out, key[:8]) || strings.Contains(out, key) {
		t.Errorf("list: %d %s", code, out)
	}
	code, out, _ = run(t, "", "subscriber", "rotate", "--db", db, "--id", "1")
	newKey := lastLine(out)
	if code != 0 || newKey == key || !strings.HasPrefix(newKey, "ndw_") {
		t.Fatalf("rotate: %d %s", code, out)
	}
	if _, err := st.WireSubscriberByKey(ctx, account.HashSecret(key)); err == nil {
		t.Error("the old key still works after rotate")
	}
	if code, out, _ := run(t, "", "subscriber", "revoke", "--db", db, "--id", "1"); code != 0 || !strings.Contains(out, "Revoked") {
		t.Errorf("revoke: %d %s", code, out)
	}
	if _, err := st.WireSubscriberByKey(ctx, account.HashSecret(newKey)); err == nil {
		t.Error("a revoked key still works")
	}
	if code, _, errs := run(t, "", "subscriber", "revoke", "--db", db, "--id", "1"); code != 1 || !strings.Contains(errs, "no active subscriber") {
		t.Errorf("second revoke: %d %s", code, errs)
	}
	if code, _, errs := run(t, "", "subscriber", "webhook", "remove", "--db", db, "--webhook", "1"); code != 0 {
		t.Errorf("webhook remove: %d %s", code, errs)
	}
	if code, _, errs := run(t, "", "subscriber", "webhook", "remove", "--db", db, "--webhook", "1"); code != 1 || !strings.Contains(errs, "no active webhook") {
		t.Errorf("second webhook remove: %d %s", code, errs)
	}
}
