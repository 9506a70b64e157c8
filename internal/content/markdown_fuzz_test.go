package content

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzRender feeds the article Markdown renderer arbitrary source. It must never panic or
// fail, and what it produces must be safe to print as it is: no script, style or other
// active element, no event-handler attribute, no javascript:, vbscript: or data: URL in a
// link (data: images are inert). The seed corpus runs with every `go test`; run
// scripts/fuzz for longer.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"", "# Title\n\nText with *emphasis* and a [link](https://example.org).",
		"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))", "[x](\tjavascript:alert(1))", "[x](java\nscript:alert(1))",
		"[x](&#106;avascript:alert(1))", "[x](javascript&colon;alert(1))", "![x](javascript:alert(1))",
		"[x](vbscript:msgbox)", "[x](data:text/html;base64,PHNjcmlwdD4=)", "<https://example.org>",
		"<javascript:alert(1)>", "[x]: javascript:alert(1)\n\n[y][x]", "| a | b |\n|---|---|\n| <b>c</b> | d |",
		"~~strike~~ \"quotes\" -- dashes...", "```html\n<script>x</script>\n```", "<!-- comment -->",
		"<div onclick=\"x\">block</div>", "<a href=\"javascript:x\">raw</a>", "[x](<javascript:alert(1)>)",
		"[x](\"javascript:alert(1)\")", "[x](//evil.example)", "\x00\xff", "> > > > nested",
		strings.Repeat("[", 2000), strings.Repeat("*a", 1000), strings.Repeat("> ", 500) + "x",
		"<style>body{}</style>", "<iframe src=x></iframe>", "[<script>](x)", "`<script>`",
		"<dl><dt>a</dt><dd>b</dd></dl>", "<video controls src=\"/m.mp4\" poster=\"javascript:x\"></video>",
		"<svg><a xlink:href=\"javascript:x\">y</a></svg>", "<math><mi xlink:href=\"javascript:x\">y</mi></math>",
		"<a href=\"#fn:1\" id=\"fnref:1\" class=\"x nd-y\">1</a>", "A[^1] <b>b</b>\n\n[^1]: <i>n</i>",
		"<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
	} {
		f.Add(s)
	}
	r := NewRenderer()
	f.Fuzz(func(t *testing.T, src string) {
		out, err := r.Render(src)
		if err != nil {
			t.Fatalf("Render(%q): %v", src, err)
		}
		if problem := unsafeHTML(out); problem != "" {
			t.Fatalf("Render(%q) = %q: %s", src, out, problem)
		}
	})
}

// activeElements may run code or change the page around the story.
var activeElements = map[string]bool{"script": true, "style": true, "iframe": true, "object": true, "embed": true,
	"frame": true, "frameset": true, "form": true, "input": true, "button": true, "textarea": true, "select": true,
	"link": true, "meta": true, "base": true, "svg": true, "math": true, "template": true, "noscript": true}

// unsafeHTML returns what is dangerous in h, or "" when nothing is. It reads h as a
// browser's tokenizer does (entities decoded in attribute values).
func unsafeHTML(h string) string {
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return ""
			}
			return "unreadable HTML: " + z.Err().Error()
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			if activeElements[strings.ToLower(string(name))] {
				return "element <" + string(name) + ">"
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				key := strings.ToLower(string(k))
				if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" || key == "formaction" {
					return "attribute " + key
				}
				if (key == "href" || key == "src" || key == "action" || key == "xlink:href") && dangerousURL(v, string(name)) {
					return key + "=" + string(v)
				}
			}
		}
	}
}

// dangerousURL reports whether a (decoded) URL attribute would run code: a javascript:
// or vbscript: scheme, or data: anywhere but an image source. Browsers ignore ASCII
// whitespace and control characters inside the scheme.
func dangerousURL(v []byte, element string) bool {
	colon := bytes.IndexByte(v, ':')
	if colon < 0 {
		return false // a relative URL
	}
	var b strings.Builder
	for _, c := range bytes.ToLower(v[:colon]) {
		if c > ' ' {
			b.WriteByte(c)
		}
	}
	switch b.String() {
	case "javascript", "vbscript":
		return true
	case "data":
		return !strings.EqualFold(element, "img")
	}
	return false
}
