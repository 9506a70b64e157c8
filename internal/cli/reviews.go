package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/review"
)

func runReviews(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" || args[0] == "help" {
		fmt.Fprint(env.Stdout, `Usage: newsdesk reviews SUBCOMMAND [flags]

Reader reviews. Moderation happens in the newsroom (/newsroom/reviews) and through the
API (/api/v1/newsroom/reviews); this command does what a data-protection request needs.

Subcommands:
  forget   delete every review written with an email address, and stop trusting it
`)
		if len(args) == 0 {
			return fmt.Errorf("%w: missing subcommand", errUsage)
		}
		return nil
	}
	switch args[0] {
	case "forget":
		return runReviewsForget(ctx, env, args[1:])
	}
	return fmt.Errorf("%w: unknown subcommand %q (try: newsdesk reviews --help)", errUsage, args[0])
}

func runReviewsForget(ctx context.Context, env Env, args []string) error {
	var dsn, email string
	fs := newFlags(env, "reviews forget", "reviews forget --email E [--db DB]", `
Delete every reader review written with an email address, in any state, on every story,
and remove the address from the trusted reviewers: a reader's request to be forgotten.
The deletion is recorded in the audit log (how many, not the address) and cannot be undone.
Reviews sent without an email address cannot be found this way; delete them in the newsroom.`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&email, "email", "", "the reader's email address (required; case does not matter)")
	if err := parse(fs, args); err != nil {
		return err
	}
	email = strings.ToLower(strings.TrimSpace(email))
	var problems []string
	if !strings.Contains(email, "@") || len(email) > review.MaxEmailLen {
		problems = append(problems, "--email must be an email address")
	}
	if fs.NArg() > 0 {
		problems = append(problems, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s", errUsage, strings.Join(problems, "; "))
	}
	st, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := review.New(st, nil, nil, review.DefaultLimits).Forget(ctx, email)
	if err != nil {
		return fmt.Errorf("forget the reviews of %s: %w", email, err)
	}
	fmt.Fprintf(env.Stdout, "Deleted %d review(s) by %s.\n", n, email)
	return nil
}
