// Command searchbench measures full-text search on a generated edition:
//
//	go run ./bench/cmd/searchbench --db /tmp/big.db                 # SQLite
//	go run ./bench/cmd/searchbench --db 'postgres://…/bench'        # PostgreSQL
//
// It fills the database with bench/gen first when it is empty (--articles, --briefs),
// rebuilds the search index when it has none or --reindex is given (timed: that is the
// reindex figure), then runs the fixed list of 200 queries (queries.go), each in its own
// language and then in all languages, --rounds times, and prints the median, 95th and 99th
// percentile of the time one search takes (store.Search: the index queries, loading the
// page of results and cutting their snippets; not the HTML). With --compound it runs the
// queries of two words and more with their last two words hyphenated instead
// ("fruit-service": a phrase whose last word is being typed). The rebuild's time and the
// process's peak memory are printed; --reindex-limit and --memory-limit make it fail when
// they are over a target (the rebuild of a 1M edition within 10 minutes, say).
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
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/newsdesk/newsdesk/bench/gen"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/search"
	"github.com/newsdesk/newsdesk/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(os.Stderr, "searchbench: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("searchbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var dsn, cpuProfile string
	var o gen.Options
	var rounds int
	var reindex, quiet, compound bool
	var reindexLimit time.Duration
	var memoryLimit float64
	fs.StringVar(&dsn, "db", "", "database: a SQLite file path, or a postgres://… URL (required)")
	fs.IntVar(&o.Articles, "articles", 100000, "articles to generate when the database is empty")
	fs.IntVar(&o.Briefs, "briefs", 300000, "briefs to generate when the database is empty")
	fs.IntVar(&rounds, "rounds", 5, "times each query runs (after one warm-up round); 0 runs no queries")
	fs.BoolVar(&reindex, "reindex", false, "rebuild the search index even when it exists")
	fs.BoolVar(&quiet, "quiet", false, "no progress lines")
	fs.BoolVar(&compound, "compound", false, "run the queries of two words and more with their last two words joined by a hyphen (\"fruit-service\", a phrase) instead")
	fs.DurationVar(&reindexLimit, "reindex-limit", 0, "fail when the rebuild takes longer (0: no limit)")
	fs.Float64Var(&memoryLimit, "memory-limit", 0, "fail when the process's own memory (RssAnon, MiB) peaks higher during the rebuild (0: no limit)")
	fs.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the reindex and the queries to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if dsn == "" || fs.NArg() > 0 {
		fs.Usage()
		return errors.New("give --db and no other arguments")
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := app.OpenStore(ctx, dsn, log)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(stdout, "database  %s (%s), %d CPUs, %s\n", store.Describe(dsn), st.Dialect(), runtime.NumCPU(), time.Now().UTC().Format(time.RFC3339))
	empty, err := st.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if empty {
		// The index is rebuilt below, timed: the generator need not build it too.
		o.NoSync, o.NoSearch = true, true
		if !quiet {
			o.Progress = stderr
		}
		s, err := gen.Generate(ctx, st, o)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "generated %d articles, %d briefs in %.1f s\n", s.Articles, s.Briefs, s.Total.Seconds())
		reindex = true
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
	if need, err := st.SearchRebuildNeeded(ctx); err != nil {
		return err
	} else if need {
		reindex = true
	}
	if reindex {
		cpu0 := processCPU()
		last := time.Now()
		mem := startMemoryPeak(100 * time.Millisecond)
		stats, err := st.Reindex(ctx, func(done, total int) {
			if !quiet && (time.Since(last) > 5*time.Second || done == total) {
				fmt.Fprintf(stderr, "reindex %d / %d\n", done, total)
				last = time.Now()
			}
		})
		anon, file := mem.Stop()
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "reindex   %d articles and %d briefs in %.1f s (%.0f documents/s; final merge of %d segments %.1f s), %.1f s of CPU; load average %s\n",
			stats.Articles, stats.Briefs, stats.Took.Seconds(), float64(stats.Articles+stats.Briefs)/stats.Took.Seconds(),
			stats.Segments, stats.Merge.Seconds(), (processCPU() - cpu0).Seconds(), loadAverage())
		fmt.Fprintf(stdout, "memory    peak RssAnon %.0f MiB (the process's own), RssFile %.0f MiB (mapped database pages)\n", anon, file)
		if reindexLimit > 0 && stats.Took > reindexLimit {
			return fmt.Errorf("the rebuild took %.1f s, over the limit of %s", stats.Took.Seconds(), reindexLimit)
		}
		if memoryLimit > 0 && anon > memoryLimit {
			return fmt.Errorf("the rebuild's memory peaked at %.0f MiB, over the limit of %.0f MiB", anon, memoryLimit)
		}
	}
	now := time.Now()
	list := queries
	if compound {
		list = compoundQueries()
	}
	// The process's CPU time around each search (every thread: the total is counted on a
	// connection of its own while the page is found) measures what one search costs
	// whatever else the machine is doing; nothing else runs in the process meanwhile.
	for _, all := range []bool{false, true} {
		if rounds <= 0 {
			break
		}
		var times, cpus []time.Duration
		var totals, hits int
		for round := 0; round <= rounds; round++ {
			for _, q := range list {
				r := search.Request{Query: search.ParseQuery(q.q), Now: now, Limit: 20}
				if !all {
					r.Languages = []string{q.lang}
				}
				c0 := processCPU()
				t0 := time.Now()
				res, err := st.Search(ctx, r)
				d := time.Since(t0)
				c := processCPU() - c0
				if err != nil {
					return fmt.Errorf("search %q: %w", q.q, err)
				}
				if round == 0 { // warm-up
					totals += res.Total
					hits += len(res.Hits)
					continue
				}
				times, cpus = append(times, d), append(cpus, c)
			}
		}
		if len(times) == 0 {
			break
		}
		slices.Sort(times)
		slices.Sort(cpus)
		pct := func(p float64) time.Duration { return times[min(len(times)-1, int(float64(len(times))*p))] }
		cpct := func(p float64) time.Duration { return cpus[min(len(cpus)-1, int(float64(len(cpus))*p))] }
		what := "own language"
		if all {
			what = "all languages"
		}
		fmt.Fprintf(stdout, "search    %-13s %d queries × %d: median %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms (on average %d matches, %d on the page)\n",
			what, len(list), rounds, ms(pct(0.5)), ms(pct(0.95)), ms(pct(0.99)), ms(times[len(times)-1]),
			totals/len(list), hits/len(list))
		fmt.Fprintf(stdout, "          %-13s CPU time of one search: median %.2f ms, p95 %.2f ms, p99 %.2f ms; load average %s\n",
			what, ms(cpct(0.5)), ms(cpct(0.95)), ms(cpct(0.99)), loadAverage())
	}
	return nil
}

// compoundQueries returns the queries of two words and more with their last two words
// joined by a hyphen, as a reader types a compound ("over fruit-service"): the last part is
// a phrase whose last word is being typed.
func compoundQueries() []struct{ lang, q string } {
	var out []struct{ lang, q string }
	for _, q := range queries {
		f := strings.Fields(q.q)
		if len(f) < 2 {
			continue
		}
		j := strings.Join(f[:len(f)-2], " ") + " " + f[len(f)-2] + "-" + f[len(f)-1]
		out = append(out, struct{ lang, q string }{q.lang, strings.TrimSpace(j)})
	}
	return out
}

// processCPU returns the CPU time the process has used, on every thread.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadAverage returns the one-minute load average of the machine, for the record.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "unknown"
	}
	return f[0]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
