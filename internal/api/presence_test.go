package api_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestOpenBy: a story's open_by lists the others who have its editor page open, with
// since; the caller is left out; an empty list when nobody; someone who may not see the
// story gets 403, a missing story 404; the answer matches the document.
func TestOpenBy(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		doc := e.openAPI()
		id := e.create("corr", story("Who else is here"))
		openBy := func(key string) []any {
			t.Helper()
			r := e.do("GET", path("/articles/{id}", id), key, nil)
			want(t, "get story as "+key, r, http.StatusOK, "")
			for _, p := range doc.check(doc.responseSchema("GET", newsroomAPI+"/articles/{id}", 200), r.body, "body") {
				t.Errorf("GET story → 200: %s", p)
			}
			l, ok := r.body["open_by"].([]any)
			if !ok {
				t.Fatalf("open_by is not a list: %s", r.raw)
			}
			return l
		}
		if got := openBy("corr"); len(got) != 0 {
			t.Errorf("nobody has the story open, open_by = %v", got)
		}
		// The editor opens the story's editor page (what GET /newsroom/articles/{id} does).
		svc := newsroom.New(e.st, nil, nil)
		art, err := svc.Get(ctx, e.users["editor"], id)
		if err != nil {
			t.Fatal(err)
		}
		before := time.Now().UTC().Truncate(time.Second)
		if _, err := svc.Open(ctx, e.users["editor"], art); err != nil {
			t.Fatal(err)
		}
		got := openBy("corr")
		if len(got) != 1 {
			t.Fatalf("open_by after the editor opened the story = %v, want one entry", got)
		}
		entry := got[0].(map[string]any)
		user, _ := entry["user"].(map[string]any)
		since, err := time.Parse(time.RFC3339, entry["since"].(string))
		if user["name"] != "Test editor" || int64(user["id"].(float64)) != e.users["editor"].ID || err != nil ||
			since.Before(before) || since.After(time.Now().Add(time.Second)) {
			t.Errorf("open_by entry = %v (since: %v)", entry, err)
		}
		if got := openBy("editor"); len(got) != 0 {
			t.Errorf("the editor sees themself in open_by: %v", got)
		}
		// Having left, the editor is gone at once.
		if err := svc.Leave(ctx, e.users["editor"], id); err != nil {
			t.Fatal(err)
		}
		if got := openBy("corr"); len(got) != 0 {
			t.Errorf("open_by after the editor left = %v", got)
		}
		want(t, "another correspondent's story", e.do("GET", path("/articles/{id}", id), "corr2", nil), http.StatusForbidden, "forbidden")
		want(t, "a missing story", e.do("GET", path("/articles/{id}", 987654), "corr", nil), http.StatusNotFound, "not_found")
	})
}

// TestChecksRoute: /checks answers the publishing checks of the story as saved, with
// stable codes, without publishing it; permissions as for reading the story.
func TestChecksRoute(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		doc := e.openAPI()
		in := story("A very long headline that goes on and on about the ferry timetable, the customs deal, the new night sailings and the port fees")
		in["body"] = "First paragraph. [Click here](https://example.com/more) for the timetable.\n\n#### A heading that skips levels\n\nMore text."
		id := e.create("corr", in)
		r := e.do("GET", path("/articles/{id}/checks", id), "corr", nil)
		want(t, "checks", r, http.StatusOK, "")
		for _, p := range doc.check(doc.responseSchema("GET", newsroomAPI+"/articles/{id}/checks", 200), r.body, "body") {
			t.Errorf("GET checks → 200: %s", p)
		}
		var codes []string
		severity := map[string]string{}
		for _, w := range r.body["warnings"].([]any) {
			m := w.(map[string]any)
			if m["message"] == "" {
				t.Errorf("warning without a message: %v", m)
			}
			codes = append(codes, m["code"].(string))
			severity[m["code"].(string)], _ = m["severity"].(string)
		}
		for _, c := range []string{"headline_long", "link_text", "heading_skip", "body_short"} {
			if !slices.Contains(codes, c) {
				t.Errorf("checks = %v, want %s among them", codes, c)
			}
		}
		for code, want := range map[string]string{"headline_long": "warning", "link_text": "warning", "heading_skip": "warning", "body_short": "advice"} {
			if severity[code] != want {
				t.Errorf("severity of %s = %q, want %q", code, severity[code], want)
			}
		}
		if g := e.do("GET", path("/articles/{id}", id), "corr", nil); g.str("status") != "draft" {
			t.Errorf("checking changed the story's state to %s", g.str("status"))
		}
		clean := e.create("editor", story("A clean story"))
		r = e.do("GET", path("/articles/{id}/checks", clean), "editor", nil)
		want(t, "checks of a clean story", r, http.StatusOK, "")
		if ws, ok := r.body["warnings"].([]any); !ok || ws == nil {
			t.Errorf("warnings of a clean story is not a list: %s", r.raw)
		}
		want(t, "checks of another's story", e.do("GET", path("/articles/{id}/checks", id), "corr2", nil), http.StatusForbidden, "forbidden")
		want(t, "checks without a token", e.do("GET", path("/articles/{id}/checks", id), "", nil), http.StatusUnauthorized, "")
		want(t, "checks of a missing story", e.do("GET", path("/articles/{id}/checks", 987654), "editor", nil), http.StatusNotFound, "not_found")
	})
}
