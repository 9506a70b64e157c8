package desk_test

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/pages"
	"github.com/newsdesk/newsdesk/internal/store"
)

// TestPolicyMatrix pins the permission policy: each role × each action.
func TestPolicyMatrix(t *testing.T) {
	want := map[string]map[account.Action]bool{
		account.RoleCorrespondent: {account.ActViewNewsroom: true, account.ActCreateArticle: true, account.ActEditOwn: true,
			account.ActSubmit: true, account.ActTranslate: true, account.ActCreateBrief: true, account.ActUploadImage: true,
			account.ActOwnTokens: true},
		account.RoleEditor: {account.ActViewNewsroom: true, account.ActCreateArticle: true, account.ActEditOwn: true,
			account.ActEditAny: true, account.ActSubmit: true, account.ActReturn: true, account.ActPublish: true,
			account.ActSchedule: true, account.ActCorrect: true, account.ActUnpublish: true, account.ActTranslate: true,
			account.ActCreateBrief: true, account.ActPublishBrief: true, account.ActUploadImage: true, account.ActModerate: true,
			account.ActOwnTokens: true, account.ActArrangeFront: true},
		"": {},
	}
	for _, role := range append(account.Roles(), "", "root") {
		for _, act := range account.Actions() {
			expect := want[role][act]
			if role == account.RoleAdmin {
				expect = true
			}
			if got := account.Can(role, act); got != expect {
				t.Errorf("Can(%q, %s) = %v, want %v", role, act, got, expect)
			}
		}
	}
}

// TestRouteMatrix walks every newsroom route the server registers, as anonymous and as
// each role, and checks the answer against the route's declared permission.
func TestRouteMatrix(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	ctx := context.Background()
	corr, err := s.st.UserByEmail(ctx, "correspondent@x.test")
	if err != nil {
		t.Fatal(err)
	}
	svc := newsroom.New(s.st, nil, nil)
	admin, err := s.st.UserByEmail(ctx, "admin@x.test")
	if err != nil {
		t.Fatal(err)
	}
	sitePages := pages.New(s.st, nil, nil)
	in := newsroom.ArticleInput{Language: "en", Section: "politics", Headline: "Matrix story", Body: "Body."}
	n := 0
	routes := s.site.Desk.Routes()
	if len(routes) < 30 {
		t.Fatalf("only %d routes", len(routes))
	}
	for _, role := range append([]string{""}, account.Roles()...) {
		for _, rt := range routes {
			name := role
			if name == "" {
				name = "anonymous"
			}
			t.Run(name+" "+rt.Method+" "+rt.Pattern, func(t *testing.T) {
				// Fresh objects owned by the correspondent, so each cell starts alike.
				n++
				in.Headline = "Matrix story " + strconv.Itoa(n)
				a, err := svc.Create(ctx, corr, in)
				if err != nil {
					t.Fatal(err)
				}
				b, err := svc.CreateBrief(ctx, corr, newsroom.BriefInput{Language: "en", Section: "politics", Text: "Matrix brief."})
				if err != nil {
					t.Fatal(err)
				}
				path := strings.NewReplacer("{id}", strconv.FormatInt(a.ID, 10), "{file}", "none.css", "{$}", "").Replace(rt.Pattern)
				if strings.HasPrefix(rt.Pattern, "/newsroom/briefs/") {
					path = strings.Replace(rt.Pattern, "{id}", strconv.FormatInt(b.ID, 10), 1)
				}
				if strings.HasPrefix(rt.Pattern, "/newsroom/pages/{id}") {
					p, err := sitePages.Create(ctx, admin, pages.Input{Language: "en", Title: "Matrix page " + strconv.Itoa(n)}, 0)
					if err != nil {
						t.Fatal(err)
					}
					path = strings.Replace(rt.Pattern, "{id}", strconv.FormatInt(p.ID, 10), 1)
				}
				if strings.HasPrefix(rt.Pattern, "/newsroom/users/") {
					path = strings.Replace(rt.Pattern, "{id}", strconv.FormatInt(corr.ID, 10), 1)
				}
				c := s.client(t)
				c.get("/newsroom/login") // CSRF cookie and token
				if role != "" {
					sessionFor(t, s, c, role)
				}
				var st int
				if rt.Pattern == "/newsroom/events" {
					st = c.status(path) // the stream never ends: its status is the answer
				} else if rt.Method == "GET" {
					st, _ = c.get(path + "?from=1&to=1")
				} else {
					st, _, _ = c.post(path, url.Values{"note": {"n"}, "language": {"ru"}, "action": {"logout"}, "version": {"1"},
						"correction": {"c"}, "headline": {"Matrix story"}, "section": {"politics"}, "text": {"t"}, "role": {role}})
				}
				switch {
				case st >= 500:
					t.Errorf("status %d", st)
				case rt.Action == "" && rt.Pattern == "/newsroom/login":
				case strings.HasPrefix(rt.Pattern, "/newsroom/static/"):
					if st != http.StatusNotFound {
						t.Errorf("static = %d", st)
					}
				case role == "":
					if st != http.StatusUnauthorized {
						t.Errorf("anonymous: %d, want 401", st)
					}
				case !account.Can(role, rt.Action) && rt.Action != "":
					if st != http.StatusForbidden {
						t.Errorf("%s lacks %s: %d, want 403", role, rt.Action, st)
					}
				default:
					if st == http.StatusUnauthorized || st == http.StatusForbidden {
						t.Errorf("%s may %s: got %d", role, rt.Action, st)
					}
				}
			})
		}
	}
}

// sessionFor signs c in as the test user of role by writing a session directly.
func sessionFor(t *testing.T, s *site, c *client, role string) {
	t.Helper()
	ctx := context.Background()
	u, err := s.st.UserByEmail(ctx, role+"@x.test")
	if err != nil {
		t.Fatal(err)
	}
	secret, _ := account.NewSecret("nds_")
	now := time.Now()
	if err := s.st.WithTx(ctx, func(tx *store.Tx) error {
		return tx.CreateSession(ctx, account.HashSecret(secret), u.ID, now, now.Add(time.Hour))
	}); err != nil {
		t.Fatal(err)
	}
	su, _ := url.Parse(s.srv.URL)
	c.http.Jar.SetCookies(su, []*http.Cookie{{Name: "nd_session", Value: secret, Path: "/"}})
}
