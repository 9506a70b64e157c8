package web

import (
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
)

// The brief's partial: a list of briefs as every page shows it (the home page, a section
// front, the briefs archive, the column beside a story), written by htmlWriter
// (writer.go); the templates call it as {{briefs .Briefs}}. It was a template: its
// values are escaped as the template escaped them.

// briefs writes the list of briefs, if there are any.
func (w htmlWriter) briefs(loc *time.Location, list []content.Brief) {
	if len(list) == 0 {
		return
	}
	w.raw(`<ol class="briefs">`)
	for _, b := range list {
		cat := i18n.Lookup(b.Language)
		w.raw("\n" + `<li class="brief">`)
		w.tmplTime(cat, loc, b.PublishedAt)
		w.tmplEl("\n<p>", b.Text, "")
		if b.ArticleURL != "" {
			w.raw(` <a href="`)
			w.tmplURL(b.ArticleURL)
			w.tmplEl(`">`, cat.T("full_story"), `</a>`)
		}
		w.raw(`</p></li>`)
	}
	w.raw("\n</ol>")
}

// briefsColumn writes the column of a section's newest briefs beside its stories (kept
// as a fragment: fragments.go), or that there are none.
func (w htmlWriter) briefsColumn(cat *i18n.Catalog, loc *time.Location, list []content.Brief) {
	w.briefs(loc, list)
	w.raw("\n")
	if len(list) == 0 {
		w.tmplEl(`<p class="muted">`, cat.T("no_briefs"), `</p>`)
	}
}
