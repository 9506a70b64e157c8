// Package metrics exposes Newsdesk's operational figures in the Prometheus text format:
// HTTP requests by route pattern and status class with latency histograms, page cache
// hits and misses, the database pool, the wire outbox and its delivery results, and the
// review moderation queue. Each process has its own registry (never the global one).
// docs/operations.md lists every metric and what to alert on.
package metrics

import (
	"crypto/subtle"
	"database/sql"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Namespace prefixes every Newsdesk metric.
const Namespace = "newsdesk"

// UnmatchedRoute labels requests no route pattern matched (the router's own 404s and 405s).
const UnmatchedRoute = "unmatched"

// maxRoutes bounds the route label: patterns are fixed at start, so this is only a guard
// against a router that would put request paths in its patterns.
const maxRoutes = 1000

// durationBuckets suit a site whose cached pages answer in well under a millisecond and
// whose slowest requests (uploads, imports) take seconds.
var durationBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// statusClasses are the values of the code label, indexed by status/100.
var statusClasses = [6]string{"other", "1xx", "2xx", "3xx", "4xx", "5xx"}

// Metrics is the registry of one process and the instruments the server updates. It is
// safe for concurrent use.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	wire     *prometheus.CounterVec
	log      *slog.Logger

	routes  sync.Map // route pattern → *route
	nroutes sync.Mutex
	count   int
}

// route holds the pre-resolved instruments of one route pattern, so that recording a
// request is a map load and two atomic adds.
type route struct {
	byClass  [6]prometheus.Counter
	duration prometheus.Observer
}

// New returns the metrics of a process, with the Go runtime and process collectors
// registered. log receives scrape errors; nil discards them.
func New(log *slog.Logger) *Metrics {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := &Metrics{reg: prometheus.NewRegistry(), log: log}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Subsystem: "http",
		Name: "requests_total", Help: "HTTP requests answered, by route pattern and status class."}, []string{"route", "code"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Subsystem: "http",
		Name: "request_duration_seconds", Help: "Time to answer an HTTP request, by route pattern.", Buckets: durationBuckets},
		[]string{"route"})
	m.wire = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Subsystem: "wire",
		Name: "delivery_attempts_total", Help: "Webhook delivery attempts made by this process, by result: delivered, failed (retried later), dead (dead-lettered)."},
		[]string{"result"})
	for _, r := range []string{"delivered", "failed", "dead"} {
		m.wire.WithLabelValues(r) // present from the start, at zero
	}
	m.reg.MustRegister(m.requests, m.duration, m.wire,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Registry is the process's registry, for registering further collectors and for tests.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// ObserveRequest records one answered request: its route pattern (as http.Request.Pattern
// gives it, "" when none matched), its status and how long it took. It does not allocate
// once the route has been seen.
func (m *Metrics) ObserveRequest(pattern string, status int, d time.Duration) {
	if pattern == "" {
		pattern = UnmatchedRoute
	}
	rt := m.route(pattern)
	class := status / 100
	if class < 1 || class > 5 {
		class = 0
	}
	rt.byClass[class].Inc()
	rt.duration.Observe(d.Seconds())
}

func (m *Metrics) route(pattern string) *route {
	if v, ok := m.routes.Load(pattern); ok {
		return v.(*route)
	}
	m.nroutes.Lock()
	defer m.nroutes.Unlock()
	if v, ok := m.routes.Load(pattern); ok {
		return v.(*route)
	}
	key := pattern
	if m.count >= maxRoutes {
		key = "other"
		if v, ok := m.routes.Load(key); ok {
			return v.(*route)
		}
	}
	rt := &route{duration: m.duration.WithLabelValues(key)}
	for i, c := range statusClasses {
		rt.byClass[i] = m.requests.WithLabelValues(key, c)
	}
	m.routes.Store(key, rt)
	m.count++
	return rt
}

// RegisterDB adds the connection pool figures of db (open, in use, idle, waits) under
// go_sql_*{db_name=name}.
func (m *Metrics) RegisterDB(name string, db *sql.DB) error {
	return m.reg.Register(collectors.NewDBStatsCollector(db, name))
}

// Handler serves the metrics in the Prometheus text format (or OpenMetrics when asked).
// With a token, only requests carrying "Authorization: Bearer TOKEN" are answered; others
// get 401.
func (m *Metrics) Handler(token string) http.Handler {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:          slog.NewLogLogger(m.log.Handler(), slog.LevelWarn),
		ErrorHandling:     promhttp.ContinueOnError,
		Registry:          m.reg, // promhttp_metric_handler_errors_total
		EnableOpenMetrics: true,
	})
	if token == "" {
		return h
	}
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "metrics need a bearer token", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}
