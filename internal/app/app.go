// Package app is the composition root: it turns a configuration into a running server,
// wiring the store, the public site and the middleware. It is the only package that
// imports all the others.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/api"
	"github.com/newsdesk/newsdesk/internal/api/wire"
	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/metrics"
	"github.com/newsdesk/newsdesk/internal/mostread"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/notify"
	sitepages "github.com/newsdesk/newsdesk/internal/pages"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/s3"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
	"github.com/newsdesk/newsdesk/internal/web"
	"github.com/newsdesk/newsdesk/internal/web/desk"
)

// OpenStore opens and migrates the configured database.
func OpenStore(ctx context.Context, dsn string, log *slog.Logger) (*store.Store, error) {
	return openStore(ctx, dsn, store.Options{Logger: log})
}

func openStore(ctx context.Context, dsn string, opt store.Options) (*store.Store, error) {
	st, err := store.Open(ctx, dsn, opt)
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, fmt.Errorf("migrate %s: %w", store.Describe(dsn), err)
	}
	return st, nil
}

// Site is a fully wired site: the HTTP handler and the services behind it.
type Site struct {
	Handler  http.Handler
	Newsroom *newsroom.Service
	Desk     *desk.Desk
	API      *api.API
	Public   *web.Server
	Media    *media.Store
	Reviews  *review.Service
	Wire     *syndication.Service
	WireAPI  *wire.Handler
	Notify   *notify.Service
	Accounts *account.Service
	// Pages is the page cache (nil when --page-cache-mb is 0); PurgeHook posts the
	// keys of this instance's changes to --purge-url (nil without one; start its Run).
	Pages     *cache.Cache
	PurgeHook *cache.Hook
	// Metrics are served on --admin-addr, or at /metrics with --metrics-token.
	Metrics *metrics.Metrics
	// Reads counts story readers for "Most read"; Serve flushes it to the store.
	Reads *mostread.Counter

	routes []route // the top-level route table (routes.go), for Routes
	log    *slog.Logger
}

// Build wires the public site, the newsroom and the media files over an open store.
func Build(cfg config.Config, st *store.Store, log *slog.Logger) (*Site, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	loc, err := cfg.Location()
	if err != nil {
		return nil, err
	}
	if cfg.Media == "" {
		if cfg.Media, err = os.MkdirTemp("", "newsdesk-media-"); err != nil {
			return nil, fmt.Errorf("media directory: %w", err)
		}
		log.Warn("no_media_directory", "using", cfg.Media)
	}
	ms, err := OpenMedia(context.Background(), cfg.Media, cfg.Env())
	if err != nil {
		return nil, err
	}
	trusted, err := httpx.ParseTrusted(cfg.TrustedProxies)
	if err != nil {
		return nil, err
	}
	reviews := review.New(st, log, nil, review.DefaultLimits)
	// Created now if they are not yet, so that the first article page writes nothing.
	if err := reviews.LoadKeys(context.Background()); err != nil {
		log.Warn("review_keys_not_loaded", "err", err)
	}
	pages := cache.New(int64(cfg.PageCacheMB) << 20)
	reads := mostread.New()
	public, err := web.New(web.Config{Store: st, Logger: log, BaseURL: cfg.BaseURL, Location: loc, Demo: cfg.Demo,
		MediaURL: cfg.MediaURL, Reviews: reviews, ClientIP: httpx.ClientIP{Header: cfg.TrustedProxyHeader, Trusted: trusted}, Cache: pages,
		Brotli: brotliCompress, RenderSlots: renderSlots(cfg), Reads: reads, SurrogateKeys: cfg.PurgeURL != ""})
	if err != nil {
		return nil, fmt.Errorf("build public site: %w", err)
	}
	// Registered after web.New, whose fragments (parts of pages) are thereby purged first: a
	// page rendered after the page purge then finds every fragment fresh.
	st.OnPurge(func(keys []string, _ bool) { pages.Purge(keys...) }) // synchronously after each commit
	// The CDN hears last, once this instance's fragments and pages are gone.
	var hook *cache.Hook
	if cfg.PurgeURL != "" {
		hook = cache.NewHook(cfg.PurgeURL, log)
		st.OnPurge(func(keys []string, local bool) {
			if local { // the instance that made the change tells the CDN, once
				hook.Send(keys)
			}
		})
	}
	svc := newsroom.New(st, log, nil)
	// Any committed change of a story, here or announced by another instance, may move the
	// next scheduled time: the scheduler looks again (one indexed query per burst).
	st.OnPurge(func([]string, bool) { svc.ScheduleChanged() })
	m, err := newMetrics(st, pages, log) // metrics.go
	if err != nil {
		return nil, err
	}
	wireSvc := syndication.New(syndication.Config{Store: m.WireStore(st), BaseURL: cfg.BaseURL, Logger: log})
	svc.OnChange(func(ctx context.Context, tx newsroom.Tx, id int64, event string) error {
		return wireSvc.RecordChange(ctx, tx, id, event) // the outbox is written in the publishing transaction
	})
	accounts := account.New(st, log, nil)
	notes, err := newNotifications(cfg, st, svc, accounts, log) // notify.go
	if err != nil {
		return nil, err
	}
	https := strings.HasPrefix(cfg.BaseURL, "https://")
	autosaves := newsroom.NewAutosaves(st, svc, nil)
	sitePages := sitepages.New(st, log, nil)
	dk, err := desk.New(desk.Config{Service: svc, Reviews: reviews, Accounts: accounts, Wire: wireSvc, Notify: notes, Storage: st, Media: ms, Logger: log, BaseURL: cfg.BaseURL, Location: loc, SecureCookies: https,
		ClientIP:  httpx.ClientIP{Header: cfg.TrustedProxyHeader, Trusted: trusted},
		Autosaves: autosaves, Pages: sitePages})
	if err != nil {
		return nil, fmt.Errorf("build newsroom: %w", err)
	}
	jsonAPI := api.New(api.Config{Service: svc, Reviews: reviews, Accounts: accounts, Storage: st, Media: ms, Autosaves: autosaves, Pages: sitePages,
		Logger: log, BaseURL: cfg.BaseURL})
	wireAPI := wire.New(wire.Config{Service: wireSvc, Logger: log})
	hsts, err := cfg.HSTSHeader()
	if err != nil {
		return nil, err
	}
	s := &Site{Newsroom: svc, Desk: dk, API: jsonAPI, Public: public, Media: ms, Reviews: reviews,
		Wire: wireSvc, WireAPI: wireAPI, Notify: notes, Accounts: accounts, Pages: pages, PurgeHook: hook, Metrics: m, Reads: reads, log: log}
	mux := s.register(cfg.MetricsToken) // routes.go: every route is listed for the authorization test
	// Cached public pages are answered in front of the router and before the request is
	// given its context (web.Server.Hit, httpx.Options.Hit); the metrics count them too.
	s.Handler = httpx.Wrap(mux, httpx.Options{Logger: log, MaxBody: maxBody, HSTS: hsts, Observer: m, Hit: public.Hit})
	return s, nil
}

// Handler builds the whole HTTP handler of a site over an open store.
func Handler(cfg config.Config, st *store.Store, log *slog.Logger) (http.Handler, error) {
	s, err := Build(cfg, st, log)
	if err != nil {
		return nil, err
	}
	return s.Handler, nil
}

// Serve runs the site until ctx is cancelled, then shuts down gracefully. out receives
// the human messages (the URL, the demo login).
func Serve(ctx context.Context, cfg config.Config, log *slog.Logger, out io.Writer) error {
	start := time.Now()
	if cfg.Media != "" && !s3.IsURL(cfg.Media) {
		if err := os.MkdirAll(cfg.Media, 0o750); err != nil {
			return fmt.Errorf("media directory: %w", err)
		}
	}
	st, err := openStore(ctx, cfg.DB, store.Options{Logger: log, ReadDSN: cfg.DBRead, SlowQuery: cfg.SlowQuery})
	if err != nil {
		return err
	}
	defer st.Close()
	go st.Listen(ctx) // purges announced by other instances (PostgreSQL)
	// Content the search index lacks (bulk-loaded, or older than search) is indexed in the
	// background; a rebuild still running when Serve returns is stopped (and changes
	// nothing) before the store closes.
	searchCtx, stopSearch := context.WithCancel(ctx)
	searchDone := make(chan struct{})
	go func() {
		defer close(searchDone)
		if _, err := st.RebuildSearchIfNeeded(searchCtx); err != nil && searchCtx.Err() == nil {
			log.Error("search_rebuild_failed", "err", err)
		}
	}()
	defer func() { stopSearch(); <-searchDone }()
	if cfg.Demo {
		if cfg.Media == "" { // the demo's pictures go where the site will serve them from
			if cfg.Media, err = os.MkdirTemp("", "newsdesk-media-"); err != nil {
				return fmt.Errorf("media directory: %w", err)
			}
		}
		ms, err := OpenMedia(ctx, cfg.Media, cfg.Env())
		if err != nil {
			return err
		}
		if err := SeedDemoWithPictures(ctx, st, ms, out); err != nil {
			return fmt.Errorf("demo edition: %w", err)
		}
	}
	site, err := Build(cfg, st, log)
	if err != nil {
		return err
	}
	h := site.Handler
	if site.PurgeHook != nil {
		go site.PurgeHook.Run(ctx)
	}
	go site.Newsroom.RunScheduler(ctx, nil) // publishes what fell due while stopped, then wakes at each time
	// The readers counted for "Most read" go to the database every 10 seconds, and once
	// more when the server has stopped (deferred after the store's Close: it runs first).
	readsCtx, stopReads := context.WithCancel(ctx)
	readsDone := make(chan struct{})
	go func() { site.Reads.Run(readsCtx, st, 10*time.Second, time.Now, log); close(readsDone) }()
	defer func() { stopReads(); <-readsDone }()
	go expireReviewAddresses(ctx, site.Reviews, log)
	go site.Wire.RunBackfill(ctx, 10*time.Minute)
	mailCtx, stopMail := context.WithCancel(ctx)
	mailDone := make(chan struct{})
	go func() { site.Notify.RunMail(mailCtx, 2*time.Second); close(mailDone) }()
	defer func() { stopMail(); <-mailDone }() // a mail being sent is finished and recorded
	// The outbox workers stop with the server and finish their batch (bounded by the
	// request timeout) before the store closes, so no outcome is lost.
	wireCtx, stopWire := context.WithCancel(ctx)
	wireDone := make(chan struct{})
	go func() { site.Wire.RunDelivery(wireCtx); close(wireDone) }()
	defer func() {
		stopWire()
		select {
		case <-wireDone:
		case <-time.After(30 * time.Second):
			log.Warn("wire_workers_still_running")
		}
	}()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	if cfg.AdminAddr != "" {
		stopAdmin, err := serveAdmin(ctx, cfg.AdminAddr, site.Metrics, log) // metrics.go
		if err != nil {
			ln.Close()
			return err
		}
		defer stopAdmin()
	}
	srv := httpServer(h, log)                     // limits.go: timeouts and header limits
	srv.RegisterOnShutdown(site.WireAPI.Shutdown) // live streams never go idle: end them
	srv.RegisterOnShutdown(site.Desk.Shutdown)    // nor do the newsroom's event streams
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String(), "db", store.Describe(cfg.DB), "dialect", st.Dialect(),
		"startup_ms", time.Since(start).Milliseconds())
	fmt.Fprintf(out, "Newsdesk is serving %s at %s\n", store.Describe(cfg.DB), cfg.BaseURL+"/")
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting_down")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// expireReviewAddresses forgets reviewers' address hashes after 30 days, at start and then
// every six hours.
func expireReviewAddresses(ctx context.Context, rs *review.Service, log *slog.Logger) {
	t := time.NewTicker(6 * time.Hour)
	defer t.Stop()
	for {
		if n, err := rs.ExpireAddresses(ctx); err != nil && ctx.Err() == nil {
			log.Warn("expire_review_addresses_failed", "err", err)
		} else if n > 0 {
			log.Info("review_addresses_expired", "reviews", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// renderSlots is --render-slots, or by default the cores on SQLite (a render is CPU work:
// its reads come from the mapped file) and four times that on PostgreSQL (a render waits
// for the network between queries).
func renderSlots(cfg config.Config) int {
	switch {
	case cfg.RenderSlots > 0:
		return cfg.RenderSlots
	case store.IsPostgres(cfg.DB):
		return 4 * runtime.GOMAXPROCS(0)
	default:
		return runtime.GOMAXPROCS(0)
	}
}
