package content

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Renderer turns article Markdown into HTML. Pure Markdown is rendered as goldmark does
// with raw HTML off (dangerous link URLs dropped). When the source holds raw HTML (an
// HTML block or inline tag, as the importer writes for what Markdown cannot say), the
// HTML is kept and the whole output is cleaned by BodyPolicy, so the result is safe to
// print as it is either way. It is safe for concurrent use.
type Renderer struct {
	md  goldmark.Markdown        // parser, and renderer of pure Markdown
	raw func() renderer.Renderer // renderer that keeps raw HTML, for sanitising after; built when first needed
}

// NewRenderer returns a Markdown renderer with typographic, table and footnote extensions.
func NewRenderer() *Renderer {
	exts := []goldmark.Extender{extension.Strikethrough, extension.Typographer, extension.Footnote}
	// The sanitised output cannot carry style, so its table cells align with the align attribute.
	rawTable := extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute))
	return &Renderer{
		md: goldmark.New(goldmark.WithExtensions(append(exts, extension.Table)...)),
		raw: sync.OnceValue(func() renderer.Renderer {
			return goldmark.New(goldmark.WithExtensions(append(exts, rawTable)...),
				goldmark.WithRendererOptions(html.WithUnsafe())).Renderer()
		}),
	}
}

// Render converts Markdown source to HTML.
func (r *Renderer) Render(src string) (string, error) {
	source := []byte(src)
	doc := r.md.Parser().Parse(text.NewReader(source))
	var buf bytes.Buffer
	if !hasRawHTML(doc) {
		if err := r.md.Renderer().Render(&buf, source, doc); err != nil {
			return "", fmt.Errorf("render markdown: %w", err)
		}
		return buf.String(), nil
	}
	if err := r.raw().Render(&buf, source, doc); err != nil {
		return "", fmt.Errorf("render markdown with html: %w", err)
	}
	return bodyPolicy().SanitizeReader(&buf).String(), nil
}

// hasRawHTML reports whether a parsed Markdown document holds raw HTML: an HTML block
// or an inline tag.
func hasRawHTML(doc ast.Node) bool {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHTMLBlock, ast.KindRawHTML:
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}
