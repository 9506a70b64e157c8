// Command gen fills an empty Newsdesk database with a large synthetic edition, for
// benchmarks and load tests:
//
//	go run ./bench/cmd/gen --db /tmp/big.db --articles 100000 --briefs 300000
//	go run ./bench/cmd/gen --db 'postgres://user:pass@host/db' --articles 100000
//
// It migrates the database first and refuses one that already has content.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/newsdesk/newsdesk/bench/gen"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	default:
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o gen.Options
	var dsn, langs string
	var quiet bool
	fs.StringVar(&dsn, "db", "", "database: a SQLite file path, or a postgres://… URL (required; must be empty)")
	fs.IntVar(&o.Articles, "articles", 100000, "articles to write, counting each language version")
	fs.IntVar(&o.Briefs, "briefs", 300000, "briefs to write")
	fs.StringVar(&langs, "languages", "en,ru,az", "language codes, comma-separated (word lists exist for en, ru, az)")
	fs.IntVar(&o.Sections, "sections", 8, "sections, 1 to 8")
	fs.Int64Var(&o.Seed, "seed", 1, "random seed: the same seed gives the same edition")
	fs.IntVar(&o.BatchSize, "batch", 5000, "rows per transaction")
	fs.BoolVar(&quiet, "quiet", false, "no progress lines")
	var sync, searchIndex bool
	fs.BoolVar(&searchIndex, "search", true, "build the search index at the end (--search=false leaves it to `newsdesk reindex`)")
	fs.BoolVar(&sync, "sync", false, "SQLite: fsync every commit, as the server does; by default the file is synced once, at the end")
	var cpuProfile string
	fs.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile) // #nosec G304 -- the operator names the file
		if err != nil {
			return fmt.Errorf("create CPU profile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("start CPU profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	if dsn == "" || fs.NArg() > 0 {
		fs.Usage()
		return errors.New("give --db and no other arguments")
	}
	o.Languages = strings.Split(langs, ",")
	o.NoSync, o.NoSearch = !sync, !searchIndex
	if !quiet {
		o.Progress = stderr
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := app.OpenStore(ctx, dsn, log)
	if err != nil {
		return err
	}
	defer st.Close()
	empty, err := st.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("%s already has content: give an empty or new database", store.Describe(dsn))
	}
	s, err := gen.Generate(ctx, st, o)
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil { // checkpoints the SQLite WAL into the file
		return fmt.Errorf("close %s: %w", store.Describe(dsn), err)
	}
	fmt.Fprintf(stdout, "database    %s (%s)\n", store.Describe(dsn), st.Dialect())
	fmt.Fprintf(stdout, "languages   %d, sections %d, authors %d, tags %d\n", s.Languages, s.Sections, s.Authors, s.Tags)
	fmt.Fprintf(stdout, "articles    %d (%d public; %d stories, %d articles share theirs with a translation) in %.1f s, %.0f articles/s\n",
		s.Articles, s.Public, s.Groups, s.Translated, s.ArticleTime.Seconds(), float64(s.Articles)/s.ArticleTime.Seconds())
	fmt.Fprintf(stdout, "briefs      %d (%d linked to a story) in %.1f s, %.0f briefs/s\n",
		s.Briefs, s.LinkedBriefs, s.BriefTime.Seconds(), float64(s.Briefs)/s.BriefTime.Seconds())
	if searchIndex {
		fmt.Fprintf(stdout, "search      %d documents indexed in %.1f s\n", s.SearchDocs, s.SearchTime.Seconds())
	} else {
		fmt.Fprintf(stdout, "search      not indexed: run newsdesk reindex\n")
	}
	fmt.Fprintf(stdout, "total       %s\n", s.Total.Round(time.Millisecond))
	if !store.IsPostgres(dsn) {
		if fi, err := os.Stat(dsn); err == nil {
			fmt.Fprintf(stdout, "file size   %.1f MiB\n", float64(fi.Size())/(1<<20))
		}
	}
	return nil
}
