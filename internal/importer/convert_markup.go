package importer

import (
	"encoding/json"
	"html"
	"regexp"
	"strconv"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsdesk/newsdesk/internal/content"
)

// Text markup of imported bodies that Markdown says differently or cannot say: ordered
// lists' start and reversed order, adjacent lists, <pre> with <br>, footnotes, definition
// lists and inline markup (sub, sup, mark…). What Markdown cannot say is written as HTML
// (an HTML block, or inline tags) cleaned by the body policy the renderer applies too.

// htmlBlankLine matches a blank line, which would end an HTML block in Markdown.
var htmlBlankLine = regexp.MustCompile(`\n[ \t]*(?:\n[ \t]*)+`)

// htmlBlock renders n as HTML that stands as one HTML block in the Markdown, already cleaned
// by the renderer's allow-list (so the body holds what the page will show).
func (m *mdWriter) htmlBlock(n *nethtml.Node) string {
	var b strings.Builder
	if err := nethtml.Render(&b, n); err != nil { // only a failing writer errs
		return escapeText(textOf(n))
	}
	collectImages(n, m.c)
	droppedBySanitiser(n, m.c)
	return strings.TrimSpace(htmlBlankLine.ReplaceAllString(content.SanitizeHTML(b.String()), "\n"))
}

// collectImages notes the images inside n (kept as HTML) for the report and the media intake.
func collectImages(n *nethtml.Node, c *Converted) {
	if n.Type == nethtml.ElementNode && n.DataAtom == atom.Img {
		if src := attr(n, "src"); src != "" {
			c.Images = append(c.Images, src)
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		collectImages(ch, c)
	}
}

// sanitisedAway are the elements the body policy removes with their content.
var sanitisedAway = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Form: true, atom.Svg: true, atom.Math: true, atom.Noscript: true, atom.Template: true}

// droppedBySanitiser notes, for the report, the elements inside n that its HTML block loses.
func droppedBySanitiser(n *nethtml.Node, c *Converted) {
	if n.Type == nethtml.ElementNode && sanitisedAway[n.DataAtom] {
		c.Dropped = append(c.Dropped, n.Data)
		return
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		droppedBySanitiser(ch, c)
	}
}

// inlineTags are the inline elements Markdown has no syntax for, kept as tags.
var inlineTags = map[atom.Atom]bool{atom.Sub: true, atom.Sup: true, atom.Mark: true, atom.Small: true, atom.U: true,
	atom.Ins: true, atom.Q: true, atom.Abbr: true}

// markupBlock writes the blocks this file knows (lists, pre, dl, footnotes) and reports
// whether n was one.
func (m *mdWriter) markupBlock(n *nethtml.Node) bool {
	switch n.DataAtom {
	case atom.Ul, atom.Ol:
		switch {
		case m.notes.lists[n]:
			m.b.WriteString(m.footnoteDefinitions(n))
		case n.DataAtom == atom.Ol && (hasAttr(n, "reversed") || !markdownStart(attr(n, "start"))):
			m.b.WriteString(m.htmlBlock(n) + "\n\n")
		default:
			m.topList(n)
		}
	case atom.Pre:
		m.pre(n)
	case atom.Dl:
		m.b.WriteString(m.htmlBlock(n) + "\n\n")
	case atom.Hr:
		// A rule right before the notes: the renderer draws its own above them.
		next := n.NextSibling
		for next != nil && next.Type == nethtml.TextNode && strings.TrimSpace(next.Data) == "" {
			next = next.NextSibling
		}
		if next == nil || !m.notes.only(next) {
			return false
		}
	default:
		return false
	}
	return true
}

// topList writes a list that is not inside another. A list right after another of the same
// kind takes the other marker (* for -, ) for .), or Markdown would make the two one list.
func (m *mdWriter) topList(n *nethtml.Node) {
	alt := m.b.Len() > 0 && m.b.Len() == m.lastListEnd && m.lastListKind == n.DataAtom && !m.lastListAlt
	mark := "-"
	switch {
	case n.DataAtom == atom.Ol && alt:
		mark = ")"
	case n.DataAtom == atom.Ol:
		mark = "."
	case alt:
		mark = "*"
	}
	m.b.WriteString(m.list(n, "", mark) + "\n")
	m.lastListEnd, m.lastListKind, m.lastListAlt = m.b.Len(), n.DataAtom, alt
}

// holdsBlock reports whether a block element is inside n.
func holdsBlock(n *nethtml.Node) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if isBlock(ch) || holdsBlock(ch) {
			return true
		}
	}
	return false
}

// markdownStart reports whether an ordered list's start attribute is one Markdown can
// write as its first number (none, or 0 to 999999999).
func markdownStart(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	v, err := strconv.Atoi(s)
	return err == nil && v >= 0 && v <= 999999999
}

// listStart is the number of an ordered list's first item.
func listStart(n *nethtml.Node) int {
	if v, err := strconv.Atoi(strings.TrimSpace(attr(n, "start"))); err == nil && v >= 0 {
		return v
	}
	return 1
}

func hasAttr(n *nethtml.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// pre writes a <pre> as a fenced code block: its lines as they are, a <br> as a newline.
func (m *mdWriter) pre(n *nethtml.Node) {
	text := strings.TrimRight(preText(n), "\n")
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	m.b.WriteString(fence + "\n" + text + "\n" + fence + "\n\n")
}

// preText is the text of a <pre>, with a newline for each <br>.
func preText(n *nethtml.Node) string {
	var b strings.Builder
	var walk func(*nethtml.Node)
	walk = func(x *nethtml.Node) {
		switch {
		case x.Type == nethtml.TextNode:
			b.WriteString(x.Data)
		case x.Type == nethtml.ElementNode && x.DataAtom == atom.Br:
			b.WriteString("\n")
		}
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}

// markupInline renders the inline elements this file knows (footnote references and
// back-links, sub, sup and the other tags Markdown lacks) and reports whether n was one.
func (m *mdWriter) markupInline(n *nethtml.Node) (string, bool) {
	if num, ok := m.notes.reference(n); ok {
		return "[^" + strconv.Itoa(num) + "]", true
	}
	if n.DataAtom == atom.A && m.notes.isBacklink(n) {
		return "", true
	}
	if !inlineTags[n.DataAtom] {
		return "", false
	}
	inner := m.inline(n)
	if strings.TrimSpace(inner) == "" {
		return inner, true
	}
	open := "<" + n.Data + ">"
	if t := attr(n, "title"); n.DataAtom == atom.Abbr && t != "" {
		open = `<abbr title="` + html.EscapeString(t) + `">`
	}
	return open + inner + "</" + n.Data + ">", true
}

// footnotes are the notes of a body: ordered lists whose every item is the target of a
// reference, a superscript link to it (WordPress's footnotes block, or <sup><a href="#fn1">
// written by hand). They become Markdown footnotes.
type footnotes struct {
	number map[string]int         // a note's id → its number
	lists  map[*nethtml.Node]bool // the lists that hold notes
	refs   map[string]bool        // the ids of the references, which notes link back to
}

// findFootnotes finds the footnotes of the body under root.
func findFootnotes(root *nethtml.Node) *footnotes {
	f := &footnotes{number: map[string]int{}, lists: map[*nethtml.Node]bool{}, refs: map[string]bool{}}
	targets := map[string]bool{}
	var refs, lists []*nethtml.Node
	var walk func(*nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode {
			switch n.DataAtom {
			case atom.A:
				if id, ok := fragment(n); ok && nearSup(n) {
					targets[id] = true
					refs = append(refs, n)
				}
			case atom.Ol, atom.Ul:
				lists = append(lists, n)
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(root)
	if len(targets) == 0 {
		return f
	}
	for _, l := range lists {
		var ids []string
		for li := l.FirstChild; li != nil; li = li.NextSibling {
			if li.Type != nethtml.ElementNode {
				continue
			}
			id := noteID(li)
			if li.DataAtom != atom.Li || !targets[id] {
				ids = nil
				break
			}
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			continue
		}
		f.lists[l] = true
		for _, id := range ids {
			f.number[id] = len(f.number) + 1
		}
	}
	for _, a := range refs {
		if id, _ := fragment(a); f.number[id] > 0 {
			for _, x := range []*nethtml.Node{a, a.Parent, a.FirstChild} {
				if x != nil && attr(x, "id") != "" {
					f.refs[attr(x, "id")] = true
				}
			}
		}
	}
	return f
}

// fragment is the id an in-page link points at.
func fragment(a *nethtml.Node) (string, bool) {
	href := strings.TrimSpace(attr(a, "href"))
	if len(href) < 2 || href[0] != '#' {
		return "", false
	}
	return href[1:], true
}

// nearSup reports whether a link is a superscript's only content or holds a superscript.
func nearSup(a *nethtml.Node) bool {
	if p := a.Parent; p != nil && p.DataAtom == atom.Sup {
		return true
	}
	for ch := a.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == nethtml.ElementNode && ch.DataAtom == atom.Sup {
			return true
		}
	}
	return false
}

// noteID is the id of a list item that is a note: its own, or that of the anchor it starts with.
func noteID(li *nethtml.Node) string {
	if id := attr(li, "id"); id != "" {
		return id
	}
	for ch := li.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == nethtml.ElementNode {
			if id := attr(ch, "id"); id != "" {
				return id
			}
			return attr(ch, "name")
		}
		if strings.TrimSpace(ch.Data) != "" {
			return ""
		}
	}
	return ""
}

// reference is the number of the note n refers to: n is a superscript holding only a link
// to a note, or such a link.
func (f *footnotes) reference(n *nethtml.Node) (int, bool) {
	if len(f.number) == 0 || n.Type != nethtml.ElementNode {
		return 0, false
	}
	a := n
	if n.DataAtom == atom.Sup {
		a = nil
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			switch {
			case ch.Type == nethtml.ElementNode && ch.DataAtom == atom.A && a == nil:
				a = ch
			case ch.Type == nethtml.TextNode && strings.TrimSpace(ch.Data) == "":
			default:
				return 0, false
			}
		}
	}
	if a == nil || a.DataAtom != atom.A {
		return 0, false
	}
	id, ok := fragment(a)
	if !ok || f.number[id] == 0 || !nearSup(a) {
		return 0, false
	}
	return f.number[id], true
}

// only reports whether n is a list of notes, or an element that holds only one.
func (f *footnotes) only(n *nethtml.Node) bool {
	if f.lists[n] {
		return true
	}
	var inner *nethtml.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch {
		case ch.Type == nethtml.TextNode && strings.TrimSpace(ch.Data) == "":
		case ch.Type == nethtml.ElementNode && inner == nil:
			inner = ch
		default:
			return false
		}
	}
	return inner != nil && f.only(inner)
}

// isBacklink reports whether a is a note's link back to its reference.
func (f *footnotes) isBacklink(a *nethtml.Node) bool {
	id, ok := fragment(a)
	return ok && f.refs[id]
}

// footnoteDefinitions writes a list of notes as Markdown footnote definitions (the
// renderer lists them at the end of the story, with its own links back).
func (m *mdWriter) footnoteDefinitions(l *nethtml.Node) string {
	var b strings.Builder
	for li := l.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != nethtml.ElementNode {
			continue
		}
		inner := m.sub()
		inner.children(inner, li)
		text := strings.TrimSpace(inner.b.String())
		text = indentLines(text, "    ") // later paragraphs belong to the note
		b.WriteString("[^" + strconv.Itoa(m.notes.number[noteID(li)]) + "]: " + text + "\n\n")
	}
	return b.String()
}

// indentLines indents every line of s but the first by prefix (blank lines stay blank).
func indentLines(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i := 1; i < len(lines); i++ {
		if lines[i] != "" {
			lines[i] = prefix + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// sub returns a writer for a part of the body, sharing what was found in the whole.
func (m *mdWriter) sub() *mdWriter {
	return &mdWriter{c: m.c, notes: m.notes}
}

// wordpressFootnotes puts the notes of WordPress's footnotes block, which the editor keeps
// in the post's "footnotes" field (JSON: id and content of each), where the block stands,
// as the list WordPress prints there. A body without the block is returned as it is; ok is
// false when the block is there but its notes are not (missing or unreadable field).
func wordpressFootnotes(body, field string) (_ string, ok bool) {
	const block = "<!-- wp:footnotes /-->"
	if !strings.Contains(body, block) {
		return body, true
	}
	var notes []struct {
		ID      string `json:"id"`
		Content string `json:"content"`
	}
	if err := json.Unmarshal([]byte(field), &notes); err != nil || len(notes) == 0 {
		return body, false
	}
	var b strings.Builder
	b.WriteString(`<ol class="wp-block-footnotes">`)
	for _, n := range notes {
		id := html.EscapeString(n.ID)
		b.WriteString(`<li id="` + id + `">` + n.Content + ` <a href="#` + id + `-link">↩︎</a></li>`)
	}
	b.WriteString("</ol>")
	return strings.Replace(body, block, b.String(), 1), true
}

// trimBreaks takes the line breaks (Markdown's "\" at a line's end) and spaces off both
// ends of a block's text, where a break would show as a literal backslash, and escapes
// what, at the start of a line after a break, Markdown would read as a new block.
func trimBreaks(s string) string {
	for {
		t := strings.TrimSpace(s)
		t = strings.TrimPrefix(t, "\\\n")
		if n := len(t) - len(strings.TrimRight(t, `\`)); n%2 == 1 { // an odd one out is a break
			t = t[:len(t)-1]
		}
		if t == s {
			break
		}
		s = t
	}
	if !strings.Contains(s, "\\\n") {
		return s
	}
	lines := strings.Split(s, "\\\n")
	for i := 1; i < len(lines); i++ {
		l := strings.TrimLeft(lines[i], " \t")
		if loc := blockAfterBreak.FindStringSubmatchIndex(l); loc != nil {
			at := loc[0]
			if loc[2] >= 0 { // a number: escape its . or )
				at = loc[3]
			}
			l = l[:at] + `\` + l[at:]
		}
		lines[i] = l
	}
	return strings.Join(lines, "\\\n")
}

// blockAfterBreak matches the start of a line that Markdown would take for a new block
// (heading, quote, list item, fence, thematic break or setext underline); group 1 is a
// list item's number.
var blockAfterBreak = regexp.MustCompile("^(?:#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|(\\d{1,9})[.)](?:[ \t]|$)|`{3,}|~{3,}|[-_*=](?:[ \t]*[-_*=])*[ \t]*$)")
