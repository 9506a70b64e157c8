package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// routePermission is the action a role needs to use each authenticated API route at all
// (the service then decides per story, brief or review). It is written out here, apart
// from the route table, so that a route guarded by the wrong action is caught.
var routePermission = map[string]account.Action{
	"GET /me":                                account.ActViewNewsroom,
	"GET /users/{id}/profile":                account.ActViewNewsroom,
	"PUT /users/{id}/profile":                account.ActViewNewsroom,
	"GET /articles":                          account.ActViewNewsroom,
	"POST /articles":                         account.ActCreateArticle,
	"GET /articles/{id}":                     account.ActViewNewsroom,
	"PUT /articles/{id}":                     account.ActEditOwn,
	"POST /articles/{id}/submit":             account.ActSubmit,
	"POST /articles/{id}/return":             account.ActReturn,
	"POST /articles/{id}/publish":            account.ActPublish,
	"POST /articles/{id}/schedule":           account.ActSchedule,
	"POST /articles/{id}/correct":            account.ActCorrect,
	"POST /articles/{id}/unpublish":          account.ActUnpublish,
	"POST /articles/{id}/translate":          account.ActTranslate,
	"POST /articles/{id}/restore":            account.ActEditOwn,
	"GET /articles/{id}/checks":              account.ActViewNewsroom,
	"GET /articles/{id}/autosave":            account.ActViewNewsroom,
	"PUT /articles/{id}/autosave":            account.ActViewNewsroom,
	"DELETE /articles/{id}/autosave":         account.ActViewNewsroom,
	"GET /articles/{id}/revisions":           account.ActViewNewsroom,
	"GET /articles/{id}/revisions/{version}": account.ActViewNewsroom,
	"GET /briefs":                            account.ActViewNewsroom,
	"POST /briefs":                           account.ActCreateBrief,
	"GET /briefs/{id}":                       account.ActViewNewsroom,
	"PUT /briefs/{id}":                       account.ActViewNewsroom,
	"POST /briefs/{id}/publish":              account.ActPublishBrief,
	"POST /briefs/{id}/develop":              account.ActCreateArticle,
	"POST /images":                           account.ActUploadImage,
	"GET /images/{id}":                       account.ActViewNewsroom,
	"PUT /images/{id}":                       account.ActViewNewsroom,
	"GET /tags":                              account.ActViewNewsroom,
	"PUT /tags/{id}":                         account.ActEditAny,
	"POST /tags/{id}/translations":           account.ActEditAny,
	"DELETE /tags/{id}/translations":         account.ActEditAny,
	"GET /reviews":                           account.ActModerate,
	"POST /reviews/bulk":                     account.ActModerate,
	"PUT /reviews/{id}":                      account.ActModerate,
	"DELETE /reviews/{id}":                   account.ActModerate,
	"POST /reviews/{id}/approve":             account.ActModerate,
	"POST /reviews/{id}/reject":              account.ActModerate,
	"POST /reviews/{id}/spam":                account.ActModerate,
	"POST /reviews/{id}/trust":               account.ActModerate,
	"POST /articles/{id}/reviews/close":      account.ActModerate,
	"POST /articles/{id}/reviews/open":       account.ActModerate,
	"GET /front/{lang}":                      account.ActViewNewsroom,
	"PUT /front/{lang}":                      account.ActArrangeFront,
	"GET /pages":                             account.ActManageSite,
	"POST /pages":                            account.ActManageSite,
	"GET /pages/{id}":                        account.ActManageSite,
	"PUT /pages/{id}":                        account.ActManageSite,
	"DELETE /pages/{id}":                     account.ActManageSite,
	"POST /pages/{id}/publish":               account.ActManageSite,
	"POST /pages/{id}/unpublish":             account.ActManageSite,
}

// TestRoleCheckedBeforeBody sends, for every authenticated route and every role that lacks
// the route's permission, bodies that are malformed, of the wrong shape, or valid JSON with
// invalid values: the answer is always 403, never a 400 or 422 that would tell what the
// route checks before the role.
func TestRoleCheckedBeforeBody(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		own := e.create("corr", story("A correspondent's own draft"))
		bodies := map[string]any{
			"malformed JSON": `{"version": `,
			"unknown field":  map[string]any{"no_such_field": 1},
			"invalid values": map[string]any{"note": "", "publish_at": "yesterday", "text": "", "reason": strings.Repeat("r", 3000), "ids": []int{}, "action": "nothing", "version": 0, "language": "", "name": ""},
			"empty object":   map[string]any{},
			"wrong type":     map[string]any{"ids": "all"},
		}
		checked := 0
		for _, rt := range e.api.Routes() {
			if rt.Public {
				continue
			}
			key := rt.Method + " " + strings.TrimPrefix(rt.Pattern, newsroomAPI)
			act, ok := routePermission[key]
			if !ok {
				t.Errorf("%s: add the route to routePermission", key)
				continue
			}
			if rt.Action != act {
				t.Errorf("%s is guarded by %q, want %q", key, rt.Action, act)
			}
			p := strings.NewReplacer("{id}", itoa(own), "{version}", "1", "{lang}", "en").Replace(rt.Pattern)
			for _, role := range account.Roles() {
				if account.Can(role, act) {
					continue
				}
				user := map[string]string{account.RoleCorrespondent: "corr", account.RoleEditor: "editor", account.RoleAdmin: "admin"}[role]
				for name, body := range bodies {
					if rt.Method == "GET" && name != "empty object" {
						continue
					}
					checked++
					r := e.do(rt.Method, p, user, body)
					if r.status != http.StatusForbidden || r.errCode() != "forbidden" {
						t.Errorf("%s as %s with %s: %d %s, want 403 forbidden", key, role, name, r.status, r.errCode())
					}
				}
			}
		}
		if checked < 40 {
			t.Errorf("only %d refused requests checked", checked)
		}
	})
}
