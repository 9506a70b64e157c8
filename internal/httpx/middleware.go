// Package httpx holds the HTTP middleware shared by every surface: request ids, access
// logs, panic recovery, security headers and body limits.
package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type ctxKey int

const requestIDKey ctxKey = 1

// RequestID returns the id of the request in ctx ("" if none).
func RequestID(ctx context.Context) string {
	v, _ := ctx.Value(requestIDKey).(string)
	return v
}

// requestIDs makes request ids: a random per-process prefix and a counter, unique
// across instances and restarts without reading random bytes per request.
type requestIDs struct {
	prefix string
	n      atomic.Uint64
}

func newRequestIDs() *requestIDs {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return &requestIDs{prefix: hex.EncodeToString(b[:]) + "-"}
}

func (g *requestIDs) next() string {
	var buf [40]byte
	b := append(buf[:0], g.prefix...)
	return string(strconv.AppendUint(b, g.n.Add(1), 36))
}

// statusWriter records the status and size of a response, and sends the request id
// (X-Request-Id) with an error the handler answers when Wrap has not already sent it.
type statusWriter struct {
	http.ResponseWriter
	status int
	size   int
	id     string // the request id, sent with a status of 400 or more; "" once sent
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 && code >= http.StatusOK { // an informational answer is not the final status
		w.status = code
		if code >= http.StatusBadRequest && w.id != "" {
			w.ResponseWriter.Header()["X-Request-Id"] = []string{w.id}
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.size += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer (flush, deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Options configure Wrap.
type Options struct {
	Logger *slog.Logger
	// MaxBody is the largest request body accepted, in bytes.
	MaxBody int64
	// OnPanic renders the error page after a panic; nil writes a plain 500.
	OnPanic func(w http.ResponseWriter, r *http.Request)
	// HSTS is the Strict-Transport-Security value sent on every response ("" sends none;
	// config.HSTSHeader decides it from --hsts and --base-url).
	HSTS string
	// Observer, when set, is told of every answered request, as Measure would tell it,
	// cache hits included: use it rather than Measure around the handler when Hit is set.
	Observer RequestObserver
	// Hit answers a request from a cache of whole responses, if it can, before the request
	// is given its context and its body limit; it reports whether it answered. A hit logs
	// nothing but its access line, so it does without the request id in its context and
	// the copy of the request that carries it (a tenth of a cached page's time in
	// BenchmarkCachedHitServed, most of it the copy's allocation). It sets r.Pattern for
	// the metrics, as a router would.
	Hit func(w http.ResponseWriter, r *http.Request) bool
}

// headerSet is the security headers of one surface, built once when Wrap is set up: the
// value slices are shared by every response, assigned into its header map as they are.
type headerSet []struct {
	name  string
	value []string
}

// securityHeaders builds the headers of a surface. Both forbid inline scripts and styles.
//
// The reader's site (public) may be framed by itself only, and sends what a reader's
// browser needs and nothing repeats: the policy (whose frame-ancestors is what
// X-Frame-Options said), nosniff and the referrer policy. The newsroom and the APIs
// (private) may not be framed at all and add the rest: X-Frame-Options for old browsers,
// Permissions-Policy and Cross-Origin-Opener-Policy. On the public site those two add
// nothing: its policy admits no script and no frame but its own, and its pages, the same
// for every reader, keep no state another window could reach. Each header is a response
// header map entry that net/http copies, sorts and writes for every cached page; beyond
// eight, the map leaves Go's small form (docs/performance.md, issue 22 point 6).
func securityHeaders(private bool, hsts string) headerSet {
	frameAncestors := "'self'"
	if private {
		frameAncestors = "'none'"
	}
	hs := headerSet{
		{"Content-Security-Policy", []string{"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
			"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors " + frameAncestors}},
		{"X-Content-Type-Options", []string{"nosniff"}},
		{"Referrer-Policy", []string{"strict-origin-when-cross-origin"}},
	}
	if private {
		hs = append(hs, headerSet{
			{"Permissions-Policy", []string{"accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), " +
				"microphone=(), payment=(), usb=()"}},
			{"Cross-Origin-Opener-Policy", []string{"same-origin"}},
			{"X-Frame-Options", []string{"DENY"}},
		}...)
	}
	if hsts != "" {
		hs = append(hs, headerSet{{"Strict-Transport-Security", []string{hsts}}}...)
	}
	return hs
}

// privateSurface reports whether path belongs to the newsroom or an API, which no other
// page may frame.
func privateSurface(path string) bool {
	return strings.HasPrefix(path, "/newsroom/") || path == "/newsroom" || strings.HasPrefix(path, "/api/")
}

var statusWriters = sync.Pool{New: func() any { return new(statusWriter) }}

// Wrap applies request id, access log, recovery, security headers, the body limit, and
// with Options.Observer the request metrics; Options.Hit answers cache hits first.
// It is on the path of every cached page, so it allocates little: ids come from a
// counter, header values are shared, writers are pooled, and the access log is written
// with typed attributes (give it a buffered writer, see LogWriter, so that a request
// does not cost a write system call).
func Wrap(h http.Handler, o Options) http.Handler {
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ids := newRequestIDs()
	fast := findFastAccess(log.Handler())
	publicHeaders, privateHeaders := securityHeaders(false, o.HSTS), securityHeaders(true, o.HSTS)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id, given := "", false
		if v := r.Header["X-Request-Id"]; len(v) > 0 && v[0] != "" && len(v[0]) <= 64 {
			id, given = v[0], true
		} else {
			id = ids.next()
		}
		hd := w.Header()
		security, private := publicHeaders, privateSurface(r.URL.Path)
		if private {
			security = privateHeaders
		}
		for _, h := range security {
			hd[h.name] = h.value
		}
		// The id goes back to whoever sent one (a proxy tracing its requests), on the
		// newsroom and the APIs, and with every error (statusWriter); a reader's page
		// that went well does not carry it, and the access log has it for all.
		sendID := ""
		if given || private {
			hd["X-Request-Id"] = []string{id}
		} else {
			sendID = id
		}
		sw := statusWriters.Get().(*statusWriter)
		sw.ResponseWriter, sw.status, sw.size, sw.id = w, 0, 0, sendID
		finished := false
		defer func() {
			if !finished {
				if p := recover(); p != nil {
					if p == http.ErrAbortHandler {
						panic(p)
					}
					log.Error("panic", "request_id", id, "method", r.Method, "path", r.URL.Path, "panic", p)
					if sw.status == 0 {
						if o.OnPanic != nil {
							o.OnPanic(sw, r)
						} else {
							http.Error(sw, "internal error", http.StatusInternalServerError)
						}
					}
				}
			}
			now := time.Now()
			d := now.Sub(start)
			logAccess(log, fast, r.Context(), now, d, id, r.Method, r.URL.Path, sw.status, sw.size)
			if o.Observer != nil {
				o.Observer.ObserveRequest(r.Pattern, finalStatus(sw.status, finished), d)
			}
			if finished { // after a panic the writer may still be referenced
				sw.ResponseWriter = nil
				statusWriters.Put(sw)
			}
		}()
		if o.Hit != nil && o.Hit(sw, r) {
			finished = true
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), requestIDKey, id))
		if o.MaxBody > 0 && r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(w, r.Body, o.MaxBody)
		}
		h.ServeHTTP(sw, r)
		finished = true
	})
}
