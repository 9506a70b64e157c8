package api_test

import (
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestPagesAPI: admins write, publish, link, unpublish and delete pages; everyone else is
// 403; bad input is 422 with a message per field, a taken slug or a second translation in
// a language 409; every answer matches its schema.
func TestPagesAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		e := newEnv(t, dsn)
		doc := e.openAPI()
		nr := newsroomAPI
		checked := func(method, pattern string, r response) response {
			t.Helper()
			for _, p := range doc.check(doc.responseSchema(method, pattern, r.status), r.body, "body") {
				t.Errorf("%s %s → %d: %s", method, pattern, r.status, p)
			}
			return r
		}
		create := func(key string, body map[string]any) response {
			t.Helper()
			return checked("POST", nr+"/pages", e.do("POST", nr+"/pages", key, body))
		}

		about := create("admin", map[string]any{"language": "en", "title": "About the agency", "body": "# Who we are\n\nA wire."})
		if about.status != 201 || about.num("id") == 0 || about.str("slug") != "about-the-agency" || about.str("status") != "draft" ||
			about.body["in_footer"] != true || about.body["url"] != nil {
			t.Fatalf("create: %d %s", about.status, about.raw)
		}
		if loc := about.header.Get("Location"); loc != path("/pages/{id}", about.num("id")) {
			t.Errorf("Location = %q", loc)
		}
		if html := about.str("body_html"); strings.Contains(html, "<h1") || !strings.Contains(html, "<h2") {
			t.Errorf("the body's level-1 heading was not demoted (the title is the page's only h1): %s", html)
		}
		id := about.num("id")
		for _, key := range []string{"editor", "corr", ""} {
			want := 403
			if key == "" {
				want = 401
			}
			if r := e.do("POST", nr+"/pages", key, map[string]any{"language": "en", "title": "X"}); r.status != want {
				t.Errorf("create as %q: %d, want %d", key, r.status, want)
			}
			if r := e.do("GET", path("/pages/{id}", id), key, nil); r.status != want {
				t.Errorf("get as %q: %d, want %d", key, r.status, want)
			}
		}

		for _, tc := range []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"no title", map[string]any{"language": "en", "title": "  "}, "title"},
			{"no language", map[string]any{"title": "Contacts"}, "language"},
			{"unknown language", map[string]any{"language": "xx", "title": "Contacts"}, "language"},
			{"bad slug", map[string]any{"language": "en", "title": "Contacts", "slug": "Contact Us"}, "slug"},
			{"position", map[string]any{"language": "en", "title": "Contacts", "position": 5000}, "position"},
			{"long title", map[string]any{"language": "en", "title": strings.Repeat("a", 201)}, "title"},
			{"translation of itself in its language", map[string]any{"language": "en", "title": "Contacts", "translation_of": id}, "translation_of"},
			{"translation of nothing", map[string]any{"language": "ru", "title": "Контакты", "translation_of": 987654}, "translation_of"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := create("admin", tc.body)
				if r.status != 422 || r.errField(tc.field) == "" {
					t.Errorf("%d %s, want 422 about %s", r.status, r.raw, tc.field)
				}
			})
		}
		if r := create("admin", map[string]any{"language": "en", "title": "Again", "slug": "about-the-agency"}); r.status != 409 ||
			!strings.Contains(string(r.raw), "about-the-agency") {
			t.Errorf("a taken slug: %d %s", r.status, r.raw)
		}
		if r := e.do("POST", nr+"/pages", "admin", `{"language": "en", "title": "X", "colour": "red"}`); r.status != 400 {
			t.Errorf("an unknown field: %d", r.status)
		}

		pub := checked("POST", nr+"/pages/{id}/publish", e.do("POST", path("/pages/{id}/publish", id), "admin", nil))
		if pub.status != 200 || pub.str("url") != baseURL+"/en/page/about-the-agency" || pub.str("published_at") == "" {
			t.Errorf("publish: %d %s", pub.status, pub.raw)
		}
		ru := create("admin", map[string]any{"language": "ru", "title": "Об агентстве", "slug": "ob-agentstve", "translation_of": id, "position": 2})
		if ru.status != 201 || ru.num("group_id") == 0 || len(ru.body["translations"].([]any)) != 1 {
			t.Fatalf("a translation: %d %s", ru.status, ru.raw)
		}
		if r := create("admin", map[string]any{"language": "ru", "title": "Ещё", "translation_of": id}); r.status != 409 {
			t.Errorf("a second ru translation: %d %s", r.status, r.raw)
		}
		upd := checked("PUT", nr+"/pages/{id}", e.do("PUT", path("/pages/{id}", ru.num("id")), "admin", map[string]any{"title": "Об агентстве Caspian"}))
		if upd.status != 200 || upd.str("title") != "Об агентстве Caspian" || upd.str("slug") != "ob-agentstve" || upd.num("position") != 2 ||
			upd.num("group_id") != ru.num("group_id") {
			t.Errorf("a partial update kept the other fields? %d %s", upd.status, upd.raw)
		}
		if r := e.do("PUT", path("/pages/{id}", ru.num("id")), "admin", map[string]any{"language": "en"}); r.status != 422 || r.errField("language") == "" {
			t.Errorf("changing the language: %d %s", r.status, r.raw)
		}
		if r := e.do("PUT", path("/pages/{id}", ru.num("id")), "admin", map[string]any{"translation_of": 0}); r.status != 200 || r.num("group_id") != 0 {
			t.Errorf("unlinking: %d %s", r.status, r.raw)
		}
		list := checked("GET", nr+"/pages", e.do("GET", nr+"/pages?language=ru", "admin", nil))
		pl, _ := list.body["pages"].([]any)
		found := false
		for _, p := range pl {
			m, _ := p.(map[string]any)
			found = found || m["id"] == float64(ru.num("id"))
			if m["language"] != "ru" {
				t.Errorf("list ru has %v", m["language"])
			}
		}
		if list.status != 200 || !found {
			t.Errorf("list ru: %d %s", list.status, list.raw)
		}
		if r := e.do("GET", nr+"/pages?lang=ru", "admin", nil); r.status != 400 {
			t.Errorf("an unknown parameter: %d", r.status)
		}
		un := checked("POST", nr+"/pages/{id}/unpublish", e.do("POST", path("/pages/{id}/unpublish", id), "admin", nil))
		if un.status != 200 || un.str("status") != "draft" || un.body["url"] != nil {
			t.Errorf("unpublish: %d %s", un.status, un.raw)
		}
		del := checked("DELETE", nr+"/pages/{id}", e.do("DELETE", path("/pages/{id}", id), "admin", nil))
		if del.status != 200 || del.body["deleted"] != true {
			t.Errorf("delete: %d %s", del.status, del.raw)
		}
		for _, m := range []string{"GET", "DELETE"} {
			if r := checked(m, nr+"/pages/{id}", e.do(m, path("/pages/{id}", id), "admin", nil)); r.status != 404 {
				t.Errorf("%s a deleted page: %d", m, r.status)
			}
		}
	})
}
