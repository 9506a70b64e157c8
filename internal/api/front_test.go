package api_test

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/testkit"
)

// published files and publishes a story as the editor and returns its id.
func (e *env) published(headline string, fields ...map[string]any) int64 {
	e.t.Helper()
	in := story(headline)
	for _, f := range fields {
		in = merge(in, f)
	}
	id := e.create("editor", in)
	want(e.t, "publish "+headline, e.do("POST", path("/articles/{id}/publish", id), "editor", nil), http.StatusOK, "")
	return id
}

// ids is the "articles" list of a front page answer.
func (r response) ids() []int64 {
	var out []int64
	list, _ := r.body["articles"].([]any)
	for _, v := range list {
		f, _ := v.(float64)
		out = append(out, int64(f))
	}
	return out
}

// TestFrontContract: editors and admins set a language's front page with its order and
// pins, everyone in the newsroom reads it, correspondents may not set it, the change is
// audited, and a story that is withdrawn drops out.
func TestFrontContract(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		a, b, c := e.published("Front: first"), e.published("Front: second"), e.published("Front: third")
		pin := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second).Format(time.RFC3339)
		r := e.do("PUT", newsroomAPI+"/front/en", "editor", map[string]any{"articles": []int64{b, c, a},
			"pinned_until": map[string]string{itoa(c): pin}})
		want(t, "set front", r, http.StatusOK, "")
		if got := fmt.Sprint(r.ids()); got != fmt.Sprint([]int64{b, c, a}) {
			t.Errorf("set front answered articles %s, want %v", got, []int64{b, c, a})
		}
		pins, _ := r.body["pinned_until"].(map[string]any)
		stories, _ := r.body["stories"].([]any)
		if len(pins) != 1 || pins[itoa(c)] != pin || len(stories) != 3 || r.str("language") != "en" || r.num("max_articles") != 12 {
			t.Errorf("set front answered %s", r.raw)
		} else if s := stories[0].(map[string]any); s["headline"] != "Front: second" || s["public"] != true || s["pinned_until"] != nil {
			t.Errorf("first story of the front: %v", s)
		}
		for _, who := range []string{"corr", "editor", "admin"} {
			g := e.do("GET", newsroomAPI+"/front/en", who, nil)
			want(t, "get front as "+who, g, http.StatusOK, "")
			if fmt.Sprint(g.ids()) != fmt.Sprint(r.ids()) {
				t.Errorf("GET as %s = %v, want %v", who, g.ids(), r.ids())
			}
		}
		want(t, "correspondent sets the front", e.do("PUT", newsroomAPI+"/front/en", "corr", map[string]any{"articles": []int64{a}}),
			http.StatusForbidden, "forbidden")
		want(t, "admin sets the front", e.do("PUT", newsroomAPI+"/front/en", "admin", map[string]any{"articles": []int64{a, b, c}}),
			http.StatusOK, "")
		log, err := e.st.AuditLog(context.Background(), 5, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(log) == 0 || log[0].Action != "front" || log[0].UserName != "Test admin" || log[0].Detail != fmt.Sprintf("en: %d, %d, %d", a, b, c) {
			t.Errorf("newest audit entry: %+v", log[0])
		}

		// A withdrawn story is no longer on the front, and stays off when published again;
		// the others keep their order.
		want(t, "unpublish", e.do("POST", path("/articles/{id}/unpublish", b), "editor", map[string]any{"reason": "test"}), http.StatusOK, "")
		if g := e.do("GET", newsroomAPI+"/front/en", "editor", nil); fmt.Sprint(g.ids()) != fmt.Sprint([]int64{a, c}) {
			t.Errorf("front after withdrawing %d = %v, want [%d %d]", b, g.ids(), a, c)
		}
		want(t, "publish again", e.do("POST", path("/articles/{id}/publish", b), "editor", nil), http.StatusOK, "")
		if g := e.do("GET", newsroomAPI+"/front/en", "editor", nil); fmt.Sprint(g.ids()) != fmt.Sprint([]int64{a, c}) {
			t.Errorf("front after publishing %d again = %v, want [%d %d]", b, g.ids(), a, c)
		}
		// [] gives the home page back to the newest leads.
		r = e.do("PUT", newsroomAPI+"/front/en", "editor", map[string]any{"articles": []int64{}})
		if want(t, "clear front", r, http.StatusOK, ""); len(r.ids()) != 0 || r.raw == nil || !strings.Contains(string(r.raw), `"articles":[]`) {
			t.Errorf("cleared front: %s", r.raw)
		}
	})
}

// TestFrontValidation: every wrong front page is refused with a status and a sentence that
// says what is wrong, and leaves the front as it was.
func TestFrontValidation(t *testing.T) {
	e := newEnv(t, filepath.Join(t.TempDir(), "site.db"))
	a, b := e.published("Valid: one"), e.published("Valid: two")
	draft := e.create("editor", story("Valid: a draft"))
	ru := e.published("Русский материал", map[string]any{"language": "ru", "section": "politics", "tags": []string{}})
	want(t, "set front", e.do("PUT", newsroomAPI+"/front/en", "editor", map[string]any{"articles": []int64{a, b}}), http.StatusOK, "")
	many := make([]int64, 13)
	for i := range many {
		many[i] = a + int64(i)*1000
	}
	past := time.Now().Add(-time.Minute).UTC().Format(time.RFC3339)
	for _, tc := range []struct {
		name   string
		path   string
		body   any
		status int
		field  string // the field the 422 names
		says   string // part of its message
	}{
		{"unknown language", "/front/xx", map[string]any{"articles": []int64{a}}, 404, "", ""},
		{"unknown language, bad body", "/front/xx", `{"articles": "all"}`, 404, "", ""},
		{"no articles field", "/front/en", map[string]any{}, 422, "articles", "in their order"},
		{"duplicate", "/front/en", map[string]any{"articles": []int64{a, b, a}}, 422, "articles", "twice"},
		{"too many", "/front/en", map[string]any{"articles": many}, 422, "articles", "at most 12"},
		{"no such story", "/front/en", map[string]any{"articles": []int64{a, 987654}}, 422, "articles", "no story 987654"},
		{"a draft", "/front/en", map[string]any{"articles": []int64{draft}}, 422, "articles", "only published"},
		{"another language", "/front/en", map[string]any{"articles": []int64{ru}}, 422, "articles", `in "ru"`},
		{"pin in the past", "/front/en", map[string]any{"articles": []int64{a}, "pinned_until": map[string]string{itoa(a): past}}, 422, "pinned_until", "already passed"},
		{"pin of a story not listed", "/front/en", map[string]any{"articles": []int64{a}, "pinned_until": map[string]string{itoa(b): past}}, 422, "pinned_until", "not in articles"},
		{"pin not a time", "/front/en", map[string]any{"articles": []int64{a}, "pinned_until": map[string]string{itoa(a): "tomorrow"}}, 422, "pinned_until", "RFC 3339"},
		{"ids not numbers", "/front/en", `{"articles": ["one"]}`, 400, "", ""},
		{"unknown field", "/front/en", map[string]any{"articles": []int64{a}, "order": 1}, 400, "", ""},
	} {
		r := e.do("PUT", newsroomAPI+tc.path, "editor", tc.body)
		if r.status != tc.status {
			t.Errorf("%s: %d, want %d: %s", tc.name, r.status, tc.status, r.raw)
			continue
		}
		if tc.field != "" && !strings.Contains(r.errField(tc.field), tc.says) {
			t.Errorf("%s: fields.%s = %q, want it to say %q", tc.name, tc.field, r.errField(tc.field), tc.says)
		}
	}
	want(t, "get unknown language", e.do("GET", newsroomAPI+"/front/xx", "editor", nil), http.StatusNotFound, "not_found")
	if g := e.do("GET", newsroomAPI+"/front/en", "editor", nil); fmt.Sprint(g.ids()) != fmt.Sprint([]int64{a, b}) {
		t.Errorf("refused changes changed the front: %v", g.ids())
	}
	doc := e.openAPI()
	for _, m := range []string{"GET", "PUT"} {
		body := any(nil)
		if m == "PUT" {
			body = map[string]any{"articles": []int64{b, a}, "pinned_until": map[string]string{itoa(a): time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}}
		}
		r := e.do(m, newsroomAPI+"/front/en", "editor", body)
		for _, p := range doc.check(doc.responseSchema(m, newsroomAPI+"/front/{lang}", 200), r.body, "body") {
			t.Errorf("%s front: %s", m, p)
		}
	}
}
