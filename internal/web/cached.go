package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
)

// maxEntryAge bounds how long a rendered page is kept even when nothing changes: the
// review form's token carries its issue time (held for moderation after a day), and it
// caps any mistake in invalidation.
const maxEntryAge = time.Hour

// cacheKey is the page-cache key of a request: the path, plus the query parameters the
// cached pages read (page, reviews); other parameters change nothing and are left out.
// ok is false for a request that must not be served from the cache (the review notice
// after posting).
func cacheKey(r *http.Request) (string, bool) {
	if r.URL.RawQuery == "" {
		return r.URL.Path, true
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil || q.Has("review") {
		return "", false
	}
	key := r.URL.Path
	sep := "?"
	for _, p := range []string{"page", "reviews"} {
		if q.Has(p) {
			key += sep + p + "=" + url.QueryEscape(q.Get(p))
			sep = "&"
		}
	}
	return key, true
}

// fromCache serves a cached page and reports whether it did.
func (s *Server) fromCache(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.Cache == nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		return false
	}
	key, ok := cacheKey(r)
	if !ok {
		return false
	}
	e := s.cfg.Cache.Get(key, s.cfg.Now())
	if e == nil {
		return false
	}
	r.Pattern = e.Pattern // for the metrics, as if the router had matched the route
	e.Serve(w, r)
	s.countRead(e, r)
	return true
}

// cached wraps a public page handler: its output is rendered once per change into the
// page cache, with the surrogate keys the handler records (tagKeys), compressed once,
// and served with ETag, Last-Modified and 304s. With the cache off it still sets those
// headers and compresses, rendering every time.
func (s *Server) cached(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key, ok := cacheKey(r)
		if !ok || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			h(w, r)
			return
		}
		now := s.cfg.Now()
		e, shared, err := s.cfg.Cache.Fill(key, now, func() (*cache.Entry, error) { return s.renderEntry(h, r, now) })
		if err != nil || (shared && !e.Cacheable) {
			h(w, r) // a failed or personal answer of another request: answer this one afresh
			return
		}
		e.Serve(w, r)
		s.countRead(e, r)
	}
}

// renderEntry runs h for r into a recorder and prepares the result for the cache.
func (s *Server) renderEntry(h http.HandlerFunc, r *http.Request, now time.Time) (*cache.Entry, error) {
	// The render may serve other readers too: it outlives this reader's connection, and
	// it reads from the replica (if any).
	ctx := s.cfg.Store.PublicRead(context.WithoutCancel(r.Context()))
	r2 := r.Clone(ctx)
	r2.Method = http.MethodGet
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	// One read transaction for the page's queries (on SQLite): a consistent view, and one
	// lock taken instead of one per query. Fragments rendered in it know when it began.
	s.withSlot(func() {
		s.cfg.Store.ReadSnapshot(s.snapshotStart(ctx), func(ctx context.Context) { h(rec, r2.WithContext(ctx)) })
	})
	body := rec.body.Bytes()
	if s.cfg.Cache != nil && cap(body)-len(body) > len(body)/8 {
		// The cache counts a page by its length: keep no more than that (render grows
		// the buffer by doubling when it has no size hint).
		body = bytes.Clone(body)
	}
	p := cache.Page{Status: rec.status, Header: rec.header, Body: body, Keys: rec.keys, Expires: rec.expires}
	if p.Status == http.StatusOK {
		until := now.Add(maxEntryAge)
		if !p.Expires.IsZero() && p.Expires.Before(until) {
			until = p.Expires
		}
		var horizon time.Time
		var err error
		if s.cfg.Cache != nil { // with the cache off nothing is kept: no need to know
			horizon, err = s.cfg.Cache.Horizon(now, func() (time.Time, error) { return s.cfg.Store.NextVisibilityChange(ctx, now) })
		}
		if err != nil {
			rec.header.Set("Cache-Control", "no-store") // cannot know how long it stays true: do not keep it
		} else if !horizon.IsZero() && horizon.Before(until) {
			until = horizon
		}
		p.Expires = until
	}
	opt := cache.Options{Compress: true, Brotli: s.cfg.Brotli, SurrogateKeys: s.cfg.SurrogateKeys}
	if s.cfg.Cache == nil { // compressed for this reader only: gzip, and only if asked for
		opt = cache.Options{Compress: strings.Contains(r.Header.Get("Accept-Encoding"), "gzip"), SurrogateKeys: s.cfg.SurrogateKeys}
	}
	e := cache.Build(p, now, opt)
	e.Pattern = r.Pattern
	if rec.story != 0 && s.cfg.Reads != nil {
		e.Reads = s.cfg.Reads.Cell(rec.story)
	}
	return e, nil
}

// withSlot runs fn holding one of the render slots (RenderSlots), waiting for one in
// arrival order; a panic in fn gives the slot back.
func (s *Server) withSlot(fn func()) {
	if s.slots == nil {
		fn()
		return
	}
	s.slots <- struct{}{}
	defer func() { <-s.slots }()
	fn()
}

// recorder captures a handler's response for the cache.
type recorder struct {
	header  http.Header
	status  int
	wrote   bool
	body    bytes.Buffer
	keys    []string
	expires time.Time
	story   int64 // countReads
}

func (rec *recorder) Header() http.Header { return rec.header }

func (rec *recorder) WriteHeader(code int) {
	if !rec.wrote {
		rec.status, rec.wrote = code, true
	}
}

func (rec *recorder) Write(b []byte) (int, error) {
	rec.wrote = true
	return rec.body.Write(b)
}

// tagKeys records the surrogate keys of what a cached page shows.
func tagKeys(w http.ResponseWriter, keys ...string) {
	if rec, ok := w.(*recorder); ok {
		rec.keys = append(rec.keys, keys...)
	}
}

// expireAt records that a cached page stops being true at t (a day ending, reviews
// closing by age).
func expireAt(w http.ResponseWriter, t time.Time) {
	if rec, ok := w.(*recorder); ok && !t.IsZero() && (rec.expires.IsZero() || t.Before(rec.expires)) {
		rec.expires = t
	}
}
