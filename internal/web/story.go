package web

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
)

// storyHead writes a story from its header to the opening of its body: kicker, headline,
// standfirst, byline with role, dates, the lead image, and the dateline that opens the
// first paragraph. The body itself follows (ap.Body, without what the dateline took).
func (s *Server) storyHead(w htmlWriter, ap *articlePage) {
	a, T, loc := &ap.Article, ap.T, s.cfg.Location
	cat := i18n.Lookup(a.Language)
	w.raw("<header>\n<p class=\"kicker\"><a href=\"")
	w.url("/" + a.Language + "/" + a.Section.Slug + "/")
	w.el(`">`, a.Section.Name, "</a></p>\n<h1>")
	w.text(a.Headline)
	w.raw("</h1>\n")
	if a.Standfirst != "" {
		w.el(`<p class="standfirst">`, a.Standfirst, "</p>\n")
	}
	w.raw("<div class=\"byline\">\n")
	if a.Byline != "" {
		w.raw(`<p class="author">`)
		if a.Author.Slug != "" {
			w.raw(`<a href="`)
			w.url("/" + a.Language + "/author/" + a.Author.Slug)
			w.el(`" rel="author">`, a.Byline, `</a>`)
		} else {
			w.text(a.Byline)
		}
		if a.BylineRole != "" {
			w.el(`<span class="role">, `, a.BylineRole, `</span>`)
		}
		w.raw("</p>")
	}
	w.el("\n<p class=\"dates\"><span>", T.T("published"), " ")
	w.time(cat, loc, a.PublishedAt)
	w.raw("</span>")
	if ap.Updated {
		w.el(" · <span>", T.T("updated"), " ")
		w.time(cat, loc, a.UpdatedAt)
		w.raw("</span>")
	}
	w.raw("</p>\n</div>\n</header>\n")
	if img := a.LeadImage; img != nil && len(img.Renditions) > 0 {
		w.raw("<figure class=\"lead-image\">\n")
		w.picture(*img, s.mediaBase(), "(min-width: 60rem) 40rem, 100vw", loadEager)
		w.raw("\n")
		if img.Caption != "" || img.Credit != "" {
			w.raw("<figcaption>")
			w.text(img.Caption)
			if img.Credit != "" {
				w.el(` <span class="credit">`, img.Credit, "</span>")
			}
			w.raw("</figcaption>\n")
		}
		w.raw("</figure>")
	}
	w.raw("\n<div class=\"body\">\n")
	if a.Dateline != "" {
		w.dateline(a.Dateline, ap.Body)
	}
}

// dateline opens the body's first paragraph with the dateline, as agencies print it:
// "WASHINGTON — Negotiators …" (the body follows: bodyAfterDateline).
func (w htmlWriter) dateline(dateline string, body template.HTML) {
	w.el("<p><span class=\"dateline\">", dateline, "</span> — ")
	if !strings.HasPrefix(string(body), "<p>") {
		w.raw("</p>")
	}
}

// bodyAfterDateline is what of the body follows the dateline: the body without the
// opening of its first paragraph, which the dateline's paragraph took.
func bodyAfterDateline(dateline string, body template.HTML) template.HTML {
	if dateline != "" && strings.HasPrefix(string(body), "<p>") {
		return body[len("<p>"):]
	}
	return body
}

// storyFoot writes what follows a story's body: corrections, the agency's metadata when
// shown, tags and the links to translations.
func (s *Server) storyFoot(w htmlWriter, ap *articlePage) {
	a, T, loc := &ap.Article, ap.T, s.cfg.Location
	w.raw("\n</div>\n")
	if len(a.Corrections) > 0 {
		w.el("<section class=\"corrections\" aria-labelledby=\"corrections-title\">\n<h2 id=\"corrections-title\">", T.T("corrections"), "</h2>\n<ul>")
		for _, c := range a.Corrections {
			w.raw("<li>")
			w.time(i18n.Lookup(ap.Lang), loc, c.CreatedAt)
			w.el(": ", c.Text, "</li>")
		}
		w.raw("</ul>\n</section>")
	}
	if strings.HasPrefix(ap.Canonical, "http") { // shown in print only: where the printed story lives
		w.el("\n<p class=\"print-url\">", ap.Canonical, "</p>")
	}
	w.raw("\n")
	if ap.ShowMeta {
		w.raw(`<p class="agency-meta">`)
		if a.Slugline != "" {
			w.el("<span>", a.Slugline, "</span>")
		}
		w.el(" <span>", T.T("urgency"), " ")
		w.int(a.Urgency)
		w.raw("</span>")
		if a.Signoff != "" {
			w.el(" <span>", a.Signoff, "</span>")
		}
		w.raw("</p>")
	}
	w.raw("\n")
	if len(a.Tags) > 0 {
		w.el("<footer class=\"tags\">\n<h2 class=\"visually-hidden\">", T.T("tags"), "</h2>\n<ul>")
		for _, t := range a.Tags {
			w.raw(`<li><a href="`)
			w.url("/" + ap.Lang + "/tag/" + t.Slug)
			w.el(`" rel="tag">`, t.Name, "</a></li>")
		}
		w.raw("</ul>\n</footer>")
	}
	w.raw("\n")
	if len(ap.Translations) > 0 {
		w.el("<aside class=\"translations\" aria-labelledby=\"also-in\">\n<h2 id=\"also-in\">", T.T("also_in"), "</h2>\n<ul>")
		for _, t := range ap.Translations {
			w.raw(`<li><a href="`)
			w.url(content.ArticlePath(t.Language, t.SectionSlug, t.Slug))
			w.el(`" hreflang="`, t.Language, `" lang="`)
			w.text(t.Language)
			w.el(`">`, t.Headline, "</a></li>")
		}
		w.raw("</ul>\n</aside>")
	}
	if len(ap.Related) > 0 {
		w.el("\n<aside class=\"related\" aria-labelledby=\"related-title\">\n<h2 id=\"related-title\">", T.T("related"), "</h2>\n<ul>")
		for _, rel := range ap.Related {
			w.raw(`<li><a href="`)
			w.url(content.ArticlePath(rel.Language, rel.SectionSlug, rel.Slug))
			w.el(`">`, rel.Headline, "</a> ")
			w.time(i18n.Lookup(ap.Lang), loc, rel.PublishedAt)
			w.raw("</li>")
		}
		w.raw("</ul>\n</aside>")
	}
}

// sizeHint is about the size of the page: its variable parts and some 7 KB of the rest
// (layout, header, form), so that the page is written into one allocation.
func (ap *articlePage) sizeHint() int {
	n := len(ap.Body) + len(ap.BriefsColumn) + len(ap.MostRead) + len(ap.Reviews.Approved)*reviewSizeHint + len(ap.JSONLD) + 7<<10
	if ap.Reviews.Enabled && !ap.Reviews.Closed {
		n += reviewFormSizeHint
	}
	return n
}

// writeContent writes the article page's content: the story, its reviews with the form,
// and the section's briefs column.
func (ap *articlePage) writeContent(s *Server, buf *bytes.Buffer) error {
	a, T, rb := &ap.Article, ap.T, &ap.Reviews
	RT := rb.T // the reviews block says reviews or comments, as the newsroom chose
	if RT == nil {
		RT = T
	}
	w := htmlWriter{buf}
	w.el("\n<div class=\"article-grid\">\n<article class=\"story\" lang=\"", a.Language, "\">\n")
	s.storyHead(w, ap)
	w.html(bodyAfterDateline(a.Dateline, ap.Body))
	s.storyFoot(w, ap)
	w.el("\n<section class=\"reviews\" id=\"reviews\" aria-labelledby=\"reviews-title\">\n<h2 id=\"reviews-title\">", RT.T("reviews"), "</h2>\n")
	if rb.Notice != "" {
		w.el("<p class=\"review-notice\" role=\"status\">", rb.Notice, "</p>")
	}
	w.raw("\n")
	if rb.Count != 0 {
		w.raw("<p class=\"review-stats\">")
		w.text(RT.T("reviews_count", rb.Count))
		if rb.Average != "" {
			w.raw(" · ")
			w.text(rb.Average)
		}
		w.raw("</p>\n<ol class=\"review-list\">\n")
		w.reviewList(rb.T, s.cfg.Location, rb.Approved)
		w.raw("</ol>\n")
		w.pager(rb.Pager)
	} else {
		w.el("<p class=\"muted\">", RT.T("no_reviews"), "</p>")
	}
	w.el("\n<h3 id=\"leave-review\">", RT.T("leave_review"), "</h3>\n")
	switch {
	case rb.Closed:
		w.el("<p class=\"reviews-closed\">", RT.T("reviews_closed"), "</p>")
	case rb.Enabled:
		w.raw("\n")
		w.reviewForm(rb)
	}
	w.el("\n</section>\n</article>\n<div class=\"side-column\">\n<aside class=\"briefs-column\" aria-labelledby=\"briefs-title\">\n<h2 id=\"briefs-title\">", T.T("briefs_in", a.Section.Name), "</h2>\n")
	w.html(ap.BriefsColumn)
	w.raw("\n<p class=\"more\"><a href=\"")
	w.url("/" + a.Language + "/" + a.Section.Slug + "/briefs/")
	w.el("\">", T.T("all_briefs"), "</a></p>\n</aside>\n")
	w.html(ap.MostRead)
	w.raw("\n</div>\n</div>\n")
	return nil
}
