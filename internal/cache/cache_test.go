package cache

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func page(body string, keys ...string) *Entry {
	h := http.Header{}
	h.Set("Content-Type", "text/html; charset=utf-8")
	return Build(Page{Status: 200, Header: h, Body: []byte(body), Keys: keys}, time.Now(), Options{Compress: true})
}

func fill(c *Cache, key string, e *Entry) {
	_, _, _ = c.Fill(key, time.Now(), func() (*Entry, error) { return e, nil })
}

func TestPurgeByKey(t *testing.T) {
	c := New(1 << 20)
	fill(c, "/en/", page("home", "home:en", "a1", "a2"))
	fill(c, "/en/x/one", page("one", "a1"))
	fill(c, "/en/x/two", page("two", "a2"))
	fill(c, "/ru/", page("ru", "home:ru"))
	tests := []struct {
		purge []string
		gone  []string
		kept  []string
	}{
		{[]string{"a1"}, []string{"/en/", "/en/x/one"}, []string{"/en/x/two", "/ru/"}},
		{[]string{"nothing"}, nil, []string{"/en/x/two", "/ru/"}},
		{[]string{"a2", "home:ru"}, []string{"/en/x/two", "/ru/"}, nil},
	}
	for i, tc := range tests {
		c.Purge(tc.purge...)
		for _, k := range tc.gone {
			if c.Get(k, time.Now()) != nil {
				t.Errorf("step %d: %s still cached after purging %v", i, k, tc.purge)
			}
		}
		for _, k := range tc.kept {
			if c.Get(k, time.Now()) == nil {
				t.Errorf("step %d: %s purged by %v", i, k, tc.purge)
			}
		}
	}
	fill(c, "/a", page("a", "x"))
	c.Purge(All)
	if st := c.Stats(); st.Entries != 0 || st.Bytes != 0 {
		t.Errorf("after purging all: %+v", st)
	}
}

func TestSizeBound(t *testing.T) {
	c := New(64 << 10)
	body := strings.Repeat("x", 4000)
	for i := range 100 {
		fill(c, "/p"+string(rune('a'+i%26))+strings.Repeat("z", i), page(body, "k"))
	}
	if st := c.Stats(); st.Bytes > 64<<10 || st.Entries == 0 || st.Evictions == 0 {
		t.Errorf("stats after overfilling: %+v", st)
	}
	// A page bigger than a quarter of the cache is served but not kept.
	fill(c, "/big", page(strings.Repeat("y", 20<<10)))
	if c.Get("/big", time.Now()) != nil {
		t.Error("an oversized page was kept")
	}
	// Purging by key after evictions leaves the index consistent.
	c.Purge("k")
	if st := c.Stats(); st.Entries != 0 || st.Bytes != 0 {
		t.Errorf("after purge: %+v", st)
	}
}

func TestOff(t *testing.T) {
	var c *Cache = New(0)
	if c != nil {
		t.Fatal("New(0) is not off")
	}
	n := 0
	for range 2 {
		if _, _, err := c.Fill("/", time.Now(), func() (*Entry, error) { n++; return page("x"), nil }); err != nil {
			t.Fatal(err)
		}
	}
	if n != 2 || c.Get("/", time.Now()) != nil {
		t.Errorf("cache off: rendered %d times", n)
	}
	c.Purge("x")
}

func TestExpiry(t *testing.T) {
	c := New(1 << 20)
	now := time.Now()
	e := page("x")
	e.expires = now.Add(time.Minute)
	fill(c, "/", e)
	if c.Get("/", now) == nil || c.Get("/", now.Add(time.Minute)) != nil {
		t.Error("expiry not honoured")
	}
	calls := 0
	next := func() (time.Time, error) { calls++; return now.Add(time.Hour), nil }
	for range 3 {
		if h, _ := c.Horizon(now, next); !h.Equal(now.Add(time.Hour)) {
			t.Fatalf("horizon %v", h)
		}
	}
	if calls != 1 {
		t.Errorf("horizon computed %d times, want 1", calls)
	}
	c.Purge("x") // a change may bring the horizon closer
	c.Horizon(now, next)
	c.Horizon(now.Add(2*time.Hour), next) // passed
	if calls != 3 {
		t.Errorf("horizon computed %d times, want 3", calls)
	}
}

func TestSingleflight(t *testing.T) {
	c := New(1 << 20)
	var renders atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, _, err := c.Fill("/p", time.Now(), func() (*Entry, error) {
				renders.Add(1)
				<-release
				return page("body", "k"), nil
			})
			if err != nil || string(e.Body) != "body" {
				t.Errorf("fill: %v", err)
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("%d renders, want 1", n)
	}
}

// TestPurgeDuringRender: a page rendered while a purge happened is not kept, and a
// request arriving after the purge does not wait for (and get) the old render.
func TestPurgeDuringRender(t *testing.T) {
	c := New(1 << 20)
	started, release := make(chan struct{}), make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _, _ = c.Fill("/p", time.Now(), func() (*Entry, error) {
			close(started)
			<-release
			return page("old", "k"), nil
		})
	}()
	<-started
	c.Purge("k")
	e, shared, _ := c.Fill("/p", time.Now(), func() (*Entry, error) { return page("new", "k"), nil })
	if shared || string(e.Body) != "new" {
		t.Errorf("after the purge got %q (shared %v)", e.Body, shared)
	}
	close(release)
	<-done
	if got := c.Get("/p", time.Now()); got == nil || string(got.Body) != "new" {
		t.Errorf("kept the render that raced a purge")
	}
}

func TestRenderError(t *testing.T) {
	c := New(1 << 20)
	boom := errors.New("boom")
	if _, _, err := c.Fill("/p", time.Now(), func() (*Entry, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
	if c.Get("/p", time.Now()) != nil {
		t.Error("kept a failed render")
	}
}

func TestBuildCacheable(t *testing.T) {
	tests := []struct {
		status int
		header map[string]string
		want   bool
	}{
		{200, nil, true},
		{404, nil, false},
		{301, map[string]string{"Location": "/x"}, false},
		{200, map[string]string{"Cache-Control": "no-store"}, false},
		{200, map[string]string{"Cache-Control": "private, no-cache"}, false},
		{200, map[string]string{"Set-Cookie": "a=b"}, false},
	}
	for _, tc := range tests {
		h := http.Header{}
		for k, v := range tc.header {
			h.Set(k, v)
		}
		if got := Build(Page{Status: tc.status, Header: h, Body: []byte("x")}, time.Now(), Options{}).Cacheable; got != tc.want {
			t.Errorf("%d %v: cacheable %v, want %v", tc.status, tc.header, got, tc.want)
		}
	}
}

// TestServeHeaders checks which headers a hit writes: Surrogate-Key only for a CDN
// (Options.SurrogateKeys), Last-Modified not with an HTML page (its ETag revalidates it),
// If-Modified-Since answered all the same.
func TestServeHeaders(t *testing.T) {
	modified := time.Date(2026, 12, 7, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		ctype     string
		surrogate bool
		want      []string
	}{
		{"text/html; charset=utf-8", false, []string{"Cache-Control", "Content-Length", "Content-Type", "Etag", "Vary"}},
		{"text/html; charset=utf-8", true, []string{"Cache-Control", "Content-Length", "Content-Type", "Etag", "Surrogate-Key", "Vary"}},
		{"application/rss+xml; charset=utf-8", false, []string{"Cache-Control", "Content-Length", "Content-Type", "Etag", "Last-Modified", "Vary"}},
	}
	for _, tc := range tests {
		h := http.Header{"Content-Type": {tc.ctype}}
		e := Build(Page{Status: 200, Header: h, Body: []byte("<p>x</p>"), Keys: []string{"a1"}}, modified, Options{SurrogateKeys: tc.surrogate})
		w := httptest.NewRecorder()
		e.Serve(w, httptest.NewRequest("GET", "/", nil))
		var got []string
		for k := range w.Header() {
			got = append(got, k)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s, surrogate keys %v: headers %v, want %v", tc.ctype, tc.surrogate, got, tc.want)
		}
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("If-Modified-Since", modified.Format(http.TimeFormat))
		w = httptest.NewRecorder()
		e.Serve(w, r)
		if w.Code != http.StatusNotModified {
			t.Errorf("%s: If-Modified-Since answered %d, want 304", tc.ctype, w.Code)
		}
	}
}

func TestServe(t *testing.T) {
	body := strings.Repeat("<p>Hello, readers.</p>\n", 100)
	br := func(b []byte) ([]byte, error) { return []byte("BR"), nil } // a stand-in compressor
	h := http.Header{}
	h.Set("Content-Type", "text/html; charset=utf-8")
	e := Build(Page{Status: 200, Header: h, Body: []byte(body), Keys: []string{"a1", "home:en", "a1"}}, time.Now(),
		Options{Compress: true, Brotli: br, SurrogateKeys: true})
	tests := []struct {
		name     string
		method   string
		header   map[string]string
		status   int
		encoding string
	}{
		{"plain", "GET", nil, 200, ""},
		{"gzip", "GET", map[string]string{"Accept-Encoding": "gzip, deflate"}, 200, "gzip"},
		{"brotli preferred", "GET", map[string]string{"Accept-Encoding": "gzip, deflate, br"}, 200, "br"},
		{"brotli refused", "GET", map[string]string{"Accept-Encoding": "br;q=0, gzip"}, 200, "gzip"},
		{"gzip refused", "GET", map[string]string{"Accept-Encoding": "gzip;q=0"}, 200, ""},
		{"identity", "GET", map[string]string{"Accept-Encoding": "identity"}, 200, ""},
		{"etag", "GET", map[string]string{"If-None-Match": e.ETag()}, 304, ""},
		{"etag of gzip", "GET", map[string]string{"If-None-Match": strings.TrimSuffix(e.ETag(), `"`) + `-gz"`, "Accept-Encoding": "gzip"}, 304, "gzip"},
		{"star", "GET", map[string]string{"If-None-Match": "*"}, 304, ""},
		{"head", "HEAD", nil, 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "/", nil)
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			e.Serve(w, r)
			if w.Code != tc.status || w.Header().Get("Content-Encoding") != tc.encoding {
				t.Fatalf("status %d encoding %q", w.Code, w.Header().Get("Content-Encoding"))
			}
			if w.Header().Get("Surrogate-Key") != "a1 home:en" || w.Header().Get("Vary") != "Accept-Encoding" {
				t.Errorf("headers %v", w.Header())
			}
			if tc.status != 200 || tc.method == "HEAD" {
				if w.Body.Len() != 0 {
					t.Errorf("body on %d/%s", tc.status, tc.method)
				}
				return
			}
			got := w.Body.Bytes()
			switch tc.encoding {
			case "gzip":
				zr, err := gzip.NewReader(bytes.NewReader(got))
				if err != nil {
					t.Fatal(err)
				}
				got, _ = io.ReadAll(zr)
			case "br":
				if string(got) != "BR" {
					t.Errorf("brotli body %q", got)
				}
				return
			}
			if string(got) != body {
				t.Errorf("body differs")
			}
			if w.Header().Get("Content-Length") != itoa(len(w.Body.Bytes())) {
				t.Errorf("Content-Length %q for %d bytes", w.Header().Get("Content-Length"), w.Body.Len())
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// BenchmarkHit measures the cache's part of a hit: lookup and serving.
func BenchmarkHit(b *testing.B) {
	c := New(1 << 20)
	fill(c, "/en/x/story", page(strings.Repeat("<p>text</p>", 2000), "a1", "rv1"))
	r := httptest.NewRequest("GET", "/en/x/story", nil)
	w := &nullWriter{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		e := c.Get(r.URL.Path, time.Now())
		e.Serve(w, r)
	}
}

type nullWriter struct{ h http.Header }

func (w *nullWriter) Header() http.Header         { return w.h }
func (w *nullWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *nullWriter) WriteHeader(int)             {}
