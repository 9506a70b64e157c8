package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestAuthentication checks the bearer token rules: missing or bad tokens are 401 with
// WWW-Authenticate, and revoking a token or disabling its user takes effect at once.
func TestAuthentication(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		for _, tc := range []struct{ name, header string }{
			{"no header", ""},
			{"empty bearer", "Bearer "},
			{"basic", "Basic " + e.tokens["editor"]},
			{"unknown token", "Bearer ndt_not-a-real-token"},
			{"token without scheme", e.tokens["editor"]},
			{"overlong token", "Bearer " + strings.Repeat("a", 10000)},
		} {
			t.Run(tc.name, func(t *testing.T) {
				req, _ := http.NewRequest("GET", e.srv.URL+newsroomAPI+"/me", nil)
				if tc.header != "" {
					req.Header.Set("Authorization", tc.header)
				}
				r := e.send(req)
				want(t, tc.name, r, http.StatusUnauthorized, "unauthorized")
				if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("WWW-Authenticate = %q", r.header.Get("WWW-Authenticate"))
				}
			})
		}
		req, _ := http.NewRequest("GET", e.srv.URL+newsroomAPI+"/me", nil)
		req.Header.Set("Authorization", "bearer "+e.tokens["editor"])
		want(t, "lower-case scheme", e.send(req), http.StatusOK, "")
		want(t, "unauthenticated write", e.do("POST", newsroomAPI+"/articles", "", story("Anonymous")), http.StatusUnauthorized, "unauthorized")

		// Revocation: the very next request is refused.
		want(t, "before revocation", e.do("GET", newsroomAPI+"/me", "corr", nil), http.StatusOK, "")
		if err := e.st.WithTx(ctx, func(tx *store.Tx) error { return tx.RevokeToken(ctx, e.tokIDs["corr"], 0, time.Now()) }); err != nil {
			t.Fatal(err)
		}
		want(t, "revoked token", e.do("GET", newsroomAPI+"/me", "corr", nil), http.StatusUnauthorized, "unauthorized")

		// Disabling the user: the same.
		want(t, "before disabling", e.do("GET", newsroomAPI+"/articles", "corr2", nil), http.StatusOK, "")
		u := e.users["corr2"]
		u.Disabled = true
		if err := e.st.WithTx(ctx, func(tx *store.Tx) error { return tx.UpdateUser(ctx, u) }); err != nil {
			t.Fatal(err)
		}
		want(t, "disabled user", e.do("GET", newsroomAPI+"/articles", "corr2", nil), http.StatusUnauthorized, "unauthorized")

		// A token's use is recorded.
		tokens, err := e.st.UserTokens(ctx, e.users["editor"].ID)
		if err != nil || len(tokens) != 1 || tokens[0].LastUsedAt.IsZero() {
			t.Errorf("editor's token after use: %+v, %v", tokens, err)
		}

		// The OpenAPI document is public.
		req, _ = http.NewRequest("GET", e.srv.URL+"/api/openapi.json", nil)
		want(t, "openapi without token", e.send(req), http.StatusOK, "")
	})
}
