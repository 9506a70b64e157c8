// Command wirebench measures the subscribers' wire on an empty database: the fan-out of one
// publication to N subscribers' webhooks, and the delivery rate of the outbox workers to a
// receiver on the loopback interface (nothing leaves the machine; the run is bounded).
//
//	go run ./bench/cmd/wirebench --db /tmp/wire.db
//	go run ./bench/cmd/wirebench --db 'postgres://user@127.0.0.1/wirebench'
//	go run ./bench/cmd/wirebench --db 'postgres://…' --instances 2 --latency 40
//
// With --latency N it first publishes N stories --gap apart while the workers of every
// instance run, and prints the time from each publication to its last webhook (p50, p99,
// max) and the webhooks lost and duplicated; then it publishes --publications stories with
// the workers stopped and measures how fast the instances drain that backlog, in all and
// per instance. --instances N runs N instances, each with its own store on the database.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/newsdesk/newsdesk/bench/wire"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dsn := flag.String("db", "", "an empty database: SQLite file path or postgres:// URL (required)")
	subs := flag.Int("subscribers", 1000, "subscribers, each with one webhook matching every story")
	pubs := flag.Int("publications", 20, "stories published (each fans out to every subscriber)")
	loops := flag.Int("loops", 2, "outbox claiming loops")
	batch := flag.Int("batch", 200, "rows claimed at a time")
	conc := flag.Int("concurrency", 64, "requests in flight per loop")
	timeout := flag.Duration("timeout", 2*time.Minute, "give up delivering after this long")
	poll := flag.Duration("poll", 500*time.Millisecond, "how often an idle claiming loop looks (the service's default)")
	instances := flag.Int("instances", 1, "instances delivering from the outbox, each with its own store")
	latency := flag.Int("latency", 0, "first publish this many stories --gap apart with the workers running, and time each one's last webhook")
	gap := flag.Duration("gap", time.Second, "time between the --latency publications")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the delivery phase to this file")
	flag.Parse()
	if *dsn == "" || *subs < 1 || *pubs < 1 || *instances < 1 {
		flag.Usage()
		os.Exit(2)
	}
	cfg := syndication.DeliveryConfig{Loops: *loops, Batch: *batch, Concurrency: *conc, Poll: *poll}
	e, err := wire.Setup(ctx, *dsn, *subs, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wirebench:", err)
		os.Exit(1)
	}
	defer e.Close()
	for range *instances - 1 {
		if err := e.AddInstance(ctx, *dsn, cfg); err != nil {
			fmt.Fprintln(os.Stderr, "wirebench:", err)
			os.Exit(1) //nolint:gocritic // nothing to clean up that the exit does not
		}
	}
	fmt.Printf("wirebench: %s, %d instance(s), %d subscribers, %d publications, GOMAXPROCS %d, %s\n", store.Describe(*dsn),
		*instances, *subs, *pubs, runtime.GOMAXPROCS(0), time.Now().UTC().Format("2006-01-02"))
	if *latency > 0 {
		f, err := e.Latency(ctx, *latency, *subs, *gap, *timeout)
		if len(f.Last) > 0 {
			fmt.Printf("publish → last of %d webhooks, %d stories %v apart: p50 %v  p99 %v  max %v; lost %d, duplicated %d\n",
				*subs, *latency, *gap, f.Last.Median().Round(time.Millisecond), f.Last.P99().Round(time.Millisecond),
				f.Last.Max().Round(time.Millisecond), f.Lost, f.Duplicated)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "wirebench: latency:", err)
			os.Exit(1)
		}
		for _, in := range e.Instances {
			in.Delivered.Store(0)
		}
	}
	d, err := e.Publish(ctx, *pubs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wirebench: publish:", err)
		os.Exit(1)
	}
	fmt.Printf("publish + enqueue %d deliveries: min %v  median %v  max %v\n", *subs, d.Min().Round(time.Microsecond),
		d.Median().Round(time.Microsecond), d.Max().Round(time.Microsecond))
	want := int64(*subs * *pubs)
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "wirebench:", err)
			os.Exit(1)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "wirebench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	got, elapsed, err := e.Deliver(ctx, want, *timeout)
	fmt.Printf("delivered %d webhooks in %v: %.0f webhooks/s\n", got, elapsed.Round(time.Millisecond), float64(got)/elapsed.Seconds())
	for i, in := range e.Instances {
		fmt.Printf("  instance %d: %d webhooks, %.0f webhooks/s\n", i+1, in.Delivered.Load(), float64(in.Delivered.Load())/elapsed.Seconds())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wirebench:", err)
		stop()
		os.Exit(1) //nolint:gocritic // the profile is incomplete anyway
	}
}
