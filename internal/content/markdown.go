package content

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// Renderer turns article Markdown into HTML. Raw HTML in the source is dropped (goldmark's
// default), so the output is safe to print as it is. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// NewRenderer returns a Markdown renderer with typographic and table extensions.
func NewRenderer() *Renderer {
	return &Renderer{md: goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Typographer),
	)}
}

// Render converts Markdown source to HTML.
func (r *Renderer) Render(src string) (string, error) {
	var buf bytes.Buffer
	if err := r.md.Convert([]byte(src), &buf); err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	return buf.String(), nil
}
