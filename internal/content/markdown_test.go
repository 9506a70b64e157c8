package content

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// TestRenderSanitisesRawHTML feeds raw HTML that could run code, restyle or clobber the
// page: each hostile part must be gone from the output and the text around it kept.
func TestRenderSanitisesRawHTML(t *testing.T) {
	r := NewRenderer()
	for _, tc := range []struct {
		name, src string
		gone      []string // must not appear in the output (lower-cased)
		kept      []string // must appear
	}{
		{"script block", "<script>alert(1)</script>\n\nAfter.", []string{"<script", "alert(1)"}, []string{"<p>After.</p>"}},
		{"inline script", "Before <script>alert(2)</script> after.", []string{"<script", "alert(2)"}, []string{"Before", "after."}},
		{"event handler", `<p onclick="steal()" onmouseover="x()">Tap</p>`, []string{"onclick", "onmouseover", "steal"}, []string{"<p>Tap</p>"}},
		{"img onerror", `Photo <img src="/media/a.jpg" alt="A" onerror="alert(1)">`, []string{"onerror"}, []string{`<img src="/media/a.jpg" alt="A">`}},
		{"javascript link", `<a href="javascript:alert(1)">click</a>`, []string{"javascript", "href"}, []string{"click"}},
		{"encoded javascript link", `<a href="&#106;avascript:alert(1)">click</a>`, []string{"avascript", "href"}, []string{"click"}},
		{"spaced javascript link", "<a href=\" \tjavascript:alert(1)\">click</a>", []string{"javascript", "href"}, []string{"click"}},
		{"vbscript link", `<a href="vbscript:msgbox">click</a>`, []string{"vbscript"}, []string{"click"}},
		{"style attribute", `<p style="position:fixed;top:0">Over</p>`, []string{"style", "fixed"}, []string{"<p>Over</p>"}},
		{"style element", "<style>body{display:none}</style>\n\nText.", []string{"<style", "display"}, []string{"Text."}},
		{"iframe", `<iframe src="https://evil.example/"></iframe>Rest`, []string{"<iframe", "evil.example"}, []string{"Rest"}},
		{"object and embed", `<object data="x.swf"></object><embed src="x.swf">Rest`, []string{"<object", "<embed", "x.swf"}, []string{"Rest"}},
		{"svg", `<svg onload="alert(1)"><circle r="4"/></svg>Rest`, []string{"<svg", "onload", "<circle"}, []string{"Rest"}},
		{"form", `<form action="https://evil.example/"><input name="pw"><button>Go</button></form>`, []string{"<form", "<input", "<button", "evil.example"}, nil},
		{"data image", `<img src="data:image/png;base64,iVBORw0KGgo=" alt="Dot">`, []string{"data:"}, []string{`alt="Dot"`}},
		{"data link", `<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`, []string{"data:"}, []string{"x"}},
		{"video poster script", `<video controls poster="javascript:x" src="/media/v.mp4"><source src="javascript:y"></video>`, []string{"javascript"}, []string{`<video controls="" src="/media/v.mp4">`}},
		{"id clobbering", `<p id="header">A</p><img name="getElementById" id="search" src="/a.png" alt="">`, []string{"id=", "name="}, []string{"<p>A</p>"}},
		{"foreign class", `<p class="admin-banner">A</p><figure class="nd-gallery wp-block-gallery">B</figure>`, []string{"class"}, []string{"<p>A</p>", "<figure>B</figure>"}},
		{"meta and base", `<meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">Text`, []string{"<meta", "<base", "evil"}, []string{"Text"}},
		{"srcdoc and formaction", `<p srcdoc="x" formaction="y">P</p>`, []string{"srcdoc", "formaction"}, []string{"<p>P</p>"}},
		{"markdown javascript link beside html", "[x](javascript:alert(1)) <b>bold</b>", []string{"javascript"}, []string{"<b>bold</b>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			renderSafely(t, r, tc.src, tc.gone, tc.kept)
		})
	}
}

// TestRenderKeepsAllowedHTML checks that what the allow-list promises comes through as written.
func TestRenderKeepsAllowedHTML(t *testing.T) {
	r := NewRenderer()
	for _, tc := range []struct{ name, src, want string }{
		{"definition list", "<dl><dt>Term</dt><dd>Meaning</dd></dl>", "<dl><dt>Term</dt><dd>Meaning</dd></dl>"},
		{"sub and sup", "H<sub>2</sub>O and E = mc<sup>2</sup>", "<p>H<sub>2</sub>O and E = mc<sup>2</sup></p>"},
		{"ordered list start reversed", `<ol start="5" reversed><li>five</li></ol>`, `<ol start="5" reversed=""><li>five</li></ol>`},
		{"inline markup", `<mark>m</mark> <small>s</small> <cite>c</cite> <q>q</q> <abbr title="World Health Organization">WHO</abbr> <u>u</u> <s>s</s> <del>d</del>`,
			`<mark>m</mark> <small>s</small> <cite>c</cite> <q>q</q> <abbr title="World Health Organization">WHO</abbr> <u>u</u> <s>s</s> <del>d</del>`},
		{"links", `<a href="https://example.org/a?b=1" title="T">x</a> <a href="mailto:desk@example.org">m</a> <a href="/rel/">r</a> <a href="#fn1">1</a>`,
			`<a href="https://example.org/a?b=1" title="T">x</a> <a href="mailto:desk@example.org">m</a> <a href="/rel/">r</a> <a href="#fn1">1</a>`},
		{"image", `<img src="https://example.org/a.jpg" alt="A" title="T" width="640" height="480">`, `<img src="https://example.org/a.jpg" alt="A" title="T" width="640" height="480">`},
		{"figure", `<figure class="nd-embed"><a href="https://example.org/v">Watch</a><figcaption>Cap</figcaption></figure>`,
			`<figure class="nd-embed"><a href="https://example.org/v">Watch</a><figcaption>Cap</figcaption></figure>`},
		{"video", `<figure class="nd-video"><video controls preload="metadata" poster="/media/p.jpg" width="640" height="360" src="/media/v.mp4"><source src="/media/v.webm" type="video/webm"><track src="/media/v.vtt" kind="captions" srclang="en" label="English"></video></figure>`,
			`<figure class="nd-video"><video controls="" preload="metadata" poster="/media/p.jpg" width="640" height="360" src="/media/v.mp4"><source src="/media/v.webm" type="video/webm"><track src="/media/v.vtt" kind="captions" srclang="en" label="English"></video></figure>`},
		{"audio", `<audio controls preload="none" src="/media/a.mp3"></audio>`, `<audio controls="" preload="none" src="/media/a.mp3"></audio>`},
		{"table", `<table><thead><tr><th>a</th></tr></thead><tbody><tr><td colspan="2" rowspan="1" align="right">b</td></tr></tbody><tfoot><tr><td>c</td></tr></tfoot></table>`,
			`<table><thead><tr><th>a</th></tr></thead><tbody><tr><td colspan="2" rowspan="1" align="right">b</td></tr></tbody><tfoot><tr><td>c</td></tr></tfoot></table>`},
		{"details", "<details><summary>More</summary><p>Hidden</p></details>", "<details><summary>More</summary><p>Hidden</p></details>"},
		{"code language", `<pre><code class="language-go">x := 1</code></pre>`, `<pre><code class="language-go">x := 1</code></pre>`},
		{"footnote ids", `<p>A<sup id="fnref-1"><a href="#fn-1">1</a></sup></p><ol><li id="fn-1">Note <a href="#fnref-1">back</a></li></ol>`,
			`<p>A<sup id="fnref-1"><a href="#fn-1">1</a></sup></p><ol><li id="fn-1">Note <a href="#fnref-1">back</a></li></ol>`},
		{"markdown image beside html keeps goldmark's form", "<b>x</b> ![Quay & pier](/media/0123456789abcdef0123456789abcdef-640.jpg)",
			`<img src="/media/0123456789abcdef0123456789abcdef-640.jpg" alt="Quay &amp; pier">`}, // newsroom.inlineImg matches this form
		{"markdown table aligns", "<b>x</b>\n\n| a | b |\n|:--|--:|\n| c | d |", `<th align="left">a</th>`},
		{"markdown footnote beside html", "A<sub>1</sub>[^n]\n\n[^n]: Note.", `<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := r.Render(tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("Render(%q) = %q, want it to hold %q", tc.src, out, tc.want)
			}
		})
	}
}

// TestRenderPureMarkdownUnchanged checks that bodies without raw HTML keep the exact bytes
// goldmark gave them before raw HTML was kept (no sanitiser pass, footnotes only act on
// [^x] syntax), and that a footnote renders.
func TestRenderPureMarkdownUnchanged(t *testing.T) {
	before := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Typographer))
	r := NewRenderer()
	for _, src := range []string{
		"# Title\n\nText with *emphasis*, \"quotes\" -- and a [link](https://example.org \"T\").",
		"| a | b |\n|:--|--:|\n| c & d | e |", "![Photo](/media/0123456789abcdef0123456789abcdef-640.jpg \"T\")",
		"- one\n- two\n\n1. three\n2. four", "> quote\n\n```go\nx := \"<b>\"\n```", "[x](javascript:alert(1)) ~~gone~~",
		"Brackets [^not a note] and [^1] without a definition.", "Line  \nbreak & <https://example.org>",
	} {
		var want bytes.Buffer
		if err := before.Convert([]byte(src), &want); err != nil {
			t.Fatal(err)
		}
		got, err := r.Render(src)
		if err != nil {
			t.Fatal(err)
		}
		if got != want.String() {
			t.Errorf("Render(%q) = %q, want %q", src, got, want.String())
		}
	}
	got, err := r.Render("Claim[^1].\n\n[^1]: Source.")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, `<li id="fn:1">`) || !strings.Contains(got, `href="#fn:1"`) {
		t.Errorf("footnote not rendered: %q", got)
	}
}

// renderSafely renders src and checks that the output is safe, has none of gone (in any
// case) and all of kept; it returns the output.
func renderSafely(t *testing.T, r *Renderer, src string, gone, kept []string) string {
	t.Helper()
	out, err := r.Render(src)
	if err != nil {
		t.Fatal(err)
	}
	if problem := unsafeHTML(out); problem != "" {
		t.Errorf("Render(%q) = %q: %s", src, out, problem)
	}
	low := strings.ToLower(out)
	for _, g := range gone {
		if strings.Contains(low, strings.ToLower(g)) {
			t.Errorf("Render(%q) = %q, still has %q", src, out, g)
		}
	}
	for _, k := range kept {
		if !strings.Contains(out, k) {
			t.Errorf("Render(%q) = %q, lost %q", src, out, k)
		}
	}
	return out
}
