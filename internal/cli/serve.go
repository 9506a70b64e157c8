package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/store"
)

func runServe(ctx context.Context, env Env, args []string) error {
	var cfg config.Config
	fs := newFlags(env, "serve", "serve [flags]", `
Run the web server. The database is migrated on start. With --demo, an empty database is
filled with a fictional demo edition and a newsroom login is printed. Stop with Ctrl-C or
SIGTERM: requests in flight are finished first.`)
	config.ServeFlags(fs, &cfg)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	tuneGC(cfg.PageCacheMB)
	// The log is buffered and written every 200 ms (and at exit), so that the access log
	// does not cost a system call per request.
	lw := httpx.NewLogWriter(env.Stderr, 200*time.Millisecond)
	defer lw.Close()
	// Lines logged with a request's context carry its request_id (X-Request-Id).
	// The access log is formatted by httpx (same text form), the rest by slog.
	log := slog.New(httpx.LogHandler(httpx.FastAccess(newLogger(lw, cfg.LogLevel, cfg.LogJSON).Handler(), lw, cfg.LogJSON)))
	return app.Serve(ctx, cfg, log, env.Stdout)
}

func runMigrate(ctx context.Context, env Env, args []string) error {
	var dsn string
	fs := newFlags(env, "migrate", "migrate [--db DB]", `
Apply every pending schema migration to the database and exit. serve does this on start
too; run it separately to upgrade before starting several instances.`)
	config.DBFlag(fs, &dsn)
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	v, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintf(env.Stdout, "%s is up to date (schema %d).\n", store.Describe(dsn), v)
	} else {
		fmt.Fprintf(env.Stdout, "Applied %d migration(s) to %s; schema is now %d.\n", len(applied), store.Describe(dsn), v)
	}
	return nil
}

func schemaVersion() int { return store.LatestVersion() }

// tuneGC collects by memory rather than by heap growth: a soft memory limit (the page
// cache plus 120 MiB) and no proportional target (GOGC=off). A page costs a few small
// allocations when cached and about 100 KB when rendered, while the live heap, the page
// cache aside, is a few MB: with GOGC=100 the collector ran a dozen times a second and took
// 5–6% of the CPU on the hit path; at GOGC=400 it still ran every 60 ms under a burst of
// misses. Letting the heap use its budget before collecting gave the misses 10% more
// throughput (docs/performance.md). Near the limit the collector runs as often as it must.
// GOGC or GOMEMLIMIT in the environment win: with either set, GOGC defaults to 400.
func tuneGC(cacheMB int) {
	gogc, limit := os.Getenv("GOGC"), os.Getenv("GOMEMLIMIT")
	if limit == "" {
		debug.SetMemoryLimit(int64(cacheMB+120) << 20)
	}
	switch {
	case gogc == "" && limit == "":
		debug.SetGCPercent(-1) // the memory limit alone decides
	case gogc == "":
		debug.SetGCPercent(400)
	}
}
