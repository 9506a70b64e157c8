package search

import (
	"strings"
	"testing"
)

func TestHighlightEscapes(t *testing.T) {
	a := NewAnalyzer()
	m := a.Matcher("en", a.Plan("en", ParseQuery("script oil")), nil)
	got := string(a.Highlight(`<script>alert("oil")</script> & Oils`, m).HTML())
	want := `&lt;<mark>script</mark>&gt;alert(&#34;<mark>oil</mark>&#34;)&lt;/<mark>script</mark>&gt; &amp; <mark>Oils</mark>`
	if got != want {
		t.Errorf("Highlight = %s\nwant       %s", got, want)
	}
}

func TestSnippet(t *testing.T) {
	a := NewAnalyzer()
	long := strings.Repeat("Filler words here. ", 40)
	tests := []struct {
		name, lang, q, text, want string
	}{
		{"beginning without a match", "en", "zebra ", "One two three four five six.", "One two three four five six."},
		{"the passage with the words", "en", "escalation border ", long + "Officials feared escalating tension on the border. " + long,
			"… here. Officials feared <mark>escalating</mark> tension on the <mark>border</mark>. Filler words here. Filler …"},
		{"prefix being typed", "ru", "эскала", "Стороны опасаются эскалации конфликта.",
			"Стороны опасаются <mark>эскалации</mark> конфликта."},
		{"turkic folding", "az", "istanbul ", "Görüş İSTANBULDA keçirildi, İstanbul mərkəzində.",
			"Görüş İSTANBULDA keçirildi, <mark>İstanbul</mark> mərkəzində."},
		{"escaped", "en", "oil ", "Oil & <gas> prices", "<mark>Oil</mark> &amp; &lt;gas&gt; prices"},
		{"letters and digits marked as one word", "en", "cop 29 ", "Talks at COP29 and COP-29.",
			"Talks at <mark>COP29</mark> and <mark>COP-29</mark>."},
		{"hyphenated word being typed", "en", "half-emp", "Ferries sailed half-empty.",
			"Ferries sailed <mark>half-empty</mark>."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := a.Plan(tt.lang, ParseQuery(tt.q))
			got := string(a.Snippet(tt.text, a.Matcher(tt.lang, p, nil), 12).HTML())
			if got != tt.want {
				t.Errorf("Snippet = %q\nwant      %q", got, tt.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"<p>One <em>two</em> three.</p>\n<p>Four&amp;five</p>", "One two three. Four&five"},
		{`<h2>Title</h2><blockquote><p>“Quote,” he said.</p></blockquote>`, "Title “Quote,” he said."},
		{`<img alt="a > b" src="x.jpg"><p>Text</p>`, "Text"},
		{"<p>a<br>b</p><script>evil()</script><p>c</p>", "a b c"},
		{"no tags &lt;at all&gt;", "no tags <at all>"},
		{"<p>unterminated <a href=\"x", "unterminated"},
		{"<!-- raw HTML omitted --><p>x\u00a0\u00a0y</p>", "x y"},
	} {
		if got := PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
