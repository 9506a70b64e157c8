package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestLoginThrottle: failures count per (account, address), a day without failures or a
// successful sign-in forgets them, and other pairs are not touched.
func TestLoginThrottle(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
		const day = 24 * time.Hour
		fail := func(account, address string, at time.Time) int {
			t.Helper()
			var n int
			if err := st.WithTx(ctx, func(tx *store.Tx) error {
				var err error
				n, err = tx.CountLoginFailure(ctx, account, address, at, at.Add(-day))
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return n
		}
		read := func(account, address string, at time.Time) account.LoginThrottle {
			t.Helper()
			lt, err := st.LoginThrottleOf(ctx, account, address, at.Add(-day))
			if err != nil {
				t.Fatal(err)
			}
			return lt
		}
		for i := 1; i <= 3; i++ {
			if n := fail("ed@x.test", "203.0.113.9", now.Add(time.Duration(i)*time.Minute)); n != i {
				t.Errorf("failure %d counted as %d", i, n)
			}
		}
		fail("ed@x.test", "2001:db8:1:2::/64", now)
		got := read("ed@x.test", "203.0.113.9", now.Add(time.Hour))
		if got.Failures != 3 || !got.LastFailure.Equal(now.Add(3*time.Minute)) {
			t.Errorf("throttle = %+v, want 3 failures, the last at %s", got, now.Add(3*time.Minute))
		}
		if got := read("ed@x.test", "198.51.100.1", now); got.Failures != 0 {
			t.Errorf("another address has %d failures", got.Failures)
		}
		if got := read("other@x.test", "203.0.113.9", now); got.Failures != 0 {
			t.Errorf("another account has %d failures", got.Failures)
		}
		// A day later the old failures are forgotten: reading says none, counting starts again.
		later := now.Add(3*time.Minute + day + time.Second)
		if got := read("ed@x.test", "203.0.113.9", later); got.Failures != 0 {
			t.Errorf("failures of yesterday still count: %+v", got)
		}
		if n := fail("ed@x.test", "203.0.113.9", later); n != 1 {
			t.Errorf("first failure of a new day counted as %d", n)
		}
		// A successful sign-in from the address forgets its failures, and only its own.
		if err := st.ClearLoginThrottle(ctx, "ed@x.test", "203.0.113.9"); err != nil {
			t.Fatal(err)
		}
		if got := read("ed@x.test", "203.0.113.9", later); got.Failures != 0 {
			t.Errorf("after a sign-in: %+v", got)
		}
		var rows int
		if err := st.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM login_throttle").Scan(&rows); err != nil || rows != 0 {
			t.Errorf("%d rows left (%v): the stale /64 row should have been deleted by the later failure", rows, err)
		}
	})
}

// TestLoginFailureWindow: the failures of an account from every address within a window,
// which the newsroom uses to tell administrators that an account is under attack.
func TestLoginFailureWindow(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
		window := 15 * time.Minute
		count := func(key string, at time.Time) int {
			t.Helper()
			var n int
			if err := st.WithTx(ctx, func(tx *store.Tx) error {
				var err error
				n, err = tx.LoginFailure(ctx, key, at, window)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return n
		}
		for i := 1; i <= 4; i++ {
			if n := count("email:ed@x.test", now.Add(time.Duration(i)*time.Minute)); n != i {
				t.Errorf("failure %d counted as %d", i, n)
			}
		}
		count("email:old@x.test", now)
		// The window starts at the first failure; after it a new window starts at 1, and
		// the finished windows of other keys are deleted.
		if n := count("email:ed@x.test", now.Add(time.Minute+window+time.Second)); n != 1 {
			t.Errorf("first failure of a new window counted as %d", n)
		}
		var rows int
		if err := st.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM login_failures").Scan(&rows); err != nil || rows != 1 {
			t.Errorf("%d rows (%v), want 1: finished windows are deleted", rows, err)
		}
	})
}

// TestRevokeUserTokens: every active token of the user is revoked, and no one else's.
func TestRevokeUserTokens(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
		var ed, other int64
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			var err error
			if ed, err = tx.CreateUser(ctx, account.User{Email: "ed@x.test", Name: "Ed", Role: "editor", CreatedAt: now}); err != nil {
				return err
			}
			if other, err = tx.CreateUser(ctx, account.User{Email: "o@x.test", Name: "O", Role: "editor", CreatedAt: now}); err != nil {
				return err
			}
			for i, u := range []int64{ed, ed, other} {
				if _, err := tx.CreateToken(ctx, u, "t", "hash"+string(rune('a'+i)), now); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var n int64
		if err := st.WithTx(ctx, func(tx *store.Tx) error { n, err = tx.RevokeUserTokens(ctx, ed, now); return err }); err != nil || n != 2 {
			t.Fatalf("revoked %d (%v), want 2", n, err)
		}
		for _, h := range []string{"hasha", "hashb"} {
			if _, err := st.TokenUser(ctx, h); err == nil {
				t.Errorf("token %s still works", h)
			}
		}
		if _, err := st.TokenUser(ctx, "hashc"); err != nil {
			t.Errorf("another user's token was revoked: %v", err)
		}
		if err := st.WithTx(ctx, func(tx *store.Tx) error { n, err = tx.RevokeUserTokens(ctx, ed, now); return err }); err != nil || n != 0 {
			t.Errorf("second revoke: %d (%v), want 0", n, err)
		}
	})
}
