package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestPresence: opening a story records since and seen; a heartbeat keeps since; a row
// not renewed within the time to live stops counting and starts again when renewed;
// leaving forgets it; presence is per story and per user. The clock is passed in.
func TestPresence(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
		ed := testkit.AddUser(t, st, account.User{Email: "ed@agency.test", Name: "Edna Editor", Role: "editor", PasswordHash: "-", CreatedAt: now})
		co := testkit.AddUser(t, st, account.User{Email: "co@agency.test", Name: "Cora Correspondent", Role: "correspondent", PasswordHash: "-", CreatedAt: now})
		var story, other int64
		if err := st.WithTx(ctx, func(tx *store.Tx) error {
			var err error
			mk := func(slug string) (int64, error) {
				return tx.CreateArticle(ctx, content.Article{Language: "en", Section: f.politics, Headline: "Story " + slug,
					Slug: slug, Status: content.StatusDraft, UpdatedAt: now, OwnerID: co.ID})
			}
			if story, err = mk("presence-one"); err != nil {
				return err
			}
			other, err = mk("presence-two")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		ttl := newsroom.PresenceTTL
		touch := func(article, user int64, at time.Time) {
			t.Helper()
			if err := st.TouchPresence(ctx, article, user, at, at.Add(-ttl)); err != nil {
				t.Fatal(err)
			}
		}
		who := func(article int64, at time.Time) []newsroom.Presence {
			t.Helper()
			ps, err := st.Presence(ctx, article, at.Add(-ttl))
			if err != nil {
				t.Fatal(err)
			}
			return ps
		}
		if got := who(story, now); got == nil || len(got) != 0 {
			t.Fatalf("nobody opened the story, presence = %#v, want an empty list", got)
		}
		touch(story, ed.ID, now)
		touch(story, co.ID, now.Add(5*time.Second))
		touch(other, co.ID, now)
		// The editor's heartbeats keep their since.
		touch(story, ed.ID, now.Add(40*time.Second))
		got := who(story, now.Add(50*time.Second))
		if len(got) != 2 || got[0].UserID != ed.ID || got[0].Name != "Edna Editor" || !got[0].Since.Equal(now) ||
			!got[0].Seen.Equal(now.Add(40*time.Second)) || got[1].UserID != co.ID || !got[1].Since.Equal(now.Add(5*time.Second)) {
			t.Errorf("presence after heartbeats = %+v", got)
		}
		// A minute and more after their last heartbeat, the correspondent no longer counts.
		at := now.Add(5*time.Second + ttl + time.Second)
		if got := who(story, at); len(got) != 1 || got[0].UserID != ed.ID {
			t.Errorf("presence after the correspondent's time ran out = %+v, want the editor only", got)
		}
		// Coming back after that starts a new since.
		touch(story, co.ID, at)
		if got := who(story, at); len(got) != 2 || got[1].UserID != co.ID || !got[1].Since.Equal(at) {
			t.Errorf("presence after the correspondent came back = %+v, want since %s", got, at)
		}
		// The other story's stale row was deleted by the write.
		if got := who(other, now); len(got) != 0 {
			t.Errorf("a stale presence was kept on the other story: %+v", got)
		}
		// Leaving forgets at once, and only that user on that story.
		if err := st.LeavePresence(ctx, story, ed.ID); err != nil {
			t.Fatal(err)
		}
		if got := who(story, at); len(got) != 1 || got[0].UserID != co.ID {
			t.Errorf("presence after the editor left = %+v, want the correspondent only", got)
		}
	})
}
