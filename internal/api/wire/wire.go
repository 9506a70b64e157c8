// Package wire serves the subscribers' wire under /api/v1/wire/: ninjs items pulled with a
// cursor, single items and their versions, and a Server-Sent Events live stream, each
// authenticated by a subscriber's API key and limited per key. Handlers decode, call the
// syndication service and render; one error path maps failures to statuses.
package wire

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// Config configures the wire API.
type Config struct {
	Service *syndication.Service // required
	Logger  *slog.Logger
	// Heartbeat is how often an idle live stream sends a comment line (default 15 s).
	Heartbeat time.Duration
	// MaxStreams bounds the live streams one key may hold open at once (default 4).
	MaxStreams int
}

// Handler is the wire API, an http.Handler for everything under /api/v1/wire/.
type Handler struct {
	svc        *syndication.Service
	log        *slog.Logger
	heartbeat  time.Duration
	maxStreams int
	mux        *http.ServeMux
	routes     []route

	limits  sync.Map // subscriber id → *keyLimit
	mu      sync.Mutex
	streams map[int64]int // subscriber id → open live streams

	closing   chan struct{} // closed by Shutdown: live streams end
	closeOnce sync.Once
}

type keyLimit struct {
	perMinute int
	lim       *rate.Limiter
}

// handlerFunc is a wire handler: it writes a success itself and returns any failure.
type handlerFunc func(w http.ResponseWriter, r *http.Request, sub syndication.Subscriber) error

// New builds the wire API.
func New(cfg Config) *Handler {
	h := &Handler{svc: cfg.Service, log: cfg.Logger, heartbeat: cfg.Heartbeat, maxStreams: cfg.MaxStreams,
		streams: map[int64]int{}, closing: make(chan struct{})}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if h.heartbeat <= 0 {
		h.heartbeat = 15 * time.Second
	}
	if h.maxStreams <= 0 {
		h.maxStreams = 4
	}
	h.mux = http.NewServeMux()
	h.routes = h.routeTable()
	for _, rt := range h.routes {
		h.mux.Handle(rt.method+" "+rt.pattern, h.wrap(rt.handle))
	}
	h.mux.HandleFunc("/", h.fallback)
	return h
}

// ServeHTTP serves the wire API.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	h.mux.ServeHTTP(w, r)
}

// Shutdown ends every open live stream (clients reconnect with Last-Event-ID elsewhere or
// later); register it with http.Server.RegisterOnShutdown.
func (h *Handler) Shutdown() { h.closeOnce.Do(func() { close(h.closing) }) }

// errRateLimited carries how long the client should wait.
type errRateLimited struct{ wait time.Duration }

func (e *errRateLimited) Error() string { return "rate limited for " + e.wait.String() }

// wrap authenticates the key, applies its rate limit, runs the handler and renders errors.
func (h *Handler) wrap(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sub, err := h.authenticate(r)
		if err == nil {
			err = h.allow(sub)
		}
		if err == nil {
			err = fn(w, r, sub)
		}
		if err != nil {
			h.fail(w, r, err)
		}
	})
}

func (h *Handler) authenticate(r *http.Request) (syndication.Subscriber, error) {
	scheme, key, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return syndication.Subscriber{}, syndication.ErrUnauthorized
	}
	return h.svc.Authenticate(r.Context(), strings.TrimSpace(key))
}

// allow takes one request from the key's token bucket: RatePerMinute a minute, with a
// burst of a tenth of that.
func (h *Handler) allow(sub syndication.Subscriber) error {
	v, ok := h.limits.Load(sub.ID)
	kl, _ := v.(*keyLimit)
	if !ok || kl.perMinute != sub.RatePerMinute {
		kl = &keyLimit{perMinute: sub.RatePerMinute,
			lim: rate.NewLimiter(rate.Limit(float64(sub.RatePerMinute)/60), max(1, sub.RatePerMinute/10))}
		h.limits.Store(sub.ID, kl)
	}
	res := kl.lim.Reserve()
	if d := res.Delay(); d > 0 {
		res.Cancel()
		return &errRateLimited{wait: d}
	}
	return nil
}

// apiError is a failure decided by this layer (bad query parameters, …).
type apiError struct {
	status        int
	code, message string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func badRequest(format string, args ...any) error {
	return &apiError{status: http.StatusBadRequest, code: "bad_request", message: fmt.Sprintf(format, args...)}
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// fail is the one error path.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return // the client has gone
	}
	status, d := describe(err)
	switch status {
	case http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", `Bearer realm="newsdesk-wire"`)
	case http.StatusTooManyRequests:
		var rl *errRateLimited
		errors.As(err, &rl)
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(rl.wait.Seconds()))))
	}
	if status >= 500 {
		h.log.Error("wire_request_failed", "request_id", httpx.RequestID(r.Context()), "method", r.Method,
			"path", r.URL.Path, "status", status, "err", err)
	}
	reply(w, r, status, errorBody{Error: d})
}

func describe(err error) (int, errorDetail) {
	var ae *apiError
	var rl *errRateLimited
	switch {
	case errors.As(err, &ae):
		return ae.status, errorDetail{Code: ae.code, Message: ae.message}
	case errors.As(err, &rl):
		return http.StatusTooManyRequests, errorDetail{Code: "rate_limited",
			Message: "Too many requests for this key; wait as Retry-After says."}
	case errors.Is(err, syndication.ErrUnauthorized):
		return http.StatusUnauthorized, errorDetail{Code: "unauthorized",
			Message: "Send a valid subscriber API key as \"Authorization: Bearer KEY\"; it is missing, unknown, rotated or revoked."}
	case errors.Is(err, syndication.ErrBadCursor):
		return http.StatusBadRequest, errorDetail{Code: "bad_request", Message: "The cursor or Last-Event-ID is not one the wire handed out."}
	case errors.Is(err, syndication.ErrNinjsVersion):
		return http.StatusBadRequest, errorDetail{Code: "bad_request", Message: "Ask for ninjs=2.2 (the default) or ninjs=3.1."}
	case errors.Is(err, account.ErrForbidden):
		return http.StatusForbidden, errorDetail{Code: "forbidden", Message: capitalize(strings.TrimSuffix(err.Error(), ": "+account.ErrForbidden.Error())) + "."}
	case errors.Is(err, content.ErrNotFound):
		return http.StatusNotFound, errorDetail{Code: "not_found", Message: "There is no such item for this key."}
	}
	return http.StatusInternalServerError, errorDetail{Code: "internal", Message: "Something went wrong on our side; it has been logged. Try again later."}
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// reply writes v as JSON; encoding happens before the header is sent.
func reply(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"Something went wrong on our side; it has been logged."}}` + "\n")
	}
	writeJSON(w, r, status, buf.Bytes())
}

func writeJSON(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	hd.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body) // #nosec G705 -- a JSON body served as application/json with nosniff, not HTML
	}
}

// fallback answers what no route matched: 405 with Allow for a known path, else 404.
func (h *Handler) fallback(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		probe := r.Clone(r.Context())
		probe.Method = http.MethodGet
		if _, pattern := h.mux.Handler(probe); pattern != "" && pattern != "/" {
			w.Header().Set("Allow", "GET, HEAD")
			reply(w, r, http.StatusMethodNotAllowed, errorBody{Error: errorDetail{Code: "method_not_allowed",
				Message: "The wire is read-only: use GET."}})
			return
		}
	}
	reply(w, r, http.StatusNotFound, errorBody{Error: errorDetail{Code: "not_found", Message: "There is no such wire route."}})
}
