package newsroom_test

import (
	"context"
	"errors"
	"testing"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/search"
	"github.com/newsdesk/newsdesk/internal/store"
)

func TestNewsroomSearchScope(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
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
		ids := func(u store.User) map[int64]bool {
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
		if got := ids(e.editor); !got[mine.ID] || !got[theirs.ID] || !got[published.ID] {
			t.Errorf("editor finds %v, want every state of everyone's", got)
		}
		if got := ids(e.corr); !got[mine.ID] || got[theirs.ID] || got[published.ID] || len(got) != 1 {
			t.Errorf("correspondent finds %v, want only their own draft %d", got, mine.ID)
		}
		// Asking for someone else's stories does not widen a correspondent's search.
		res, err := e.svc.Search(ctx, e.corr, search.Request{Query: search.ParseQuery("grain "), OwnerID: e.corr2.ID, Limit: 20})
		if err != nil || len(res.Hits) != 1 || res.Hits[0].ID != mine.ID {
			t.Errorf("correspondent asking for another's: %+v %v", res, err)
		}
		if _, err := e.svc.Search(ctx, store.User{Role: ""}, search.Request{Query: search.ParseQuery("grain")}); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("anonymous search: %v", err)
		}
	})
}
