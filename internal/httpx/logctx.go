package httpx

import (
	"context"
	"log/slog"
)

// LogHandler wraps h so that every record logged with a request's context (the
// slog *Context methods, e.g. log.ErrorContext(r.Context(), …)) carries request_id, the
// id Wrap gave the request and sent back in X-Request-Id. Store and service messages
// logged with the request's context are then tied to the request's access-log line.
func LogHandler(h slog.Handler) slog.Handler { return requestIDHandler{h} }

type requestIDHandler struct{ slog.Handler }

// Handle adds request_id when ctx has one and the record does not already name it.
func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := RequestID(ctx); id != "" && !hasAttr(r, "request_id") {
		r = r.Clone()
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, r)
}

// WithAttrs keeps the wrapping on derived loggers.
func (h requestIDHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return requestIDHandler{h.Handler.WithAttrs(as)}
}

// WithGroup keeps the wrapping on derived loggers.
func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}

func hasAttr(r slog.Record, key string) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		found = a.Key == key
		return !found
	})
	return found
}

// WithRequestID returns ctx carrying a request id, for work done on behalf of a request
// outside Wrap (tests, background jobs started by a request).
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}
