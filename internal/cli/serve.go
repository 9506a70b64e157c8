package cli

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
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
	log := newLogger(env.Stderr, cfg.LogLevel, cfg.LogJSON)
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
