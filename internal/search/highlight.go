package search

import (
	"html"
	"html/template"
	"strings"
)

// Fragment is a piece of text, marked when it is a matched word.
type Fragment struct {
	Text string
	Mark bool
}

// Marked is text cut into fragments, the matched words marked.
type Marked []Fragment

// HTML returns the text escaped for HTML, with each matched word in <mark>.
func (m Marked) HTML() template.HTML {
	var b strings.Builder
	for _, f := range m {
		if f.Mark {
			b.WriteString("<mark>" + html.EscapeString(f.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(f.Text))
		}
	}
	return template.HTML(b.String()) // #nosec G203 -- every piece is escaped above
}

// mark appends a matched word, to the mark before it when they touch or only a hyphen
// stands between them: "COP29" (the words "cop" and "29") and "half-empty" are marked as
// one.
func (m Marked) mark(s string) Marked {
	n := len(m)
	switch {
	case n > 0 && m[n-1].Mark:
		m[n-1].Text += s
		return m
	case n > 1 && m[n-2].Mark && isHyphen(m[n-1].Text):
		m[n-2].Text += m[n-1].Text + s
		return m[:n-1]
	}
	return append(m, Fragment{Text: s, Mark: true})
}

func isHyphen(s string) bool { return s == "-" || s == "\u2010" || s == "\u2011" }

// String returns the text without marks.
func (m Marked) String() string {
	var b strings.Builder
	for _, f := range m {
		b.WriteString(f.Text)
	}
	return b.String()
}

// Matcher recognises the words of a text that a plan matched.
type Matcher struct {
	lang     string
	terms    map[string]int // term → the part of the plan it belongs to
	prefixes []prefixPart
	parts    int
}

type prefixPart struct {
	word string
	part int
}

// Matcher returns what recognises the matches of p in texts of language lang; extra are
// further index terms that count as matches of p's last part (the terms a prefix was
// expanded to).
func (a *Analyzer) Matcher(lang string, p Plan, extra []string) Matcher {
	m := Matcher{lang: lang, terms: map[string]int{}, parts: len(p.Include)}
	for i, part := range p.Include {
		for j, t := range part.Terms {
			if part.Prefix && j == len(part.Terms)-1 {
				m.prefixes = append(m.prefixes, prefixPart{part.Word, i})
				for _, x := range extra {
					m.terms[x] = i
				}
			}
			m.terms[t] = i
		}
	}
	return m
}

// part returns the plan part a token matches, or -1.
func (m Matcher) part(t Token) int {
	if i, ok := m.terms[t.Term]; ok {
		return i
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(t.Word, p.word) {
			return p.part
		}
	}
	return -1
}

// Highlight marks the matched words of a short text (a headline) whole.
func (a *Analyzer) Highlight(text string, m Matcher) Marked {
	var out Marked
	last := 0
	a.Tokens(m.lang, text, func(t Token) {
		if m.part(t) < 0 {
			return
		}
		if t.Start > last {
			out = append(out, Fragment{Text: text[last:t.Start]})
		}
		out = out.mark(text[t.Start:t.End])
		last = t.End
	})
	if last < len(text) {
		out = append(out, Fragment{Text: text[last:]})
	}
	return out
}

// snippetScan bounds how much of a text is read to find the passage to show.
const snippetScan = 3 << 10

// Snippet returns a passage of about words words from text: the first that holds every
// part of the query, else the one that holds the most different parts (the earliest of
// them), with the matches marked and an ellipsis where the text was cut. Without a match
// it is the beginning of the text.
func (a *Analyzer) Snippet(text string, m Matcher, words int) Marked {
	words = max(words, 1)
	scan := text
	if len(scan) > snippetScan {
		scan = scan[:snippetScan]
	}
	type tok struct {
		start, end int
		part       int
	}
	var toks []tok
	counts := make([]int, m.parts)
	distinct := 0
	best, bestDistinct, fullAt := 0, 0, -1
	a.TokensWhile(m.lang, scan, func(t Token) bool {
		tk := tok{start: t.Start, end: t.End, part: m.part(t)}
		toks = append(toks, tk)
		i := len(toks) - 1
		if tk.part >= 0 {
			if counts[tk.part]++; counts[tk.part] == 1 {
				distinct++
			}
		}
		if i >= words {
			if old := toks[i-words].part; old >= 0 {
				if counts[old]--; counts[old] == 0 {
					distinct--
				}
			}
		}
		if distinct > bestDistinct {
			best, bestDistinct = max(i-words+1, 0), distinct
			if distinct == m.parts {
				fullAt = i
			}
		}
		// Enough: a window holds every part, and the text after it is read to fill it.
		return fullAt < 0 || i < fullAt+words
	})
	if len(toks) == 0 {
		return nil
	}
	if bestDistinct > 0 { // start a little before the first match, for context
		for j := best; j < len(toks) && j < best+words; j++ {
			if toks[j].part >= 0 {
				best = max(best, j-3)
				break
			}
		}
	}
	end := min(best+words, len(toks)) - 1
	var out Marked
	if best > 0 {
		out = append(out, Fragment{Text: "… "})
	}
	from := toks[best].start
	for _, t := range toks[best : end+1] {
		if t.part < 0 {
			continue
		}
		if t.start > from {
			out = append(out, Fragment{Text: text[from:t.start]})
		}
		out = out.mark(text[t.start:t.end])
		from = t.end
	}
	if toks[end].end > from {
		out = append(out, Fragment{Text: text[from:toks[end].end]})
	}
	rest := text[toks[end].end:]
	if trimmed := strings.TrimSpace(rest); trimmed != "" {
		if strings.Trim(trimmed, ".!?…\"”»)") == "" {
			out = append(out, Fragment{Text: trimmed})
		} else {
			out = append(out, Fragment{Text: " …"})
		}
	}
	return out
}

// PlainText returns the text of an HTML fragment (a rendered story body): tags removed,
// a space where a block ends, entities decoded, runs of white space made one space. It
// trusts nothing about the markup but expects well-formed HTML such as the Markdown
// renderer writes.
func PlainText(s string) string { return collapseSpace(plainText(s)) }

// collapseSpace replaces each run of white space (and no-break spaces) with one space and
// trims the ends.
func collapseSpace(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
		case c == 0xc2 && i+1 < len(s) && s[i+1] == 0xa0: // U+00A0
			i++
		default:
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c)
			continue
		}
		space = true
	}
	return string(b)
}

func plainText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			b.WriteString(unescape(s))
			break
		}
		b.WriteString(unescape(s[:lt]))
		s = s[lt:]
		end := tagEnd(s)
		tag := s[:end]
		s = s[end:]
		name := tagName(tag)
		switch name {
		case "script", "style":
			if strings.HasPrefix(tag, "</") {
				b.WriteByte(' ')
				continue
			}
			if i := strings.Index(strings.ToLower(s), "</"+name); i >= 0 {
				s = s[i:]
			} else {
				s = ""
			}
		case "a", "em", "strong", "b", "i", "u", "s", "code", "span", "sup", "sub", "mark", "small", "abbr",
			"cite", "q", "del", "ins", "kbd", "var", "time", "data", "bdi", "bdo", "wbr":
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}

// tagEnd returns the length of the tag at the start of s (which begins with '<'), quoted
// attribute values included.
func tagEnd(s string) int {
	var quote byte
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return len(s)
}

// tagName returns the lower-case name of a tag ("p" for "<p class=x>" and "</p>").
func tagName(tag string) string {
	t := strings.TrimPrefix(strings.TrimPrefix(tag, "<"), "/")
	end := 0
	for end < len(t) && (t[end] >= 'a' && t[end] <= 'z' || t[end] >= 'A' && t[end] <= 'Z' || t[end] >= '0' && t[end] <= '9') {
		end++
	}
	return strings.ToLower(t[:end])
}
