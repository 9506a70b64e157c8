package importer

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// maxListed bounds the skipped items and warnings a report lists one by one; the rest are counted.
const maxListed = 200

// Count is what happened to the things of one kind.
type Count struct {
	Created, Updated, Unchanged, Skipped int
}

// Skip is an item left out, with why.
type Skip struct {
	Kind, ID, Title, Reason string
}

// Report is the outcome of an import: counts per kind, what was skipped and why, and
// warnings (unknown shortcodes, missing or remote media).
type Report struct {
	Format string // "wordpress" or "ghost"
	Source string // the exporting site, as recorded for idempotency
	DryRun bool
	Counts map[string]*Count
	// Skipped lists up to maxListed skipped items; SkippedTotal counts them all.
	Skipped      []Skip
	SkippedTotal int
	// Protected lists up to maxListed posts for some readers only (a password, members or
	// paid visibility), kept as drafts; ProtectedTotal counts them all.
	Protected      []Skip
	ProtectedTotal int
	// Pages lists up to maxListed pages of the old site imported as the site's pages
	// (Reason: "draft" when not published). PagesTotal counts them all.
	Pages      []Skip
	PagesTotal int
	// Warnings lists up to maxListed warnings; WarningsTotal counts them all.
	Warnings      []string
	WarningsTotal int
	// UnknownShortcodes counts the posts each unknown shortcode appeared in (kept as text).
	UnknownShortcodes map[string]int
	// RemoteImages counts images left at their old address (no --media-dir, or not in it).
	RemoteImages int
	// MissingMedia counts images that were not found in the --media-dir.
	MissingMedia int
	// RemoteMedia counts video, audio and other files left at their old address (each is
	// also named in a warning, with its post).
	RemoteMedia int
	Took        time.Duration
}

func newReport(format string) *Report {
	return &Report{Format: format, Counts: map[string]*Count{}, UnknownShortcodes: map[string]int{}}
}

func (r *Report) count(kind string) *Count {
	c := r.Counts[kind]
	if c == nil {
		c = &Count{}
		r.Counts[kind] = c
	}
	return c
}

func (r *Report) skip(kind, id, title, reason string) {
	r.count(kind).Skipped++
	r.SkippedTotal++
	if len(r.Skipped) < maxListed {
		r.Skipped = append(r.Skipped, Skip{Kind: kind, ID: id, Title: title, Reason: reason})
	}
}

func (r *Report) protect(id, title, reason string) {
	r.ProtectedTotal++
	if len(r.Protected) < maxListed {
		r.Protected = append(r.Protected, Skip{Kind: "post", ID: id, Title: title, Reason: reason})
	}
}

func (r *Report) page(id, title, status string) {
	r.PagesTotal++
	if len(r.Pages) < maxListed {
		r.Pages = append(r.Pages, Skip{Kind: "page", ID: id, Title: title, Reason: status})
	}
}

func (r *Report) warn(format string, args ...any) {
	r.WarningsTotal++
	if len(r.Warnings) < maxListed {
		r.Warnings = append(r.Warnings, fmt.Sprintf(format, args...))
	}
}

// Changed reports whether the import created or updated anything.
func (r *Report) Changed() bool {
	for _, c := range r.Counts {
		if c.Created+c.Updated > 0 {
			return true
		}
	}
	return false
}

// WriteText prints the report for a person.
func (r *Report) WriteText(w io.Writer) {
	verb := "Imported"
	if r.DryRun {
		verb = "Dry run (nothing was written): would import"
	}
	fmt.Fprintf(w, "%s from %s (%s) in %.1f s.\n", verb, r.Source, r.Format, r.Took.Seconds())
	kinds := make([]string, 0, len(r.Counts))
	for k := range r.Counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	fmt.Fprintf(w, "  %-12s %8s %8s %10s %8s\n", "kind", "created", "updated", "unchanged", "skipped")
	for _, k := range kinds {
		c := r.Counts[k]
		fmt.Fprintf(w, "  %-12s %8d %8d %10d %8d\n", k, c.Created, c.Updated, c.Unchanged, c.Skipped)
	}
	writeItems(w, "Skipped", r.Skipped, r.SkippedTotal)
	writeItems(w, "Protected: kept as drafts", r.Protected, r.ProtectedTotal)
	if r.PagesTotal > 0 {
		more := ""
		if n := r.PagesTotal - len(r.Pages); n > 0 {
			more = fmt.Sprintf(" … and %d more", n)
		}
		titles := make([]string, len(r.Pages))
		for i, p := range r.Pages {
			titles[i] = strconv.Quote(p.Title)
			if p.Reason != "" {
				titles[i] += " (" + p.Reason + ")"
			}
		}
		fmt.Fprintf(w, "Pages: %d, imported as the site's pages: %s%s\n", r.PagesTotal, strings.Join(titles, ", "), more)
	}
	if len(r.UnknownShortcodes) > 0 {
		names := make([]string, 0, len(r.UnknownShortcodes))
		for n, c := range r.UnknownShortcodes {
			names = append(names, fmt.Sprintf("[%s] in %d posts", n, c))
		}
		sort.Strings(names)
		fmt.Fprintf(w, "Unknown shortcodes, kept as text: %s\n", strings.Join(names, ", "))
	}
	if r.RemoteImages > 0 {
		folder := "wp-content/uploads"
		if r.Format == "ghost" {
			folder = "content/images"
		}
		fmt.Fprintf(w, "Images kept at their old address: %d (give --media-dir with a copy of %s to bring them over)\n", r.RemoteImages, folder)
	}
	if r.RemoteMedia > 0 {
		fmt.Fprintf(w, "Video, audio and other files kept at their old address: %d (named below)\n", r.RemoteMedia)
	}
	if r.MissingMedia > 0 {
		fmt.Fprintf(w, "Images not found in --media-dir: %d\n", r.MissingMedia)
	}
	if r.WarningsTotal > 0 {
		fmt.Fprintf(w, "Warnings (%d):\n", r.WarningsTotal)
		for _, s := range r.Warnings {
			fmt.Fprintf(w, "  %s\n", s)
		}
		if n := r.WarningsTotal - len(r.Warnings); n > 0 {
			fmt.Fprintf(w, "  … and %d more\n", n)
		}
	}
}

// writeItems prints a list of items (skipped, protected) under its heading.
func writeItems(w io.Writer, heading string, items []Skip, total int) {
	if total == 0 {
		return
	}
	fmt.Fprintf(w, "%s (%d):\n", heading, total)
	for _, s := range items {
		title := ""
		if s.Title != "" {
			title = fmt.Sprintf(" %q", s.Title)
		}
		fmt.Fprintf(w, "  %s %s%s: %s\n", s.Kind, s.ID, title, s.Reason)
	}
	if n := total - len(items); n > 0 {
		fmt.Fprintf(w, "  … and %d more\n", n)
	}
}
