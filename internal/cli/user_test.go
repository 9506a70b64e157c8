package cli_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/content"
)

// TestUserWeakPasswords: `user add` and `user passwd` refuse what NIST SP 800-63B calls weak,
// with a non-zero exit and the reason, and accept a passphrase.
func TestUserWeakPasswords(t *testing.T) {
	db := filepath.Join(t.TempDir(), "site.db")
	if code, _, errs := run(t, "a long enough password\n", "user", "add", "--db", db, "--email", "kept@agency.test", "--name", "Kept"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	tests := []struct {
		name, password, reason string
	}{
		{"twelve spaces", strings.Repeat(" ", 12), "only spaces"},
		{"one letter", "aaaaaaaaaaaa", "repeats"},
		{"digits in order", "1234567890", "sequence"},
		{"common", "password123", "commonly used"},
		{"short", "short", "at least 10"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			email := "weak" + itoa(int64(i)) + "@agency.test"
			code, out, errs := run(t, tc.password+"\n", "user", "add", "--db", db, "--email", email, "--name", "Weak", "--role", "correspondent")
			if code == 0 || !strings.Contains(errs, tc.reason) {
				t.Errorf("user add with %q: exit %d, %q; want a refusal saying %q", tc.password, code, out+errs, tc.reason)
			}
			code, out, errs = run(t, tc.password+"\n", "user", "passwd", "--db", db, "--email", "kept@agency.test")
			if code == 0 || !strings.Contains(errs, tc.reason) {
				t.Errorf("user passwd with %q: exit %d, %q; want a refusal saying %q", tc.password, code, out+errs, tc.reason)
			}
		})
	}
	if code, _, errs := run(t, "the ferry leaves at dawn\n", "user", "passwd", "--db", db, "--email", "kept@agency.test"); code != 0 {
		t.Errorf("passphrase refused: %s", errs)
	}
}

// TestUserChangesRevokeTokens: a new password and disabling an account revoke the user's
// personal API tokens; enabling it again does not bring them back.
func TestUserChangesRevokeTokens(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "site.db")
	if code, _, errs := run(t, "a long enough password\n", "user", "add", "--db", db, "--email", "ed@agency.test", "--name", "Ed", "--role", "editor"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	st, err := app.OpenStore(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	newToken := func() string {
		t.Helper()
		code, out, errs := run(t, "", "token", "create", "--db", db, "--email", "ed@agency.test", "--name", "script")
		if code != 0 {
			t.Fatalf("token create: %s", errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		return lines[len(lines)-1]
	}
	works := func(secret string) bool {
		_, err := st.TokenUser(ctx, account.HashSecret(secret))
		if err != nil && !errors.Is(err, content.ErrNotFound) {
			t.Fatal(err)
		}
		return err == nil
	}

	tok := newToken()
	if !works(tok) {
		t.Fatal("a new token does not work")
	}
	if code, out, errs := run(t, "another long password\n", "user", "passwd", "--db", db, "--email", "ed@agency.test"); code != 0 ||
		!strings.Contains(out, "1 API token(s) revoked") {
		t.Fatalf("passwd: exit %d: %s%s", code, out, errs)
	}
	if works(tok) {
		t.Error("a token survived a password change")
	}

	tok = newToken()
	if code, out, errs := run(t, "", "user", "disable", "--db", db, "--email", "ed@agency.test"); code != 0 || !strings.Contains(out, "1 API token(s) revoked") {
		t.Fatalf("disable: exit %d: %s%s", code, out, errs)
	}
	if code, _, errs := run(t, "", "user", "disable", "--db", db, "--email", "ed@agency.test", "--enable"); code != 0 {
		t.Fatalf("enable: %s", errs)
	}
	if works(tok) {
		t.Error("a token survived disable and enable")
	}
	if tok = newToken(); !works(tok) {
		t.Error("a token made after enabling does not work")
	}
}
