package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
)

func runReindex(ctx context.Context, env Env, args []string) error {
	var dsn string
	var quiet bool
	fs := newFlags(env, "reindex", "reindex [--db DB]", `
Rebuild the full-text search index from every article and brief. Run it after the upgrade
that added search (until then, stories saved before it are not found) and after an upgrade
that changes how words are analysed. The index is rebuilt in one transaction: searches see
the old index until the new one is complete. On SQLite, newsroom saves wait for the
rebuild (about a minute for 100,000 stories); run it when the newsroom is quiet.
On a terminal it shows a progress bar; otherwise it prints a line every 10%.`)
	config.DBFlag(fs, &dsn)
	fs.BoolVar(&quiet, "quiet", false, "print only the summary")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	st, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	var p progress
	if !quiet {
		p = newProgress(env.Stdout)
	}
	stats, err := st.Reindex(ctx, p.report)
	p.finish()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Indexed %d articles and %d briefs in %.1f s.\n", stats.Articles, stats.Briefs, stats.Took.Seconds())
	return nil
}

// progress shows how far a long job is: a bar redrawn in place on a terminal, a line
// every tenth otherwise (a log file or a pipe).
type progress struct {
	w        io.Writer
	terminal bool
	start    time.Time
	last     time.Time
	step     int // the last tenth printed (lines) or the last percent drawn (bar)
	drawn    bool
}

func newProgress(w io.Writer) progress {
	return progress{w: w, terminal: isTerminal(w), start: time.Now(), step: -1}
}

// isTerminal reports whether w is a character device (a terminal), without a dependency.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progress) report(done, total int) {
	if p.w == nil || total == 0 {
		return
	}
	pct := done * 100 / total
	if p.terminal {
		if pct == p.step && time.Since(p.last) < 200*time.Millisecond {
			return
		}
		const width = 40
		fill := done * width / total
		fmt.Fprintf(p.w, "\r[%s%s] %3d%%  %d / %d  %s", strings.Repeat("█", fill), strings.Repeat("·", width-fill), pct,
			done, total, time.Since(p.start).Round(time.Second))
		p.step, p.last, p.drawn = pct, time.Now(), true
		return
	}
	if tenth := pct / 10; tenth != p.step {
		p.step = tenth
		fmt.Fprintf(p.w, "reindex: %d / %d documents (%d%%), %s\n", done, total, pct, time.Since(p.start).Round(time.Second))
	}
}

// finish ends the bar's line.
func (p *progress) finish() {
	if p.w != nil && p.terminal && p.drawn {
		fmt.Fprintln(p.w)
	}
}
