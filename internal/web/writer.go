package web

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
)

// The public site's HTML is written one way on its hot paths: by htmlWriter, into the
// page's buffer. The layout around every page (layout.go), the article page's content
// (story.go), and every part that pages share — the masthead's navigation, the briefs
// (brief_partial.go), the reviews and their form (review_partial.go), the pager — are
// written by it; the "content" templates of the other pages call the shared parts as
// template functions (render.go), so each exists once.
//
// Safety is a matter of types: the writer puts a value on the page only escaped (text,
// url, or their template-compatible twins), as a number (int), or as HTML that is already
// safe (html takes a template.HTML, made at a few marked places: goldmark's output with raw
// HTML off, review.Render, kept fragments written by this writer). Literal markup goes
// through raw, which takes a markup: only an untyped string constant converts to it
// implicitly, so a string read at run time cannot reach the page unescaped by mistake
// (TestMarkupOnlyFromConstants holds the package to it).
//
// Why not html/template: each template action is a reflective call of an escaper
// (1–1.5 µs); the layout and the story had about a hundred, 45% of an uncached story
// page's CPU (docs/decisions.md, docs/performance.md).

// markup is literal markup of ours, written as it is.
type markup string

// htmlWriter writes HTML into a buffer (see above).
type htmlWriter struct{ *bytes.Buffer }

// writeHTML runs write on a new buffer and returns what it wrote, for a kept fragment or
// a template function.
func writeHTML(write func(w htmlWriter)) template.HTML {
	var buf bytes.Buffer
	write(htmlWriter{&buf})
	return template.HTML(buf.String()) // #nosec G203 -- written by htmlWriter, every value escaped
}

// raw writes literal markup.
func (w htmlWriter) raw(m markup) { w.WriteString(string(m)) }

// html writes HTML that is safe as it is.
func (w htmlWriter) html(h template.HTML) { w.WriteString(string(h)) }

// jsonLD writes JSON for a <script type="application/ld+json"> element: json.Marshal's
// output, which escapes <, > and & so that the element cannot be closed early.
func (w htmlWriter) jsonLD(j template.JS) { w.WriteString(string(j)) }

// text writes s escaped for element content and quoted attributes alike, as
// template.HTMLEscapeString does.
func (w htmlWriter) text(s string) { w.WriteString(template.HTMLEscapeString(s)) }

// url writes a URL of ours for a quoted attribute (safeURL).
func (w htmlWriter) url(u string) { w.WriteString(safeURL(u)) }

// int writes n in decimal.
func (w htmlWriter) int(n int) { w.WriteString(strconv.Itoa(n)) }

// el writes open, then text escaped, then end: an element's text, or an attribute value.
func (w htmlWriter) el(open markup, text string, end markup) {
	w.raw(open)
	w.text(text)
	w.raw(end)
}

// time writes <time datetime="ISO">date and time in lang</time>.
func (w htmlWriter) time(cat *i18n.Catalog, loc *time.Location, t time.Time) {
	w.timeEl(cat, loc, t, htmlWriter.text)
}

// timeEl writes a <time> element with esc, text or tmplText.
func (w htmlWriter) timeEl(cat *i18n.Catalog, loc *time.Location, t time.Time, esc func(htmlWriter, string)) {
	t = t.In(loc)
	w.raw(`<time datetime="`)
	esc(w, t.Format(time.RFC3339))
	w.raw(`">`)
	esc(w, cat.DateTime(t))
	w.raw(`</time>`)
}

// The parts that html/template wrote before they moved here (the pager, the briefs, the
// masthead's navigation, the review form) are written with the template's own escaping,
// so that their bytes did not change: it also writes '+' as "&#43;" (in a time zone
// offset, or a search URL), and percent-encodes URLs with lower-case hex digits.

// tmplText writes s escaped as html/template escapes element content, quoted attribute
// values and RCDATA (a textarea's content).
func (w htmlWriter) tmplText(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(repl)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// tmplEl is el with tmplText.
func (w htmlWriter) tmplEl(open markup, text string, end markup) {
	w.raw(open)
	w.tmplText(text)
	w.raw(end)
}

// tmplURL writes u as html/template writes a URL that fills a quoted URL attribute: a URL
// with a scheme other than http, https or mailto becomes "#ZgotmplZ"; the rest is
// percent-encoded where RFC 3986 allows neither (keeping valid escapes) and escaped as an
// attribute value. Only for URLs that our code builds, from paths and valid slugs.
func (w htmlWriter) tmplURL(u string) {
	if !templateSafeURL(u) {
		w.WriteString("#ZgotmplZ")
		return
	}
	w.tmplText(normalizeURL(u, true))
}

// templateSafeURL is html/template's test of a URL: no scheme, or http, https or mailto.
func templateSafeURL(u string) bool {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

// tmplTime writes <time datetime="ISO">date and time in lang</time> as the templates did.
func (w htmlWriter) tmplTime(cat *i18n.Catalog, loc *time.Location, t time.Time) {
	w.timeEl(cat, loc, t, htmlWriter.tmplText)
}

// pager writes the links to the previous and next pages, if any.
func (w htmlWriter) pager(p pager) {
	if p.PrevURL == "" && p.NextURL == "" {
		return
	}
	w.tmplEl("<nav class=\"pager\" aria-label=\"", p.Label, "\">\n")
	if p.PrevURL != "" {
		w.raw("<a rel=\"prev\" href=\"")
		w.tmplURL(p.PrevURL)
		w.tmplEl("\">← ", p.PrevText, "</a>")
	}
	w.raw("\n")
	if p.NextURL != "" {
		w.raw("<a rel=\"next\" href=\"")
		w.tmplURL(p.NextURL)
		w.tmplEl("\">", p.NextText, " →</a>")
	}
	w.raw("\n</nav>")
}

// footerPages writes the footer's navigation to the site's pages; nothing when there are none.
func (w htmlWriter) footerPages(cat *i18n.Catalog, links []content.PageLink) {
	if len(links) == 0 {
		return
	}
	w.el("<nav class=\"footer-pages\" aria-label=\"", cat.T("site_pages"), "\">\n<ul>")
	for _, l := range links {
		w.raw("<li><a href=\"")
		w.url(l.URL())
		w.el("\">", l.Title, "</a></li>")
	}
	w.raw("</ul>\n</nav>\n")
}
