package importer

import (
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Conversion of WordPress post bodies (HTML with shortcodes, paragraphs left as bare line
// breaks) to the Markdown Newsdesk stores.

// Converted is a body in Markdown with what the conversion noticed.
type Converted struct {
	Markdown string
	// UnknownShortcodes are the names of shortcodes kept as text.
	UnknownShortcodes []string
	// Images are the sources of the images in the body, in order.
	Images []string
	// Dropped names elements that were removed (script, style, form …).
	Dropped []string
	// Media are the addresses of the video, audio and other files in the body (not images).
	Media []string
}

// shortcode matches an opening, self-closing or closing WordPress shortcode tag.
var shortcode = regexp.MustCompile(`\[(/?)([a-zA-Z][a-zA-Z0-9_-]*)((?:\s[^\]]*)?)(/?)\]`)

// shortcodeAttr matches one attribute of a shortcode: name="v", name='v' or name=v.
var shortcodeAttr = regexp.MustCompile(`([a-zA-Z0-9_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))`)

// convertedShortcodes are the shortcodes turned into Markdown; others stay as text.
var convertedShortcodes = map[string]bool{"caption": true, "wp_caption": true, "embed": true, "audio": true, "video": true, "gallery": true,
	"youtube": true, "vimeo": true, "tweet": true, "twitter": true, "instagram": true, "soundcloud": true, "spotify": true, "tiktok": true, "facebook": true}

// ConvertWordPress turns a WordPress body into Markdown.
func ConvertWordPress(body string) Converted {
	var c Converted
	unknown := map[string]bool{}
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n")
	body = expandShortcodes(body, unknown)
	body = autop(body)
	c.Markdown = htmlToMarkdown(body, &c)
	for name := range unknown {
		c.UnknownShortcodes = append(c.UnknownShortcodes, name)
	}
	sort.Strings(c.UnknownShortcodes)
	return c
}

// ConvertHTML turns HTML that already has its paragraphs (Ghost's) into Markdown.
func ConvertHTML(body string) Converted {
	var c Converted
	c.Markdown = htmlToMarkdown(body, &c)
	return c
}

// expandShortcodes turns the shortcodes we know into HTML and notes the others.
func expandShortcodes(body string, unknown map[string]bool) string {
	var b strings.Builder
	for {
		loc := shortcode.FindStringSubmatchIndex(body)
		if loc == nil {
			b.WriteString(body)
			return b.String()
		}
		closing := body[loc[2]:loc[3]] == "/"
		name := strings.ToLower(body[loc[4]:loc[5]])
		attrs := parseShortcodeAttrs(body[loc[6]:loc[7]])
		selfClosing := body[loc[8]:loc[9]] == "/"
		b.WriteString(body[:loc[0]])
		rest := body[loc[1]:]
		if closing || !convertedShortcodes[name] {
			if !closing {
				unknown[name] = true
			}
			b.WriteString(body[loc[0]:loc[1]]) // kept as text
			body = rest
			continue
		}
		inner := ""
		if !selfClosing {
			if end := indexFold(rest, "[/"+name+"]"); end >= 0 {
				inner, rest = rest[:end], rest[end+len(name)+3:]
			}
		}
		switch name {
		case "caption", "wp_caption":
			b.WriteString(captionFigure(inner, attrs["caption"]))
		default: // embed, audio, video, gallery (convert_media.go)
			s, known := mediaShortcode(name, attrs, inner)
			if !known {
				unknown[name] = true
				s = body[loc[0]:loc[1]] + inner // kept as text
			}
			b.WriteString(s)
		}
		body = rest
	}
}

func parseShortcodeAttrs(s string) map[string]string {
	out := map[string]string{"": strings.TrimSpace(s)} // "": the whole, for [audio URL] (convert_media.go)
	for _, m := range shortcodeAttr.FindAllStringSubmatch(s, -1) {
		out[strings.ToLower(m[1])] = m[2] + m[3] + m[4]
	}
	return out
}

// captionImage matches the image a [caption] starts with, perhaps inside a link, and the
// caption after it (which may hold links and emphasis of its own).
var captionImage = regexp.MustCompile(`(?is)^((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$`)

// captionFigure makes a figure of a [caption]: its image (perhaps inside a link) and the
// text after it, or the caption attribute of older WordPress versions.
func captionFigure(inner, attrCaption string) string {
	inner = strings.TrimSpace(inner)
	img, text := inner, ""
	if m := captionImage.FindStringSubmatch(inner); m != nil {
		img, text = m[1], strings.TrimSpace(m[2])
	}
	if text == "" {
		text = html.EscapeString(attrCaption)
	}
	return "<figure>" + img + "<figcaption>" + text + "</figcaption></figure>"
}

// htmlToMarkdown renders an HTML fragment as Markdown.
func htmlToMarkdown(body string, c *Converted) string {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(body), ctx)
	if err != nil { // the tokenizer accepts anything; only a failing reader errs
		return escapeText(body)
	}
	// Under one parent, so that a run of inline nodes at the top (text, a link, an image)
	// becomes one paragraph with its links and images, as inside a <div>.
	root := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	m := &mdWriter{c: c, notes: findFootnotes(root)}
	m.children(m, root)
	return strings.TrimSpace(blankRuns.ReplaceAllString(m.b.String(), "\n\n")) + "\n"
}

var blankRuns = regexp.MustCompile(`\n{3,}`)

type mdWriter struct {
	b     strings.Builder
	c     *Converted
	notes *footnotes // the body's footnotes (convert_markup.go)
	// The last top-level list written: where it ended, its kind and whether it took the
	// other marker (adjacent lists alternate markers to stay two lists).
	lastListEnd  int
	lastListKind atom.Atom
	lastListAlt  bool
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// isBlock reports whether n is an element rendered as a block of its own.
func isBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Blockquote, atom.Pre,
		atom.Hr, atom.Figure, atom.Table, atom.Div, atom.Section, atom.Article, atom.Aside, atom.Header, atom.Footer,
		atom.Dl, atom.Address, atom.Iframe, atom.Script, atom.Style, atom.Form, atom.Noscript:
		return true
	}
	return isMediaBlock(n) // convert_media.go
}

// block writes a block-level node (or a run of inline content) followed by a blank line.
func (m *mdWriter) block(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		if t := strings.TrimSpace(collapse(n.Data)); t != "" {
			m.b.WriteString(escapeText(t) + "\n\n")
		}
		return
	case html.CommentNode:
		return
	case html.ElementNode:
	default:
		return
	}
	if m.mediaBlock(n) { // galleries, video, audio, embeds… (convert_media.go)
		return
	}
	if m.markupBlock(n) { // lists, pre, dl, footnotes (convert_markup.go)
		return
	}
	switch n.DataAtom {
	case atom.P:
		if s := trimBreaks(m.inline(n)); s != "" {
			m.b.WriteString(s + "\n\n")
		}
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		level := int(n.Data[1] - '0')
		if s := strings.TrimSpace(strings.ReplaceAll(m.inline(n), "\\\n", " ")); s != "" {
			m.b.WriteString(strings.Repeat("#", level) + " " + s + "\n\n")
		}
	case atom.Blockquote:
		inner := m.sub()
		m.children(inner, n)
		m.b.WriteString(prefixLines(strings.TrimSpace(inner.b.String()), "> ") + "\n\n")
	case atom.Hr:
		m.b.WriteString("---\n\n")
	case atom.Figure:
		m.figure(n)
	case atom.Table:
		m.table(n)
	case atom.Iframe:
		if src := attr(n, "src"); src != "" {
			m.b.WriteString("[" + escapeText(src) + "](" + linkDest(src) + ")\n\n")
		}
		m.c.Dropped = append(m.c.Dropped, "iframe")
	case atom.Script, atom.Style, atom.Form, atom.Noscript:
		m.c.Dropped = append(m.c.Dropped, n.Data)
	case atom.Div, atom.Section, atom.Article, atom.Aside, atom.Header, atom.Footer, atom.Address, atom.Body, atom.Html:
		m.children(m, n)
	default:
		// An inline element where a block was expected: the element itself, marks and all.
		if s := strings.TrimSpace(m.inlineNode(n)); s != "" {
			m.b.WriteString(s + "\n\n")
		}
	}
}

// children writes n's children into w as blocks, grouping runs of inline nodes into one paragraph.
func (m *mdWriter) children(w *mdWriter, n *html.Node) {
	var run []*html.Node
	flush := func() {
		if len(run) == 0 {
			return
		}
		var s strings.Builder
		for _, r := range run {
			s.WriteString(w.inlineNode(r))
		}
		if t := trimBreaks(s.String()); t != "" {
			w.b.WriteString(t + "\n\n")
		}
		run = run[:0]
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if isBlock(ch) {
			flush()
			w.block(ch)
			continue
		}
		if ch.Type == html.ElementNode && ch.DataAtom != atom.A && holdsBlock(ch) {
			flush() // tag soup: an inline element around blocks stands for its content
			m.children(w, ch)
			continue
		}
		run = append(run, ch)
	}
	flush()
}

func (m *mdWriter) figure(n *html.Node) {
	var img *html.Node
	var caption, title string
	var link string // the address of the link the image is in
	var walk func(x *html.Node, href string)
	walk = func(x *html.Node, href string) {
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			switch {
			case ch.Type == html.ElementNode && ch.DataAtom == atom.Img && img == nil:
				img, link = ch, href
			case ch.Type == html.ElementNode && ch.DataAtom == atom.Figcaption:
				caption = trimBreaks(m.inline(ch))
				title = strings.TrimSpace(collapse(textOf(ch)))
			case ch.Type == html.ElementNode && ch.DataAtom == atom.A:
				walk(ch, attr(ch, "href"))
			default:
				walk(ch, href)
			}
		}
	}
	walk(n, "")
	if img == nil {
		m.children(m, n)
		return
	}
	if s := m.image(img, title); link != "" && !strings.HasPrefix(strings.ToLower(strings.TrimSpace(link)), "javascript:") {
		m.b.WriteString("[" + s + "](" + linkDest(link) + ")")
	} else {
		m.b.WriteString(s)
	}
	if caption != "" {
		m.b.WriteString("\n*" + caption + "*")
	}
	m.b.WriteString("\n\n")
}

func (m *mdWriter) image(img *html.Node, title string) string {
	src := attr(img, "src")
	m.c.Images = append(m.c.Images, src)
	s := "![" + escapeText(collapse(attr(img, "alt"))) + "](" + linkDest(src)
	if title != "" {
		s += ` "` + strings.ReplaceAll(strings.ReplaceAll(title, `\`, `\\`), `"`, `\"`) + `"`
	}
	return s + ")"
}

// list writes a list as Markdown, its items marked with mark ("-" or "*" for a bulleted
// list, "." or ")" after the number for an ordered one, which starts at its start).
func (m *mdWriter) list(n *html.Node, indent, mark string) string {
	var b strings.Builder
	i := listStart(n)
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode || li.DataAtom != atom.Li {
			continue
		}
		marker := mark + " "
		if n.DataAtom == atom.Ol {
			marker = itoa(i) + mark + " "
			i++
		}
		var text strings.Builder
		var nested strings.Builder
		for ch := li.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.ElementNode && (ch.DataAtom == atom.Ul || ch.DataAtom == atom.Ol) {
				sub := "-"
				if ch.DataAtom == atom.Ol {
					sub = "."
				}
				nested.WriteString(m.list(ch, indent+strings.Repeat(" ", len(marker)), sub))
				continue
			}
			if ch.Type == html.ElementNode && ch.DataAtom == atom.P {
				if text.Len() > 0 {
					text.WriteString(" ")
				}
				text.WriteString(strings.TrimSpace(m.inline(ch)))
				continue
			}
			text.WriteString(m.inlineNode(ch))
		}
		line := trimBreaks(text.String())
		line = strings.ReplaceAll(line, "\\\n", "\\\n"+indent+strings.Repeat(" ", len(marker)))
		b.WriteString(indent + marker + line + "\n" + nested.String())
	}
	return b.String()
}

func (m *mdWriter) table(n *html.Node) {
	var rows [][]string
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.ElementNode && ch.DataAtom == atom.Tr {
				var row []string
				for td := ch.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (td.DataAtom == atom.Td || td.DataAtom == atom.Th) {
						cell := strings.TrimSpace(strings.ReplaceAll(m.inline(td), "\\\n", " "))
						row = append(row, strings.ReplaceAll(cell, "|", `\|`))
					}
				}
				rows = append(rows, row)
				continue
			}
			walk(ch)
		}
	}
	walk(n)
	if len(rows) == 0 {
		return
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	for i, r := range rows {
		for len(r) < width {
			r = append(r, "")
		}
		m.b.WriteString("| " + strings.Join(r, " | ") + " |\n")
		if i == 0 {
			m.b.WriteString("|" + strings.Repeat(" --- |", width) + "\n")
		}
	}
	m.b.WriteString("\n")
}

// inline renders n's children as inline Markdown.
func (m *mdWriter) inline(n *html.Node) string {
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		b.WriteString(m.inlineNode(ch))
	}
	return b.String()
}

func (m *mdWriter) inlineNode(n *html.Node) string {
	switch n.Type {
	case html.TextNode:
		t := collapse(n.Data)
		if prev := n.PrevSibling; prev != nil && prev.Type == html.ElementNode && prev.DataAtom == atom.Br {
			t = strings.TrimLeft(t, " ")
		}
		return escapeText(t)
	case html.ElementNode:
	default:
		return ""
	}
	if s, ok := m.mediaInline(n); ok { // convert_media.go
		return s
	}
	if s, ok := m.markupInline(n); ok { // footnotes, sub, sup… (convert_markup.go)
		return s
	}
	switch n.DataAtom {
	case atom.Br:
		prev := n.PrevSibling
		for prev != nil && prev.Type == html.TextNode && strings.TrimSpace(prev.Data) == "" {
			prev = prev.PrevSibling
		}
		if prev != nil && prev.Type == html.ElementNode && prev.DataAtom == atom.Br {
			return "" // a run of breaks shows as one
		}
		return "\\\n"
	case atom.Strong, atom.B:
		return wrap(m.inline(n), "**")
	case atom.Em, atom.I, atom.Cite:
		return wrap(m.inline(n), "*")
	case atom.Del, atom.S, atom.Strike:
		return wrap(m.inline(n), "~~")
	case atom.Code:
		t := textOf(n)
		if strings.Contains(t, "`") {
			return "`` " + t + " ``"
		}
		return "`" + t + "`"
	case atom.A:
		// A link's text is one line: a block inside it (tag soup) must not start a list.
		text := strings.Join(strings.Fields(strings.ReplaceAll(trimBreaks(m.inline(n)), "\\\n", " ")), " ")
		href := attr(n, "href")
		if href == "" || strings.HasPrefix(strings.ToLower(strings.TrimSpace(href)), "javascript:") {
			return text
		}
		if text == "" {
			text = escapeText(href)
		}
		return "[" + text + "](" + linkDest(href) + ")"
	case atom.Img:
		return m.image(n, attr(n, "title"))
	case atom.Script, atom.Style, atom.Iframe, atom.Form, atom.Noscript:
		m.c.Dropped = append(m.c.Dropped, n.Data)
		return ""
	default:
		if isBlock(n) {
			inner := m.sub()
			inner.block(n)
			return strings.TrimSpace(inner.b.String())
		}
		return m.inline(n)
	}
}
