// Package cli implements the newsdesk command line: one function per subcommand.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"
)

// Env is what a command may touch of the outside world; tests pass their own.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// errUsage marks a command-line mistake (exit code 2).
var errUsage = errors.New("usage")

type command struct {
	name, summary string
	run           func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the web server (public site)", runServe},
		{"migrate", "apply pending database migrations and exit", runMigrate},
		{"user", "manage newsroom accounts: user add", runUser},
		{"token", "manage personal API tokens: token create|list|revoke", runToken},
		{"reviews", "reader reviews: reviews forget --email E", runReviews},
		{"reindex", "rebuild the full-text search index", runReindex},
		{"import", "bring an archive over: import wordpress FILE.xml | import ghost FILE.json", runImport},
		{"export", "write the whole site as a WordPress (WXR) file", runExport},
		{"backup", "online backup of a SQLite site and its media: backup FILE.tar", runBackup},
		{"restore", "restore a backup into an empty location: restore FILE.tar", runRestore},
		{"subscriber", "wire subscribers: subscriber add|list|rotate|revoke|webhook", runSubscriber},
		{"version", "print the version", runVersion},
		{"help", "explain a command: newsdesk help COMMAND", nil},
	}
}

const intro = `Newsdesk — the publishing platform of a news agency.

Usage:
  newsdesk COMMAND [flags]

Commands:
`

// Run executes the command line args (without the program name) and returns the exit
// code: 0 success, 1 failure, 2 usage error.
func Run(ctx context.Context, env Env, args []string) int {
	if len(args) == 0 {
		usage(env.Stderr)
		return 2
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 && name == "help" {
			return Run(ctx, env, []string{rest[0], "--help"})
		}
		usage(env.Stdout)
		return 0
	case "--version", "-version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			err := c.run(ctx, env, rest)
			switch {
			case err == nil, errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				fmt.Fprintf(env.Stderr, "newsdesk %s: %v\n", name, err)
				return 2
			default:
				fmt.Fprintf(env.Stderr, "newsdesk %s: %v\n", name, err)
				return 1
			}
		}
	}
	fmt.Fprintf(env.Stderr, "newsdesk: unknown command %q\n\n", name)
	usage(env.Stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, intro)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nEvery command takes --help. Flags also read environment variables (NEWSDESK_DB, NEWSDESK_ADDR, …).\n")
}

// newFlags makes a flag set whose --help prints a description and the flags to stdout.
func newFlags(env Env, name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fs.SetOutput(env.Stdout)
		fmt.Fprintf(env.Stdout, "Usage: newsdesk %s\n\n%s\n\nFlags:\n", synopsis, strings.TrimSpace(description))
		fs.VisitAll(func(f *flag.Flag) {
			name, usage := flag.UnquoteUsage(f)
			fmt.Fprintf(env.Stdout, "  --%s", f.Name)
			if name != "" {
				fmt.Fprintf(env.Stdout, " %s", name)
			}
			fmt.Fprintf(env.Stdout, "\n      %s", usage)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(env.Stdout, " (default %q)", f.DefValue)
			}
			fmt.Fprintln(env.Stdout)
		})
	}
	return fs
}

// parse parses flags, turning a parse failure into a usage error.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}

func newLogger(w io.Writer, level string, json bool) *slog.Logger {
	var lv slog.Level
	_ = lv.UnmarshalText([]byte(level))
	opts := &slog.HandlerOptions{Level: lv}
	if json {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func runVersion(_ context.Context, env Env, args []string) error {
	fs := newFlags(env, "version", "version", "Print the version of this binary and the schema version it migrates to.")
	if err := parse(fs, args); err != nil {
		return err
	}
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	fmt.Fprintf(env.Stdout, "newsdesk %s (schema %d)\n", v, schemaVersion())
	return nil
}

// readLine reads one line from r without its line ending.
func readLine(r io.Reader) (string, error) {
	var b strings.Builder
	buf := make([]byte, 1)
	for {
		n, err := r.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				break
			}
			b.WriteByte(buf[0])
			if b.Len() > 4096 {
				return "", errors.New("input line too long")
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
	}
	return strings.TrimRight(b.String(), "\r"), nil
}
