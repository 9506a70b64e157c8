package importer

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
)

// TestGhostCards renders each Ghost card, converts it as a Ghost body is, and renders the
// Markdown as the page shows it.
func TestGhostCards(t *testing.T) {
	const img = "https://ghost.example/content/images/2026/05/"
	cases := []struct {
		name    string
		payload map[string]any
		md      []string // in the Markdown
		html    []string // in the rendered HTML
		dropped []string
	}{
		{"image", map[string]any{"src": img + "a.jpg", "alt": "Mill", "caption": "The <em>mill</em>", "href": "https://mill.example/"}, nil,
			[]string{`<a href="https://mill.example/"><img src="` + img + `a.jpg" alt="Mill"`, "<em>mill</em>"}, nil},
		{"code", map[string]any{"code": "x := 1\n", "language": "go", "caption": "The counter"}, []string{"```go\nx := 1\n```", "The counter"},
			[]string{`<code class="language-go">x := 1`, "<p>The counter</p>"}, nil},
		{"code", map[string]any{"code": "rm", "language": `go"><script>`}, []string{"```\nrm\n```"}, nil, nil},
		{"gallery", map[string]any{"images": []any{
			map[string]any{"src": img + "g1.jpg", "alt": "One", "caption": "First"},
			map[string]any{"src": img + "g2.jpg", "alt": "Two", "caption": "Second"}}, "caption": "Both"}, nil,
			[]string{`<figure class="nd-gallery"><figure><img src="` + img + `g1.jpg" alt="One"><figcaption>First</figcaption></figure><figure><img src="` + img + `g2.jpg" alt="Two"><figcaption>Second</figcaption></figure><figcaption>Both</figcaption></figure>`}, nil},
		{"video", map[string]any{"src": img + "../media/v.mp4", "thumbnailSrc": img + "v.jpg", "caption": "Wheel", "width": 640.0, "height": 360.0}, nil,
			[]string{`<figure class="nd-video"><video controls="" preload="metadata" poster="` + img + `v.jpg" width="640" height="360" src="` + img + `../media/v.mp4"></video><figcaption>Wheel</figcaption></figure>`}, nil},
		{"audio", map[string]any{"src": "https://ghost.example/content/media/a.mp3", "title": "Water & stone"}, nil,
			[]string{`<audio controls="" preload="metadata" src="https://ghost.example/content/media/a.mp3"></audio><figcaption>Water &amp; stone</figcaption>`}, nil},
		{"file", map[string]any{"src": "https://ghost.example/content/files/plan.pdf", "fileTitle": "The plan", "fileName": "plan.pdf", "fileCaption": "Two pages"},
			[]string{"[The plan](https://ghost.example/content/files/plan.pdf)", "Two pages"}, nil, []string{"the file card's file name and size (its link is kept)"}},
		{"embed", map[string]any{"url": "https://www.youtube.com/watch?v=m", "caption": "Start-up", "metadata": map[string]any{"title": "The wheel turns"}}, nil,
			[]string{`<figure class="nd-embed"><a href="https://www.youtube.com/watch?v=m">YouTube: The wheel turns</a><figcaption>Start-up</figcaption></figure>`}, nil},
		{"bookmark", map[string]any{"url": "https://mill.example/history", "metadata": map[string]any{"title": "History", "description": "Since 1890", "thumbnail": img + "t.jpg"}}, nil,
			[]string{`<a href="https://mill.example/history">mill.example: History</a><figcaption>Since 1890</figcaption>`}, []string{"the bookmark card's thumbnail image"}},
		{"callout", map[string]any{"calloutEmoji": "💡", "calloutText": "Bring <b>boots</b>"}, []string{"> 💡 Bring **boots**"}, nil, nil},
		{"toggle", map[string]any{"heading": "Opening hours", "content": "<p>Nine to five</p>"}, []string{"#### Opening hours\n\nNine to five"}, nil, nil},
		{"button", map[string]any{"buttonText": "Visit", "buttonUrl": "https://mill.example/"}, []string{"[Visit](https://mill.example/)"}, nil, nil},
		{"header", map[string]any{"header": "Open day", "subheader": "All welcome", "buttonText": "Book", "buttonUrl": "https://mill.example/book"},
			[]string{"## Open day", "All welcome", "[Book](https://mill.example/book)"}, nil, nil},
		{"signup", map[string]any{"header": "Subscribe"}, nil, nil, []string{"Ghost signup card (a subscription form)"}},
		{"nft", map[string]any{}, nil, nil, []string{"Ghost nft card"}},
		{"paywall", map[string]any{}, nil, nil, nil},
	}
	r := content.NewRenderer()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := ConvertHTML("<p>Before.</p>" + cardHTML(c.name, c.payload) + "<p>After.</p>")
			out, err := r.Render(conv.Markdown)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range append([]string{"Before.", "After."}, c.md...) {
				if !strings.Contains(conv.Markdown, want) {
					t.Errorf("Markdown lacks %q:\n%s", want, conv.Markdown)
				}
			}
			for _, want := range c.html {
				if !strings.Contains(out, want) {
					t.Errorf("HTML lacks %q:\n%s", want, out)
				}
			}
			if !slices.Equal(conv.Dropped, c.dropped) {
				t.Errorf("dropped %q, want %q", conv.Dropped, c.dropped)
			}
			if strings.Contains(out, "<script") || strings.Contains(out, droppedTag) {
				t.Errorf("HTML:\n%s", out)
			}
		})
	}
}

// TestLexicalCards reads cards from a Lexical document with every field.
func TestLexicalCards(t *testing.T) {
	doc := `{"root":{"type":"root","children":[
		{"type":"paragraph","children":[{"type":"extended-text","text":"Intro"}]},
		{"type":"image","src":"https://g.example/a.jpg","altText":"Wheel","caption":"Turning","href":"https://g.example/big"},
		{"type":"codeblock","code":"print(1)","language":"python","caption":"One line"},
		{"type":"video","src":"https://g.example/v.mp4","caption":"Spin"}]}}`
	h, err := lexicalHTML(doc)
	if err != nil {
		t.Fatal(err)
	}
	conv := ConvertHTML(h)
	for _, want := range []string{"Intro", `alt="Wheel"`, "https://g.example/big", "```python\nprint(1)\n```", "One line",
		`<figure class="nd-video"><video controls preload="metadata" src="https://g.example/v.mp4"></video><figcaption>Spin</figcaption></figure>`} {
		if !strings.Contains(h+conv.Markdown, want) {
			t.Errorf("lacks %q:\n%s\n%s", want, h, conv.Markdown)
		}
	}
	if !strings.Contains(conv.Markdown, "https://g.example/big") {
		t.Errorf("the image's link is lost:\n%s", conv.Markdown)
	}
}
