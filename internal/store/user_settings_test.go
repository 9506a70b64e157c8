package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestUserSettings: a new user has no settings (the defaults); set, they come back with
// the user however it is found (by id, by email, by session), and cleared they are the
// defaults again; another user is not touched.
func TestUserSettings(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
		ed := testkit.AddUser(t, st, account.User{Email: "ed@x.test", Name: "Ed", Role: account.RoleEditor, PasswordHash: "x", CreatedAt: now}).ID
		other := testkit.AddUser(t, st, account.User{Email: "other@x.test", Name: "Other", Role: account.RoleEditor, PasswordHash: "x", CreatedAt: now}).ID
		set := func(id int64, lang, zone string) error {
			return st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetUserSettings(ctx, id, lang, zone) })
		}
		if u, err := st.UserByID(ctx, ed); err != nil || u.Language != "" || u.TimeZone != "" {
			t.Fatalf("new user: %+v, %v; want no settings", u, err)
		}
		if err := set(ed, "az", "Asia/Baku"); err != nil {
			t.Fatal(err)
		}
		if err := st.WithTx(ctx, func(tx *store.Tx) error {
			return tx.CreateSession(ctx, "session-hash", ed, now, now.Add(time.Hour))
		}); err != nil {
			t.Fatal(err)
		}
		for name, find := range map[string]func() (account.User, error){
			"id":      func() (account.User, error) { return st.UserByID(ctx, ed) },
			"email":   func() (account.User, error) { return st.UserByEmail(ctx, "ED@x.test") },
			"session": func() (account.User, error) { return st.SessionUser(ctx, "session-hash", now) },
		} {
			if u, err := find(); err != nil || u.Language != "az" || u.TimeZone != "Asia/Baku" {
				t.Errorf("by %s: %+v, %v; want az, Asia/Baku", name, u, err)
			}
		}
		if u, _ := st.UserByID(ctx, other); u.Language != "" || u.TimeZone != "" {
			t.Errorf("another user got settings: %+v", u)
		}
		// Changing the name, role or password keeps the settings.
		u, _ := st.UserByID(ctx, ed)
		u.Name = "Edward"
		if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.UpdateUser(ctx, u) }); err != nil {
			t.Fatal(err)
		}
		if u, _ := st.UserByID(ctx, ed); u.Name != "Edward" || u.Language != "az" {
			t.Errorf("after a name change: %+v", u)
		}
		if err := set(ed, "", ""); err != nil {
			t.Fatal(err)
		}
		if u, _ := st.UserByID(ctx, ed); u.Language != "" || u.TimeZone != "" {
			t.Errorf("cleared settings: %+v", u)
		}
		if err := set(999999, "ru", ""); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("settings of a missing user: %v, want not found", err)
		}
	})
}
