// Command wirebench measures the subscribers' wire on an empty database: the fan-out of one
// publication to N subscribers' webhooks, and the delivery rate of the outbox workers to a
// receiver on the loopback interface (nothing leaves the machine; the run is bounded).
//
//	go run ./bench/cmd/wirebench --db /tmp/wire.db
//	go run ./bench/cmd/wirebench --db 'postgres://user@127.0.0.1/wirebench'
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
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the delivery phase to this file")
	flag.Parse()
	if *dsn == "" || *subs < 1 || *pubs < 1 {
		flag.Usage()
		os.Exit(2)
	}
	cfg := syndication.DeliveryConfig{Loops: *loops, Batch: *batch, Concurrency: *conc, Poll: 50 * time.Millisecond}
	e, err := wire.Setup(ctx, *dsn, *subs, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wirebench:", err)
		os.Exit(1)
	}
	defer e.Close()
	fmt.Printf("wirebench: %s, %d subscribers, %d publications, GOMAXPROCS %d, %s\n", store.Describe(*dsn), *subs, *pubs,
		runtime.GOMAXPROCS(0), time.Now().UTC().Format("2006-01-02"))
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
	if err != nil {
		fmt.Fprintln(os.Stderr, "wirebench:", err)
		stop()
		os.Exit(1) //nolint:gocritic // the profile is incomplete anyway
	}
}
