package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

func runSubscriber(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" || args[0] == "help" {
		fmt.Fprint(env.Stdout, `Usage: newsdesk subscriber SUBCOMMAND [flags]

Manage the subscribers of the wire. A subscriber pulls ninjs items from /api/v1/wire/…
with its API key ("Authorization: Bearer KEY") and sees only its sections and languages;
its webhooks receive every release, update, correction and kill, signed.

Subcommands:
  add       create a subscriber and print its API key (once)
  list      list subscribers
  rotate    give a subscriber a new API key (the old one stops working at once)
  revoke    revoke a subscriber: its key is refused at once, its webhooks get nothing more
  webhook   webhook add|list|remove: a subscriber's push endpoints
`)
		if len(args) == 0 {
			return fmt.Errorf("%w: missing subcommand", errUsage)
		}
		return nil
	}
	switch args[0] {
	case "add":
		return runSubscriberAdd(ctx, env, args[1:])
	case "list":
		return runSubscriberList(ctx, env, args[1:])
	case "rotate":
		return runSubscriberRotate(ctx, env, args[1:])
	case "revoke":
		return runSubscriberRevoke(ctx, env, args[1:])
	case "webhook":
		return runWebhook(ctx, env, args[1:])
	}
	return fmt.Errorf("%w: unknown subcommand %q (try: newsdesk subscriber --help)", errUsage, args[0])
}

// openWire opens the store and the wire service over it.
func openWire(ctx context.Context, dsn string) (*store.Store, *syndication.Service, error) {
	st, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		return nil, nil, err
	}
	return st, syndication.New(syndication.Config{Store: st}), nil
}

// catalog lists the section keys and language codes a subscriber may be scoped to.
func catalog(ctx context.Context, st *store.Store) (syndication.Catalog, error) {
	var c syndication.Catalog
	langs, err := st.Languages(ctx)
	if err != nil {
		return c, err
	}
	for _, l := range langs {
		c.Languages = append(c.Languages, l.Code)
		secs, err := st.Sections(ctx, l.Code)
		if err != nil {
			return c, err
		}
		for _, s := range secs {
			if !slices.Contains(c.Sections, s.Key) {
				c.Sections = append(c.Sections, s.Key)
			}
		}
	}
	return c, nil
}

// fieldProblems turns a *content.FieldError into a usage error naming the flags.
func fieldProblems(err error) error {
	var fe *content.FieldError
	if !errors.As(err, &fe) {
		return err
	}
	var parts []string
	for _, k := range []string{"name", "sections", "languages", "rate", "url", "ninjs"} {
		if m, ok := fe.Fields[k]; ok {
			parts = append(parts, "--"+k+": "+m)
		}
	}
	return fmt.Errorf("%w: %s", errUsage, strings.Join(parts, " "))
}

func runSubscriberAdd(ctx context.Context, env Env, args []string) error {
	var dsn, name, sections, languages string
	var rate int
	fs := newFlags(env, "subscriber add", "subscriber add --name N --sections S,S --languages L,L [--rate N] [--db DB]", `
Create a wire subscriber and print its API key. The key is printed once, alone on the last
line of standard output, and only its hash is stored: keep it now, or rotate it later.
The subscriber sees only stories of the sections and languages named here (* for all):
  KEY=$(newsdesk subscriber add --name "Bar Daily" --sections politics,economy --languages en,ru | tail -n 1)
  curl -H "Authorization: Bearer $KEY" http://localhost:8080/api/v1/wire/items`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&name, "name", "", "the subscriber's name, e.g. \"Bar Daily\" (required)")
	fs.StringVar(&sections, "sections", "", "comma-separated section keys, or * for all (required)")
	fs.StringVar(&languages, "languages", "", "comma-separated language codes, or * for all (required)")
	fs.IntVar(&rate, "rate", syndication.DefaultRatePerMinute, "pull requests allowed per minute for the key")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	st, svc, err := openWire(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	cat, err := catalog(ctx, st)
	if err != nil {
		return err
	}
	sub, key, err := svc.AddSubscriber(ctx, syndication.SubscriberInput{Name: name, Sections: []string{sections},
		Languages: []string{languages}, RatePerMinute: rate}, cat)
	if err != nil {
		return fieldProblems(err)
	}
	fmt.Fprintf(env.Stdout, "Created subscriber %d (%s): sections %s, languages %s, %d requests a minute.\n",
		sub.ID, sub.Name, strings.Join(sub.Sections, ","), strings.Join(sub.Languages, ","), sub.RatePerMinute)
	fmt.Fprintln(env.Stdout, "Its API key is shown only this once; send it as \"Authorization: Bearer KEY\":")
	fmt.Fprintln(env.Stdout, key)
	return nil
}

func runSubscriberList(ctx context.Context, env Env, args []string) error {
	var dsn string
	fs := newFlags(env, "subscriber list", "subscriber list [--db DB]", `
List the wire's subscribers, revoked ones included: id (for rotate, revoke and webhook),
name, sections, languages, the start of the key, active webhooks, and when the key was
created, rotated or revoked. Keys themselves cannot be shown again.`)
	config.DBFlag(fs, &dsn)
	if err := parse(fs, args); err != nil {
		return err
	}
	st, svc, err := openWire(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	subs, err := svc.Subscribers(ctx)
	if err != nil {
		return err
	}
	if len(subs) == 0 {
		fmt.Fprintln(env.Stdout, "There are no subscribers (add one with newsdesk subscriber add).")
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSECTIONS\tLANGUAGES\tKEY\tWEBHOOKS\tCREATED\tROTATED\tREVOKED")
	for _, s := range subs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", s.ID, s.Name, strings.Join(s.Sections, ","),
			strings.Join(s.Languages, ","), s.KeyHint, s.Webhooks, when(s.CreatedAt, "-"), when(s.RotatedAt, "never"), when(s.RevokedAt, "no"))
	}
	return tw.Flush()
}

// subscriberID reads the --id flag of rotate, revoke and webhook add.
func subscriberID(text string) (int64, error) {
	id, err := strconv.ParseInt(text, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%w: --id must be a subscriber id (see newsdesk subscriber list)", errUsage)
	}
	return id, nil
}

func runSubscriberRotate(ctx context.Context, env Env, args []string) error {
	var dsn, idText string
	fs := newFlags(env, "subscriber rotate", "subscriber rotate --id N [--db DB]", `
Give a subscriber a new API key and print it once, alone on the last line. The old key is
refused (401) from the very next request on.`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&idText, "id", "", "id `N` of the subscriber, as subscriber list shows it (required)")
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
	key, err := svc.RotateKey(ctx, id)
	if errors.Is(err, content.ErrNotFound) {
		return fmt.Errorf("there is no active subscriber %d (it does not exist or is revoked)", id)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Subscriber %d has a new API key; the old one no longer works. It is shown only this once:\n", id)
	fmt.Fprintln(env.Stdout, key)
	return nil
}

func runSubscriberRevoke(ctx context.Context, env Env, args []string) error {
	var dsn, idText string
	fs := newFlags(env, "subscriber revoke", "subscriber revoke --id N [--db DB]", `
Revoke a subscriber: its API key is refused (401) at once, from the very next request on,
and its webhooks receive no new versions. Revoking cannot be undone.`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&idText, "id", "", "id `N` of the subscriber, as subscriber list shows it (required)")
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
	err = svc.Revoke(ctx, id)
	if errors.Is(err, content.ErrNotFound) {
		return fmt.Errorf("there is no active subscriber %d (it does not exist or is already revoked)", id)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Revoked subscriber %d.\n", id)
	return nil
}
