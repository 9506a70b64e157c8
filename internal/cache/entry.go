package cache

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Page is a rendered response, as a handler produced it.
type Page struct {
	Status int
	Header http.Header
	Body   []byte
	// Keys are the surrogate keys of what the page shows.
	Keys []string
	// Expires is when the page stops being true by the clock alone (zero: never).
	Expires time.Time
}

// Entry is a response ready to serve: a kept page with its header values prepared, its
// body compressed once, or (not Cacheable) a response to pass through as it is.
type Entry struct {
	// Cacheable is set for a 200 response without per-visitor parts (no Set-Cookie,
	// no private or no-store): it may be kept and served to anyone.
	Cacheable bool
	Status    int
	Header    http.Header // a passed-through response's headers
	Keys      []string
	Body      []byte
	// Gzip and Brotli are the compressed bodies, made on the first request that asks for
	// each (read them through gzipBody and brotliBody): a page that only uncompressed
	// clients read costs no compression. nil when not worth it.
	Gzip   []byte
	Brotli []byte
	// Pattern is the route that rendered the page (reported for hits, for metrics).
	Pattern string
	// Reads counts the readers served the page, for a story's page (nil for the others).
	Reads Counter

	// Prepared header values, assigned straight into the response's header map.
	ctype, cacheControl, lastMod, surrogate   []string
	etag, etagGzip, etagBrotli                []string
	lenPlain, lenGzip, lenBrotli              []string
	etagValue, etagGzipValue, etagBrotliValue string
	modified                                  time.Time
	expires                                   time.Time
	key                                       string
	size                                      int64
	used                                      atomic.Bool
	compress                                  bool       // a text body worth compressing
	brotli                                    Compressor // nil: gzip only
	gzOnce, brOnce                            sync.Once
}

// Counter counts the readers of a story (*mostread.Cell): one call per reader, on the
// path of a cache hit, so it must cost next to nothing.
type Counter interface{ Count() }

// Compressor compresses a body (used for brotli, which the standard library lacks).
type Compressor func(body []byte) ([]byte, error)

// Options tune Build.
type Options struct {
	// Compress precompresses text bodies with gzip (and Brotli when set).
	Compress bool
	Brotli   Compressor
	// SurrogateKeys sends the page's keys in a Surrogate-Key header, for a CDN in front
	// that is purged by key; without one the header is only bytes.
	SurrogateKeys bool
}

// minCompress is the smallest body worth compressing.
const minCompress = 512

var (
	varyEncoding  = []string{"Accept-Encoding"}
	encodingGzip  = []string{"gzip"}
	encodingBrotl = []string{"br"}
)

// Build prepares a rendered page for serving at time now: a cacheable page gets its
// ETag (a hash of the body, one per encoding, since each encoding is a representation
// of its own), Last-Modified (now unless the handler set one; not sent with an HTML page,
// whose ETag revalidates it, but If-Modified-Since is still answered), compressed bodies
// and, with o.SurrogateKeys, its Surrogate-Key header (each key once).
//
// A hit writes as few headers as it can: net/http copies, sorts and writes the response's
// header map for every request, and a map of more than eight entries costs a cached
// page about a fifth of its time (docs/performance.md, issue 22 point 6).
func Build(p Page, now time.Time, o Options) *Entry {
	e := &Entry{Status: p.Status, Header: p.Header, Body: p.Body, Keys: p.Keys, expires: p.Expires}
	if e.Status == 0 {
		e.Status = http.StatusOK
	}
	cc := p.Header.Get("Cache-Control")
	e.Cacheable = e.Status == http.StatusOK && p.Header.Get("Set-Cookie") == "" &&
		!strings.Contains(cc, "no-store") && !strings.Contains(cc, "private")
	if !e.Cacheable {
		return e
	}
	ctype := p.Header.Get("Content-Type")
	if ctype == "" {
		ctype = http.DetectContentType(p.Body)
	}
	if cc == "" {
		cc = "public, max-age=60, stale-while-revalidate=300"
	}
	e.ctype, e.cacheControl = []string{ctype}, []string{cc}
	e.modified = now.UTC().Truncate(time.Second)
	if lm, err := http.ParseTime(p.Header.Get("Last-Modified")); err == nil {
		e.modified = lm.UTC()
	}
	if !strings.HasPrefix(ctype, "text/html") {
		e.lastMod = []string{e.modified.Format(http.TimeFormat)}
	}
	if len(p.Keys) > 0 && o.SurrogateKeys {
		e.surrogate = []string{strings.Join(uniqueKeys(p.Keys), " ")}
	}
	sum := sha256.Sum256(p.Body)
	tag := hex.EncodeToString(sum[:12])
	e.etagValue = `"` + tag + `"`
	e.etag, e.lenPlain = []string{e.etagValue}, []string{strconv.Itoa(len(p.Body))}
	if o.Compress && len(p.Body) >= minCompress && compressible(ctype) {
		e.compress, e.brotli = true, o.Brotli
		e.etagGzipValue, e.etagBrotliValue = `"`+tag+`-gz"`, `"`+tag+`-br"`
		e.etagGzip, e.etagBrotli = []string{e.etagGzipValue}, []string{e.etagBrotliValue}
	}
	return e
}

// uniqueKeys returns keys without repeats, in their first order (a page lists a story
// once for each place it shows it).
func uniqueKeys(keys []string) []string {
	out := make([]string, 0, len(keys))
	seen := make(map[string]struct{}, len(keys))
	for _, k := range keys {
		if _, ok := seen[k]; !ok {
			seen[k] = struct{}{}
			out = append(out, k)
		}
	}
	return out
}

// gzipBody returns the gzip body, compressing it on first use; nil when not worth it.
func (e *Entry) gzipBody() []byte {
	e.gzOnce.Do(func() {
		if gz := gzipBytes(e.Body); len(gz) < len(e.Body) {
			e.lenGzip = []string{strconv.Itoa(len(gz))}
			e.Gzip = gz
		}
	})
	return e.Gzip
}

// brotliBody returns the brotli body, compressing it on first use; nil when not worth it.
func (e *Entry) brotliBody() []byte {
	e.brOnce.Do(func() {
		if e.brotli == nil {
			return
		}
		if br, err := e.brotli(e.Body); err == nil && len(br) < len(e.Body) {
			e.lenBrotli = []string{strconv.Itoa(len(br))}
			e.Brotli = br
		}
	})
	return e.Brotli
}

// compressible reports whether a content type is text worth compressing.
func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "xml") || strings.Contains(ctype, "json") ||
		strings.Contains(ctype, "javascript")
}

var gzipPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestCompression)
	return w
}}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b) / 3)
	zw := gzipPool.Get().(*gzip.Writer)
	zw.Reset(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	gzipPool.Put(zw)
	return buf.Bytes()
}

// ETag returns the entry's strong ETag for the uncompressed body.
func (e *Entry) ETag() string { return e.etagValue }

// Serve writes the entry as the answer to r: the prepared headers, the body in the
// best encoding the client accepts, or 304 when the client's copy is current.
func (e *Entry) Serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	if !e.Cacheable {
		for k, v := range e.Header {
			h[k] = v
		}
		w.WriteHeader(e.Status)
		if r.Method != http.MethodHead {
			_, _ = w.Write(e.Body)
		}
		return
	}
	h["Content-Type"] = e.ctype
	h["Cache-Control"] = e.cacheControl
	if e.lastMod != nil {
		h["Last-Modified"] = e.lastMod
	}
	h["Vary"] = varyEncoding
	if e.surrogate != nil {
		h["Surrogate-Key"] = e.surrogate
	}
	body, etag, n := e.Body, e.etag, e.lenPlain
	if ae := r.Header["Accept-Encoding"]; len(ae) > 0 && e.compress {
		enc := acceptEncoding(ae, e.brotli != nil)
		if enc == "br" && e.brotliBody() == nil {
			enc = "gzip" // brotli was not worth it for this page
		}
		switch {
		case enc == "br":
			body, etag, n = e.Brotli, e.etagBrotli, e.lenBrotli
			h["Content-Encoding"] = encodingBrotl
		case enc == "gzip" && e.gzipBody() != nil:
			body, etag, n = e.Gzip, e.etagGzip, e.lenGzip
			h["Content-Encoding"] = encodingGzip
		}
	}
	h["Etag"] = etag
	if e.notModified(r) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h["Content-Length"] = n
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	} else {
		w.WriteHeader(http.StatusOK)
	}
}

// notModified applies If-None-Match (weak comparison, any of the entry's encodings, as
// they are the same version) or, without it, If-Modified-Since.
func (e *Entry) notModified(r *http.Request) bool {
	if inm := r.Header["If-None-Match"]; len(inm) > 0 {
		for _, v := range inm {
			for _, t := range strings.Split(v, ",") {
				t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
				if t == "*" || t == e.etagValue || (t != "" && (t == e.etagGzipValue || t == e.etagBrotliValue)) {
					return true
				}
			}
		}
		return false
	}
	if ims := r.Header["If-Modified-Since"]; len(ims) > 0 {
		t, err := http.ParseTime(ims[0])
		return err == nil && !e.modified.After(t)
	}
	return false
}

// acceptEncoding picks "br", "gzip" or "" from Accept-Encoding values, honouring q=0.
func acceptEncoding(values []string, brotli bool) string {
	gz, br := false, false
	for _, v := range values {
		for len(v) > 0 {
			var part string
			part, v, _ = strings.Cut(v, ",")
			name, params, _ := strings.Cut(part, ";")
			name = strings.TrimSpace(name)
			if refused(params) {
				continue
			}
			switch {
			case strings.EqualFold(name, "br"):
				br = true
			case strings.EqualFold(name, "gzip"), strings.EqualFold(name, "x-gzip"):
				gz = true
			case name == "*":
				gz, br = true, true
			}
		}
	}
	switch {
	case br && brotli:
		return "br"
	case gz:
		return "gzip"
	}
	return ""
}

// refused reports whether coding parameters say q=0.
func refused(params string) bool {
	p := strings.TrimSpace(params)
	if !strings.HasPrefix(p, "q=") && !strings.HasPrefix(p, "Q=") {
		return false
	}
	q, err := strconv.ParseFloat(strings.TrimSpace(p[2:]), 64)
	return err == nil && q == 0
}
