package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"text/tabwriter"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

func runWebhook(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" || args[0] == "help" {
		fmt.Fprint(env.Stdout, `Usage: newsdesk subscriber webhook SUBCOMMAND [flags]

A subscriber's webhooks receive every release, update, correction and kill of the stories
in its scope as a POST of the ninjs item, signed with the webhook's secret (see
docs/wire.md: Newsdesk-Signature is "v1=" and the hex HMAC-SHA256 of the
Newsdesk-Timestamp value, ".", and the body). Failed deliveries are retried with
backoff for 24 hours, then shown as dead in the newsroom's Wire page.

Subcommands:
  add      register an https:// endpoint and print its signing secret (once)
  list     list a subscriber's webhooks
  remove   stop a webhook; deliveries not yet made are dropped
`)
		if len(args) == 0 {
			return fmt.Errorf("%w: missing subcommand", errUsage)
		}
		return nil
	}
	switch args[0] {
	case "add":
		return runWebhookAdd(ctx, env, args[1:])
	case "list":
		return runWebhookList(ctx, env, args[1:])
	case "remove":
		return runWebhookRemove(ctx, env, args[1:])
	}
	return fmt.Errorf("%w: unknown subcommand %q (try: newsdesk subscriber webhook --help)", errUsage, args[0])
}

func runWebhookAdd(ctx context.Context, env Env, args []string) error {
	var dsn, idText, url, ninjs string
	fs := newFlags(env, "subscriber webhook add", "subscriber webhook add --id N --url URL [--ninjs 2.2|3.1] [--db DB]", `
Register a webhook for subscriber N and print its signing secret, once, alone on the last
line of standard output. The URL must be https:// (http:// only to 127.0.0.1 or
localhost, for tests). Every new version in the subscriber's scope is POSTed to it.`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&idText, "id", "", "id `N` of the subscriber (required)")
	fs.StringVar(&url, "url", "", "the endpoint, https://… (required)")
	fs.StringVar(&ninjs, "ninjs", syndication.Ninjs22, "ninjs version of the bodies: 2.2 or 3.1")
	if err := parse(fs, args); err != nil {
		return err
	}
	id, err := subscriberID(idText)
	if err != nil {
		return err
	}
	st, svc, err := openWire(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	w, err := svc.AddWebhook(ctx, syndication.WebhookInput{SubscriberID: id, URL: url, Ninjs: ninjs})
	if errors.Is(err, content.ErrNotFound) {
		return fmt.Errorf("there is no subscriber %d (see newsdesk subscriber list)", id)
	}
	if err != nil {
		return fieldProblems(err)
	}
	fmt.Fprintf(env.Stdout, "Added webhook %d for subscriber %d: %s (ninjs %s).\n", w.ID, id, w.URL, w.Ninjs)
	fmt.Fprintln(env.Stdout, "Its signing secret is shown only this once; verify each delivery's Newsdesk-Signature with it:")
	fmt.Fprintln(env.Stdout, w.Secret)
	return nil
}

func runWebhookList(ctx context.Context, env Env, args []string) error {
	var dsn, idText string
	fs := newFlags(env, "subscriber webhook list", "subscriber webhook list --id N [--db DB]", `
List the active webhooks of subscriber N: id (for remove), URL, ninjs version, created.`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&idText, "id", "", "id `N` of the subscriber (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	id, err := subscriberID(idText)
	if err != nil {
		return err
	}
	st, svc, err := openWire(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	hooks, err := svc.Webhooks(ctx, id)
	if err != nil {
		return err
	}
	if len(hooks) == 0 {
		fmt.Fprintf(env.Stdout, "Subscriber %d has no webhooks.\n", id)
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tURL\tNINJS\tCREATED")
	for _, w := range hooks {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", w.ID, w.URL, w.Ninjs, when(w.CreatedAt, "-"))
	}
	return tw.Flush()
}

func runWebhookRemove(ctx context.Context, env Env, args []string) error {
	var dsn, idText string
	fs := newFlags(env, "subscriber webhook remove", "subscriber webhook remove --webhook N [--db DB]", `
Stop webhook N (see subscriber webhook list): it receives nothing more, and deliveries to
it that were not made yet are dropped.`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&idText, "webhook", "", "id `N` of the webhook (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%w: --webhook must be a webhook id (see newsdesk subscriber webhook list)", errUsage)
	}
	st, svc, err := openWire(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	err = svc.RemoveWebhook(ctx, id)
	if errors.Is(err, content.ErrNotFound) {
		return fmt.Errorf("there is no active webhook %d", id)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Removed webhook %d.\n", id)
	return nil
}
