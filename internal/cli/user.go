package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
)

func runUser(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" || args[0] == "help" {
		fmt.Fprint(env.Stdout, `Usage: newsdesk user SUBCOMMAND [flags]

Manage newsroom accounts.

Subcommands:
  add      create an account; the password is read from standard input
  passwd   set a new password (read from standard input); ends the user's sessions and
           revokes their API tokens
  disable  disable an account, end its sessions and revoke its API tokens (--enable
           turns it back on)
`)
		if len(args) == 0 {
			return fmt.Errorf("%w: missing subcommand", errUsage)
		}
		return nil
	}
	switch args[0] {
	case "add":
		return runUserAdd(ctx, env, args[1:])
	case "passwd":
		return runUserChange(ctx, env, "passwd", args[1:])
	case "disable":
		return runUserChange(ctx, env, "disable", args[1:])
	}
	return fmt.Errorf("%w: unknown subcommand %q (try: newsdesk user --help)", errUsage, args[0])
}

func runUserAdd(ctx context.Context, env Env, args []string) error {
	var dsn, email, name, role string
	fs := newFlags(env, "user add", "user add --email E --name N --role R [--db DB] < password", `
Create a newsroom account. The password is read from the first line of standard input,
so it never appears in the shell history or the process list. It needs at least 10
characters and must not be only spaces, repetitive (aaaaaaaaaa), a sequence (1234567890)
or a commonly used password (password123); a few unrelated words make a good one:
  printf '%s\n' "$PASSWORD" | newsdesk user add --email a@agency.az --name "Aysel Aliyeva" --role editor
Roles: correspondent (files stories), editor (publishes), admin (everything).`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&email, "email", "", "login email (required)")
	fs.StringVar(&name, "name", "", "full name (required)")
	fs.StringVar(&role, "role", account.RoleCorrespondent, "role: correspondent, editor or admin")
	if err := parse(fs, args); err != nil {
		return err
	}
	var problems []string
	if !strings.Contains(email, "@") || len(email) > 254 {
		problems = append(problems, "--email must be an email address")
	}
	if strings.TrimSpace(name) == "" {
		problems = append(problems, "--name is required")
	}
	if !account.ValidRole(role) {
		problems = append(problems, "--role must be correspondent, editor or admin")
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s", errUsage, strings.Join(problems, "; "))
	}
	password, err := readLine(env.Stdin)
	if err != nil {
		return fmt.Errorf("read password from standard input: %w", err)
	}
	hash, err := account.HashPassword(password)
	if err != nil {
		return err
	}
	st, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	err = st.WithTx(ctx, func(tx *store.Tx) error {
		_, err := tx.CreateUser(ctx, account.User{Email: email, Name: name, Role: role, PasswordHash: hash, CreatedAt: time.Now()})
		return err
	})
	if errors.Is(err, content.ErrConflict) {
		return fmt.Errorf("a user with email %s already exists", email)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Created %s %s <%s>.\n", role, name, strings.ToLower(email))
	return nil
}

// runUserChange sets a password or disables (or enables) an account; either way the
// user's sessions end, so a leaked session stops working at once.
func runUserChange(ctx context.Context, env Env, which string, args []string) error {
	var dsn, email string
	var enable bool
	synopsis, desc := "user passwd --email E [--db DB] < password", `
Set a new password for an account. The password is read from the first line of standard
input and follows the same rules as for user add. Every session of the user ends and
their personal API tokens are revoked.`
	if which == "disable" {
		synopsis, desc = "user disable --email E [--enable] [--db DB]", `
Disable an account: it can no longer sign in, its sessions end and its personal API
tokens are revoked. --enable turns the account back on (without its old tokens).`
	}
	fs := newFlags(env, "user "+which, synopsis, desc)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&email, "email", "", "the account's email (required)")
	if which == "disable" {
		fs.BoolVar(&enable, "enable", false, "enable the account instead")
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if email == "" {
		return fmt.Errorf("%w: --email is required", errUsage)
	}
	var hash string
	if which == "passwd" {
		password, err := readLine(env.Stdin)
		if err != nil {
			return fmt.Errorf("read password from standard input: %w", err)
		}
		if hash, err = account.HashPassword(password); err != nil {
			return err
		}
	}
	st, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.UserByEmail(ctx, email)
	if errors.Is(err, content.ErrNotFound) {
		return fmt.Errorf("no user with email %s", email)
	}
	if err != nil {
		return err
	}
	action := "user_passwd"
	if which == "passwd" {
		u.PasswordHash = hash
	} else {
		u.Disabled, action = !enable, "user_disable"
		if enable {
			action = "user_enable"
		}
	}
	// Every change ends the user's sessions and revokes their personal API tokens, enabling
	// included: tokens from before a disable must not come back with the account.
	var ended, revoked int64
	err = st.WithTx(ctx, func(tx *store.Tx) error {
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		if ended, err = tx.DeleteUserSessions(ctx, u.ID); err != nil {
			return err
		}
		if revoked, err = tx.RevokeUserTokens(ctx, u.ID, time.Now()); err != nil {
			return err
		}
		return tx.Audit(ctx, 0, action, "user", u.ID, "from the command line")
	})
	if err != nil {
		return err
	}
	ends := fmt.Sprintf("%d session(s) ended, %d API token(s) revoked", ended, revoked)
	switch {
	case which == "passwd":
		fmt.Fprintf(env.Stdout, "Password of %s changed; %s.\n", u.Email, ends)
	case enable:
		fmt.Fprintf(env.Stdout, "%s is enabled; %s (new tokens are needed).\n", u.Email, ends)
	default:
		fmt.Fprintf(env.Stdout, "%s is disabled; %s.\n", u.Email, ends)
	}
	return nil
}
