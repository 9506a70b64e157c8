package newsroom_test

import (
	"context"
	"errors"
	"testing"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/search"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

func TestNewsroomSearchScope(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		mine, err := e.svc.Create(ctx, e.corr, story("Grain corridor talks resume"))
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := e.svc.Create(ctx, e.corr2, story("Grain corridor closed again"))
		if err != nil {
			t.Fatal(err)
		}
		published, err := e.svc.Create(ctx, e.editor, story("Grain corridor reopens"))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.Publish(ctx, e.editor, published.ID); err != nil {
			t.Fatal(err)
		}
		// The correspondent's own stories past the draft state are not theirs to search.
		submitted, err := e.svc.Create(ctx, e.corr, story("Grain corridor inspections"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Submit(ctx, e.corr, submitted.ID); err != nil {
			t.Fatal(err)
		}
		ownPublished, err := e.svc.Create(ctx, e.corr, story("Grain corridor convoy"))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.Publish(ctx, e.editor, ownPublished.ID); err != nil {
			t.Fatal(err)
		}
		ids := func(u account.User) map[int64]bool {
			res, err := e.svc.Search(ctx, u, search.Request{Query: search.ParseQuery("grain corridor "), Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64]bool{}
			for _, h := range res.Hits {
				out[h.ID] = true
			}
			return out
		}
		if got := ids(e.editor); !got[mine.ID] || !got[theirs.ID] || !got[published.ID] || !got[submitted.ID] ||
			!got[ownPublished.ID] {
			t.Errorf("editor finds %v, want every state of everyone's", got)
		}
		if got := ids(e.corr); !got[mine.ID] || got[theirs.ID] || got[published.ID] || len(got) != 1 {
			t.Errorf("correspondent finds %v, want only their own draft %d", got, mine.ID)
		}
		// Asking for someone else's stories, or for another state, does not widen a
		// correspondent's search.
		for _, r := range []search.Request{
			{Query: search.ParseQuery("grain "), OwnerID: e.corr2.ID, Limit: 20},
			{Query: search.ParseQuery("grain "), Status: content.StatusPublished, Limit: 20},
			{Query: search.ParseQuery("grain "), Status: content.StatusSubmitted, Limit: 20},
		} {
			res, err := e.svc.Search(ctx, e.corr, r)
			if err != nil || len(res.Hits) != 1 || res.Hits[0].ID != mine.ID || res.Total != 1 {
				t.Errorf("correspondent asking for owner %d, state %q: %+v %v", r.OwnerID, r.Status, res, err)
			}
		}
		if _, err := e.svc.Search(ctx, account.User{Role: ""}, search.Request{Query: search.ParseQuery("grain")}); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("anonymous search: %v", err)
		}
	})
}
