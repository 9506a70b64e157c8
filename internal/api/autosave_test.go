package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestAutosaveRoutes: PUT keeps the caller's working copy of a story without changing the
// story, GET answers it (404 when there is none, and each user sees only their own), DELETE
// discards it; who may not edit the story may keep no copy; bad bodies are 4xx that say why.
func TestAutosaveRoutes(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		doc := e.openAPI()
		id := e.create("corr", story("Ferry timetable changes"))
		at := path("/articles/{id}/autosave", id)
		want(t, "no copy yet", e.do("GET", at, "corr", nil), http.StatusNotFound, "not_found")

		r := e.do("PUT", at, "corr", map[string]any{"version": 1, "headline": "Ferry timetable changes again",
			"body": "A new first paragraph.\r\n\r\nMore.", "tags": []string{"ferries", "Caspian"}, "urgency": 3})
		want(t, "keep a copy", r, http.StatusOK, "")
		for _, p := range doc.check(doc.responseSchema("PUT", newsroomAPI+"/articles/{id}/autosave", 200), r.body, "body") {
			t.Errorf("PUT autosave → 200: %s", p)
		}
		if g := e.do("GET", path("/articles/{id}", id), "corr", nil); g.str("headline") != "Ferry timetable changes" || g.num("version") != 1 {
			t.Errorf("keeping a copy changed the story: %s", g.raw)
		}
		r = e.do("GET", at, "corr", nil)
		want(t, "read the copy", r, http.StatusOK, "")
		for _, p := range doc.check(doc.responseSchema("GET", newsroomAPI+"/articles/{id}/autosave", 200), r.body, "body") {
			t.Errorf("GET autosave → 200: %s", p)
		}
		f, _ := r.body["fields"].(map[string]any)
		for k, v := range map[string]string{"headline": "Ferry timetable changes again", "body": "A new first paragraph.\n\nMore.",
			"tags": "ferries, Caspian", "urgency": "3"} {
			if f[k] != v {
				t.Errorf("copy's %s = %q, want %q", k, f[k], v)
			}
		}
		if r.num("base_version") != 1 || r.body["newer_version"] != false {
			t.Errorf("copy: %s", r.raw)
		}
		want(t, "the editor has no copy of their own", e.do("GET", at, "editor", nil), http.StatusNotFound, "not_found")

		for _, c := range []struct {
			what, who string
			body      any
			status    int
			code      string
		}{
			{"another correspondent's story", "corr2", map[string]any{"version": 1, "headline": "x"}, http.StatusForbidden, "forbidden"},
			{"without a token", "", map[string]any{"version": 1}, http.StatusUnauthorized, ""},
			{"no version", "corr", map[string]any{"headline": "x"}, http.StatusUnprocessableEntity, "invalid"},
			{"a version from the future", "corr", map[string]any{"version": 9}, http.StatusUnprocessableEntity, "invalid"},
			{"version not a number", "corr", map[string]any{"version": "one"}, http.StatusBadRequest, "bad_request"},
			{"an unknown field", "corr", map[string]any{"version": 1, "colour": "red"}, http.StatusBadRequest, "bad_request"},
			{"a headline that is a number", "corr", map[string]any{"version": 1, "headline": 7}, http.StatusBadRequest, "bad_request"},
			{"a field too long", "corr", map[string]any{"version": 1, "standfirst": strings.Repeat("s", 9000)}, http.StatusUnprocessableEntity, "invalid"},
			{"not JSON", "corr", `{"version": `, http.StatusBadRequest, "bad_request"},
		} {
			r := e.do("PUT", at, c.who, c.body)
			if r.status != c.status || (c.code != "" && r.errCode() != c.code) {
				t.Errorf("%s: %d %s, want %d %s: %s", c.what, r.status, r.errCode(), c.status, c.code, r.raw)
			}
		}
		want(t, "a missing story", e.do("PUT", path("/articles/{id}/autosave", 987654), "corr", map[string]any{"version": 1}), http.StatusNotFound, "not_found")

		// Someone saves the story: the copy says it was begun from an older version.
		upd := story("Ferry timetable changes")
		upd["version"] = 1
		want(t, "save the story", e.do("PUT", path("/articles/{id}", id), "editor", upd), http.StatusOK, "")
		if r := e.do("GET", at, "corr", nil); r.body["newer_version"] != true || r.num("current_version") != 2 {
			t.Errorf("after a newer save the copy says %s", r.raw)
		}

		want(t, "discard", e.do("DELETE", at, "corr", nil), http.StatusOK, "")
		want(t, "the copy is gone", e.do("GET", at, "corr", nil), http.StatusNotFound, "not_found")
		want(t, "discard again", e.do("DELETE", at, "corr", nil), http.StatusOK, "")
		want(t, "discard on another's story", e.do("DELETE", at, "corr2", nil), http.StatusForbidden, "forbidden")
	})
}
