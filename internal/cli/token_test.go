package cli_test

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
)

func TestTokenHelp(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		contains []string
	}{
		{[]string{"help"}, 0, []string{"token"}},
		{[]string{"token", "--help"}, 0, []string{"create", "list", "revoke", "Bearer"}},
		{[]string{"token"}, 2, []string{"create", "missing subcommand"}},
		{[]string{"token", "create", "--help"}, 0, []string{"--email", "--name", "--db", "once", "last line"}},
		{[]string{"token", "list", "--help"}, 0, []string{"--email", "last used", "revoked"}},
		{[]string{"token", "revoke", "--help"}, 0, []string{"--id", "at once", "401"}},
		{[]string{"token", "rotate"}, 2, []string{"unknown subcommand"}},
		{[]string{"token", "create"}, 2, []string{"--email"}},
		{[]string{"token", "list"}, 2, []string{"--email"}},
		{[]string{"token", "revoke"}, 2, []string{"--id"}},
		{[]string{"token", "revoke", "--id", "x"}, 2, []string{"--id"}},
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

func TestTokenLifecycle(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "site.db")
	for _, u := range []struct{ email, role string }{{"ed@agency.test", "editor"}, {"off@agency.test", "correspondent"}} {
		if code, _, errs := run(t, "a long enough password\n", "user", "add", "--db", db, "--email", u.email, "--name", "User "+u.role, "--role", u.role); code != 0 {
			t.Fatalf("user add: %s", errs)
		}
	}
	st, err := app.OpenStore(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	off, err := st.UserByEmail(ctx, "off@agency.test")
	if err != nil {
		t.Fatal(err)
	}
	off.Disabled = true
	if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.UpdateUser(ctx, off) }); err != nil {
		t.Fatal(err)
	}

	code, out, errs := run(t, "", "token", "create", "--db", db, "--email", "ED@agency.test", "--name", "wire importer")
	if code != 0 {
		t.Fatalf("token create: exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	secret := lines[len(lines)-1]
	if !regexp.MustCompile(`^ndt_[A-Za-z0-9_-]{43}$`).MatchString(secret) {
		t.Fatalf("last line is not a token alone: %q", secret)
	}
	u, err := st.TokenUser(ctx, account.HashSecret(secret))
	if err != nil || u.Email != "ed@agency.test" {
		t.Fatalf("the printed token does not authenticate: %+v, %v", u, err)
	}
	tokens, err := st.UserTokens(ctx, u.ID)
	if err != nil || len(tokens) != 1 || tokens[0].Name != "wire importer" {
		t.Fatalf("stored tokens: %+v, %v", tokens, err)
	}
	var stored string
	if err := st.DB().QueryRowContext(ctx, "SELECT token_hash FROM api_tokens").Scan(&stored); err != nil || strings.Contains(stored, secret[4:]) {
		t.Errorf("the database holds %q (err %v), not only a hash", stored, err)
	}

	failures := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"unknown user", []string{"create", "--email", "nobody@agency.test"}, 1, "no user"},
		{"disabled user", []string{"create", "--email", "off@agency.test"}, 1, "disabled"},
		{"long name", []string{"create", "--email", "ed@agency.test", "--name", strings.Repeat("n", 101)}, 2, "--name"},
		{"list unknown user", []string{"list", "--email", "nobody@agency.test"}, 1, "no user"},
		{"revoke unknown", []string{"revoke", "--id", "999"}, 1, "no active token"},
	}
	for _, tc := range failures {
		code, out, errs := run(t, "", append(append([]string{"token"}, tc.args...), "--db", db)...)
		if code != tc.code || !strings.Contains(out+errs, tc.contains) {
			t.Errorf("%s: exit %d, %q; want %d and %q", tc.name, code, out+errs, tc.code, tc.contains)
		}
	}

	code, out, _ = run(t, "", "token", "list", "--db", db, "--email", "ed@agency.test")
	id := itoa(tokens[0].ID)
	if code != 0 || !strings.Contains(out, "wire importer") || !strings.Contains(out, "never") || !regexp.MustCompile(`(?m)^`+id+` .* no\s*$`).MatchString(out) {
		t.Errorf("token list: exit %d:\n%s", code, out)
	}
	if code, out, _ := run(t, "", "token", "list", "--db", db, "--email", "off@agency.test"); code != 0 || !strings.Contains(out, "no API tokens") {
		t.Errorf("empty list: exit %d: %s", code, out)
	}
	if code, out, errs := run(t, "", "token", "revoke", "--db", db, "--id", id); code != 0 || !strings.Contains(out, "Revoked token "+id) {
		t.Fatalf("revoke: exit %d: %s%s", code, out, errs)
	}
	if _, err := st.TokenUser(ctx, account.HashSecret(secret)); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("revoked token still authenticates: %v", err)
	}
	if code, _, errs := run(t, "", "token", "revoke", "--db", db, "--id", id); code != 1 || !strings.Contains(errs, "already revoked") {
		t.Errorf("second revoke: exit %d: %s", code, errs)
	}
	if code, out, _ := run(t, "", "token", "list", "--db", db, "--email", "ed@agency.test"); code != 0 || regexp.MustCompile(`(?m) no\s*$`).MatchString(out) {
		t.Errorf("list after revoke still shows it active: %s", out)
	}
}

func itoa(n int64) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
