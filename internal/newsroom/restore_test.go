package newsroom_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// auditOf lists the audit entries about article id, newest first, as "action detail".
func auditOf(t *testing.T, st *store.Store, id int64) []string {
	t.Helper()
	log, err := st.AuditLog(context.Background(), 200, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range log {
		if e.ObjectType == "article" && e.ObjectID == id {
			out = append(out, e.Action+" "+e.Detail)
		}
	}
	return out
}

// TestRestoreLiveStory checks that restoring a revision of a published story asks for a
// confirmation made against the story's current version, and that every restore and
// every edit of a published story is in the audit log.
func TestRestoreLiveStory(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		var events []string
		e.svc.OnChange(func(_ context.Context, _ newsroom.Tx, _ int64, event string) error {
			events = append(events, event)
			return nil
		})

		// A draft: restored at once, and audited.
		d, err := e.svc.Create(ctx, e.corr, story("Draft about grain"))
		if err != nil {
			t.Fatal(err)
		}
		in := story("Draft about grain, second take")
		if d, err = e.svc.Update(ctx, e.corr, d.ID, d.Version, in); err != nil {
			t.Fatal(err)
		}
		if d, err = e.svc.Restore(ctx, e.corr, d.ID, 1); err != nil || d.Headline != "Draft about grain" {
			t.Fatalf("restore a draft: %v, %q", err, d.Headline)
		}
		if got := auditOf(t, e.st, d.ID); len(got) != 1 || !strings.HasPrefix(got[0], "restore ") || !strings.Contains(got[0], "version 1") {
			t.Errorf("audit after restoring a draft: %q", got)
		}

		// A published story.
		a, err := e.svc.Create(ctx, e.editor, story("Live story about the port"))
		if err != nil {
			t.Fatal(err)
		}
		if a, _, err = e.svc.Publish(ctx, e.editor, a.ID); err != nil {
			t.Fatal(err)
		}
		if a, err = e.svc.Update(ctx, e.editor, a.ID, a.Version, story("Live story about the port, updated")); err != nil {
			t.Fatal(err)
		}
		if got := auditOf(t, e.st, a.ID); len(got) != 2 || !strings.HasPrefix(got[0], "update ") || !strings.HasPrefix(got[1], "publish") {
			t.Errorf("audit after editing a live story: %q", got)
		}
		events = nil

		// One click asks; nothing changes.
		_, err = e.svc.Restore(ctx, e.editor, a.ID, 1)
		var ce *newsroom.RestoreConfirmError
		if !errors.As(err, &ce) || ce.Current.Version != a.Version || ce.Revision.Version != 1 ||
			ce.Revision.Article.Headline != "Live story about the port" {
			t.Fatalf("one-click restore of a live story: %v", err)
		}
		if now, _ := e.st.ArticleByID(ctx, a.ID); now.Version != a.Version || now.Headline != a.Headline || len(events) != 0 {
			t.Fatalf("the live story changed without confirmation: v%d %q, events %v", now.Version, now.Headline, events)
		}

		// A confirmation made against an older version is refused: the story changed since.
		if _, err := e.svc.ConfirmRestore(ctx, e.editor, a.ID, 1, a.Version-1); !errors.Is(err, content.ErrConflict) {
			t.Errorf("stale confirmation: %v", err)
		}
		// A correspondent may not restore an editor's live story, confirmed or not.
		if _, err := e.svc.ConfirmRestore(ctx, e.corr, a.ID, 1, a.Version); err == nil {
			t.Error("a correspondent restored a live story")
		}

		// Confirmed against the current version: restored, audited, sent to distribution.
		b, err := e.svc.ConfirmRestore(ctx, e.editor, a.ID, 1, a.Version)
		if err != nil || b.Headline != "Live story about the port" || b.Version != a.Version+1 || b.Status != content.StatusPublished {
			t.Fatalf("confirmed restore: %v, %q v%d %s", err, b.Headline, b.Version, b.Status)
		}
		got := auditOf(t, e.st, a.ID)
		if len(got) != 3 || !strings.HasPrefix(got[0], "restore ") || !strings.Contains(got[0], "version 1") {
			t.Errorf("audit after restoring a live story: %q", got)
		}
		if len(events) != 1 || events[0] != newsroom.EventUpdate {
			t.Errorf("events after restoring a live story: %v", events)
		}
	})
}
