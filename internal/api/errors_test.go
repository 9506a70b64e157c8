package api_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestRequestErrors covers the envelope for malformed requests, unknown routes and ids.
func TestRequestErrors(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		id := e.create("editor", story("Target"))
		huge := `{"headline": "` + strings.Repeat("x", 2<<20) + `"}`
		deep := `{"tags": ` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`
		tests := []struct {
			name, method, path, body string
			status                   int
			code                     string
		}{
			{"bad JSON", "POST", "/articles", `{"headline": `, 400, "bad_request"},
			{"not JSON", "POST", "/articles", `headline=x`, 400, "bad_request"},
			{"unknown field", "POST", "/articles", `{"language": "en", "hedline": "x"}`, 400, "bad_request"},
			{"wrong type", "POST", "/articles", `{"language": "en", "tags": "one"}`, 400, "bad_request"},
			{"wrong number", "POST", "/articles", `{"language": "en", "urgency": 2.5}`, 400, "bad_request"},
			{"overflowing number", "POST", "/articles", `{"lead_image_id": 99999999999999999999999}`, 400, "bad_request"},
			{"array", "POST", "/articles", `[]`, 400, "bad_request"},
			{"null", "POST", "/articles", `null`, 400, "bad_request"},
			{"empty body", "POST", "/articles", ``, 400, "bad_request"},
			{"two objects", "POST", "/articles", `{} {}`, 400, "bad_request"},
			{"trailing brace", "POST", "/articles", `{}}`, 400, "bad_request"},
			{"too deep", "POST", "/articles", deep, 400, "bad_request"},
			{"unknown field on publish", "POST", "/articles/" + itoa(id) + "/publish", `{"force": true}`, 400, "bad_request"},
			{"huge body", "POST", "/articles", huge, 413, "too_large"},
			{"huge update", "PUT", "/articles/" + itoa(id), huge, 413, "too_large"},
			{"non-numeric id", "GET", "/articles/abc", "", 404, "not_found"},
			{"negative id", "GET", "/articles/-1", "", 404, "not_found"},
			{"zero id", "GET", "/articles/0", "", 404, "not_found"},
			{"padded id", "GET", "/articles/0" + itoa(id), "", 404, "not_found"},
			{"plus id", "GET", "/articles/+" + itoa(id), "", 404, "not_found"},
			{"overflowing id", "GET", "/articles/99999999999999999999", "", 404, "not_found"},
			{"max id", "GET", "/articles/9223372036854775807", "", 404, "not_found"},
			{"absent id", "POST", "/articles/987654/publish", "", 404, "not_found"},
			{"bad id on PUT", "PUT", "/articles/x1", `{}`, 404, "not_found"},
			{"bad revision", "GET", "/articles/" + itoa(id) + "/revisions/abc", "", 404, "not_found"},
			{"absent revision", "GET", "/articles/" + itoa(id) + "/revisions/99", "", 404, "not_found"},
			{"overflowing revision", "GET", "/articles/" + itoa(id) + "/revisions/4294967296", "", 404, "not_found"},
			{"absent brief", "GET", "/briefs/987654", "", 404, "not_found"},
			{"absent image", "GET", "/images/987654", "", 404, "not_found"},
			{"unknown route", "GET", "/nothing-here", "", 404, "not_found"},
			{"unknown sub-route", "POST", "/articles/" + itoa(id) + "/frobnicate", "", 404, "not_found"},
			{"wrong method", "DELETE", "/articles/" + itoa(id), "", 405, "method_not_allowed"},
			{"wrong method on list", "PATCH", "/articles", "", 405, "method_not_allowed"},
			{"GET an action", "GET", "/articles/" + itoa(id) + "/publish", "", 405, "method_not_allowed"},
			{"bad limit", "GET", "/articles?limit=0", "", 400, "bad_request"},
			{"big limit", "GET", "/articles?limit=201", "", 400, "bad_request"},
			{"text limit", "GET", "/articles?limit=ten", "", 400, "bad_request"},
			{"bad offset", "GET", "/articles?offset=-1", "", 400, "bad_request"},
			{"bad status", "GET", "/articles?status=lost", "", 400, "bad_request"},
			{"bad section", "GET", "/articles?section=sport", "", 400, "bad_request"},
			{"bad language", "GET", "/articles?language=xx", "", 400, "bad_request"},
			{"unknown parameter", "GET", "/articles?sort=asc", "", 400, "bad_request"},
			{"repeated parameter", "GET", "/articles?status=draft&status=published", "", 400, "bad_request"},
			{"bad brief limit", "GET", "/briefs?limit=1000", "", 400, "bad_request"},
			{"correct a draft", "POST", "/articles/" + itoa(id) + "/correct", `{"text": "A draft cannot be corrected."}`, 409, "conflict"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var body any
				if tc.body != "" {
					body = tc.body
				}
				r := e.do(tc.method, newsroomAPI+tc.path, "editor", body)
				want(t, tc.name, r, tc.status, tc.code)
				if tc.status == 405 && r.header.Get("Allow") == "" {
					t.Errorf("405 without Allow")
				}
			})
		}
		r := e.do("DELETE", path("/articles/{id}", id), "editor", nil)
		if allow := r.header.Get("Allow"); allow != "GET, HEAD, PUT" {
			t.Errorf("Allow = %q", allow)
		}
		for _, p := range []string{"/", "/api/", "/api/v2/newsroom/articles", "/api/v1/newsroom"} {
			want(t, "outside the routes: "+p, e.do("GET", p, "", nil), http.StatusNotFound, "not_found")
		}
		want(t, "publish", e.do("POST", path("/articles/{id}/publish", id), "editor", nil), http.StatusOK, "")
		again := e.do("POST", path("/articles/{id}/publish", id), "editor", nil)
		want(t, "publish twice", again, http.StatusConflict, "conflict")
		if _, ok := again.body["error"].(map[string]any)["current"]; ok {
			t.Errorf("a state conflict carries current: %s", again.raw)
		}
	})
}

// TestInternalError closes the database under the API: the answer is a generic 500 in the
// envelope, with nothing of the cause.
func TestInternalError(t *testing.T) {
	var logs bytes.Buffer
	e := newEnvLog(t, filepath.Join(t.TempDir(), "site.db"), slog.New(slog.NewTextHandler(&logs, nil)))
	if err := e.st.Close(); err != nil {
		t.Fatal(err)
	}
	r := e.do("GET", newsroomAPI+"/me", "editor", nil)
	want(t, "closed database", r, http.StatusInternalServerError, "internal")
	if msg := strings.ToLower(string(r.raw)); strings.Contains(msg, "sql") || strings.Contains(msg, "closed") || strings.Contains(msg, "goroutine") {
		t.Errorf("500 reveals its cause: %s", r.raw)
	}
	if l := logs.String(); !strings.Contains(l, "api_request_failed") || !strings.Contains(l, "closed") {
		t.Errorf("the cause was not logged: %s", l)
	}
}
