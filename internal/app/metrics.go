package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/metrics"
	"github.com/newsdesk/newsdesk/internal/store"
)

// newMetrics makes the metrics of a site: the database pool, the figures read from the
// store at each scrape, and the page cache.
func newMetrics(st *store.Store, pages *cache.Cache, log *slog.Logger) (*metrics.Metrics, error) {
	m := metrics.New(log)
	if err := m.RegisterDB(st.Dialect(), st.DB()); err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	if err := m.RegisterStore(st); err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	err := m.RegisterCache("pages", func() metrics.CacheStats {
		s := pages.Stats()
		return metrics.CacheStats{Hits: uint64(max(s.Hits, 0)), Misses: uint64(max(s.Misses, 0)), // #nosec G115 -- not negative
			Evictions: uint64(max(s.Evictions, 0)), Entries: int64(s.Entries), Bytes: s.Bytes} // #nosec G115 -- not negative
	})
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	return m, nil
}

// serveAdmin serves /metrics and /debug/pprof/ on the admin address (--admin-addr) until ctx ends. The
// listener is opened before it returns, so a wrong address fails the start.
func serveAdmin(ctx context.Context, addr string, m *metrics.Metrics, log *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on admin address %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler(""))
	// Go's profiler, for an operator on the admin address only (docs/operations.md).
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("POST /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 16 << 10,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("admin_server_failed", "err", err)
		}
	}()
	log.Info("serving_metrics", "addr", ln.Addr().String())
	return func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		<-done
	}, nil
}
