package web

import (
	"bytes"
	"context"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
)

// writeLayout writes the page around its content: the head (title, description,
// canonical and alternate links, Open Graph, styles, script, JSON-LD), the masthead with
// the language switch and the section navigation (a kept fragment), and the footer.
//
// The layout is written in Go rather than by a template: it is on every page, and its
// thirty-odd template actions (each a reflective call of html/template's escaper) cost
// more than the rest of a cached-fragment page together. Every value is escaped by
// htmlWriter.text for element content and quoted attributes alike, and every URL goes
// through safeURL; JSON-LD comes from json.Marshal, which escapes <, > and &.
func (s *Server) writeLayout(ctx context.Context, buf *bytes.Buffer, p *page, content func(*bytes.Buffer) error) error {
	masthead, err := s.masthead(ctx, p.Lang, p.CurrentSection, p.Sections, p.Demo)
	if err != nil {
		return err
	}
	T := p.T
	w := htmlWriter{buf}
	w.el("<!DOCTYPE html>\n<html lang=\"", p.Lang, "\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	if b := p.Brand; b != nil {
		w.raw("<link rel=\"icon\" href=\"")
		w.url(b.Icon.URL)
		w.raw("\" sizes=\"32x32\" type=\"image/png\">\n<link rel=\"apple-touch-icon\" href=\"")
		w.url(b.Touch.URL)
		w.raw("\">\n")
	}
	w.raw("<title>")
	if p.Title != "" {
		w.text(p.Title)
		w.raw(" — ")
	}
	w.text(p.SiteName)
	w.raw("</title>")
	if p.Description != "" {
		w.el("\n<meta name=\"description\" content=\"", p.Description, "\">")
	}
	if p.Canonical != "" {
		w.raw("\n<link rel=\"canonical\" href=\"")
		w.url(p.Canonical)
		w.raw("\">")
	}
	writeHeadLinks(w, p)
	if p.NoIndex {
		w.raw("\n<meta name=\"robots\" content=\"noindex\">")
	}
	writeHeadMeta(w, p)
	s.writeShareMeta(w, p)
	w.raw("\n<link rel=\"stylesheet\" href=\"")
	w.url(p.CSS)
	w.raw("\">")
	if p.Brand != nil && p.Brand.Stylesheet != "" { // the accent colour, after the stylesheet it overrides
		w.raw("\n<link rel=\"stylesheet\" href=\"")
		w.url(p.Brand.Stylesheet)
		w.raw("\">")
	}
	if p.JS != "" {
		w.raw("\n<script src=\"")
		w.url(p.JS)
		w.raw("\" defer></script>")
	}
	if p.JSONLD != "" {
		w.raw("\n<script type=\"application/ld+json\">")
		w.jsonLD(p.JSONLD)
		w.raw("</script>")
	}
	w.el("\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">", T.T("skip_to_content"), "</a>\n<header class=\"masthead\">\n<div class=\"wrap masthead-inner\">\n<a class=\"brand\" href=\"")
	w.url("/" + p.Lang + "/")
	w.raw("\">")
	writeBrandMark(w, p)
	w.raw("</a>\n<nav class=\"langs\" aria-label=\"")
	w.text(T.T("language_nav"))
	w.raw("\">\n<ul>")
	for _, l := range p.LangLinks {
		w.raw("<li>")
		if l.Current {
			w.el("<span aria-current=\"true\" lang=\"", l.Code, "\">")
			w.text(l.Name)
			w.raw("</span>")
		} else {
			w.raw("<a href=\"")
			w.url(l.URL)
			w.el("\" hreflang=\"", l.Code, "\" lang=\"")
			w.text(l.Code)
			w.el("\">", l.Name, "</a>")
		}
		w.raw("</li>")
	}
	w.raw("</ul>\n</nav>\n")
	w.html(masthead)
	w.raw("\n</header>\n<main id=\"main\" class=\"wrap\">\n")
	if err := content(buf); err != nil {
		return err
	}
	w.raw("\n</main>\n<footer class=\"site-footer\">\n<div class=\"wrap\">\n")
	w.html(s.footerPages(ctx, p.Lang))
	writeFooterLinks(w, p)
	w.raw("<p>© ")
	w.int(p.Year)
	w.el(" ", p.SiteName, " · ")
	w.text(T.T("powered_by"))
	w.raw("</p>\n</div>\n</footer>\n</body>\n</html>\n")
	return nil
}

// writeBrandMark writes the masthead's link text: the logo, if there is one, and the
// site's name unless the logo shows it (then the logo's text alternative is the name).
func writeBrandMark(w htmlWriter, p *page) {
	b := p.Brand
	if b == nil || b.Logo.URL == "" {
		w.text(p.SiteName)
		return
	}
	w.raw("<img class=\"brand-logo\" src=\"")
	w.url(b.Logo.URL)
	w.raw("\" width=\"")
	// Drawn 3rem (48 px) high: its width follows.
	w.int(max(1, b.Logo.Width*48/max(1, b.Logo.Height)))
	w.raw("\" height=\"48\" alt=\"")
	if b.LogoHasName {
		w.text(p.SiteName)
		w.raw("\">")
		return
	}
	w.raw("\"> <span>")
	w.text(p.SiteName)
	w.raw("</span>")
}

// writeHeadLinks writes the head's alternate links, translations then feeds, each on a
// line of its own.
func writeHeadLinks(w htmlWriter, p *page) {
	for _, a := range p.Alternates {
		w.el("\n<link rel=\"alternate\" hreflang=\"", a.Lang, "\" href=\"")
		w.url(a.URL)
		w.raw("\">")
	}
	for _, f := range p.Feeds {
		w.el("\n<link rel=\"alternate\" type=\"", f.Type, "\" title=\"")
		w.el("", f.Title, "\" href=\"")
		w.url(f.URL)
		w.raw("\">")
	}
}

// writeHeadMeta writes the head's Open Graph properties, each on a line of its own.
func writeHeadMeta(w htmlWriter, p *page) {
	for _, m := range p.OG {
		w.el("\n<meta property=\"", m.Property, "\" content=\"")
		w.el("", m.Content, "\">")
	}
}

// mastheadNav writes the masthead's search form and section navigation in lang, with the
// current section marked, and the demo notice (kept as a fragment: fragments.go). It was a
// template: its values are escaped as the template escaped them.
func (w htmlWriter) mastheadNav(cat *i18n.Catalog, lang, current string, sections []content.Section, demo bool) {
	w.tmplEl(`<form class="site-search" method="get" action="/search" role="search"><input type="hidden" name="lang" value="`, lang, `">`)
	w.tmplEl(`<label class="visually-hidden" for="site-q">`, cat.T("search_label"), `</label>`)
	w.tmplEl(`<input id="site-q" name="q" type="search" maxlength="400"><button type="submit">`, cat.T("search"), `</button></form>`+"\n")
	w.tmplEl(`</div>`+"\n"+`<nav class="sections" aria-label="`, cat.T("main_nav"), `">`+"\n"+`<ul class="wrap">`)
	for _, sec := range sections {
		w.raw(`<li><a href="`)
		w.tmplURL("/" + lang + "/" + sec.Slug + "/") // a language code and a slug: nothing to escape
		w.raw(`"`)
		if sec.Key == current {
			w.raw(` aria-current="page"`)
		}
		w.tmplEl(`>`, sec.Name, `</a></li>`)
	}
	w.raw(`</ul>` + "\n" + `</nav>`)
	if demo {
		w.tmplEl("\n"+`<p class="demo-banner" role="note">`, cat.T("demo_notice"), `</p>`)
	}
}

// writeFooterLinks writes the footer's links to the language's feed (RSS and Atom), to the
// section's on a section front, and to the agency's profiles on the networks (the brand's
// settings), as plain text links: no script, no remote icon.
func writeFooterLinks(w htmlWriter, p *page) {
	T := p.T
	w.el("<nav class=\"footer-links\" aria-label=\"", T.T("feeds"), "\">\n<ul>")
	feed := func(url, ctype, text string) {
		w.raw("<li><a href=\"")
		w.url(url)
		w.el("\" type=\"", ctype, "\">")
		w.text(text)
		w.raw("</a></li>")
	}
	base := "/" + p.Lang + "/feed/"
	feed(base+"rss.xml", "application/rss+xml", T.T("feed_rss"))
	feed(base+"atom.xml", "application/atom+xml", T.T("feed_atom"))
	if f := p.SectionFeed; f.Base != "" {
		feed(f.Base+"rss.xml", "application/rss+xml", T.T("section_feed_rss", f.Name))
		feed(f.Base+"atom.xml", "application/atom+xml", T.T("section_feed_atom", f.Name))
	}
	w.raw("</ul>\n</nav>\n")
	if p.Brand == nil || len(p.Brand.Profiles) == 0 {
		return
	}
	w.el("<nav class=\"footer-links\" aria-label=\"", T.T("follow_us"), "\">\n<ul>")
	for _, pr := range p.Brand.Profiles {
		w.raw("<li><a rel=\"me\" href=\"")
		w.url(pr.URL)
		w.raw("\">")
		w.text(pr.Network)
		w.raw("</a></li>")
	}
	w.raw("</ul>\n</nav>\n")
}
