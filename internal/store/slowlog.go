package store

import (
	"context"
	"log/slog"
	"strings"
	"time"
)

// maxLoggedSQL bounds the SQL text of a slow-query message.
const maxLoggedSQL = 2000

// slowLog logs the queries that take longer than a threshold (--slow-query): their SQL
// text with placeholders, never the argument values (they may be personal data), and the
// time taken. The message is logged with the query's context, so the logger's handler
// adds the request id of the request that ran it.
type slowLog struct {
	after time.Duration // 0: off
	log   *slog.Logger
}

// observe is deferred by the query helpers: defer s.slow.observe(ctx, query, time.Now()).
// For a read it measures the time until the first row is ready, not the caller's scan.
func (l slowLog) observe(ctx context.Context, query string, start time.Time) {
	if l.after <= 0 {
		return
	}
	d := time.Since(start)
	if d < l.after {
		return
	}
	l.log.WarnContext(ctx, "slow_query", "sql", compactSQL(query),
		"duration_ms", float64(d.Microseconds())/1000, "threshold_ms", l.after.Milliseconds())
}

// compactSQL puts a query on one line, with runs of white space as one space, cut to
// maxLoggedSQL bytes.
func compactSQL(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if len(q) > maxLoggedSQL {
		cut := maxLoggedSQL
		for cut > 0 && q[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
			cut--
		}
		q = q[:cut] + "…"
	}
	return q
}
