package editorial

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// WordCount counts the words a reader sees once the Markdown is rendered: headings,
// paragraphs, list items, quotes, table cells, link text, code, footnotes and the text of HTML
// blocks (which the renderer keeps, sanitised). Markdown syntax, link and image URLs, image alt
// text, HTML tags and what the sanitiser removes (scripts, styles) are not counted.
//
// A word is a run of letters, digits and combining marks in any script, so Cyrillic and
// Azerbaijani (ə, ğ, ı, ş) count like Latin. An apostrophe or hyphen between two letters
// does not split a word ("don't", "well-known", "Azərbaycan'ın"), nor does a point or comma
// between two digits ("3.5", "1,000"). An autolink such as <https://example.com> is one word.
func WordCount(markdown string) int {
	src := []byte(markdown)
	doc := newParser().Parse(text.NewReader(src))

	var buf strings.Builder
	links := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock {
			buf.WriteByte('\n') // blocks never run into each other
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			buf.Write(inlineText(n.Value(src)))
			if n.SoftLineBreak() || n.HardLineBreak() {
				buf.WriteByte('\n')
			}
		case *ast.String:
			buf.Write(n.Value)
		case *ast.AutoLink:
			links++
			buf.WriteByte(' ')
		case *ast.Image:
			buf.WriteByte(' ')
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				buf.Write(seg.Value(src))
			}
		case *ast.HTMLBlock:
			var block bytes.Buffer
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				block.Write(seg.Value(src))
			}
			if n.HasClosure() {
				block.Write(n.ClosureLine.Value(src))
			}
			buf.WriteString(htmlText(block.Bytes()))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return countWords(buf.String()) + links
}

// hiddenElements are HTML elements whose content a reader never sees (the sanitiser drops it).
var hiddenElements = map[string]bool{"script": true, "style": true, "iframe": true, "object": true,
	"noscript": true, "template": true, "title": true, "textarea": true, "select": true, "svg": true, "math": true}

// htmlText returns the text an HTML fragment shows, each element's text apart from the next.
func htmlText(b []byte) string {
	var out strings.Builder
	hidden := 0
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out.String()
		case html.TextToken:
			if hidden == 0 {
				out.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			if hiddenElements[string(name)] {
				hidden++
			}
			out.WriteByte(' ')
		case html.EndTagToken:
			name, _ := z.TagName()
			if hiddenElements[string(name)] && hidden > 0 {
				hidden--
			}
			out.WriteByte(' ')
		case html.SelfClosingTagToken:
			out.WriteByte(' ')
		}
	}
}

// inlineText turns the source of a text node into what the renderer prints: backslash
// escapes removed and character references resolved.
func inlineText(b []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b)))
}

// countWords counts the words of plain text; see WordCount for what a word is.
func countWords(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			n++
			i += wordLen(s[i:])
			continue
		}
		i += size
	}
	return n
}

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// wordLen returns the byte length of the word at the start of s, which must begin with a
// word rune. Apostrophes and hyphens join letters; points and commas join digits.
func wordLen(s string) int {
	i := 0
	var prev rune
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			prev = r
			i += size
			continue
		}
		next, nextSize := utf8.DecodeRuneInString(s[i+size:])
		if nextSize == 0 || !joins(prev, r, next) {
			break
		}
		prev = next
		i += size + nextSize
	}
	return i
}

// joins reports whether the separator sep keeps the runes on its two sides in one word.
func joins(before, sep, after rune) bool {
	switch sep {
	case '\'', '’', 'ʼ', '-', '‐', '‑':
		return isWordRune(before) && isWordRune(after)
	case '.', ',':
		return unicode.IsDigit(before) && unicode.IsDigit(after)
	}
	return false
}
