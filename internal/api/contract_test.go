package api_test

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestMinimumContract walks the routes other tools rely on: file a story, publish it, read
// its public URL; file briefs as an editor and as a correspondent.
func TestMinimumContract(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		in := story("Parliament passes the spring budget")
		in["slugline"], in["urgency"], in["signoff"] = "AZ-BUDGET", 3, "aa/ns"
		r := e.do("POST", newsroomAPI+"/articles", "editor", in)
		want(t, "create", r, http.StatusCreated, "")
		id := r.num("id")
		if id <= 0 || r.header.Get("Location") != path("/articles/{id}", id) {
			t.Fatalf("id %d, Location %q", id, r.header.Get("Location"))
		}
		for k, v := range map[string]any{"language": "en", "section": "politics", "headline": in["headline"],
			"status": "draft", "slugline": "AZ-BUDGET", "signoff": "aa/ns", "byline_role": "Baku correspondent",
			"slug": "parliament-passes-the-spring-budget", "body": in["body"]} {
			if r.body[k] != v {
				t.Errorf("created %s = %v, want %v", k, r.body[k], v)
			}
		}
		if r.num("urgency") != 3 || r.num("version") != 1 || r.body["url"] != nil || r.body["embargo_until"] != nil ||
			r.body["published_at"] != nil || r.str("section_name") == "" {
			t.Errorf("created story: %s", r.raw)
		}
		// An existing tag keeps its name: the demo edition has "Parliament".
		if got := r.body["tags"].([]any); len(got) != 2 || !strings.EqualFold(got[0].(string), "parliament") || got[1] != "budget" {
			t.Errorf("tags = %v", got)
		}
		if _, err := time.Parse(time.RFC3339, r.str("created_at")); err != nil {
			t.Errorf("created_at %q: %v", r.str("created_at"), err)
		}

		p := e.do("POST", path("/articles/{id}/publish", id), "editor", nil)
		want(t, "publish", p, http.StatusOK, "")
		secs, err := e.st.Sections(context.Background(), "en")
		if err != nil {
			t.Fatal(err)
		}
		var slug string
		for _, s := range secs {
			if s.Key == "politics" {
				slug = s.Slug
			}
		}
		wantURL := baseURL + content.ArticlePath("en", slug, "parliament-passes-the-spring-budget")
		if p.str("status") != "published" || p.str("url") != wantURL || p.str("published_at") == "" || p.str("first_published_at") == "" {
			t.Errorf("published: url %q (want %q): %s", p.str("url"), wantURL, p.raw)
		}
		if ws, ok := p.body["warnings"].([]any); !ok || ws == nil {
			t.Errorf("warnings is not an array: %s", p.raw)
		}
		g := e.do("GET", path("/articles/{id}", id), "corr", nil)
		want(t, "correspondent reads an editor's story", g, http.StatusForbidden, "forbidden")
		g = e.do("GET", path("/articles/{id}", id), "admin", nil)
		want(t, "get", g, http.StatusOK, "")
		if g.str("url") != wantURL {
			t.Errorf("GET url %q", g.str("url"))
		}

		for _, tc := range []struct {
			key, status string
		}{{"editor", "published"}, {"corr", "submitted"}} {
			b := e.do("POST", newsroomAPI+"/briefs", tc.key, map[string]any{"language": "en", "section": "economy",
				"text": "The central bank kept its rate at 7.25 percent."})
			want(t, "brief by "+tc.key, b, http.StatusCreated, "")
			if b.str("status") != tc.status || b.str("section") != "economy" || b.num("id") <= 0 || b.body["article_id"] != nil {
				t.Errorf("brief by %s: %s", tc.key, b.raw)
			}
			if tc.key == "corr" {
				want(t, "correspondent publishes a brief", e.do("POST", path("/briefs/{id}/publish", b.num("id")), "corr", nil), http.StatusForbidden, "forbidden")
				pb := e.do("POST", path("/briefs/{id}/publish", b.num("id")), "editor", nil)
				want(t, "editor publishes a brief", pb, http.StatusOK, "")
				if pb.str("status") != "published" {
					t.Errorf("published brief: %s", pb.raw)
				}
			}
		}
		at := "2026-03-01T08:00:00Z"
		b := e.do("POST", newsroomAPI+"/briefs", "editor", map[string]any{"language": "ru", "section": "world", "text": "Кратко.", "published_at": at})
		want(t, "dated brief", b, http.StatusCreated, "")
		if b.str("published_at") != at {
			t.Errorf("brief published_at %q, want %q", b.str("published_at"), at)
		}

		me := e.do("GET", newsroomAPI+"/me", "corr", nil)
		want(t, "me", me, http.StatusOK, "")
		if me.str("role") != "correspondent" || me.str("email") != "corr@agency.test" || !contains(me.body["can"], "create_article") || contains(me.body["can"], "publish") {
			t.Errorf("me: %s", me.raw)
		}
	})
}

func contains(list any, s string) bool {
	l, _ := list.([]any)
	for _, v := range l {
		if v == s {
			return true
		}
	}
	return false
}

// TestPermissions checks that the service's policy reaches the API as 403.
func TestPermissions(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		own := e.create("corr", story("A correspondent's draft"))
		other := e.create("corr2", story("Another correspondent's draft"))
		editors := e.create("editor", story("An editor's draft"))
		tests := []struct {
			name, method, path, key string
			body                    any
			status                  int
		}{
			{"correspondent cannot publish", "POST", path("/articles/{id}/publish", own), "corr", nil, 403},
			{"correspondent cannot schedule", "POST", path("/articles/{id}/schedule", own), "corr", map[string]any{"publish_at": "2099-01-01T00:00:00Z"}, 403},
			{"correspondent cannot unpublish", "POST", path("/articles/{id}/unpublish", own), "corr", nil, 403},
			{"correspondent cannot correct", "POST", path("/articles/{id}/correct", own), "corr", map[string]any{"text": "Fixed."}, 403},
			{"correspondent cannot return", "POST", path("/articles/{id}/return", other), "corr", map[string]any{"note": "No."}, 403},
			{"cannot see another's draft", "GET", path("/articles/{id}", other), "corr", nil, 403},
			{"cannot save another's draft", "PUT", path("/articles/{id}", other), "corr",
				merge(story("Taken over"), map[string]any{"version": 1}), 403},
			{"cannot read another's revisions", "GET", path("/articles/{id}/revisions", other), "corr", nil, 403},
			{"cannot read another's revision", "GET", path("/articles/{id}/revisions/1", other), "corr", nil, 403},
			{"cannot restore another's story", "POST", path("/articles/{id}/restore", other), "corr", map[string]any{"version": 1}, 403},
			{"cannot translate another's story", "POST", path("/articles/{id}/translate", editors), "corr", map[string]any{"language": "ru"}, 403},
			{"cannot submit another's draft", "POST", path("/articles/{id}/submit", other), "corr", nil, 403},
			{"sees own draft", "GET", path("/articles/{id}", own), "corr", nil, 200},
			{"editor sees any draft", "GET", path("/articles/{id}", other), "editor", nil, 200},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				r := e.do(tc.method, tc.path, tc.key, tc.body)
				code := ""
				if tc.status == 403 {
					code = "forbidden"
				}
				want(t, tc.name, r, tc.status, code)
			})
		}
		list := e.do("GET", newsroomAPI+"/articles?limit=200", "corr", nil)
		want(t, "correspondent's list", list, http.StatusOK, "")
		items := list.body["articles"].([]any)
		if len(items) != 1 || int64(items[0].(map[string]any)["id"].(float64)) != own {
			t.Errorf("correspondent's list: %s", list.raw)
		}
		b := e.do("POST", newsroomAPI+"/briefs", "corr2", map[string]any{"language": "en", "section": "world", "text": "Short."})
		want(t, "brief", b, http.StatusCreated, "")
		want(t, "another's brief", e.do("GET", path("/briefs/{id}", b.num("id")), "corr", nil), http.StatusForbidden, "forbidden")
		want(t, "develop another's brief", e.do("POST", path("/briefs/{id}/develop", b.num("id")), "corr", nil), http.StatusForbidden, "forbidden")
		bl := e.do("GET", newsroomAPI+"/briefs", "corr", nil)
		want(t, "correspondent's briefs", bl, http.StatusOK, "")
		if n := len(bl.body["briefs"].([]any)); n != 0 {
			t.Errorf("correspondent sees %d briefs of others", n)
		}
	})
}

func merge(a, b map[string]any) map[string]any {
	out := map[string]any{}
	for _, m := range []map[string]any{a, b} {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// TestOptimisticLocking saves twice from the same version: the second gets 409 with the
// story as it is now, and nothing is overwritten.
func TestOptimisticLocking(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		id := e.create("editor", story("First headline"))
		first := e.do("PUT", path("/articles/{id}", id), "editor", merge(story("Second headline"), map[string]any{"version": 1}))
		want(t, "first save", first, http.StatusOK, "")
		if first.num("version") != 2 || first.str("headline") != "Second headline" {
			t.Fatalf("first save: %s", first.raw)
		}
		stale := e.do("PUT", path("/articles/{id}", id), "admin", merge(story("Stale headline"), map[string]any{"version": 1}))
		want(t, "stale save", stale, http.StatusConflict, "conflict")
		cur, _ := stale.body["error"].(map[string]any)["current"].(map[string]any)
		if cur == nil || cur["version"] != float64(2) || cur["headline"] != "Second headline" || cur["id"] != float64(id) {
			t.Errorf("conflict current: %s", stale.raw)
		}
		now := e.do("GET", path("/articles/{id}", id), "editor", nil)
		if now.str("headline") != "Second headline" {
			t.Errorf("stale save overwrote: %s", now.raw)
		}
		tags := now.body["tags"]
		if !reflect.DeepEqual(tags, []any{"Parliament", "budget"}) {
			t.Errorf("tags after save = %v", tags)
		}
		lang := e.do("PUT", path("/articles/{id}", id), "editor", merge(story("x"), map[string]any{"version": 2, "language": "ru"}))
		want(t, "change language", lang, http.StatusUnprocessableEntity, "invalid")
		if lang.errField("language") == "" {
			t.Errorf("language change: %s", lang.raw)
		}
	})
}

// TestValidation checks 422 with fields, in the request's own field names.
func TestValidation(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		id := e.create("editor", story("Valid"))
		pub := e.create("editor", story("To be corrected"))
		want(t, "publish", e.do("POST", path("/articles/{id}/publish", pub), "editor", nil), http.StatusOK, "")
		tests := []struct {
			name, method, path string
			body               any
			fields             []string
		}{
			{"empty story", "POST", "/articles", map[string]any{"language": "en"}, []string{"headline", "section"}},
			{"unknown section", "POST", "/articles", map[string]any{"language": "en", "section": "sport", "headline": "H"}, []string{"section"}},
			{"unknown language", "POST", "/articles", map[string]any{"language": "xx", "section": "politics", "headline": "H"}, []string{"language"}},
			{"bad slug and urgency", "POST", "/articles", merge(story("H"), map[string]any{"slug": "Not A Slug", "urgency": 12}), []string{"slug", "urgency"}},
			{"bad embargo", "POST", "/articles", merge(story("H"), map[string]any{"embargo_until": "tomorrow"}), []string{"embargo_until"}},
			{"missing image", "POST", "/articles", merge(story("H"), map[string]any{"lead_image_id": 999999}), []string{"lead_image_id"}},
			{"no version", "PUT", path("/articles/{id}", id)[len(newsroomAPI):], story("H"), []string{"version"}},
			{"schedule in the past", "POST", path("/articles/{id}/schedule", id)[len(newsroomAPI):], map[string]any{"publish_at": "2001-01-01T00:00:00Z"}, []string{"publish_at"}},
			{"schedule without time", "POST", path("/articles/{id}/schedule", id)[len(newsroomAPI):], map[string]any{}, []string{"publish_at"}},
			{"return without note", "POST", path("/articles/{id}/return", id)[len(newsroomAPI):], map[string]any{"note": " "}, []string{"note"}},
			{"empty correction", "POST", path("/articles/{id}/correct", pub)[len(newsroomAPI):], map[string]any{"text": ""}, []string{"text"}},
			{"translate into itself", "POST", path("/articles/{id}/translate", id)[len(newsroomAPI):], map[string]any{"language": "en"}, []string{"language"}},
			{"restore nothing", "POST", path("/articles/{id}/restore", id)[len(newsroomAPI):], map[string]any{}, []string{"version"}},
			{"empty brief", "POST", "/briefs", map[string]any{"language": "en", "section": "politics", "text": ""}, []string{"text"}},
			{"brief of two paragraphs", "POST", "/briefs", map[string]any{"language": "en", "section": "politics", "text": "One.\n\nTwo."}, []string{"text"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				r := e.do(tc.method, newsroomAPI+tc.path, "editor", tc.body)
				want(t, tc.name, r, http.StatusUnprocessableEntity, "invalid")
				for _, f := range tc.fields {
					if r.errField(f) == "" {
						t.Errorf("no message for field %q: %s", f, r.raw)
					}
				}
			})
		}
	})
}

// TestChecksBlock turns on blocking publication checks: a story with a failing check is
// refused with its warnings.
func TestChecksBlock(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		in := story("A story with a bad link")
		in["body"] = "Read the report [click here](https://example.com/report)."
		id := e.create("editor", in)
		p := e.do("POST", path("/articles/{id}/publish", id), "editor", nil)
		want(t, "publish with warnings", p, http.StatusOK, "")
		if ws := p.body["warnings"].([]any); len(ws) == 0 || ws[0].(map[string]any)["code"] != "link_text" {
			t.Errorf("warnings: %s", p.raw)
		}
		if err := e.setBlock(); err != nil {
			t.Fatal(err)
		}
		id2 := e.create("editor", in)
		r := e.do("POST", path("/articles/{id}/publish", id2), "editor", nil)
		want(t, "blocked publish", r, http.StatusUnprocessableEntity, "checks_failed")
		ws, _ := r.body["error"].(map[string]any)["warnings"].([]any)
		if len(ws) == 0 || !strings.Contains(ws[0].(map[string]any)["message"].(string), "click here") {
			t.Errorf("checks_failed warnings: %s", r.raw)
		}
		if g := e.do("GET", path("/articles/{id}", id2), "editor", nil); g.str("status") != "draft" {
			t.Errorf("blocked story is %s", g.str("status"))
		}
	})
}
