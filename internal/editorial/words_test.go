package editorial

import "testing"

func TestWordCount(t *testing.T) {
	tests := []struct {
		name     string
		markdown string
		want     int
	}{
		{name: "empty", markdown: "", want: 0},
		{name: "white space only", markdown: " \n\t\n", want: 0},
		{name: "plain sentence", markdown: "The minister resigned on Monday.", want: 5},
		{name: "heading marks are not words", markdown: "## Talks resume\n\nText here.", want: 4},
		{name: "emphasis and strong", markdown: "A *very* **bold** _claim_", want: 4},
		{name: "emphasis inside a word", markdown: "un*believ*able", want: 1},
		{name: "link text counts, URL does not", markdown: "See [the full report](https://example.com/a/very-long-path?q=1).", want: 4},
		{name: "reference link", markdown: "See [the report][r].\n\n[r]: https://example.com/report", want: 3},
		{name: "autolink is one word", markdown: "Details at <https://example.com/x-y>.", want: 3},
		{name: "image alt and URL do not count", markdown: "Before ![A crowd in the square](crowd.jpg) after", want: 2},
		{name: "blockquote and list markers", markdown: "> Quoted words here\n\n- one\n- two\n* three\n1. four", want: 7},
		{name: "thematic break", markdown: "one\n\n---\n\ntwo", want: 2},
		{name: "blocks do not run together", markdown: "# Title\nBody", want: 2},
		{name: "soft line break separates words", markdown: "first\nsecond", want: 2},
		{name: "inline code counts", markdown: "Run `go test` now", want: 4},
		{name: "code block counts", markdown: "```\nfmt.Println(x)\n```", want: 3},
		{name: "HTML block text counts", markdown: "<dl><dt>Term</dt>\n<dd>its meaning</dd></dl>\n\nVisible text", want: 5},
		{name: "script and style in HTML do not count", markdown: "<script>\nvar hidden = 1\n</script>\n\n<style>p{x:y}</style>\n\nVisible text", want: 2},
		{name: "footnote text counts", markdown: "Claim[^1] made.\n\n[^1]: Two words.", want: 4},
		{name: "inline HTML tags are not words", markdown: "a <span class=\"x\">b</span> c", want: 3},
		{name: "table cells", markdown: "| City | Pop |\n|---|---|\n| Bakı | 2,300,000 |", want: 4},
		{name: "strikethrough", markdown: "~~old~~ new", want: 2},
		{name: "escaped punctuation", markdown: `5 \* 3 \# four`, want: 3},
		{name: "character references", markdown: "AT&amp;T caf&eacute; &#8212; done", want: 4},
		{name: "apostrophes and hyphens join", markdown: "Don't call it a well-known fact’s end", want: 7},
		{name: "numbers with separators", markdown: "Inflation was 3.5% on 1,000,000 items.", want: 6},
		{name: "trailing hyphen does not join", markdown: "pre- and post-war", want: 3},
		{name: "cyrillic", markdown: "## Президент подписал указ\n\nОн вступает в силу *немедленно*.", want: 8},
		{name: "azerbaijani", markdown: "Bakıda yeni park açıldı. Şəhər sakinləri İlham Əliyevin çıxışını dinlədi.", want: 10},
		{name: "azerbaijani apostrophe suffix", markdown: "ABŞ'ın mövqeyi", want: 2},
		{name: "combining marks stay in the word", markdown: "cafe\u0301 au lait", want: 3},
		{name: "digits alone are words", markdown: "2024 in 12 months", want: 4},
		{name: "punctuation only", markdown: "— … !!! ***", want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WordCount(tt.markdown); got != tt.want {
				t.Errorf("WordCount(%q) = %d, want %d", tt.markdown, got, tt.want)
			}
		})
	}
}
