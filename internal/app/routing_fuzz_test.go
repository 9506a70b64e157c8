package app_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzRouting sends arbitrary paths, queries and methods, anonymously, to the whole
// handler of a small SQLite demo site: whatever comes in, the answer is never a 5xx
// (a 503 would mean the database is down, which it is not here). The handler is called
// directly, so paths the HTTP server would refuse to parse reach the routers too. The
// seed corpus runs with every `go test`; run scripts/fuzz for longer.
func FuzzRouting(f *testing.F) {
	for _, s := range []struct{ method, path, query string }{
		{"GET", "/", ""}, {"GET", "/en/", "page=2"}, {"GET", "/en/", "page=-1"}, {"GET", "/en/", "page=99999999999999999999"},
		{"GET", "/ru/politika/", ""}, {"GET", "/az/", "page=0"}, {"GET", "/en/search", "q=oil+price&lang=ru&section=x&page=3"},
		{"GET", "/en/search", "q=%22&from=2026-13-45&to=x"}, {"GET", "/search.json", "q=*&limit=-1"},
		{"GET", "/en/politics/no-such-story", ""}, {"GET", "/en/tag/%00", ""}, {"GET", "/en/author/..%2f..%2fetc", ""},
		{"GET", "/feed.xml", ""}, {"GET", "/en/feed.json", ""}, {"GET", "/sitemap.xml", ""}, {"GET", "/sitemap-0.xml", ""},
		{"GET", "/media/..%2f..%2fetc%2fpasswd", ""}, {"GET", "/media/%ff", ""}, {"GET", "/static/x.css", ""},
		{"GET", "/newsroom/", ""}, {"POST", "/newsroom/login", "next=//evil.example"}, {"GET", "/newsroom/articles/1/edit", ""},
		{"GET", "/api/v1/articles", "status=nope&limit=abc"}, {"POST", "/api/v1/articles", ""}, {"GET", "/api/v1/openapi.json", ""},
		{"GET", "/api/v1/wire/items", "after=-5&since=bad"}, {"GET", "/api/v1/wire/stream", ""},
		{"GET", "/api/v1/articles/1/reviews", "page=x"}, {"POST", "/en/politics/x/reviews", ""}, {"DELETE", "/en/", ""},
		{"OPTIONS", "*", ""}, {"GET", "//en//", ""}, {"GET", "/en/%2e%2e/", ""}, {"GET", "/\x00", ""}, {"GET", "/healthz", ""},
		{"GET", "/readyz", ""}, {"GET", "/robots.txt", ""}, {"GET", "/metrics", ""}, {"GET", "/" + strings.Repeat("a/", 500), ""},
		{"GET", "/?p=123", "p=123"}, {"GET", "/wp-admin/", ""}, {"GET", "/en/politics/x/amp", ""}, {"PROPFIND", "/en/", ""},
	} {
		f.Add(s.method, s.path, s.query)
	}
	h := newDemoSite(f, filepath.Join(f.TempDir(), "site.db")).srv.Config.Handler
	f.Fuzz(func(t *testing.T, method, path, query string) {
		if !validMethod(method) {
			method = "GET"
		}
		r := &http.Request{Method: method, URL: &url.URL{Path: path, RawQuery: query}, RequestURI: "/", Proto: "HTTP/1.1",
			ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{}, Host: "news.example", RemoteAddr: "192.0.2.1:1234",
			Body: http.NoBody}
		r = r.WithContext(t.Context())
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("%s %q ? %q: %d\n%.500s", method, path, query, w.Code, w.Body.String())
		}
	})
}

// validMethod reports whether m is a token net/http would accept as a method.
func validMethod(m string) bool {
	if m == "" || len(m) > 16 {
		return false
	}
	for _, c := range m {
		if c < '!' || c > '~' || strings.ContainsRune(`()<>@,;:\"/[]?={}`, c) {
			return false
		}
	}
	return true
}
