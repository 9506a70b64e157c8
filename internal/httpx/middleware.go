// Package httpx holds the HTTP middleware shared by every surface: request ids, access
// logs, panic recovery, security headers and body limits.
package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"time"
)

type ctxKey int

const requestIDKey ctxKey = 1

// RequestID returns the id of the request in ctx ("" if none).
func RequestID(ctx context.Context) string {
	v, _ := ctx.Value(requestIDKey).(string)
	return v
}

func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	size   int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
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
	// HSTS sends Strict-Transport-Security (only when the site is served over HTTPS).
	HSTS bool
}

// Wrap applies request id, access log, recovery, security headers and the body limit.
func Wrap(h http.Handler, o Options) http.Handler {
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if id == "" || len(id) > 64 {
			id = newID()
		}
		r = r.WithContext(context.WithValue(r.Context(), requestIDKey, id))
		hd := w.Header()
		hd.Set("X-Request-Id", id)
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
			"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		hd.Set("X-Frame-Options", "SAMEORIGIN")
		if o.HSTS {
			hd.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		if o.MaxBody > 0 && r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, o.MaxBody)
		}
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
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
			log.Info("request", "request_id", id, "method", r.Method, "path", r.URL.Path, "status", sw.status,
				"bytes", sw.size, "duration_ms", float64(time.Since(start).Microseconds())/1000)
		}()
		h.ServeHTTP(sw, r)
	})
}
