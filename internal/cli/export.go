package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/importer"
)

func runExport(ctx context.Context, env Env, args []string) error {
	var dsn, out, base string
	fs := newFlags(env, "export", "export [-o FILE.xml] [--base-url URL] [--db DB]", `
Write the whole site — every story in every state, brief, review, section, tag, page
(About, Contacts…) and author with their profile — as a WordPress eXtended RSS (WXR 1.2)
file. WordPress's importer reads it (pages as WordPress pages); so does "newsdesk import
wordpress", which reproduces every story, brief, review and URL from it (Newsdesk's own
fields travel as _newsdesk_* custom fields, an author's profile as wp:authormeta). Images
are not included.`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&out, "o", "", "write to this file instead of standard output")
	fs.StringVar(&base, "base-url", envOr("NEWSDESK_BASE_URL", ""), "public URL of the site, for links (env NEWSDESK_BASE_URL)")
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
	if out == "" {
		_, err := importer.Export(ctx, st, env.Stdout, importer.ExportOptions{BaseURL: base})
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".newsdesk-export-*")
	if err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	defer os.Remove(tmp.Name())
	stats, err := importer.Export(ctx, st, tmp, importer.ExportOptions{BaseURL: base})
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("write %s: %w", out, cerr)
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	fmt.Fprintf(env.Stderr, "Exported %d stories, %d briefs, %d reviews, %d sections, %d pages and %d authors to %s.\n",
		stats.Articles, stats.Briefs, stats.Reviews, stats.Sections, stats.Pages, stats.Authors, out)
	return nil
}
