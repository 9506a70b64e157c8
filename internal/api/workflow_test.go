package api_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestWorkflow walks a story through submit, return, schedule, publish, correct and
// unpublish, and checks the list filters.
func TestWorkflow(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		id := e.create("corr", story("Filed from the field"))
		steps := []struct {
			name, key, action string
			body              any
			status            string
		}{
			{"submit", "corr", "submit", nil, "submitted"},
			{"return", "editor", "return", map[string]any{"note": "Add a second source."}, "draft"},
			{"submit again", "corr", "submit", map[string]any{}, "submitted"},
			{"schedule", "editor", "schedule", map[string]any{"publish_at": time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)}, "scheduled"},
			{"publish", "editor", "publish", nil, "published"},
			{"correct", "editor", "correct", map[string]any{"text": "An earlier version misspelt the minister's name."}, "published"},
			{"unpublish", "admin", "unpublish", map[string]any{"reason": "Legal advice."}, "unpublished"},
		}
		for _, s := range steps {
			r := e.do("POST", path("/articles/{id}/"+s.action, id), s.key, s.body)
			want(t, s.name, r, http.StatusOK, "")
			if r.str("status") != s.status {
				t.Fatalf("%s: status %q, want %q: %s", s.name, r.str("status"), s.status, r.raw)
			}
			switch s.name {
			case "return":
				if r.str("return_note") != "Add a second source." {
					t.Errorf("return note: %s", r.raw)
				}
			case "schedule":
				if r.body["url"] != nil || r.str("published_at") == "" {
					t.Errorf("scheduled: %s", r.raw)
				}
			case "correct":
				cs, _ := r.body["corrections"].([]any)
				if len(cs) != 1 || cs[0].(map[string]any)["text"] != "An earlier version misspelt the minister's name." {
					t.Errorf("corrections: %s", r.raw)
				}
			case "unpublish":
				if r.body["url"] != nil {
					t.Errorf("unpublished story has a url: %s", r.raw)
				}
			}
		}
		want(t, "submit an unpublished story", e.do("POST", path("/articles/{id}/submit", id), "admin", nil), http.StatusConflict, "conflict")

		other := e.create("editor", story("Unpublished without a reason"))
		want(t, "publish", e.do("POST", path("/articles/{id}/publish", other), "editor", nil), http.StatusOK, "")
		want(t, "unpublish without body", e.do("POST", path("/articles/{id}/unpublish", other), "editor", nil), http.StatusOK, "")

		listed := e.create("editor", story("Findable zebra headline"))
		want(t, "publish", e.do("POST", path("/articles/{id}/publish", listed), "editor", nil), http.StatusOK, "")
		for _, tc := range []struct {
			query string
			found bool
		}{
			{"status=published&section=politics&language=en&q=ZEBRA", true},
			{"section=politics&q=zebra", true},
			{"status=draft&q=zebra", false},
			{"section=economy&q=zebra", false},
			{"language=ru&q=zebra", false},
			{"q=" + url.QueryEscape("zebra_%"), true}, // punctuation separates words
			{"q=zeb", true},                           // the last word is a prefix
			{"q=zebras", true},                        // stemmed
			{"q=ebra", false},                         // words, not any text
			{"q=" + url.QueryEscape("zebra -findable"), false},
		} {
			r := e.do("GET", newsroomAPI+"/articles?"+tc.query, "editor", nil)
			want(t, tc.query, r, http.StatusOK, "")
			found := false
			for _, x := range r.body["articles"].([]any) {
				a := x.(map[string]any)
				found = found || a["id"] == float64(listed)
				if _, ok := a["body"]; ok {
					t.Errorf("a list item carries the body")
				}
			}
			if found != tc.found {
				t.Errorf("?%s: found %v, want %v", tc.query, found, tc.found)
			}
		}
		want(t, "a search without a word", e.do("GET", newsroomAPI+"/articles?q="+url.QueryEscape("?! -"), "editor", nil),
			http.StatusBadRequest, "bad_request")
		page := e.do("GET", newsroomAPI+"/articles?limit=2&offset=1", "editor", nil)
		if n := len(page.body["articles"].([]any)); n != 2 || page.num("limit") != 2 || page.num("offset") != 1 {
			t.Errorf("page: %d items: %s", n, page.raw)
		}
	})
}

// TestTranslateAndBriefs covers translations, briefs and developing a brief.
func TestTranslateAndBriefs(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		id := e.create("editor", story("Budget talks resume"))
		src := e.do("GET", path("/articles/{id}", id), "editor", nil)
		tr := e.do("POST", path("/articles/{id}/translate", id), "editor", map[string]any{"language": "ru"})
		want(t, "translate", tr, http.StatusCreated, "")
		if tr.num("id") == id || tr.str("language") != "ru" || tr.str("status") != "draft" || tr.num("group_id") != src.num("group_id") ||
			tr.str("section") != "politics" || tr.header.Get("Location") != path("/articles/{id}", tr.num("id")) {
			t.Errorf("translation: %s (source group %d)", tr.raw, src.num("group_id"))
		}
		want(t, "translate twice", e.do("POST", path("/articles/{id}/translate", id), "editor", map[string]any{"language": "ru"}), http.StatusConflict, "conflict")
		want(t, "translate into nothing", e.do("POST", path("/articles/{id}/translate", id), "editor", map[string]any{}), http.StatusUnprocessableEntity, "invalid")
		want(t, "translate into an unknown language", e.do("POST", path("/articles/{id}/translate", id), "editor", map[string]any{"language": "xx"}),
			http.StatusUnprocessableEntity, "invalid")

		b := e.do("POST", newsroomAPI+"/briefs", "corr", map[string]any{"language": "en", "section": "world",
			"text": "Floods closed the northern highway. Crews expect to reopen it on Friday."})
		want(t, "brief", b, http.StatusCreated, "")
		bid := b.num("id")
		up := e.do("PUT", path("/briefs/{id}", bid), "corr", map[string]any{"section": "economy", "text": "Floods closed the northern highway."})
		want(t, "edit own waiting brief", up, http.StatusOK, "")
		if up.str("section") != "economy" || up.str("published_at") != b.str("published_at") || up.str("status") != "submitted" {
			t.Errorf("edited brief: %s (was %s)", up.raw, b.raw)
		}
		want(t, "change a brief's language", e.do("PUT", path("/briefs/{id}", bid), "corr", map[string]any{"language": "ru", "section": "economy", "text": "x"}),
			http.StatusUnprocessableEntity, "invalid")
		dev := e.do("POST", path("/briefs/{id}/develop", bid), "corr", nil)
		want(t, "develop", dev, http.StatusCreated, "")
		if dev.str("status") != "draft" || dev.str("section") != "economy" || dev.str("headline") != "Floods closed the northern highway" ||
			dev.str("body") != "Floods closed the northern highway." {
			t.Errorf("developed story: %s", dev.raw)
		}
		got := e.do("GET", path("/briefs/{id}", bid), "corr", nil)
		if got.num("article_id") != dev.num("id") {
			t.Errorf("brief after develop: %s", got.raw)
		}
		want(t, "develop twice", e.do("POST", path("/briefs/{id}/develop", bid), "corr", nil), http.StatusConflict, "conflict")
		pub := e.do("POST", path("/briefs/{id}/publish", bid), "editor", nil)
		want(t, "publish brief", pub, http.StatusOK, "")
		want(t, "correspondent edits a published brief", e.do("PUT", path("/briefs/{id}", bid), "corr", map[string]any{"section": "economy", "text": "Late."}),
			http.StatusForbidden, "forbidden")
		list := e.do("GET", newsroomAPI+"/briefs?limit=5", "editor", nil)
		want(t, "list briefs", list, http.StatusOK, "")
		if items := list.body["briefs"].([]any); len(items) == 0 || len(items) > 5 {
			t.Errorf("briefs list: %s", list.raw)
		}
	})
}

// TestRevisions saves twice, reads the revisions, and restores the first.
func TestRevisions(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		id := e.create("corr", story("Original headline"))
		for v, h := range []string{"Second headline", "Third headline"} {
			r := e.do("PUT", path("/articles/{id}", id), "corr", merge(story(h), map[string]any{"version": v + 1}))
			want(t, "save "+h, r, http.StatusOK, "")
		}
		revs := e.do("GET", path("/articles/{id}/revisions", id), "corr", nil)
		want(t, "revisions", revs, http.StatusOK, "")
		list := revs.body["revisions"].([]any)
		if len(list) != 3 || list[0].(map[string]any)["version"] != float64(3) || list[2].(map[string]any)["version"] != float64(1) {
			t.Fatalf("revisions: %s", revs.raw)
		}
		one := e.do("GET", path("/articles/{id}/revisions/1", id), "corr", nil)
		want(t, "revision 1", one, http.StatusOK, "")
		if one.str("headline") != "Original headline" || one.str("section") != "politics" || one.num("version") != 1 {
			t.Errorf("revision 1: %s", one.raw)
		}
		res := e.do("POST", path("/articles/{id}/restore", id), "corr", map[string]any{"version": 1})
		want(t, "restore", res, http.StatusOK, "")
		if res.str("headline") != "Original headline" || res.num("version") != 4 {
			t.Errorf("restored: %s", res.raw)
		}
		revs = e.do("GET", path("/articles/{id}/revisions", id), "corr", nil)
		list = revs.body["revisions"].([]any)
		if len(list) != 4 || list[0].(map[string]any)["kind"] != "restored" {
			t.Errorf("revisions after restore: %s", revs.raw)
		}
		want(t, "restore a missing version", e.do("POST", path("/articles/{id}/restore", id), "corr", map[string]any{"version": 99}), http.StatusNotFound, "not_found")
	})
}
