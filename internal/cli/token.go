package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
)

func runToken(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" || args[0] == "help" {
		fmt.Fprint(env.Stdout, `Usage: newsdesk token SUBCOMMAND [flags]

Manage personal API tokens. A token acts as its user on the newsroom JSON API
(/api/v1/newsroom/…), sent as "Authorization: Bearer TOKEN", with that user's role.

Subcommands:
  create   create a token for a user and print it (once)
  list     list a user's tokens
  revoke   revoke a token by id; it stops working at once
`)
		if len(args) == 0 {
			return fmt.Errorf("%w: missing subcommand", errUsage)
		}
		return nil
	}
	switch args[0] {
	case "create":
		return runTokenCreate(ctx, env, args[1:])
	case "list":
		return runTokenList(ctx, env, args[1:])
	case "revoke":
		return runTokenRevoke(ctx, env, args[1:])
	}
	return fmt.Errorf("%w: unknown subcommand %q (try: newsdesk token --help)", errUsage, args[0])
}

// tokenPrefix makes leaked API tokens recognisable.
const tokenPrefix = "ndt_"

func runTokenCreate(ctx context.Context, env Env, args []string) error {
	var dsn, email, name string
	fs := newFlags(env, "token create", "token create --email E [--name N] [--db DB]", `
Create a personal API token for an existing, enabled newsroom user and print it. The token
is printed once, alone on the last line of standard output, and only its hash is stored:
keep it now, or revoke it and create another. Give each token a name saying where it is
used, so that it can be found and revoked later:
  TOKEN=$(newsdesk token create --email a@agency.az --name "wire importer" | tail -n 1)
  curl -H "Authorization: Bearer $TOKEN" http://localhost:8080/api/v1/newsroom/me`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&email, "email", "", "login email of the token's user (required)")
	fs.StringVar(&name, "name", "", "what the token is for, e.g. \"wire importer\" (at most 100 characters)")
	if err := parse(fs, args); err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	var problems []string
	if !strings.Contains(email, "@") {
		problems = append(problems, "--email must be an email address")
	}
	if utf8.RuneCountInString(name) > 100 || !utf8.ValidString(name) {
		problems = append(problems, "--name must be at most 100 characters")
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
	u, err := tokenUser(ctx, st, email)
	if err != nil {
		return err
	}
	if u.Disabled {
		return fmt.Errorf("user %s is disabled: enable the account before giving it a token", u.Email)
	}
	if !account.Can(u.Role, account.ActOwnTokens) {
		return fmt.Errorf("the %s role may not have API tokens", u.Role)
	}
	secret, err := account.NewSecret(tokenPrefix)
	if err != nil {
		return err
	}
	var id int64
	err = st.WithTx(ctx, func(tx *store.Tx) error {
		var err error
		id, err = tx.CreateToken(ctx, u.ID, name, account.HashSecret(secret), time.Now())
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Created API token %d for %s <%s> (%s).\n", id, u.Name, u.Email, u.Role)
	fmt.Fprintln(env.Stdout, "It is shown only this once; send it as \"Authorization: Bearer TOKEN\":")
	fmt.Fprintln(env.Stdout, secret)
	return nil
}

func runTokenList(ctx context.Context, env Env, args []string) error {
	var dsn, email string
	fs := newFlags(env, "token list", "token list --email E [--db DB]", `
List a user's API tokens, newest first, revoked ones included: id (for token revoke),
name, when it was created, when it was last used (to the minute), and when it was revoked.
Tokens themselves cannot be shown again: only their hashes are stored.`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&email, "email", "", "login email of the user (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !strings.Contains(email, "@") {
		return fmt.Errorf("%w: --email must be an email address", errUsage)
	}
	st, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := tokenUser(ctx, st, email)
	if err != nil {
		return err
	}
	tokens, err := st.UserTokens(ctx, u.ID)
	if err != nil {
		return err
	}
	if len(tokens) == 0 {
		fmt.Fprintf(env.Stdout, "%s has no API tokens.\n", u.Email)
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCREATED\tLAST USED\tREVOKED")
	for _, k := range tokens {
		name := k.Name
		if name == "" {
			name = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", k.ID, name, when(k.CreatedAt, "-"), when(k.LastUsedAt, "never"), when(k.RevokedAt, "no"))
	}
	return tw.Flush()
}

func runTokenRevoke(ctx context.Context, env Env, args []string) error {
	var dsn string
	fs := newFlags(env, "token revoke", "token revoke --id N [--db DB]", `
Revoke an API token by its id (see token list). It is refused (401) at once, from the
very next request on; revoking cannot be undone.`)
	config.DBFlag(fs, &dsn)
	var idText string
	fs.StringVar(&idText, "id", "", "id `N` of the token to revoke, as token list shows it (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%w: --id must be a token id (see newsdesk token list)", errUsage)
	}
	st, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	err = st.WithTx(ctx, func(tx *store.Tx) error { return tx.RevokeToken(ctx, id, 0, time.Now()) })
	if errors.Is(err, content.ErrNotFound) {
		return fmt.Errorf("there is no active token %d (it does not exist or is already revoked)", id)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Revoked token %d.\n", id)
	return nil
}

// tokenUser finds the user a token command is about.
func tokenUser(ctx context.Context, st *store.Store, email string) (account.User, error) {
	u, err := st.UserByEmail(ctx, email)
	if errors.Is(err, content.ErrNotFound) {
		return u, fmt.Errorf("there is no user with email %s (add one with newsdesk user add)", email)
	}
	return u, err
}

// when formats a time for the token list, or none for the zero time.
func when(t time.Time, none string) string {
	if t.IsZero() {
		return none
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}
