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

// MaxStandfirstRunes is the longest standfirst, in characters, that passes Check.
const MaxStandfirstRunes = 300

// MinBodyWords is the fewest words a body may have before Check calls it very short.
const MinBodyWords = 40

// Warning codes returned by Check. They are stable: the newsroom UI and the API match on them.
const (
	CodeImageAlt      = "image_alt"      // an image, or the lead image, has no alt text
	CodeHeadingSkip   = "heading_skip"   // a heading is more than one level below the one before
	CodeHeadingH1     = "heading_h1"     // the body uses h1, which the headline already is
	CodeLinkText      = "link_text"      // link text such as "click here" says nothing about the target
	CodeHeadlineLong  = "headline_long"  // the headline is over MaxHeadlineRunes characters
	CodeHeadlineEmpty = "headline_empty" // the headline is empty or white space

	// Advice: what a story is usually better with, which never blocks publication.
	CodeHeadlineCaps    = "headline_caps"    // the headline is written in capital letters
	CodeStandfirstEmpty = "standfirst_empty" // there is no standfirst
	CodeStandfirstLong  = "standfirst_long"  // the standfirst is over MaxStandfirstRunes characters
	CodeTagsEmpty       = "tags_empty"       // the story has no tags
	CodeBodyShort       = "body_short"       // the body has fewer than MinBodyWords words
)

// Warning is one problem Check found. Code is one of the Code constants; Message is an
// English sentence naming the offending item. Format and Args are the Message before
// formatting, so that a screen can show it in its reader's language.
type Warning struct {
	Code    string
	Message string
	Format  string
	Args    []any
	// Advice is true for a warning that tells what would make the story better but does
	// not stop it (a site that blocks publication on failed checks still publishes it).
	Advice bool
}

// Blocking reports whether any of ws is more than advice.
func Blocking(ws []Warning) bool {
	for _, w := range ws {
		if !w.Advice {
			return true
		}
	}
	return false
}

// Input is what Check looks at: the article as it would be published.
type Input struct {
	Headline     string
	Standfirst   string
	BodyMarkdown string
	// LeadImageAlt is the lead image's alt text; nil means the article has no lead image.
	LeadImageAlt *string
	Tags         []string
}

// Check runs the pre-publication checks and returns the problems found, headline first,
// then the lead image, then the body in document order, then the advice (Advice). An
// empty result means the article passes. The Markdown is parsed with the same block and
// inline rules as the article page.
func Check(in Input) []Warning {
	var ws, advice []Warning
	add := func(code, format string, args ...any) {
		ws = append(ws, Warning{Code: code, Message: fmt.Sprintf(format, args...), Format: format, Args: args})
	}
	advise := func(code, format string, args ...any) {
		advice = append(advice, Warning{Code: code, Message: fmt.Sprintf(format, args...), Format: format, Args: args, Advice: true})
	}

	headline := strings.TrimSpace(in.Headline)
	if headline == "" {
		add(CodeHeadlineEmpty, "The headline is empty.")
	} else if n := utf8.RuneCountInString(headline); n > MaxHeadlineRunes {
		add(CodeHeadlineLong, "The headline is %d characters long; keep it to %d or fewer.", n, MaxHeadlineRunes)
	}
	if shouting(headline) {
		advise(CodeHeadlineCaps, "The headline is in capital letters; write it in sentence case.")
	}
	standfirst := strings.TrimSpace(in.Standfirst)
	if standfirst == "" {
		advise(CodeStandfirstEmpty, "There is no standfirst; add a sentence or two that sums up the story.")
	} else if n := utf8.RuneCountInString(standfirst); n > MaxStandfirstRunes {
		advise(CodeStandfirstLong, "The standfirst is %d characters long; keep it to %d or fewer.", n, MaxStandfirstRunes)
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
	if n := WordCount(in.BodyMarkdown); n == 0 {
		advise(CodeBodyShort, "The body is empty.")
	} else if n < MinBodyWords {
		advise(CodeBodyShort, "The body has only %d words; a story usually needs at least %d.", n, MinBodyWords)
	}
	if !hasTag(in.Tags) {
		advise(CodeTagsEmpty, "The story has no tags; add at least one so that readers find related stories.")
	}
	return append(ws, advice...)
}

// shouting reports whether a headline is written in capitals: at least eight letters and
// none of them lower-case (an acronym among ordinary words is fine).
func shouting(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 8
}

func hasTag(tags []string) bool {
	for _, t := range tags {
		if strings.TrimSpace(t) != "" {
			return true
		}
	}
	return false
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
	case "here", "click here", "click", "this", "link", "this link", "more", "read more", "read more here", "click this link",
		"тут", "здесь", "нажмите здесь", "подробнее", "ссылка", "по ссылке",
		"burada", "bura", "buraya", "buraya klikləyin", "ətraflı", "keçid":
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
