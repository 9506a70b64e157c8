package cli

import (
	"context"
	"fmt"

	"os"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/importer"
)

func runImport(ctx context.Context, env Env, args []string) error {
	var dsn, mediaDir, mediaStore, lang string
	var dryRun, quiet, noReindex bool
	fs := newFlags(env, "import", "import wordpress|ghost FILE [--media-dir DIR] [--language xx] [--dry-run] [--db DB]", `
Bring an archive over from WordPress (a WXR export: Tools → Export → All content) or Ghost
(a JSON export: Settings → Labs → Export). Posts become stories (published, drafts,
scheduled; private, password-protected and members-only ones drafts, listed in the
report), categories sections, tags tags, authors disabled accounts without a password
(invite them), approved and pending comments reviews; pages are named in the report. Old URLs
(/?p=ID, /YYYY/MM/DD/slug/, /YYYY/MM/slug/, /category/x/, /tag/x/) redirect to the new ones.

The import is one transaction: a malformed or truncated file imports nothing and says
where it broke. Importing the same file again changes nothing; a newer export updates what
changed. Images come from --media-dir (a copy of wp-content/uploads) when given, else they
keep their old addresses and are counted in the report. Afterwards the search index is
rebuilt. On a terminal it shows a progress bar; otherwise it prints a line every 10%.`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&mediaDir, "media-dir", "", "a local copy of the old site's wp-content/uploads (or Ghost's content/images)")
	fs.StringVar(&mediaStore, "media", envOr("NEWSDESK_MEDIA", "media"), "the site's media, a directory or s3://bucket/prefix, where --media-dir's images go (env NEWSDESK_MEDIA)")
	fs.StringVar(&lang, "language", "en", "language of the imported content")
	fs.BoolVar(&dryRun, "dry-run", false, "report what would be imported, and change nothing")
	fs.BoolVar(&quiet, "quiet", false, "print only the report")
	fs.BoolVar(&noReindex, "no-reindex", false, "leave the search index to rebuild later with newsdesk reindex (new stories are not found until then)")
	if len(args) == 0 {
		return fmt.Errorf("%w: say what to import: newsdesk import wordpress FILE.xml, or newsdesk import ghost FILE.json", errUsage)
	}
	kind := args[0]
	if kind == "-h" || kind == "--help" || kind == "-help" {
		return parse(fs, args)
	}
	var file string
	rest := args[1:]
	for {
		if err := parse(fs, rest); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		if file != "" {
			return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
		}
		file, rest = fs.Arg(0), fs.Args()[1:]
	}
	if kind != "wordpress" && kind != "ghost" {
		return fmt.Errorf("%w: unknown kind %q: wordpress or ghost", errUsage, kind)
	}
	if file == "" {
		return fmt.Errorf("%w: name the export file: newsdesk import %s FILE", errUsage, kind)
	}
	f, err := os.Open(file) // #nosec G304 -- the operator names the file
	if err != nil {
		return fmt.Errorf("open export: %w", err)
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	st, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	opt := importer.Options{Language: lang, MediaDir: mediaDir, DryRun: dryRun}
	if mediaDir != "" && !dryRun {
		if opt.Media, err = app.OpenMedia(ctx, mediaStore, os.Getenv); err != nil {
			return err
		}
	}
	var p progress
	if !quiet {
		p = newProgress(env.Stdout)
		opt.Progress = func(done, total int64) { importProgress(&p, "import", done, total) }
	}
	im := importer.New(st, opt)
	var rep *importer.Report
	if kind == "wordpress" {
		rep, err = im.WordPress(ctx, f, size)
	} else {
		rep, err = im.Ghost(ctx, f, size)
	}
	p.finish()
	if err != nil {
		return err
	}
	rep.WriteText(env.Stdout)
	if dryRun {
		return nil
	}
	if noReindex {
		fmt.Fprintln(env.Stdout, "The search index needs a rebuild: run newsdesk reindex.")
		return nil
	}
	need, err := st.SearchRebuildNeeded(ctx)
	if err != nil || !need {
		return err
	}
	fmt.Fprintln(env.Stdout, "Rebuilding the search index…")
	var rp progress
	if !quiet {
		rp = newProgress(env.Stdout)
	}
	stats, err := st.Reindex(ctx, rp.report)
	rp.finish()
	if err != nil {
		return fmt.Errorf("the import is done, but rebuilding the search index failed (run newsdesk reindex): %w", err)
	}
	fmt.Fprintf(env.Stdout, "Indexed %d articles and %d briefs in %.1f s.\n", stats.Articles, stats.Briefs, stats.Took.Seconds())
	return nil
}

// importProgress shows how much of the file has been read: the bar on a terminal, a log
// line every 10% otherwise.
func importProgress(p *progress, what string, done, total int64) {
	if total <= 0 {
		return
	}
	if p.terminal {
		p.report(int(done>>10), int(total>>10))
		return
	}
	pct := int(done * 100 / total)
	if tenth := pct / 10; tenth != p.step {
		p.step = tenth
		fmt.Fprintf(p.w, "%s: %d / %d KiB read (%d%%), %s\n", what, done>>10, total>>10, pct, time.Since(p.start).Round(time.Second))
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
