package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/testkit"
)

// auditActions lists "action detail" of the audit entries about article id, newest first.
func (e *env) auditActions(id int64) []string {
	e.t.Helper()
	log, err := e.st.AuditLog(context.Background(), 200, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, l := range log {
		if l.ObjectType == "article" && l.ObjectID == id {
			out = append(out, l.Action+" "+l.Detail)
		}
	}
	return out
}

// TestRestoreLiveStory checks the API's restore: a published story is rewritten only when
// the request names the current version it was compared with, and restores and edits of
// live stories are audited.
func TestRestoreLiveStory(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		// A draft is restored at once, and audited.
		d := e.create("corr", story("Draft headline"))
		want(t, "save draft", e.do("PUT", path("/articles/{id}", d), "corr", merge(story("Draft headline, again"), map[string]any{"version": 1})), http.StatusOK, "")
		want(t, "restore draft", e.do("POST", path("/articles/{id}/restore", d), "corr", map[string]any{"version": 1}), http.StatusOK, "")
		if got := e.auditActions(d); len(got) != 1 || !strings.HasPrefix(got[0], "restore ") {
			t.Errorf("audit of the draft: %q", got)
		}

		// A published story, edited through the API: audited.
		id, _ := e.publishedStory("Live headline")
		cur := e.do("GET", path("/articles/{id}", id), "editor", nil)
		upd := e.do("PUT", path("/articles/{id}", id), "editor", merge(story("Live headline, changed"), map[string]any{"version": cur.num("version")}))
		want(t, "edit the live story", upd, http.StatusOK, "")
		if got := e.auditActions(id); len(got) == 0 || !strings.HasPrefix(got[0], "update ") {
			t.Errorf("audit after editing the live story: %q", got)
		}
		v := upd.num("version")

		// Without current_version: refused, with the story as it is, and nothing changes.
		r := e.do("POST", path("/articles/{id}/restore", id), "editor", map[string]any{"version": 1})
		want(t, "one-shot restore of a live story", r, http.StatusConflict, "confirmation_required")
		if c, _ := r.body["error"].(map[string]any)["current"].(map[string]any); c == nil || int64(c["version"].(float64)) != v {
			t.Errorf("confirmation answer lacks the current story: %s", r.raw)
		}
		// With a stale one: a conflict.
		want(t, "stale current_version", e.do("POST", path("/articles/{id}/restore", id), "editor", map[string]any{"version": 1, "current_version": v - 1}),
			http.StatusConflict, "conflict")
		want(t, "bad current_version", e.do("POST", path("/articles/{id}/restore", id), "editor", map[string]any{"version": 1, "current_version": 0}),
			http.StatusUnprocessableEntity, "invalid")
		if now := e.do("GET", path("/articles/{id}", id), "editor", nil); now.num("version") != v || now.str("headline") != "Live headline, changed" {
			t.Fatalf("the live story changed without confirmation: %s", now.raw)
		}
		// With the current version: restored and audited.
		r = e.do("POST", path("/articles/{id}/restore", id), "editor", map[string]any{"version": 1, "current_version": v})
		want(t, "confirmed restore", r, http.StatusOK, "")
		if r.str("headline") != "Live headline" || r.num("version") != v+1 || r.str("status") != "published" {
			t.Errorf("restored: %s", r.raw)
		}
		if got := e.auditActions(id); len(got) == 0 || !strings.HasPrefix(got[0], "restore ") || !strings.Contains(got[0], "version 1") {
			t.Errorf("audit after the restore: %q", got)
		}
	})
}
