package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/notify"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// BenchmarkDeskStamp is the read every open newsroom page's event stream makes every two
// seconds (docs/performance.md), over a user with 1,000 notifications.
func BenchmarkDeskStamp(b *testing.B) {
	for _, kind := range []string{"sqlite", "postgres"} {
		b.Run(kind, func(b *testing.B) {
			st := testkit.Store(b, testkit.DSN(b, kind))
			ctx := context.Background()
			u := testkit.AddUser(b, st, account.User{Email: "ed@x.test", Name: "Ed", Role: account.RoleEditor})
			now := time.Now()
			for i := range 1000 {
				if err := st.WithTx(ctx, func(tx *store.Tx) error {
					_, err := tx.AddNotifications(ctx, notify.Batch{Event: notify.Event{Kind: notify.KindSubmitted, Subject: "Story"},
						Roles: []string{account.RoleEditor}, At: now.Add(time.Duration(i) * time.Second)})
					return err
				}); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for b.Loop() {
				if _, _, err := st.DeskStamp(ctx, u.ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
