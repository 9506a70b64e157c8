package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/api"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/pages"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const (
	baseURL     = "https://news.example"
	mediaLimit  = 200 << 10 // the test media store's upload limit
	newsroomAPI = "/api/v1/newsroom"
)

// env is the demo edition served by the API over real HTTP, with a user and a token for
// each role.
type env struct {
	t      *testing.T
	srv    *httptest.Server
	st     *store.Store
	api    *api.API
	users  map[string]account.User // by key: admin, editor, corr, corr2
	tokens map[string]string       // the same keys
	tokIDs map[string]int64
}

func newEnv(t *testing.T, dsn string) *env {
	t.Helper()
	return newEnvLog(t, dsn, nil)
}

// newEnvLog is newEnv with the API logging to log.
func newEnvLog(t *testing.T, dsn string, log *slog.Logger) *env {
	t.Helper()
	st := sitekit.Demo(t, dsn)
	ms, err := media.New(t.TempDir(), media.Limits{MaxBytes: mediaLimit})
	if err != nil {
		t.Fatal(err)
	}
	svc := newsroom.New(st, nil, nil)
	a := api.New(api.Config{Service: svc, Reviews: review.New(st, nil, nil, review.DefaultLimits),
		Accounts: account.New(st, nil, nil), Storage: st, Media: ms, Autosaves: newsroom.NewAutosaves(st, svc, nil),
		Pages:  pages.New(st, nil, nil),
		Logger: log, BaseURL: baseURL + "/"})
	e := &env{t: t, st: st, api: a, users: map[string]account.User{}, tokens: map[string]string{}, tokIDs: map[string]int64{}}
	for _, u := range []struct{ key, role string }{
		{"admin", account.RoleAdmin}, {"editor", account.RoleEditor},
		{"corr", account.RoleCorrespondent}, {"corr2", account.RoleCorrespondent},
	} {
		e.users[u.key], e.tokens[u.key], e.tokIDs[u.key] = e.addUser(u.key, u.role)
	}
	e.srv = httptest.NewServer(a)
	t.Cleanup(e.srv.Close)
	return e
}

// addUser creates a user with a token (tokens need no password).
func (e *env) addUser(key, role string) (account.User, string, int64) {
	e.t.Helper()
	ctx := context.Background()
	u := account.User{Email: key + "@agency.test", Name: "Test " + key, Role: role, PasswordHash: "-", CreatedAt: time.Now()}
	secret, err := account.NewSecret("ndt_")
	if err != nil {
		e.t.Fatal(err)
	}
	var tokID int64
	err = e.st.WithTx(ctx, func(tx *store.Tx) error {
		var err error
		if u.ID, err = tx.CreateUser(ctx, u); err != nil {
			return err
		}
		tokID, err = tx.CreateToken(ctx, u.ID, "test", account.HashSecret(secret), time.Now())
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return u, secret, tokID
}

// response is a decoded API answer.
type response struct {
	status int
	header http.Header
	body   map[string]any
	raw    []byte
}

// errCode is the error.code of an error answer ("" if none).
func (r response) errCode() string {
	e, _ := r.body["error"].(map[string]any)
	s, _ := e["code"].(string)
	return s
}

// errField is error.fields[name].
func (r response) errField(name string) string {
	e, _ := r.body["error"].(map[string]any)
	f, _ := e["fields"].(map[string]any)
	s, _ := f[name].(string)
	return s
}

func (r response) str(key string) string { s, _ := r.body[key].(string); return s }

func (r response) num(key string) int64 { f, _ := r.body[key].(float64); return int64(f) }

// do sends a request as the user key ("" for none). body may be nil, a string (sent as
// it is), []byte, or anything to marshal. Every answer must be JSON.
func (e *env) do(method, path, key string, body any) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[key])
	}
	return e.send(req)
}

func (e *env) send(req *http.Request) response {
	e.t.Helper()
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	r := response{status: resp.StatusCode, header: resp.Header, raw: raw}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		e.t.Fatalf("%s %s: Content-Type %q, body %q", req.Method, req.URL.Path, ct, raw)
	}
	if err := json.Unmarshal(raw, &r.body); err != nil {
		e.t.Fatalf("%s %s: answer is not a JSON object: %v: %q", req.Method, req.URL.Path, err, raw)
	}
	if r.status >= 400 && (r.errCode() == "" || !strings.HasSuffix(strings.TrimSpace(r.body["error"].(map[string]any)["message"].(string)), ".")) {
		e.t.Errorf("%s %s: error answer without code or sentence: %s", req.Method, req.URL.Path, raw)
	}
	return r
}

// want fails the test unless r has the status (and, for errors, the code).
func want(t *testing.T, what string, r response, status int, code string) {
	t.Helper()
	if r.status != status || (code != "" && r.errCode() != code) {
		t.Fatalf("%s: %d %s, want %d %s: %s", what, r.status, r.errCode(), status, code, r.raw)
	}
}

// story is a valid new story in English politics.
func story(headline string) map[string]any {
	return map[string]any{"language": "en", "section": "politics", "headline": headline,
		"standfirst": "A short standfirst.", "body": "The first paragraph.\n\nThe second paragraph.",
		"byline": "Aysel Aliyeva", "byline_role": "Baku correspondent", "dateline": "BAKU",
		"tags": []string{"parliament", "budget"}}
}

// create files a story as key and returns its id.
func (e *env) create(key string, fields map[string]any) int64 {
	e.t.Helper()
	r := e.do("POST", newsroomAPI+"/articles", key, fields)
	want(e.t, "create story", r, http.StatusCreated, "")
	return r.num("id")
}

func path(format string, id int64) string {
	return newsroomAPI + strings.Replace(format, "{id}", itoa(id), 1)
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// setBlock makes failing publishing checks block publication.
func (e *env) setBlock() error {
	ctx := context.Background()
	return e.st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetSetting(ctx, newsroom.SettingBlockOnChecks, "1") })
}
