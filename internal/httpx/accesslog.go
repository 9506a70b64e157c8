package httpx

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// FastAccess wraps the process's text log handler h, which writes to w, so that Wrap
// formats its access-log line itself, in the same logfmt form as slog's TextHandler,
// instead of going through slog's general formatting: on a cached page the access log
// would otherwise cost more than everything else Wrap and the cache do. Every other
// record goes to h as before. For JSON logs it returns h unchanged.
func FastAccess(h slog.Handler, w io.Writer, json bool) slog.Handler {
	if json {
		return h
	}
	return &fastAccess{Handler: h, w: w}
}

type fastAccess struct {
	slog.Handler
	w   io.Writer
	sec atomic.Pointer[secondStamp] // the formatted current second, reused within it
}

type secondStamp struct {
	unix   int64
	prefix string // "2006-01-02T15:04:05."
	zone   string // "Z07:00"
}

// appendTime appends t as slog does (RFC 3339 with milliseconds), formatting the date
// and zone once a second.
func (f *fastAccess) appendTime(b []byte, t time.Time) []byte {
	st := f.sec.Load()
	if st == nil || st.unix != t.Unix() {
		full := t.Format("2006-01-02T15:04:05.000Z07:00")
		st = &secondStamp{unix: t.Unix(), prefix: full[:20], zone: full[23:]}
		f.sec.Store(st)
	}
	b = append(b, st.prefix...)
	ms := t.Nanosecond() / 1e6                                           // 0–999
	b = append(b, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10)) // #nosec G115 -- each value is one digit, 0–9
	return append(b, st.zone...)
}

// findFastAccess finds a fastAccess under the wrappers of this package.
func findFastAccess(h slog.Handler) *fastAccess {
	for range 4 {
		switch v := h.(type) {
		case *fastAccess:
			return v
		case requestIDHandler:
			h = v.Handler
		default:
			return nil
		}
	}
	return nil
}

var accessBufs = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// access writes one access-log line.
func (f *fastAccess) access(at time.Time, id, method, path string, status, size int, d time.Duration) {
	bp := accessBufs.Get().(*[]byte)
	b := (*bp)[:0]
	b = append(b, "time="...)
	b = f.appendTime(b, at)
	b = append(b, " level=INFO msg=request request_id="...)
	b = appendValue(b, id)
	b = append(b, " method="...)
	b = appendValue(b, method)
	b = append(b, " path="...)
	b = appendValue(b, path)
	b = append(b, " status="...)
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, " bytes="...)
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, " duration_ms="...)
	b = strconv.AppendFloat(b, float64(d.Microseconds())/1000, 'g', -1, 64)
	b = append(b, '\n')
	_, _ = f.w.Write(b)
	*bp = b
	accessBufs.Put(bp)
}

// appendValue appends s, quoted as slog's TextHandler would when it needs quoting.
func appendValue(b []byte, s string) []byte {
	if s == "" {
		return append(b, `""`...)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == '=' || c == '"' || c >= 0x7f {
			return strconv.AppendQuote(b, s)
		}
	}
	return append(b, s...)
}

// logAccess writes the access-log line of a request.
func logAccess(log *slog.Logger, fast *fastAccess, ctx context.Context, now time.Time, d time.Duration, id string, method, path string, status, size int) {
	if !log.Enabled(ctx, slog.LevelInfo) {
		return
	}
	if fast != nil {
		fast.access(now, id, method, path, status, size, d)
		return
	}
	log.LogAttrs(ctx, slog.LevelInfo, "request", slog.String("request_id", id),
		slog.String("method", method), slog.String("path", path), slog.Int("status", status),
		slog.Int("bytes", size), slog.Float64("duration_ms", float64(d.Microseconds())/1000))
}
