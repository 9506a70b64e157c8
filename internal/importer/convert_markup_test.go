package importer

import (
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
)

// TestConvertMarkupRenders converts source HTML the way an import does and renders the
// Markdown as the site does: each case's elements and text must be on the page, and
// nothing the case forbids (a literal backslash, a break beside a block, lists merged).
func TestConvertMarkupRenders(t *testing.T) {
	md := content.NewRenderer()
	for _, tc := range []struct {
		name, in, footnotes string
		ghost               bool // HTML with its paragraphs (ConvertHTML), not WordPress's
		want, not           []string
	}{
		{name: "definition list", in: "<dl>\n\t<dt>Spring tide</dt>\n\t<dd>The <em>largest</em> range.</dd>\n\t<dt>Neap tide</dt>\n\t<dd>The smallest.</dd>\n</dl>\nAfter.",
			want: []string{"<dl>", "<dt>Spring tide</dt>", "<dd>The <em>largest</em> range.</dd>", "<dt>Neap tide</dt>", "<p>After.</p>"}},
		{name: "sub and sup", in: "Water is H<sub>2</sub>O and E = mc<sup>2</sup>.",
			want: []string{"H<sub>2</sub>O", "mc<sup>2</sup>"}},
		{name: "other inline markup", in: `<mark>marked</mark> <u>under</u> <abbr title="Port Authority">PA</abbr> <small>fine print</small>`,
			want: []string{"<mark>marked</mark>", "<u>under</u>", `<abbr title="Port Authority">PA</abbr>`, "<small>fine print</small>"}},
		{name: "ordered list start", in: "<ol start=\"3\">\n<li>Find the day</li>\n<li>Read</li>\n</ol>",
			want: []string{`<ol start="3">`, "<li>Find the day</li>", "<li>Read</li>"}},
		{name: "reversed list", in: "<ol reversed start=\"5\">\n<li>Five</li>\n<li>Four</li>\n</ol>",
			want: []string{`<ol reversed="" start="5">`, "<li>Five</li>", "<li>Four</li>"}},
		{name: "adjacent lists stay two", in: "<ul>\n<li>One pencil</li>\n</ul>\n<ul>\n<li>Two pencils</li>\n</ul>\n<ul>\n<li>Three</li>\n</ul>\n<ol>\n<li>a</li>\n</ol>\n<ol>\n<li>b</li>\n</ol>",
			want: []string{"<ul>\n<li>One pencil</li>\n</ul>\n<ul>\n<li>Two pencils</li>\n</ul>\n<ul>\n<li>Three</li>\n</ul>", "<ol>\n<li>a</li>\n</ol>\n<ol>\n<li>b</li>\n</ol>"}},
		{name: "pre with br keeps its lines", in: "<pre>06:12  0.4 m<br />12:31  3.9 m<br>18:40  0.6 m</pre>",
			want: []string{"<pre><code>06:12  0.4 m\n12:31  3.9 m\n18:40  0.6 m\n</code></pre>"}},
		{name: "pre with backticks", in: "<pre>a ``` b</pre>", want: []string{"<pre><code>a ``` b\n</code></pre>"}},
		{name: "classic footnotes", in: "A claim.<sup id=\"ref1\"><a href=\"#fn1\">1</a></sup> Another.<sup><a href=\"#fn2\">2</a></sup>\n<ol>\n<li id=\"fn1\">The <em>source</em>. <a href=\"#ref1\">↩</a></li>\n<li id=\"fn2\">A second note.</li>\n</ol>",
			want: []string{`<sup id="fnref:1"><a href="#fn:1"`, `<sup id="fnref:2"><a href="#fn:2"`, `<li id="fn:1">`, "The <em>source</em>.", "A second note."},
			not:  []string{"#ref1", "↩</a> "}},
		{name: "wordpress footnotes block", in: "<!-- wp:paragraph -->\n<p>Ninety minutes.<sup data-fn=\"ab-1\" class=\"fn\"><a href=\"#ab-1\" id=\"ab-1-link\">1</a></sup></p>\n<!-- /wp:paragraph -->\n\n<!-- wp:footnotes /-->",
			footnotes: `[{"content":"Timed with a <strong>kitchen</strong> clock.","id":"ab-1"}]`,
			want:      []string{`<a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a>`, `<li id="fn:1">`, "Timed with a <strong>kitchen</strong> clock."},
			not:       []string{"ab-1-link", "wp:footnotes"}},
		{name: "rule before the notes is the renderer's", in: "Claim<sup><a href=\"#n1\">1</a></sup>\n<hr />\n<ol>\n<li id=\"n1\">Note.</li>\n</ol>",
			want: []string{`<li id="fn:1">`}, not: []string{"<hr>\n<div"}},
		{name: "ghost markdown card footnotes", ghost: true,
			in:   `<p>Claim<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup></p><hr class="footnotes-sep"><section class="footnotes"><ol class="footnotes-list"><li id="fn1" class="footnote-item"><p>Note. <a href="#fnref1" class="footnote-backref">↩︎</a></p></li></ol></section>`,
			want: []string{`<a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a>`, "<p>Note.&#160;<a href=\"#fnref:1\""}, not: []string{"[1]", "<hr>\n<div"}},
		{name: "superscript link to no note stays a link", in: `See<sup><a href="#nowhere">3</a></sup>.`,
			want: []string{`<sup><a href="#nowhere">3</a></sup>`}},
		{name: "caption with a link", in: `[caption id="attachment_3" width="800"]<a href="/big.jpg"><img src="/small.jpg" alt="The boat" /></a> The <em>Petrel</em>, photographed by <a href="https://photos.example/k">Kemal</a> for us[/caption]`,
			want: []string{`<a href="/big.jpg"><img src="/small.jpg" alt="The boat"`, "<em>Petrel</em>", `<a href="https://photos.example/k">Kemal</a>`, "for us"}},
		{name: "image inside a link in a figure", in: `<figure class="wp-block-image"><a href="https://example.org/map/"><img src="/ford.jpg" alt="Ford"/></a><figcaption>The ford</figcaption></figure>`,
			want: []string{`<a href="https://example.org/map/"><img src="/ford.jpg" alt="Ford" title="The ford"></a>`, "<em>The ford</em>"}},
		{name: "image inside a link in text", in: `Tap <a href="/full.jpg"><img src="/thumb.jpg" alt="Thumb"></a> to enlarge.`,
			want: []string{`<a href="/full.jpg"><img src="/thumb.jpg" alt="Thumb"></a>`}},
		{name: "no backslash at a paragraph's end", in: "<p>Line one<br>\nline two<br></p><p><br>Next</p>",
			want: []string{"<p>Line one<br>\nline two</p>", "<p>Next</p>"}, not: []string{`\`}},
		{name: "two breaks are a paragraph break in WordPress", in: "One<br><br>\nTwo", want: []string{"<p>One</p>\n<p>Two</p>"}},
		{name: "a run of breaks is one", in: "<p>One<br><br>\n<br>Two</p>", ghost: true, want: []string{"<p>One<br>\nTwo</p>"}},
		{name: "a line after a break is no new block", ghost: true, in: "<p>One<br># two<br>- three<br>4. four<br>===</p>",
			want: []string{"<p>One<br>\n# two<br>\n- three<br>\n4. four<br>\n===</p>"}},
		{name: "classic post", in: "Crews met.\n<h2>Agreed</h2>\n<ul>\n\t<li>night sailings\n<ul>\n\t<li>two a week</li>\n</ul>\n</li>\n</ul>\n<table>\n<tr>\n<td>Alat</td>\n</tr>\n</table>\nMay.",
			want: []string{"<p>Crews met.</p>", "<h2>Agreed</h2>", "<li>night sailings", "<li>two a week</li>", "Alat", "<p>May.</p>"},
			not:  []string{`\`, "<br>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, _ := wordpressFootnotes(tc.in, tc.footnotes)
			conv := ConvertWordPress(body)
			if tc.ghost {
				conv = ConvertHTML(tc.in)
			}
			out, err := md.Render(conv.Markdown)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("page lacks %q\nMarkdown:\n%s\npage:\n%s", w, conv.Markdown, out)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(out, n) {
					t.Errorf("page has %q\nMarkdown:\n%s\npage:\n%s", n, conv.Markdown, out)
				}
			}
		})
	}
}

// TestConvertMarkupReportsWhatHTMLBlocksLose: what the allow-list takes out of an HTML
// block (a frame inside a definition list) is named for the report, not lost in silence.
func TestConvertMarkupReportsWhatHTMLBlocksLose(t *testing.T) {
	conv := ConvertWordPress(`<dl><dt>Map</dt><dd><iframe src="https://maps.example/x"></iframe> Gull Island</dd></dl>`)
	if strings.Contains(conv.Markdown, "iframe") || !strings.Contains(conv.Markdown, "Gull Island") {
		t.Errorf("Markdown = %q", conv.Markdown)
	}
	if strings.Join(conv.Dropped, ",") != "iframe" {
		t.Errorf("Dropped = %v, want [iframe]", conv.Dropped)
	}
	if _, ok := wordpressFootnotes("A<!-- wp:footnotes /-->", ""); ok {
		t.Error("a footnotes block without its notes is not noticed")
	}
}

// FuzzConvertBody feeds the body conversion (wpautop, footnotes, the HTML kept as blocks)
// arbitrary HTML: it must never panic, the Markdown must render, and a <br> must never end
// a paragraph as a literal backslash when the source has none.
func FuzzConvertBody(f *testing.F) {
	for _, s := range []string{"One\ntwo\n\nThree", "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>", "<pre>a<br>b</pre>",
		"x<sup><a href=\"#n\">1</a></sup><hr><ol><li id=\"n\">y</li></ol>", "<dl><dt>a<dd>b</dl>", "<ol reversed><li>x",
		"[caption]<a href=/b><img src=/s></a> t <a href=/c>c</a>[/caption]", "<p>a<br></p><br><br>b", "<pre>", "<video>\n",
		"<!-- wp:footnotes /-->", "<sup><a href=\"#\">", "<blockquote>q\n\nr</blockquote>"} {
		f.Add(s)
	}
	md := content.NewRenderer()
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 16<<10 {
			return
		}
		for _, conv := range []Converted{ConvertWordPress(src), ConvertHTML(src)} {
			out, err := md.Render(conv.Markdown)
			if err != nil {
				t.Fatalf("render %q: %v", conv.Markdown, err)
			}
			if !strings.Contains(src, `\`) && strings.Contains(out, `\`) {
				t.Fatalf("a backslash on the page of %q:\nMarkdown %q\npage %q", src, conv.Markdown, out)
			}
		}
	})
}
