package importer

import (
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
)

// TestEmbedCardRoundTrip holds the one model of an embed: the link card the story editor
// stores (web/editor/src/markdown.js, embedHTML: one line, "<site>: <address>" as the
// link's text) renders on the public page as that card, and the importer, reading the
// rendered page back, writes the same line. The lines are the ones the editor writes
// (the browser test TestStoryEditor checks a real one).
func TestEmbedCardRoundTrip(t *testing.T) {
	r := content.NewRenderer()
	for _, line := range []string{
		`<figure class="nd-embed"><a href="https://www.youtube.com/watch?v=abc&amp;t=5">YouTube: https://www.youtube.com/watch?v=abc&amp;t=5</a>` +
			`<figcaption>The ferry &amp; the &lt;storm&gt;</figcaption></figure>`,
		`<figure class="nd-embed"><a href="https://vimeo.com/761234567">Vimeo: https://vimeo.com/761234567</a><figcaption>Dawn</figcaption></figure>`,
		`<figure class="nd-embed"><a href="https://x.com/desk/status/1">X: https://x.com/desk/status/1</a></figure>`,
		`<figure class="nd-embed"><a href="https://t.me/newsdesk/42">Telegram: https://t.me/newsdesk/42</a><figcaption>The channel’s post</figcaption></figure>`,
		`<figure class="nd-embed"><a href="https://www.instagram.com/p/q/">Instagram: https://www.instagram.com/p/q/</a></figure>`,
		`<figure class="nd-embed"><a href="https://www.facebook.com/desk/posts/3">Facebook: https://www.facebook.com/desk/posts/3</a></figure>`,
		`<figure class="nd-embed"><a href="https://www.openstreetmap.org/#map=12/40.4/49.8">openstreetmap.org: https://www.openstreetmap.org/#map=12/40.4/49.8</a>` +
			`<figcaption>Baku</figcaption></figure>`,
	} {
		t.Run(line[39:70], func(t *testing.T) {
			page, err := r.Render(line + "\n")
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(page) != line {
				t.Errorf("Render(%s)\n= %s\nwant the card as stored", line, page)
			}
			if got := ConvertWordPress(page).Markdown; got != line+"\n" {
				t.Errorf("the rendered card converts back to\n%s\nwant\n%s", got, line)
			}
		})
	}
}
