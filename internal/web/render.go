package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
)

// page is what the layout needs on every page; each page type embeds it.
type page struct {
	Lang           string
	T              *i18n.Catalog
	SiteName       string
	Title          string
	Description    string
	Canonical      string
	Alternates     []alternate
	LangLinks      []langLink
	Sections       []content.Section
	CurrentSection string
	OG             []metaProperty // Open Graph, in property order (the layout adds image and locale: share.go)
	Share          shareImage     // the page's own image for link previews; none: the brand's card
	LocaleAlts     []string       // the languages of the page's translations, for og:locale:alternate
	Brand          *brandState    // nil on pages made without the database (an outage's error page)
	JSONLD         template.JS
	NoIndex        bool
	Feeds          []feedLink
	SectionFeed    sectionFeed // a section front's feed, which the footer links beside the language's
	Demo           bool
	CSS            string
	JS             string
	Year           int
}

// safeURL escapes a URL of ours for an attribute, as html/template would: a path (not
// "//host" nor "/\\host", which browsers read as another host) or an http(s) URL,
// percent-encoded where html/template's URL normaliser encodes (spaces, quotes,
// parentheses, control and non-ASCII bytes, the backslash), then HTML-escaped. Anything
// else becomes html/template's harmless placeholder.
func safeURL(u string) string {
	scheme := strings.ToLower(u[:min(len(u), len("https://"))])
	switch {
	case strings.HasPrefix(u, "//"), strings.HasPrefix(u, "/\\"):
		return "#ZgotmplZ"
	case strings.HasPrefix(u, "/"), strings.HasPrefix(scheme, "https://"), strings.HasPrefix(scheme, "http://"):
		return template.HTMLEscapeString(normalizeURL(u, false))
	}
	return "#ZgotmplZ"
}

// normalizeURL percent-encodes the bytes of u that are neither unreserved nor reserved in
// RFC 3986 (keeping '%', and encoding the quote and parentheses), like html/template but
// in upper-case hex digits. asTemplate makes it html/template's exactly: lower-case hex
// digits, and a '%' kept only where it begins a valid escape.
func normalizeURL(u string, asTemplate bool) string {
	hex := "0123456789ABCDEF"
	if asTemplate {
		hex = "0123456789abcdef"
	}
	var b []byte
	for i := 0; i < len(u); i++ {
		c := u[i]
		keep := urlKeep(c)
		if c == '%' && asTemplate {
			keep = i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2])
		}
		if keep {
			if b != nil {
				b = append(b, c)
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(u)+16), u[:i]...)
		}
		b = append(b, '%', hex[c>>4], hex[c&15])
	}
	if b == nil {
		return u
	}
	return string(b)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func urlKeep(c byte) bool {
	switch c {
	case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']', '-', '.', '_', '~', '%':
		return true
	}
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// layoutPage returns the layout's part of a page value.
func (p page) layoutPage() page { return p }

type alternate struct{ Lang, URL string }

// metaProperty is one <meta property content> of the head.
type metaProperty struct{ Property, Content string }

// openGraph makes Open Graph properties of property, content pairs, sorted by property.
func openGraph(pairs ...string) []metaProperty {
	out := make([]metaProperty, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, metaProperty{pairs[i], pairs[i+1]})
	}
	slices.SortFunc(out, func(a, b metaProperty) int { return strings.Compare(a.Property, b.Property) })
	return out
}

type langLink struct {
	Code, Name, URL string
	Current         bool
}

// pager is the links to a list's previous and next pages (htmlWriter.pager writes it).
type pager struct {
	Label, PrevURL, PrevText, NextURL, NextText string
}

// pageLinks is the pager of page n of a list: a link to the page before it after the
// first, and to the page after it when there are more; urlOf gives a page's URL.
func pageLinks(label string, n int, more bool, urlOf func(n int) string, prevText, nextText string) pager {
	p := pager{Label: label}
	if n > 1 {
		p.PrevURL, p.PrevText = urlOf(n-1), prevText
	}
	if more {
		p.NextURL, p.NextText = urlOf(n+1), nextText
	}
	return p
}

// firstPage cuts a list read with one item more than a page to the page, and reports
// whether there was more.
func firstPage[T any](list []T, per int) ([]T, bool) {
	if len(list) > per {
		return list[:per], true
	}
	return list, false
}

var pageNames = []string{"home", "list", "briefs", "error", "search", "sitepage", "author"}

func (s *Server) parseTemplates() error {
	funcs := template.FuncMap{
		"iso": func(t time.Time) string { return t.In(s.cfg.Location).Format(time.RFC3339) },
		"datetime": func(lang string, t time.Time) string {
			return i18n.Lookup(lang).DateTime(t.In(s.cfg.Location))
		},
		"date": func(lang string, t time.Time) string { return i18n.Lookup(lang).Date(t.In(s.cfg.Location)) },
		"tr":   func(lang, key string) string { return i18n.Lookup(lang).T(key) },
		// The parts written in Go that the templates share with the hot pages (writer.go).
		"briefs": func(list []content.Brief) template.HTML {
			return writeHTML(func(w htmlWriter) { w.briefs(s.cfg.Location, list) })
		},
		"pager": func(p pager) template.HTML { return writeHTML(func(w htmlWriter) { w.pager(p) }) },
		"teasers": func(list []content.ArticleSummary, max int, big bool) []teaser {
			return teaserPictures(list, max, big, s.mediaBase())
		}, // picture.go
	}
	base, err := template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return fmt.Errorf("parse layout: %w", err)
	}
	s.pages = map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := base.Clone()
		if err != nil {
			return fmt.Errorf("clone layout: %w", err)
		}
		if _, err := t.ParseFS(templateFS, "templates/"+name+".html"); err != nil {
			return fmt.Errorf("parse template %s: %w", name, err)
		}
		s.pages[name] = t
	}
	return nil
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// contentWriter is a page whose content is written in Go (story.go) rather than by its
// "content" template.
type contentWriter interface {
	writeContent(s *Server, buf *bytes.Buffer) error
}

// render writes a page — the layout (layout.go) around the page's "content" template, or
// around what the page writes itself (contentWriter) — into a buffer, and sends it with
// status; a template error becomes a logged 500 instead of a half-written page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data interface{ layoutPage() page }) {
	// Into the page cache's recorder when there is one (one copy of the page less), else
	// into a pooled buffer.
	rec, direct := w.(*recorder)
	direct = direct && !rec.wrote && rec.body.Len() == 0
	var buf *bytes.Buffer
	if direct {
		buf = &rec.body
	} else {
		buf = bufPool.Get().(*bytes.Buffer)
		buf.Reset()
		defer bufPool.Put(buf)
	}
	if sh, ok := data.(interface{ sizeHint() int }); ok {
		buf.Grow(sh.sizeHint())
	}
	p := data.layoutPage()
	tagKeys(w, cache.FooterKey(p.Lang)) // every page's footer lists the language's pages
	err := s.writeLayout(r.Context(), buf, &p, func(buf *bytes.Buffer) error {
		if cw, ok := data.(contentWriter); ok {
			return cw.writeContent(s, buf)
		}
		return s.pages[name].ExecuteTemplate(buf, "content", data)
	})
	if err != nil {
		buf.Reset()
		s.log.ErrorContext(r.Context(), "render_failed", "template", name, "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "public, max-age=60, stale-while-revalidate=300")
	}
	w.WriteHeader(status)
	if !direct && r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

// dateOf formats a day date in lang.
func dateOf(lang string, t time.Time) string { return i18n.Lookup(lang).Date(t) }
