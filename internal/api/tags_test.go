package api_test

import (
	"net/http"
	"testing"

	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestTagsThroughAPI: editors link a tag to its translation, rename and unlink it;
// correspondents may only read; a story translated afterwards carries the translation.
func TestTagsThroughAPI(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		en := e.create("editor", story("Budget passes"))
		list := e.do("GET", "/api/v1/newsroom/tags?language=en&q=parliament", "corr", nil)
		want(t, "list", list, http.StatusOK, "")
		tags, _ := list.body["tags"].([]any)
		if len(tags) != 1 {
			t.Fatalf("tags: %s", list.raw)
		}
		id := int64(tags[0].(map[string]any)["id"].(float64))
		link := map[string]any{"language": "ru", "name": "Парламент"}
		tests := []struct {
			name, method, path, key string
			body                    any
			status                  int
			code                    string
		}{
			{"a correspondent links", "POST", path("/tags/{id}/translations", id), "corr", link, 403, "forbidden"},
			{"an editor links", "POST", path("/tags/{id}/translations", id), "editor", link, 200, ""},
			{"the tag's own language", "POST", path("/tags/{id}/translations", id), "editor", map[string]any{"language": "en", "name": "X"}, 422, "invalid"},
			{"an unknown language", "POST", path("/tags/{id}/translations", id), "editor", map[string]any{"language": "xx", "name": "X"}, 422, "invalid"},
			{"a second Russian tag", "POST", path("/tags/{id}/translations", id), "editor", map[string]any{"language": "ru", "name": "Дума"}, 409, "conflict"},
			{"an unknown tag", "POST", path("/tags/{id}/translations", 987654), "editor", link, 404, "not_found"},
			{"an unknown field", "PUT", path("/tags/{id}", id), "editor", map[string]any{"name": "Parliament", "slug": "x"}, 400, "bad_request"},
			{"an empty name", "PUT", path("/tags/{id}", id), "editor", map[string]any{"name": " "}, 422, "invalid"},
			{"a correspondent renames", "PUT", path("/tags/{id}", id), "corr", map[string]any{"name": "Parliament"}, 403, "forbidden"},
			{"an editor renames", "PUT", path("/tags/{id}", id), "editor", map[string]any{"name": "Parliament"}, 200, ""},
		}
		for _, tc := range tests {
			r := e.do(tc.method, tc.path, tc.key, tc.body)
			want(t, tc.name, r, tc.status, tc.code)
		}
		r := e.do("GET", path("/articles/{id}", en), "editor", nil)
		want(t, "the story", r, http.StatusOK, "")
		tr := e.do("POST", path("/articles/{id}/translate", en), "editor", map[string]any{"language": "ru"})
		want(t, "translate", tr, http.StatusCreated, "")
		got, _ := tr.body["tags"].([]any)
		if len(got) != 2 || got[0] != "Парламент" || got[1] != "budget" {
			t.Errorf("the translation's tags: %v, want the Russian translation and an untranslated budget", got)
		}
		one := e.do("GET", "/api/v1/newsroom/tags?language=ru&q=budget", "editor", nil)
		if ts, _ := one.body["tags"].([]any); len(ts) != 1 || ts[0].(map[string]any)["untranslated"] != true {
			t.Errorf("the Russian budget tag: %s", one.raw)
		}
		un := e.do("DELETE", path("/tags/{id}/translations", id), "editor", nil)
		want(t, "unlink", un, http.StatusOK, "")
		if trs, _ := un.body["translations"].([]any); len(trs) != 0 {
			t.Errorf("translations after unlinking: %s", un.raw)
		}
	})
}
