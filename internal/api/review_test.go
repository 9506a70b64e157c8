package api_test

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// addReview stores a review as the public form would, in a given state.
func (e *env) addReview(articleID int64, name, email, text, status string, rating int) int64 {
	e.t.Helper()
	ctx := context.Background()
	var id int64
	err := e.st.WithTx(ctx, func(tx *store.Tx) error {
		var err error
		id, err = tx.CreateReview(ctx, review.Review{ArticleID: articleID, Name: name, Email: email, Rating: rating, Text: text,
			Status: status, SpamScore: 4, Signals: "sent too fast; contains links", IPHash: "h", TextHash: text, CreatedAt: time.Now()})
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// publishedStory files and publishes a story as the editor and returns its id and URL.
func (e *env) publishedStory(headline string) (int64, string) {
	e.t.Helper()
	id := e.create("editor", story(headline))
	p := e.do("POST", path("/articles/{id}/publish", id), "editor", nil)
	want(e.t, "publish", p, http.StatusOK, "")
	return id, p.str("url")
}

// reviewIDs lists the ids of a review list answer.
func reviewIDs(r response) map[int64]map[string]any {
	out := map[int64]map[string]any{}
	list, _ := r.body["reviews"].([]any)
	for _, x := range list {
		m := x.(map[string]any)
		out[int64(m["id"].(float64))] = m
	}
	return out
}

func TestReviewModeration(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		art, url := e.publishedStory("Reviews under moderation")
		other, _ := e.publishedStory("Another story with reviews")
		pending := e.addReview(art, "Leyla", "leyla@example.test", "A careful, fair report.", "pending", 5)
		spam := e.addReview(art, "Bot", "", "Buy cheap watches at www.example.com now", "spam", 1)
		elsewhere := e.addReview(other, "Ruslan", "ruslan@example.test", "Useful background on the talks.", "pending", 4)

		// The queue: moderators see the email address, the story and the spam signals.
		r := e.do("GET", newsroomAPI+"/reviews?status=pending", "editor", nil)
		want(t, "pending list", r, http.StatusOK, "")
		got := reviewIDs(r)
		if got[pending] == nil || got[elsewhere] == nil || got[spam] != nil {
			t.Fatalf("pending list: %s", r.raw)
		}
		p := got[pending]
		if p["email"] != "leyla@example.test" || p["article_id"].(float64) != float64(art) || p["article_url"] != url ||
			p["article_headline"] != "Reviews under moderation" || p["name"] != "Leyla" || p["rating"].(float64) != 5 ||
			p["status"] != "pending" || p["spam_score"].(float64) != 4 || p["text"] != "A careful, fair report." {
			t.Errorf("pending review: %v", p)
		}
		if sig, _ := p["signals"].([]any); len(sig) != 2 || sig[0] != "sent too fast" {
			t.Errorf("signals = %v", p["signals"])
		}
		if _, err := time.Parse(time.RFC3339, p["created_at"].(string)); err != nil {
			t.Errorf("created_at: %v", err)
		}
		r = e.do("GET", newsroomAPI+"/reviews?article_id="+itoa(other), "admin", nil)
		want(t, "list by story", r, http.StatusOK, "")
		if got := reviewIDs(r); len(got) != 1 || got[elsewhere] == nil {
			t.Errorf("reviews of story %d: %s", other, r.raw)
		}
		r = e.do("GET", newsroomAPI+"/reviews?article_id="+itoa(art)+"&status=spam&limit=1", "editor", nil)
		if got := reviewIDs(r); len(got) != 1 || got[spam] == nil || r.num("limit") != 1 {
			t.Errorf("spam of story %d: %s", art, r.raw)
		}
		if got := reviewIDs(e.do("GET", newsroomAPI+"/reviews", "editor", nil)); len(got) != 3 {
			t.Errorf("all states: %d reviews", len(got))
		}
		for _, q := range []string{"status=hidden", "article_id=abc", "article_id=0", "article_id=-3", "limit=0", "offset=-1",
			"sort=name", "status=pending&status=spam"} {
			want(t, "list ?"+q, e.do("GET", newsroomAPI+"/reviews?"+q, "editor", nil), http.StatusBadRequest, "bad_request")
		}

		// One review at a time: approve, reject, spam; unknown ids are 404.
		for _, tc := range []struct{ action, status string }{{"reject", "rejected"}, {"spam", "spam"}, {"approve", "approved"}} {
			r := e.do("POST", newsroomAPI+"/reviews/"+itoa(pending)+"/"+tc.action, "editor", nil)
			want(t, tc.action, r, http.StatusOK, "")
			if r.str("status") != tc.status || r.num("id") != pending || r.str("email") != "leyla@example.test" {
				t.Errorf("%s: %s", tc.action, r.raw)
			}
			want(t, tc.action+" unknown", e.do("POST", newsroomAPI+"/reviews/987654/"+tc.action, "editor", nil), http.StatusNotFound, "not_found")
			want(t, tc.action+" with a field", e.do("POST", newsroomAPI+"/reviews/"+itoa(pending)+"/"+tc.action, "editor", `{"why": 1}`),
				http.StatusBadRequest, "bad_request")
		}
		rv, err := e.st.ReviewByID(ctx, pending)
		if err != nil || rv.Status != "approved" || rv.ModeratedAt.IsZero() {
			t.Errorf("stored after approve: %+v, %v", rv, err)
		}

		// Rename.
		r = e.do("PUT", newsroomAPI+"/reviews/"+itoa(pending), "editor", map[string]any{"name": "  L.  "})
		want(t, "rename", r, http.StatusOK, "")
		if r.str("name") != "L." {
			t.Errorf("renamed to %q", r.str("name"))
		}
		want(t, "rename to nothing", e.do("PUT", newsroomAPI+"/reviews/"+itoa(pending), "editor", map[string]any{"name": " \u202e "}),
			http.StatusUnprocessableEntity, "invalid")
		if r := e.do("PUT", newsroomAPI+"/reviews/"+itoa(pending), "editor", map[string]any{"name": strings.Repeat("n", 81)}); r.errField("name") == "" {
			t.Errorf("overlong name: %s", r.raw)
		}
		want(t, "rename unknown", e.do("PUT", newsroomAPI+"/reviews/987654", "editor", map[string]any{"name": "X"}), http.StatusNotFound, "not_found")
		want(t, "rename without body", e.do("PUT", newsroomAPI+"/reviews/"+itoa(pending), "editor", nil), http.StatusBadRequest, "bad_request")

		// Trust: the address is trusted and the review approved.
		r = e.do("POST", newsroomAPI+"/reviews/"+itoa(elsewhere)+"/trust", "editor", nil)
		want(t, "trust", r, http.StatusOK, "")
		if r.str("status") != "approved" {
			t.Errorf("trusted review: %s", r.raw)
		}
		if ok, err := e.st.IsTrustedReviewer(ctx, "ruslan@example.test"); !ok || err != nil {
			t.Errorf("not trusted: %v %v", ok, err)
		}
		r = e.do("POST", newsroomAPI+"/reviews/"+itoa(spam)+"/trust", "editor", nil)
		want(t, "trust without email", r, http.StatusUnprocessableEntity, "invalid")
		if r.errField("email") == "" {
			t.Errorf("trust without email: %s", r.raw)
		}
		want(t, "trust unknown", e.do("POST", newsroomAPI+"/reviews/987654/trust", "editor", nil), http.StatusNotFound, "not_found")

		// Bulk actions: unknown ids are skipped, repeated ids count once.
		a := e.addReview(art, "A", "", "First of a batch.", "pending", 3)
		b := e.addReview(art, "B", "", "Second of a batch.", "pending", 2)
		r = e.do("POST", newsroomAPI+"/reviews/bulk", "editor", map[string]any{"ids": []int64{a, b, b, 987654}, "action": "reject"})
		want(t, "bulk reject", r, http.StatusOK, "")
		if r.num("changed") != 2 {
			t.Errorf("bulk reject changed %s", r.raw)
		}
		for _, id := range []int64{a, b} {
			if rv, _ := e.st.ReviewByID(ctx, id); rv.Status != "rejected" {
				t.Errorf("review %d is %s", id, rv.Status)
			}
		}
		r = e.do("POST", newsroomAPI+"/reviews/bulk", "editor", map[string]any{"ids": []int64{a, b}, "action": "spam"})
		if r.num("changed") != 2 {
			t.Errorf("bulk spam: %s", r.raw)
		}
		r = e.do("POST", newsroomAPI+"/reviews/bulk", "editor", map[string]any{"ids": []int64{a}, "action": "approve"})
		if r.num("changed") != 1 {
			t.Errorf("bulk approve: %s", r.raw)
		}
		r = e.do("POST", newsroomAPI+"/reviews/bulk", "editor", map[string]any{"ids": []int64{a, b, 987654}, "action": "delete"})
		want(t, "bulk delete", r, http.StatusOK, "")
		if r.num("changed") != 2 {
			t.Errorf("bulk delete: %s", r.raw)
		}
		if _, err := e.st.ReviewByID(ctx, a); err == nil {
			t.Error("deleted review still there")
		}
		many := make([]int64, 501)
		for i := range many {
			many[i] = int64(i + 1)
		}
		for _, tc := range []struct {
			name  string
			body  any
			field string
		}{
			{"no ids", map[string]any{"ids": []int64{}, "action": "approve"}, "ids"},
			{"bad id", map[string]any{"ids": []int64{0}, "action": "approve"}, "ids"},
			{"too many", map[string]any{"ids": many, "action": "approve"}, "ids"},
			{"bad action", map[string]any{"ids": []int64{pending}, "action": "publish"}, "action"},
		} {
			r := e.do("POST", newsroomAPI+"/reviews/bulk", "editor", tc.body)
			want(t, "bulk "+tc.name, r, http.StatusUnprocessableEntity, "invalid")
			if r.errField(tc.field) == "" {
				t.Errorf("bulk %s: %s", tc.name, r.raw)
			}
		}
		want(t, "bulk unknown field", e.do("POST", newsroomAPI+"/reviews/bulk", "editor", `{"ids": [1], "action": "spam", "all": true}`),
			http.StatusBadRequest, "bad_request")
		want(t, "bulk ids as text", e.do("POST", newsroomAPI+"/reviews/bulk", "editor", `{"ids": "1,2", "action": "spam"}`),
			http.StatusBadRequest, "bad_request")

		// Delete one.
		r = e.do("DELETE", newsroomAPI+"/reviews/"+itoa(spam), "editor", nil)
		want(t, "delete", r, http.StatusOK, "")
		if r.num("changed") != 1 {
			t.Errorf("delete: %s", r.raw)
		}
		want(t, "delete again", e.do("DELETE", newsroomAPI+"/reviews/"+itoa(spam), "editor", nil), http.StatusNotFound, "not_found")

		// Close and open reviews on a story.
		r = e.do("POST", path("/articles/{id}/reviews/close", art), "editor", nil)
		want(t, "close", r, http.StatusOK, "")
		if r.body["reviews_closed"] != true || r.num("article_id") != art {
			t.Errorf("close: %s", r.raw)
		}
		if a, err := e.st.ArticleByID(ctx, art); err != nil || !a.ReviewsClosed {
			t.Errorf("closed: %v %v", a.ReviewsClosed, err)
		}
		r = e.do("POST", path("/articles/{id}/reviews/open", art), "admin", nil)
		want(t, "open", r, http.StatusOK, "")
		if a, err := e.st.ArticleByID(ctx, art); err != nil || a.ReviewsClosed || r.body["reviews_closed"] != false {
			t.Errorf("opened: %v %v %s", a.ReviewsClosed, err, r.raw)
		}
		want(t, "close unknown", e.do("POST", newsroomAPI+"/articles/987654/reviews/close", "editor", nil), http.StatusNotFound, "not_found")
	})
}

// TestReviewPermissions walks every newsroom review route: anonymous is 401, a
// correspondent 403, and nothing changes.
func TestReviewPermissions(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		art, _ := e.publishedStory("Permissions of reviews")
		id := e.addReview(art, "Leyla", "leyla@example.test", "A careful, fair report.", "pending", 5)
		bodies := map[string]any{
			"POST " + newsroomAPI + "/reviews/bulk": map[string]any{"ids": []int64{id}, "action": "delete"},
			"PUT " + newsroomAPI + "/reviews/{id}":  map[string]any{"name": "Changed"},
		}
		n := 0
		for _, rt := range e.api.Routes() {
			if rt.Public || !strings.Contains(rt.Pattern, "/reviews") {
				continue
			}
			n++
			p := rt.Pattern
			if strings.Contains(p, "/articles/") {
				p = strings.Replace(p, "{id}", itoa(art), 1)
			} else {
				p = strings.Replace(p, "{id}", itoa(id), 1)
			}
			body := bodies[rt.Method+" "+rt.Pattern]
			want(t, rt.Method+" "+p+" anonymous", e.do(rt.Method, p, "", body), http.StatusUnauthorized, "unauthorized")
			want(t, rt.Method+" "+p+" correspondent", e.do(rt.Method, p, "corr", body), http.StatusForbidden, "forbidden")
		}
		if n != 10 {
			t.Errorf("%d newsroom review routes", n)
		}
		rv, err := e.st.ReviewByID(context.Background(), id)
		if err != nil || rv.Status != "pending" || rv.Name != "Leyla" {
			t.Errorf("review changed by refused requests: %+v, %v", rv, err)
		}
		if a, _ := e.st.ArticleByID(context.Background(), art); a.ReviewsClosed {
			t.Error("a correspondent closed reviews")
		}
	})
}

// TestPublicReviews checks the public list: approved reviews of public stories only, and no
// email address anywhere.
func TestPublicReviews(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		art, _ := e.publishedStory("Readers review this")
		draft := e.create("editor", story("A draft nobody reads"))
		for i, st := range []string{"approved", "approved", "approved", "pending", "spam", "rejected"} {
			e.addReview(art, "Reader "+itoa(int64(i)), "reader"+itoa(int64(i))+"@example.test", "Review text number "+itoa(int64(i))+".", st, 5-i%3)
		}
		e.addReview(draft, "Early", "early@example.test", "Seen before publication.", "approved", 1)
		pub := "/api/v1/articles/" + itoa(art) + "/reviews"
		r := e.do("GET", pub, "", nil)
		want(t, "public reviews", r, http.StatusOK, "")
		if r.num("count") != 3 || r.body["average"].(float64) != 4 {
			t.Errorf("count/average: %s", r.raw)
		}
		list, _ := r.body["reviews"].([]any)
		if len(list) != 3 {
			t.Fatalf("%d reviews: %s", len(list), r.raw)
		}
		for _, x := range list {
			m := x.(map[string]any)
			if len(m) != 5 || m["name"] == nil || m["text"] == nil || m["rating"] == nil || m["created_at"] == nil || m["id"] == nil {
				t.Errorf("public review fields: %v", m)
			}
		}
		if strings.Contains(string(r.raw), "@") || strings.Contains(string(r.raw), "email") {
			t.Errorf("public answer shows an address: %s", r.raw)
		}
		r = e.do("GET", pub+"?limit=2&offset=2", "", nil)
		if list, _ := r.body["reviews"].([]any); len(list) != 1 || r.num("count") != 3 {
			t.Errorf("second page: %s", r.raw)
		}
		// The same with a token: still no email.
		if r := e.do("GET", pub, "editor", nil); strings.Contains(string(r.raw), "@") {
			t.Errorf("public answer with a token shows an address: %s", r.raw)
		}
		want(t, "draft", e.do("GET", "/api/v1/articles/"+itoa(draft)+"/reviews", "", nil), http.StatusNotFound, "not_found")
		want(t, "unknown", e.do("GET", "/api/v1/articles/987654/reviews", "", nil), http.StatusNotFound, "not_found")
		want(t, "bad id", e.do("GET", "/api/v1/articles/x/reviews", "", nil), http.StatusNotFound, "not_found")
		want(t, "bad limit", e.do("GET", pub+"?limit=1000", "", nil), http.StatusBadRequest, "bad_request")
		want(t, "status filter", e.do("GET", pub+"?status=pending", "", nil), http.StatusBadRequest, "bad_request")
		want(t, "POST", e.do("POST", pub, "", nil), http.StatusMethodNotAllowed, "method_not_allowed")

		// Unpublished: gone from the public API.
		want(t, "unpublish", e.do("POST", path("/articles/{id}/unpublish", art), "editor", nil), http.StatusOK, "")
		want(t, "unpublished", e.do("GET", pub, "", nil), http.StatusNotFound, "not_found")

		// A story without reviews.
		empty, _ := e.publishedStory("Nobody has reviewed this")
		r = e.do("GET", "/api/v1/articles/"+itoa(empty)+"/reviews", "", nil)
		if r.num("count") != 0 || r.body["average"].(float64) != 0 || r.body["reviews"] == nil {
			t.Errorf("no reviews: %s", r.raw)
		}
	})
}

// TestReviewAnswersMatchSchemas checks the review answers against the OpenAPI document.
func TestReviewAnswersMatchSchemas(t *testing.T) {
	e := newEnv(t, filepath.Join(t.TempDir(), "site.db"))
	doc := e.openAPI()
	art, _ := e.publishedStory("Schema of reviews")
	id := e.addReview(art, "Leyla", "leyla@example.test", "A careful, fair report.", "pending", 5)
	gone := e.addReview(art, "Gone", "", "To be deleted soon.", "spam", 1)
	nr := newsroomAPI
	rp := nr + "/reviews/" + itoa(id)
	tests := []struct {
		method, pattern, path string
		body                  any
		status                int
	}{
		{"GET", nr + "/reviews", nr + "/reviews?status=pending", nil, 200},
		{"POST", nr + "/reviews/{id}/approve", rp + "/approve", nil, 200},
		{"POST", nr + "/reviews/{id}/reject", rp + "/reject", map[string]any{}, 200},
		{"POST", nr + "/reviews/{id}/spam", rp + "/spam", nil, 200},
		{"POST", nr + "/reviews/{id}/trust", rp + "/trust", nil, 200},
		{"PUT", nr + "/reviews/{id}", rp, map[string]any{"name": "L."}, 200},
		{"PUT", nr + "/reviews/{id}", rp, map[string]any{"name": ""}, 422},
		{"POST", nr + "/reviews/bulk", nr + "/reviews/bulk", map[string]any{"ids": []int64{id}, "action": "approve"}, 200},
		{"POST", nr + "/reviews/bulk", nr + "/reviews/bulk", map[string]any{"ids": []int64{id}, "action": "x"}, 422},
		{"DELETE", nr + "/reviews/{id}", nr + "/reviews/" + itoa(gone), nil, 200},
		{"DELETE", nr + "/reviews/{id}", nr + "/reviews/" + itoa(gone), nil, 404},
		{"POST", nr + "/articles/{id}/reviews/close", path("/articles/{id}/reviews/close", art), nil, 200},
		{"POST", nr + "/articles/{id}/reviews/open", path("/articles/{id}/reviews/open", art), nil, 200},
		{"GET", "/api/v1/articles/{id}/reviews", "/api/v1/articles/" + itoa(art) + "/reviews", nil, 200},
		{"GET", "/api/v1/articles/{id}/reviews", "/api/v1/articles/987654/reviews", nil, 404},
	}
	for _, tc := range tests {
		r := e.do(tc.method, tc.path, "editor", tc.body)
		if r.status != tc.status {
			t.Errorf("%s %s: %d, want %d: %s", tc.method, tc.path, r.status, tc.status, r.raw)
			continue
		}
		for _, p := range doc.check(doc.responseSchema(tc.method, tc.pattern, tc.status), r.body, "body") {
			t.Errorf("%s %s → %d: %s", tc.method, tc.pattern, tc.status, p)
		}
	}
	if r := e.do("GET", "/api/v1/articles/"+itoa(art)+"/reviews", "", nil); r.num("count") != 1 {
		t.Errorf("public list after approval: %s", r.raw)
	}
}
