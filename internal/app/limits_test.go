package app_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
)

// limitReq sends one request and returns the status and body.
func (s *secSite) limitReq(t *testing.T, method, path, ctype, auth, cookie string, body io.Reader) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// pngHeader is a PNG that declares w×h pixels in its header but carries no pixel data:
// the limits must refuse it before decoding.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit greyscale
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

// upload is a multipart body with the given fields and files.
func upload(fields map[string]string, files map[string][]byte, extraParts int) (io.Reader, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	for name, data := range files {
		fw, _ := mw.CreateFormFile(name, name+".png")
		_, _ = fw.Write(data)
	}
	for i := 0; i < extraParts; i++ {
		_ = mw.WriteField("alt", "again")
	}
	_ = mw.Close()
	return &b, mw.FormDataContentType()
}

// TestRequestLimits exceeds each limit on what a client may send and checks for a clear
// 4xx answer (never a 500, never a crash).
func TestRequestLimits(t *testing.T) {
	s := newSecSite(t, filepath.Join(t.TempDir(), "site.db"), nil)
	editor := "Bearer " + s.tokens["editor"]
	csrf := strings.Repeat("c", 40)
	session := "nd_csrf=" + csrf + "; nd_session=" + s.session(t, "editor")
	review := "/en/" + s.lead.SectionSlug + "/" + s.lead.Slug + "/reviews"
	deep := `{"headline":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`
	tests := []struct {
		name, method, path, ctype, auth, cookie string
		body                                    func() io.Reader
		status                                  []int
		says                                    string // a word of the human message
	}{
		{"API JSON over 1 MiB", "POST", "/api/v1/newsroom/articles", "application/json", editor, "",
			func() io.Reader {
				return strings.NewReader(`{"headline":"` + strings.Repeat("a", 2<<20) + `"}`)
			}, []int{413}, "large"},
		{"API JSON nested 100,000 deep", "POST", "/api/v1/newsroom/articles", "application/json", editor, "",
			func() io.Reader { return strings.NewReader(deep) }, []int{400}, "nested"},
		{"API JSON nested 17 deep", "POST", "/api/v1/newsroom/articles", "application/json", editor, "",
			func() io.Reader {
				return strings.NewReader(`{"tags":` + strings.Repeat("[", 17) + strings.Repeat("]", 17) + `}`)
			}, []int{400}, "nested"},
		{"API image over 25 MiB", "POST", "/api/v1/newsroom/images", "", editor, "",
			nil, []int{413}, "large"},
		{"API image with 2,000 parts", "POST", "/api/v1/newsroom/images", "", editor, "",
			nil, []int{400, 413}, ""},
		{"API image with two files", "POST", "/api/v1/newsroom/images", "", editor, "",
			nil, []int{400}, "more than once"},
		{"API image of 100 million pixels", "POST", "/api/v1/newsroom/images", "", editor, "",
			nil, []int{413, 422}, "pixels"},
		{"API image 30,000 pixels wide", "POST", "/api/v1/newsroom/images", "", editor, "",
			nil, []int{413, 422}, "pixels"},
		{"newsroom image of 100 million pixels", "POST", "/newsroom/images", "", "", session,
			nil, []int{413, 422}, "pixels"},
		{"newsroom form over 25 MiB", "POST", "/newsroom/articles", "application/x-www-form-urlencoded", "", session,
			func() io.Reader {
				return io.MultiReader(strings.NewReader("csrf="+csrf+"&body="), bytes.NewReader(bytes.Repeat([]byte("a"), 26<<20)))
			}, []int{413}, "larger than 10 mb"},
		{"newsroom form with 20,000 fields", "POST", "/newsroom/articles", "application/x-www-form-urlencoded", "", session,
			func() io.Reader { return strings.NewReader("csrf=" + csrf + strings.Repeat("&a=1", 20000)) }, []int{400}, ""},
		{"review over 64 KiB", "POST", review, "application/x-www-form-urlencoded", "", "",
			func() io.Reader { return strings.NewReader("text=" + strings.Repeat("a", 70<<10)) }, []int{413}, ""},
		{"query string of 8 KiB", "GET", "/search?q=" + strings.Repeat("word+", 1600), "", "", "",
			nil, []int{200}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader
			ctype := tc.ctype
			switch {
			case tc.body != nil:
				body = tc.body()
			case tc.name == "API image over 25 MiB":
				body, ctype = upload(map[string]string{"alt": "Big"}, map[string][]byte{"file": bytes.Repeat([]byte{1}, 26<<20)}, 0)
			case tc.name == "API image with 2,000 parts":
				body, ctype = upload(nil, nil, 2000)
			case tc.name == "API image with two files":
				var b bytes.Buffer
				mw := multipart.NewWriter(&b)
				for i := 0; i < 2; i++ {
					fw, _ := mw.CreateFormFile("file", "a.png")
					_, _ = fw.Write(testPNG(t, 8, 8))
				}
				_ = mw.Close()
				body, ctype = &b, mw.FormDataContentType()
			case strings.Contains(tc.name, "100 million pixels"):
				fields := map[string]string{"alt": "Huge"}
				if tc.cookie != "" {
					fields["csrf"] = csrf
				}
				body, ctype = upload(fields, map[string][]byte{"file": pngHeader(10000, 10000)}, 0)
			case tc.name == "API image 30,000 pixels wide":
				body, ctype = upload(map[string]string{"alt": "Wide"}, map[string][]byte{"file": pngHeader(30000, 1)}, 0)
			}
			st, got := s.limitReq(t, tc.method, tc.path, ctype, tc.auth, tc.cookie, body)
			ok := false
			for _, want := range tc.status {
				ok = ok || st == want
			}
			if !ok {
				t.Errorf("status %d, want one of %v: %.300s", st, tc.status, got)
			}
			if tc.says != "" && !strings.Contains(strings.ToLower(got), tc.says) {
				t.Errorf("the answer does not say %q: %.300s", tc.says, got)
			}
		})
	}
	// The site still answers after all that.
	if st, _ := s.limitReq(t, "GET", "/healthz", "", "", "", nil); st != 200 {
		t.Errorf("healthz after the limits: %d", st)
	}
}

// TestServerLimits runs the server Serve builds on a real listener with a short header
// timeout and sends a request's headers a byte at a time (slowloris): the server must
// hang up once the timeout passes, while a prompt client is served. Headers and query
// strings over MaxHeaderBytes answer 431.
func TestServerLimits(t *testing.T) {
	s := newSecSite(t, filepath.Join(t.TempDir(), "site.db"), nil)
	srv := app.HTTPServer(s.site.Handler, slog.New(slog.DiscardHandler))
	if srv.ReadHeaderTimeout <= 0 || srv.ReadHeaderTimeout > 10*time.Second || srv.MaxHeaderBytes <= 0 || srv.ReadTimeout <= 0 {
		t.Fatalf("server limits: header timeout %v, read timeout %v, header bytes %d", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.MaxHeaderBytes)
	}
	srv.ReadHeaderTimeout = 300 * time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	request := "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + strings.Repeat("z", 100) + "\r\n\r\n"
	cut := false
	for i := 0; i < len(request); i++ {
		if _, err := conn.Write([]byte{request[i]}); err != nil {
			cut = true
			break
		}
		time.Sleep(50 * time.Millisecond)
		if time.Since(start) > 5*time.Second {
			break
		}
	}
	if !cut { // the write may still succeed into the socket buffer: the read tells
		_ = conn.SetReadDeadline(time.Now().Add(2 * time.Second))
		b := make([]byte, 512)
		n, err := conn.Read(b)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("the connection is still open after %v", time.Since(start))
		}
		if strings.Contains(string(b[:n]), "200 OK") {
			t.Fatalf("a slow client was served: %q", b[:n])
		}
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("cut off after %v, want about 300ms", d)
	}

	// A prompt client on the same server is served.
	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("prompt client: %d", resp.StatusCode)
	}

	// A header or a query string over MaxHeaderBytes answers 431.
	for name, path := range map[string]string{"header": "/healthz", "query string": "/search?q=" + strings.Repeat("a", srv.MaxHeaderBytes+4096)} {
		req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+path, nil)
		if name == "header" {
			req.Header.Set("X-Big", strings.Repeat("b", srv.MaxHeaderBytes+4096))
		}
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("%s over %d bytes: %d, want 431", name, srv.MaxHeaderBytes, resp.StatusCode)
		}
	}
}
