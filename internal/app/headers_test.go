package app_test

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/httpx"
)

// TestSecurityHeaders checks the security headers on every surface, errors included.
func TestSecurityHeaders(t *testing.T) {
	s := newSecSite(t, filepath.Join(t.TempDir(), "site.db"), nil)
	const public, private = "'self'", "'none'"
	tests := []struct {
		name, method, path, auth string
		status                   int
		frame                    string
	}{
		{"home", "GET", "/en/", "", 200, public},
		{"article", "GET", "/" + s.lead.Language + "/" + s.lead.SectionSlug + "/" + s.lead.Slug, "", 200, public},
		{"feed", "GET", "/rss.xml", "", 200, public},
		{"search", "GET", "/search?q=talks", "", 200, public},
		{"static", "GET", s.css, "", 200, public},
		{"media", "GET", "/media/" + s.image.Renditions[0].File, "", 200, public},
		{"media missing", "GET", "/media/none.jpg", "", 0, public}, // the public site's answer (404, or a legacy redirect)
		{"404", "GET", "/no/such/page-xyz", "", 404, public},
		{"400", "GET", "/en/politics/?page=abc", "", 400, public},
		{"review refused", "POST", "/en/" + s.lead.SectionSlug + "/" + s.lead.Slug + "/reviews", "", 400, public},
		{"healthz", "GET", "/healthz", "", 200, public},
		{"readyz", "GET", "/readyz", "", 200, public},
		{"newsroom login", "GET", "/newsroom/login", "", 200, private},
		{"newsroom 401", "GET", "/newsroom/", "", 401, private},
		{"newsroom 404", "GET", "/newsroom/no-such-page", "", 404, private},
		{"api openapi", "GET", "/api/openapi.json", "", 200, private},
		{"api", "GET", "/api/v1/newsroom/me", "Bearer " + s.tokens["editor"], 200, private},
		{"api 401", "GET", "/api/v1/newsroom/me", "", 401, private},
		{"api 404", "GET", "/api/v1/nothing", "", 404, private},
		{"wire", "GET", "/api/v1/wire/items", "Bearer " + s.wireKey, 200, private},
		{"wire 401", "GET", "/api/v1/wire/items", "", 401, private},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, s.srv.URL+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if tc.status != 0 && resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
			checkSecurityHeaders(t, resp.Header, tc.frame, resp.StatusCode)
			if hsts := resp.Header.Get("Strict-Transport-Security"); hsts != "" {
				t.Errorf("HSTS over plain http with --hsts auto: %q", hsts)
			}
		})
	}
}

// checkSecurityHeaders asserts the headers an answer of status carries; frame is the
// expected frame-ancestors source ('none' on the newsroom and the APIs).
func checkSecurityHeaders(t *testing.T, h http.Header, frame string, status int) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
		"base-uri 'self'", "form-action 'self'", "frame-ancestors " + frame} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "*") {
		t.Errorf("CSP is not strict: %q", csp)
	}
	for name, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"} {
		if got := h.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	// The newsroom and the APIs add what the public site's policy already holds (see
	// httpx.securityHeaders); the reader's pages leave it out, and the request id with it
	// unless the answer is an error.
	private := frame == "'none'"
	extra := map[string]string{"X-Frame-Options": "DENY", "Cross-Origin-Opener-Policy": "same-origin",
		"Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"}
	for name, want := range extra {
		if got := h.Get(name); private && got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		} else if !private && got != "" {
			t.Errorf("%s = %q on the public site", name, got)
		}
	}
	if id := h.Get("X-Request-Id"); (private || status >= 400) && id == "" {
		t.Errorf("no X-Request-Id (status %d)", status)
	} else if !private && status < 400 && id != "" {
		t.Errorf("X-Request-Id %q on a public %d", id, status)
	}
}

// TestSecurityHeadersOnPanic checks that a handler's panic still answers 500 with every
// header, on both kinds of surface.
func TestSecurityHeadersOnPanic(t *testing.T) {
	h := httpx.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }), httpx.Options{HSTS: "max-age=600"})
	for path, frame := range map[string]string{"/en/": "'self'", "/newsroom/": "'none'", "/api/v1/newsroom/me": "'none'"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != http.StatusInternalServerError {
			t.Errorf("%s: status %d, want 500", path, w.Code)
		}
		checkSecurityHeaders(t, w.Header(), frame, w.Code)
		if got := w.Header().Get("Strict-Transport-Security"); got != "max-age=600" {
			t.Errorf("%s: HSTS = %q", path, got)
		}
	}
}

// TestHSTS checks --hsts: auto follows the base URL, off sends nothing, a number or a
// value is sent as given, anything else is refused.
func TestHSTS(t *testing.T) {
	tests := []struct {
		hsts, base, want string
		bad              bool
	}{
		{"auto", "https://news.example", "max-age=31536000", false},
		{"", "https://news.example", "max-age=31536000", false},
		{"auto", "http://127.0.0.1:8080", "", false},
		{"off", "https://news.example", "", false},
		{"600", "http://127.0.0.1:8080", "max-age=600", false},
		{"max-age=63072000; includeSubDomains; preload", "https://news.example", "max-age=63072000; includeSubDomains; preload", false},
		{"max-age=abc", "https://news.example", "", true},
		{"max-age=600; evil", "https://news.example", "", true},
		{"-5", "https://news.example", "", true},
		{"yes please", "https://news.example", "", true},
	}
	for _, tc := range tests {
		c := config.Config{HSTS: tc.hsts, BaseURL: tc.base}
		got, err := c.HSTSHeader()
		if (err != nil) != tc.bad || got != tc.want {
			t.Errorf("--hsts %q with %s = %q, %v; want %q (error: %v)", tc.hsts, tc.base, got, err, tc.want, tc.bad)
		}
	}
	// Through the whole site: an https base URL sends it on every surface.
	s := newSecSite(t, filepath.Join(t.TempDir(), "site.db"), func(c *config.Config) { c.BaseURL = "https://news.example" })
	for _, path := range []string{"/en/", "/newsroom/login", "/api/openapi.json", "/no/such/page-xyz"} {
		resp, err := noRedirect.Get(s.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Strict-Transport-Security"); got != "max-age=31536000" {
			t.Errorf("%s: HSTS = %q", path, got)
		}
	}
}

// TestGoErrorAnswers pins what net/http itself answers, before any handler runs, to a
// request it cannot parse: these answers carry none of the security headers (no handler
// of ours sees the request), so docs/security.md ("Answers written by Go itself") argues
// why they are harmless: plain text, a fixed body that echoes nothing of the request, and
// the connection closed. If a Go release changes their shape, this test fails and that
// argument must be checked again.
func TestGoErrorAnswers(t *testing.T) {
	s := newSecSite(t, filepath.Join(t.TempDir(), "site.db"), nil)
	srv := app.HTTPServer(s.site.Handler, slog.New(slog.DiscardHandler))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })

	const bait = "<script>alert(1)</script>" // in every request: no answer may echo it
	// Connection: close is sent too: ReadResponse takes it out of the header into Close.
	plain := map[string]string{"Content-Type": "text/plain; charset=utf-8"}
	tests := []struct {
		name, request string
		status        int
		body          string
		header        map[string]string // the whole header, exactly (but Connection)
	}{
		{"header too large (431)", "GET /?q=" + bait + " HTTP/1.1\r\nHost: x\r\nX-Big: " + bait + strings.Repeat("b", srv.MaxHeaderBytes+8192) + "\r\n\r\n",
			431, "431 Request Header Fields Too Large", plain},
		{"malformed header line (400)", "GET / HTTP/1.1\r\nHost: x\r\n" + bait + "\r\n\r\n",
			400, "400 Bad Request", plain},
		{"missing Host (400)", "GET /" + bait + " HTTP/1.1\r\n\r\n",
			400, "400 Bad Request: missing required Host header", plain},
		{"malformed Host (400)", "GET / HTTP/1.1\r\nHost: a b" + bait + "\r\n\r\n",
			400, "400 Bad Request: malformed Host header", plain},
		{"bad request line (400)", bait + "\r\n\r\n",
			400, "400 Bad Request", plain},
		{"unsupported HTTP version (505)", "GET /" + bait + " HTTP/3.0\r\nHost: x\r\n\r\n",
			505, "505 HTTP Version Not Supported: unsupported protocol version", plain},
		{"unknown transfer coding (501)", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + bait + "\r\n\r\n",
			501, "Unsupported transfer encoding", plain},
		{"unknown expectation (417)", "GET / HTTP/1.1\r\nHost: x\r\nExpect: " + bait + "\r\n\r\n",
			417, "", map[string]string{"Content-Length": "0"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			// A deadline only so that a broken server fails the test instead of hanging it.
			_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
			go func() { _, _ = io.WriteString(conn, tc.request) }() // the server may answer before reading it all
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatalf("read the answer: %v", err)
			}
			body, _ := io.ReadAll(resp.Body) // up to the close: there is no length
			resp.Body.Close()
			if resp.StatusCode != tc.status || string(body) != tc.body {
				t.Errorf("answer %d %q, want %d %q", resp.StatusCode, body, tc.status, tc.body)
			}
			got := map[string]string{}
			for k, v := range resp.Header {
				if k != "Date" {
					got[k] = strings.Join(v, ", ")
				}
			}
			if len(got) != len(tc.header) {
				t.Errorf("header %v, want exactly %v", got, tc.header)
			}
			for k, v := range tc.header {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
			if !resp.Close {
				t.Error("the connection stays open")
			}
			if strings.Contains(string(body), "script") {
				t.Errorf("the answer echoes the request: %q", body)
			}
		})
	}
}
