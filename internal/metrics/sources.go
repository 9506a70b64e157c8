package metrics

import (
	"context"
	"time"

	"github.com/newsdesk/newsdesk/internal/syndication"
	"github.com/prometheus/client_golang/prometheus"
)

// scrapeTimeout bounds the database queries of one scrape.
const scrapeTimeout = 3 * time.Second

// Store is what the metrics read from the database when scraped; *store.Store
// implements it. The figures are those of the whole site, shared by every instance.
type Store interface {
	WireOutboxStats(ctx context.Context) (syndication.OutboxStats, error)
	CountReviews(ctx context.Context, status string) (int, error)
}

// RegisterStore adds the figures read from the database at each scrape: the wire outbox
// backlog, dead letters and deliveries made, and the review moderation queue.
func (m *Metrics) RegisterStore(st Store) error {
	return m.reg.Register(&storeCollector{st: st, m: m,
		up: prometheus.NewDesc(Namespace+"_store_stats_up",
			"1 when the last scrape could read the outbox and review figures from the database, else 0.", nil, nil),
		pending: prometheus.NewDesc(Namespace+"_wire_outbox_pending",
			"Webhook deliveries waiting in the outbox (new or to be retried), all instances.", nil, nil),
		dead: prometheus.NewDesc(Namespace+"_wire_outbox_dead",
			"Webhook deliveries dead-lettered (gave up after retries) and not yet retried by an editor.", nil, nil),
		delivered: prometheus.NewDesc(Namespace+"_wire_delivered_total",
			"Webhook deliveries made, all instances, since the site began (from the usage figures).", nil, nil),
		reviews: prometheus.NewDesc(Namespace+"_reviews_pending",
			"Reader reviews waiting for moderation.", nil, nil),
	})
}

type storeCollector struct {
	st                                    Store
	m                                     *Metrics
	up, pending, dead, delivered, reviews *prometheus.Desc
}

// Describe implements prometheus.Collector.
func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.up, c.pending, c.dead, c.delivered, c.reviews} {
		ch <- d
	}
}

// Collect implements prometheus.Collector: it reads the figures now.
func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	up := 1.0
	if st, err := c.st.WireOutboxStats(ctx); err != nil {
		up = 0
		c.m.log.WarnContext(ctx, "metrics_outbox_failed", "err", err)
	} else {
		ch <- prometheus.MustNewConstMetric(c.pending, prometheus.GaugeValue, float64(st.Pending))
		ch <- prometheus.MustNewConstMetric(c.dead, prometheus.GaugeValue, float64(st.Dead))
		ch <- prometheus.MustNewConstMetric(c.delivered, prometheus.CounterValue, float64(st.Delivered))
	}
	if n, err := c.st.CountReviews(ctx, "pending"); err != nil {
		up = 0
		c.m.log.WarnContext(ctx, "metrics_review_queue_failed", "err", err)
	} else {
		ch <- prometheus.MustNewConstMetric(c.reviews, prometheus.GaugeValue, float64(n))
	}
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, up)
}

// WireStore wraps the wire's store so that the result of every delivery attempt this
// process makes is counted in newsdesk_wire_delivery_attempts_total.
func (m *Metrics) WireStore(st syndication.Store) syndication.Store {
	return wireStore{Store: st, m: m}
}

type wireStore struct {
	syndication.Store
	m *Metrics
}

// FinishWireDeliveries records the outcomes, then counts them once they are stored.
func (w wireStore) FinishWireDeliveries(ctx context.Context, claim string, results []syndication.Result, now time.Time) error {
	if err := w.Store.FinishWireDeliveries(ctx, claim, results, now); err != nil {
		return err
	}
	w.m.CountWireResults(results)
	return nil
}

// CountWireResults counts delivery outcomes by result.
func (m *Metrics) CountWireResults(results []syndication.Result) {
	var delivered, failed, dead float64
	for _, r := range results {
		switch {
		case r.Delivered:
			delivered++
		case r.Dead:
			dead++
		default:
			failed++
		}
	}
	m.wire.WithLabelValues("delivered").Add(delivered)
	m.wire.WithLabelValues("failed").Add(failed)
	m.wire.WithLabelValues("dead").Add(dead)
}

// CacheStats are the running totals of one cache.
type CacheStats struct {
	Hits, Misses, Evictions uint64 // since the process started
	Entries                 int64  // held now
	Bytes                   int64  // held now (0 when the cache does not measure it)
}

// RegisterCache adds a cache's figures, read by stats at each scrape, as
// newsdesk_cache_{hits,misses,evictions}_total and newsdesk_cache_{entries,bytes} with
// cache=name.
// stats must be cheap and safe for concurrent use (atomic counters).
func (m *Metrics) RegisterCache(name string, stats func() CacheStats) error {
	l := prometheus.Labels{"cache": name}
	return m.reg.Register(&cacheCollector{stats: stats,
		hits:    prometheus.NewDesc(Namespace+"_cache_hits_total", "Requests answered from the cache.", nil, l),
		misses:  prometheus.NewDesc(Namespace+"_cache_misses_total", "Requests the cache could not answer (rendered afresh).", nil, l),
		evicted: prometheus.NewDesc(Namespace+"_cache_evictions_total", "Entries dropped to stay within the memory bound.", nil, l),
		entries: prometheus.NewDesc(Namespace+"_cache_entries", "Entries held by the cache.", nil, l),
		bytes:   prometheus.NewDesc(Namespace+"_cache_bytes", "Bytes held by the cache.", nil, l),
	})
}

type cacheCollector struct {
	stats                                 func() CacheStats
	hits, misses, evicted, entries, bytes *prometheus.Desc
}

// Describe implements prometheus.Collector.
func (c *cacheCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.hits
	ch <- c.misses
	ch <- c.evicted
	ch <- c.entries
	ch <- c.bytes
}

// Collect implements prometheus.Collector.
func (c *cacheCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.stats()
	ch <- prometheus.MustNewConstMetric(c.hits, prometheus.CounterValue, float64(s.Hits))
	ch <- prometheus.MustNewConstMetric(c.misses, prometheus.CounterValue, float64(s.Misses))
	ch <- prometheus.MustNewConstMetric(c.evicted, prometheus.CounterValue, float64(s.Evictions))
	ch <- prometheus.MustNewConstMetric(c.entries, prometheus.GaugeValue, float64(s.Entries))
	ch <- prometheus.MustNewConstMetric(c.bytes, prometheus.GaugeValue, float64(s.Bytes))
}
