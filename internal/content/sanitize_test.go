package content

import "testing"

// TestRenderEmbedCards holds what the body policy does to an embed, the link card the story
// editor and the importer store as one line of HTML: the card as they write it comes
// through unchanged; whatever else is put in or on it (a player, a script, a handler, a
// style, an attribute of ours that the policy does not know, a javascript: or data:
// address) is removed, and its text is kept. No new element or attribute comes through
// with embeds: the public page shows a card with a link, and asks no other site for
// anything.
func TestRenderEmbedCards(t *testing.T) {
	r := NewRenderer()
	const card = `<figure class="nd-embed"><a href="https://www.youtube.com/watch?v=abc&amp;t=5">YouTube: https://www.youtube.com/watch?v=abc&amp;t=5</a>` +
		`<figcaption>The ferry &amp; the &lt;storm&gt;</figcaption></figure>`
	for _, tc := range []struct {
		name, src string
		want      string   // the whole output, if set
		gone      []string // must not appear in the output (lower-cased)
		kept      []string // must appear
	}{
		{name: "as the editor writes it", src: card + "\n", want: card + "\n"},
		{name: "between paragraphs", src: "Before.\n\n" + card + "\n\nAfter.", want: "<p>Before.</p>\n" + card + "\n<p>After.</p>\n"},
		{name: "without a caption", src: `<figure class="nd-embed"><a href="https://t.me/newsdesk/42">Telegram: https://t.me/newsdesk/42</a></figure>` + "\n",
			want: `<figure class="nd-embed"><a href="https://t.me/newsdesk/42">Telegram: https://t.me/newsdesk/42</a></figure>` + "\n"},
		{name: "javascript address", src: `<figure class="nd-embed"><a href="javascript:alert(1)">YouTube: x</a></figure>`,
			gone: []string{"javascript", "href"}, kept: []string{`<figure class="nd-embed">`, "YouTube: x"}},
		{name: "encoded javascript address", src: `<figure class="nd-embed"><a href="&#x6A;avascript:alert(1)">X: y</a></figure>`,
			gone: []string{"avascript", "href"}, kept: []string{"X: y"}},
		{name: "data address", src: `<figure class="nd-embed"><a href="data:text/html;base64,PHNjcmlwdD4=">Link: z</a></figure>`,
			gone: []string{"data:", "href"}, kept: []string{"Link: z"}},
		{name: "provider's iframe", src: `<figure class="nd-embed"><iframe src="https://www.youtube.com/embed/abc" allowfullscreen></iframe>` +
			`<a href="https://www.youtube.com/watch?v=abc">YouTube: watch</a></figure>`,
			gone: []string{"<iframe", "/embed/", "allowfullscreen"}, kept: []string{`<a href="https://www.youtube.com/watch?v=abc">YouTube: watch</a>`}},
		{name: "provider's script", src: `<figure class="nd-embed"><blockquote class="twitter-tweet"><a href="https://x.com/desk/status/1">X: post</a></blockquote>` +
			`<script async src="https://platform.twitter.com/widgets.js"></script></figure>`,
			gone: []string{"<script", "widgets.js", "twitter-tweet"}, kept: []string{`<a href="https://x.com/desk/status/1">X: post</a>`}},
		{name: "event handlers", src: `<figure class="nd-embed" onclick="steal()"><a href="https://vimeo.com/1" onmouseover="x()">Vimeo: 1</a>` +
			`<figcaption onfocus="y()">Cap</figcaption></figure>`,
			gone: []string{"onclick", "onmouseover", "onfocus", "steal"}, kept: []string{`<a href="https://vimeo.com/1">Vimeo: 1</a><figcaption>Cap</figcaption>`}},
		{name: "style and unknown attributes", src: `<figure class="nd-embed" style="position:fixed" data-provider="youtube" data-src="https://evil.example/">` +
			`<a href="https://vimeo.com/2" target="_blank" ping="https://evil.example/">Vimeo: 2</a></figure>`,
			gone: []string{"style", "data-", "target", "ping", "evil.example"}, kept: []string{`<figure class="nd-embed"><a href="https://vimeo.com/2">Vimeo: 2</a></figure>`}},
		{name: "object and embed elements", src: `<figure class="nd-embed"><object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y">` +
			`<a href="https://example.org/">example.org: https://example.org/</a></figure>`,
			gone: []string{"<object", "<embed", "evil.example"}, kept: []string{`<a href="https://example.org/">example.org: https://example.org/</a>`}},
		{name: "image from the provider", src: `<figure class="nd-embed"><img src="https://i.ytimg.com/vi/abc/0.jpg" alt="" onerror="x()"><a href="https://youtu.be/abc">YouTube: abc</a></figure>`,
			gone: []string{"onerror"}, kept: []string{`<a href="https://youtu.be/abc">YouTube: abc</a>`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := renderSafely(t, r, tc.src, tc.gone, tc.kept)
			if tc.want != "" && out != tc.want {
				t.Errorf("Render(%q)\n= %q\nwant %q", tc.src, out, tc.want)
			}
		})
	}
}
