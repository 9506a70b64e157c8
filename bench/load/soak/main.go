// Command soak runs a bounded soak test against a running Newsdesk server over loopback:
// readers ask for articles, home pages, section fronts and feeds; readers post reviews
// through the public form; an editor files and publishes stories through the newsroom JSON
// API. At the end it checks that nothing failed, that the server's anonymous resident
// memory did not grow by more than 10% after the warm-up, and that every acknowledged
// publish and review is in the database (read back through the API). It prints a summary
// and exits 1 when a check fails.
//
//	newsdesk serve --db site.db --trusted-proxy-header X-Forwarded-For &
//	newsdesk user add --db site.db --email soak@example.test --name Soak --role editor <<<'a password here'
//	TOKEN=$(newsdesk token create --db site.db --email soak@example.test --name soak | tail -n 1)
//	go run ./bench/load/soak --url http://127.0.0.1:8080 --token "$TOKEN"            # 10 minutes
//	go run ./bench/load/soak --url http://127.0.0.1:8080 --token "$TOKEN" --short    # 20 seconds
//
// Reviews are rate-limited per client address, so each post carries its own address in
// X-Forwarded-For (--ip-header), which the server believes only when started with
// --trusted-proxy-header X-Forwarded-For and the soak connects from a --trusted-proxies
// address (loopback by default).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	var c Config
	var short bool
	fs := flag.NewFlagSet("soak", flag.ExitOnError)
	fs.StringVar(&c.URL, "url", "http://127.0.0.1:8080", "base URL of the running server (loopback)")
	fs.StringVar(&c.Token, "token", os.Getenv("NEWSDESK_TOKEN"), "API token of an editor (env NEWSDESK_TOKEN)")
	fs.DurationVar(&c.Duration, "duration", 10*time.Minute, "how long to run")
	fs.DurationVar(&c.Warmup, "warmup", time.Minute, "time before the memory baseline is taken")
	fs.BoolVar(&short, "short", false, "a 20-second run with a 5-second warm-up, to try the tool")
	fs.IntVar(&c.PID, "pid", 0, "server process id for memory sampling (0: find the process listening on --url's port)")
	fs.IntVar(&c.Readers, "readers", 8, "concurrent readers")
	fs.Float64Var(&c.ReviewsPerSec, "reviews", 2, "review posts a second")
	fs.Float64Var(&c.PublishesPerSec, "publishes", 0.5, "stories filed and published a second")
	fs.StringVar(&c.IPHeader, "ip-header", "X-Forwarded-For", "header carrying each reviewer's address (empty: none)")
	fs.Float64Var(&c.MaxGrowth, "max-growth", 0.10, "largest allowed growth of anonymous resident memory (RssAnon) after warm-up (0.10 = 10%)")
	_ = fs.Parse(os.Args[1:])
	if short {
		c.Duration, c.Warmup = 20*time.Second, 5*time.Second
	}
	if c.Token == "" {
		fmt.Fprintln(os.Stderr, "soak: --token (or NEWSDESK_TOKEN) is required: an editor's API token (newsdesk token create)")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c.Progress = os.Stderr
	rep, err := Run(ctx, c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
	rep.Print(os.Stdout)
	if !rep.OK() {
		os.Exit(1)
	}
}
