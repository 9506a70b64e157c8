// Command publatency measures how long a published or scheduled story takes to reach every
// channel of a running site, from outside: it starts `newsdesk serve` (one instance on
// SQLite, or --instances N on one PostgreSQL database) on a prepared empty database with
// --subscribers webhook subscribers served by receivers in this process, publishes
// --stories stories --gap apart through the newsroom API and schedules --scheduled more
// --ahead, and watches each story's page (on every instance), feeds, sitemaps, search,
// the wire's pull API and live stream (on every instance) and every webhook. It prints
// p50/p95/p99/max per channel and the webhooks lost and duplicated, and exits 1 when a
// channel missed a story or a webhook was lost, duplicated or badly signed.
//
//	go run ./bench/cmd/publatency                                   # SQLite, 1,000 subscribers, 40 stories
//	go run ./bench/cmd/publatency --postgres 'postgres://…/empty' --instances 2
//	bench/publatency/run --pg --instances 2                          # a throwaway PostgreSQL cluster
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/newsdesk/newsdesk/bench/publatency"
	"github.com/newsdesk/newsdesk/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "publatency:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	dsn := flag.String("db", "", "an empty database: SQLite file path or postgres:// URL (default: a new SQLite file in the work directory)")
	pg := flag.String("postgres", "", "an empty PostgreSQL database, postgres://… (the same as --db with that URL)")
	instances := flag.Int("instances", 1, "instances of newsdesk serve on the database (more than one needs PostgreSQL)")
	subs := flag.Int("subscribers", 1000, "webhook subscribers, each with one webhook receiving every story")
	stories := flag.Int("stories", 40, "stories published (after one warm-up story that is not counted)")
	gap := flag.Duration("gap", time.Second, "time between two publications, and between two schedulings")
	scheduled := flag.Int("scheduled", 10, "stories scheduled --ahead, after the published ones")
	ahead := flag.Duration("ahead", 3*time.Second, "how far ahead each scheduled story is scheduled (to the millisecond)")
	poll := flag.Duration("poll", 25*time.Millisecond, "poll interval of pages, feeds, sitemaps, search and the pull API while a story is awaited")
	timeout := flag.Duration("timeout", time.Minute, "a channel that has not shown a story this long after its origin missed it")
	bin := flag.String("newsdesk", "", "the newsdesk binary (default: go build ./cmd/newsdesk into the work directory)")
	dir := flag.String("dir", "", "work directory: logs, media, the SQLite file (default: a new temporary one, removed at the end)")
	keep := flag.Bool("keep", false, "keep the work directory")
	logLevel := flag.String("log-level", "info", "the servers' log level (info keeps the access log on, as deployed)")
	out := flag.String("out", "", "also write the report to this file")
	raw := flag.String("raw", "", "write every story's time on every channel to this file, as JSON")
	quiet := flag.Bool("quiet", false, "no progress lines")
	flag.Parse()
	if *pg != "" {
		*dsn = *pg
	}
	switch {
	case flag.NArg() > 0:
		return fmt.Errorf("unexpected argument %q (see --help)", flag.Arg(0))
	case *subs < 1 || *stories < 1 || *scheduled < 0 || *instances < 1:
		return fmt.Errorf("--subscribers, --stories and --instances must be at least 1, --scheduled at least 0")
	case *gap <= 0 || *poll <= 0 || *timeout <= 0 || *ahead < time.Second:
		return fmt.Errorf("--gap, --poll and --timeout must be positive, --ahead at least 1s")
	case *instances > 1 && !strings.HasPrefix(*dsn, "postgres"):
		return fmt.Errorf("--instances %d needs PostgreSQL (--postgres URL): SQLite serves one process", *instances)
	}
	work := *dir
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "newsdesk-publatency-"); err != nil {
			return err
		}
		if !*keep {
			defer os.RemoveAll(work)
		}
	} else if err := os.MkdirAll(work, 0o750); err != nil {
		return err
	}
	if *keep {
		defer fmt.Fprintln(os.Stderr, "publatency: kept", work)
	}
	if *dsn == "" {
		*dsn = filepath.Join(work, "site.db")
	}
	progress := io.Writer(os.Stderr)
	if *quiet {
		progress = nil
	}
	say := func(format string, a ...any) {
		if progress != nil {
			fmt.Fprintf(progress, "publatency: "+format+"\n", a...)
		}
	}
	if *bin == "" {
		*bin = filepath.Join(work, "newsdesk")
		say("building newsdesk")
		if err := build(ctx, *bin); err != nil {
			return err
		}
	}

	recv, err := publatency.NewReceiver()
	if err != nil {
		return err
	}
	defer recv.Close()
	say("preparing %s: demo edition, %d webhook subscribers", store.Describe(*dsn), *subs)
	creds, err := publatency.Prepare(ctx, *dsn, *subs, recv.HookURL)
	if err != nil {
		return err
	}
	recv.Start(creds.Secrets)
	say("starting %d instance(s)", *instances)
	servers, err := publatency.StartServers(ctx, *bin, *dsn, work, *instances, "--log-level", *logLevel)
	if err != nil {
		return err
	}
	load0 := loadAverage()
	start := time.Now().UTC()
	res, err := publatency.Run(ctx, publatency.Config{Servers: servers, Creds: creds, Receiver: recv, Subscribers: *subs,
		Stories: *stories, Gap: *gap, Scheduled: *scheduled, Ahead: *ahead, Poll: *poll, Timeout: *timeout,
		Language: "en", Section: "politics", Progress: progress})
	load1 := loadAverage()
	publatency.StopServers(servers)
	if err != nil {
		return err
	}
	rep := publatency.Summarise(res, recv, *subs)
	if *raw != "" {
		if err := writeRaw(*raw, res); err != nil {
			return err
		}
	}

	var b strings.Builder
	kind := "SQLite"
	if strings.HasPrefix(*dsn, "postgres") {
		kind = "PostgreSQL"
	}
	fmt.Fprintf(&b, "## publatency: %s, %d %s, %d webhook subscribers\n\n", kind, *instances, plural(*instances, "instance", "instances"), *subs)
	fmt.Fprintf(&b, "%s, %d cores (GOMAXPROCS %d), load average %s at the start, %s at the end.\n",
		start.Format("2006-01-02 15:04 UTC"), runtime.NumCPU(), runtime.GOMAXPROCS(0), load0, load1)
	fmt.Fprintf(&b, "%d stories published %v apart after a warm-up, %d scheduled %v ahead, on the demo edition. "+
		"Pages, feeds, sitemaps, search and the pull API are polled every %v while a story is awaited, so their figures "+
		"are the arrival of the first answer showing the story: up to one interval and one request after the change; "+
		"the streams and webhooks are pushed and timed at arrival. This process runs on the same cores as the servers.\n",
		*stories, *gap, *scheduled, *ahead, *poll)
	rep.Markdown(&b)
	fmt.Print(b.String())
	if *out != "" {
		if err := os.WriteFile(*out, []byte(b.String()), 0o600); err != nil {
			return err
		}
	}
	return rep.Err()
}

func writeRaw(path string, res publatency.Result) error {
	f, err := os.Create(filepath.Clean(path))
	if err != nil {
		return err
	}
	if err := publatency.WriteRaw(f, res); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// build compiles cmd/newsdesk of the module this command belongs to into bin.
func build(ctx context.Context, bin string) error {
	gomod, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(gomod)) == "" || strings.TrimSpace(string(gomod)) == os.DevNull {
		return fmt.Errorf("find the module to build newsdesk from (run inside the checkout, or give --newsdesk): %v", err)
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/newsdesk") // #nosec G204 -- this checkout's binary, into the work directory
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("build newsdesk: %v\n%s", err, b)
	}
	return nil
}

// loadAverage is the first three fields of /proc/loadavg.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
