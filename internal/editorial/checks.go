package editorial

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// MaxHeadlineRunes is the longest headline, in characters, that passes Check.
const MaxHeadlineRunes = 110

// Warning codes returned by Check. They are stable: the newsroom UI and the API match on them.
const (
	CodeImageAlt      = "image_alt"      // an image, or the lead image, has no alt text
	CodeHeadingSkip   = "heading_skip"   // a heading is more than one level below the one before
	CodeHeadingH1     = "heading_h1"     // the body uses h1, which the headline already is
	CodeLinkText      = "link_text"      // link text such as "click here" says nothing about the target
	CodeHeadlineLong  = "headline_long"  // the headline is over MaxHeadlineRunes characters
	CodeHeadlineEmpty = "headline_empty" // the headline is empty or white space
)

// Warning is one problem Check found. Code is one of the Code constants; Message is an
// English sentence naming the offending item.
type Warning struct {
	Code    string
	Message string
}

// Input is what Check looks at: the article as it would be published.
type Input struct {
	Headline     string
	Standfirst   string
	BodyMarkdown string
	// LeadImageAlt is the lead image's alt text; nil means the article has no lead image.
	LeadImageAlt *string
}

// Check runs the pre-publication checks and returns the problems found, headline first,
// then the lead image, then the body in document order. An empty result means the article
// passes. The Markdown is parsed with the same block and inline rules as the article page.
func Check(in Input) []Warning {
	var ws []Warning
	add := func(code, format string, args ...any) {
		ws = append(ws, Warning{Code: code, Message: fmt.Sprintf(format, args...)})
	}

	headline := strings.TrimSpace(in.Headline)
	if headline == "" {
		add(CodeHeadlineEmpty, "The headline is empty.")
	} else if n := utf8.RuneCountInString(headline); n > MaxHeadlineRunes {
		add(CodeHeadlineLong, "The headline is %d characters long; keep it to %d or fewer.", n, MaxHeadlineRunes)
	}
	if in.LeadImageAlt != nil && strings.TrimSpace(*in.LeadImageAlt) == "" {
		add(CodeImageAlt, "The lead image has no alt text; describe what it shows.")
	}

	src := []byte(in.BodyMarkdown)
	doc := newParser().Parse(text.NewReader(src))
	prevLevel := 1 // the headline is the page's h1
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			title := plainText(n, src)
			switch {
			case n.Level == 1:
				add(CodeHeadingH1, "The heading %q is a level-1 heading (#), which is reserved for the headline; use ## for sub-headings.", title)
			case n.Level > prevLevel+1:
				add(CodeHeadingSkip, "The heading %q jumps from level %d to level %d; use %s instead of %s.",
					title, prevLevel, n.Level, strings.Repeat("#", prevLevel+1), strings.Repeat("#", n.Level))
			}
			prevLevel = n.Level
		case *ast.Image:
			if strings.TrimSpace(plainText(n, src)) == "" {
				add(CodeImageAlt, "The image %q has no alt text; describe what it shows.", string(n.Destination))
			}
		case *ast.Link:
			label := plainText(n, src)
			if isVagueLinkText(normalizeLinkText(label)) {
				add(CodeLinkText, "The link to %q says only %q; use words that describe where it goes.",
					string(n.Destination), strings.TrimSpace(label))
			} else if strings.TrimSpace(label) == "" && !hasChild(n, ast.KindImage) {
				add(CodeLinkText, "The link to %q has no text; use words that describe where it goes.", string(n.Destination))
			}
		}
		return ast.WalkContinue, nil
	})
	return ws
}

// newParser returns a Markdown parser with the extensions the article renderer uses
// (tables, strikethrough and footnotes). The typographer is left out: it turns quotes into HTML
// entities, and the checks want the text as written.
func newParser() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote)).Parser()
}

// plainText returns the text inside an inline container as a reader sees it, with the alt
// text of nested images standing in for the images.
func plainText(n ast.Node, src []byte) string {
	var buf bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			buf.Write(inlineText(c.Value(src)))
			if c.SoftLineBreak() || c.HardLineBreak() {
				buf.WriteByte(' ')
			}
		case *ast.String:
			buf.Write(c.Value)
		case *ast.AutoLink:
			buf.Write(c.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return buf.String()
}

// isVagueLinkText reports whether a normalised link text tells a reader (or a screen reader
// listing the page's links) nothing about where the link goes, in English, Russian or
// Azerbaijani.
func isVagueLinkText(s string) bool {
	switch s {
	case "here", "click here", "this", "link", "read more",
		"тут", "здесь",
		"burada", "bura":
		return true
	}
	return false
}

// normalizeLinkText lower-cases s and reduces every run of characters other than letters
// and digits to one space, trimmed, so "Click here!" and "  CLICK — here" both become
// "click here".
func normalizeLinkText(s string) string {
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(fields, " ")
}

// hasChild reports whether any descendant of n is of the given kind.
func hasChild(n ast.Node, kind ast.NodeKind) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c != n && c.Kind() == kind {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}
