package editorial

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// problems leaves out the advice (TestAdvice tests it), keeping what TestCheck is about.
func problems(ws []Warning) []Warning {
	var out []Warning
	for _, w := range ws {
		if !w.Advice {
			out = append(out, w)
		}
	}
	return out
}

func TestCheck(t *testing.T) {
	ptr := func(s string) *string { return &s }
	const headline = "Parliament passes the budget"
	tests := []struct {
		name string
		in   Input
		// want lists each expected warning as its code and a fragment its message must contain.
		want [][2]string
	}{
		{name: "clean article", in: Input{
			Headline:     headline,
			Standfirst:   "Vote ends a month of talks.",
			BodyMarkdown: "Intro.\n\n## Background\n\n### Details\n\n![Deputies voting](vote.jpg)\n\nSee [the budget text](https://example.com/budget).\n\n## Reaction\n",
			LeadImageAlt: ptr("The chamber during the vote"),
		}},
		{name: "everything empty", in: Input{}, want: [][2]string{{CodeHeadlineEmpty, "headline is empty"}}},
		{name: "white-space headline", in: Input{Headline: " \t "}, want: [][2]string{{CodeHeadlineEmpty, "headline is empty"}}},
		{name: "headline of 110 runes passes", in: Input{Headline: strings.Repeat("ş", 110)}},
		{name: "headline of 111 runes", in: Input{Headline: strings.Repeat("ş", 111)},
			want: [][2]string{{CodeHeadlineLong, "111 characters"}}},
		{name: "long cyrillic headline counts runes, not bytes", in: Input{Headline: strings.Repeat("Д", 60)}},
		{name: "surrounding spaces do not count", in: Input{Headline: "  " + strings.Repeat("a", 110) + "  "}},
		{name: "lead image with empty alt", in: Input{Headline: headline, LeadImageAlt: ptr("  ")},
			want: [][2]string{{CodeImageAlt, "lead image"}}},
		{name: "no lead image is fine", in: Input{Headline: headline, LeadImageAlt: nil}},
		{name: "body image without alt", in: Input{Headline: headline, BodyMarkdown: "Text\n\n![](photos/crowd.jpg)"},
			want: [][2]string{{CodeImageAlt, `"photos/crowd.jpg"`}}},
		{name: "body image with blank alt", in: Input{Headline: headline, BodyMarkdown: "![   ](a.png \"title\")"},
			want: [][2]string{{CodeImageAlt, `"a.png"`}}},
		{name: "reference image without alt", in: Input{Headline: headline, BodyMarkdown: "![][pic]\n\n[pic]: /img/p.webp"},
			want: [][2]string{{CodeImageAlt, `"/img/p.webp"`}}},
		{name: "image with alt in emphasis is fine", in: Input{Headline: headline, BodyMarkdown: "![*Bakı* at night](baku.jpg)"}},
		{name: "image syntax in code is not an image", in: Input{Headline: headline, BodyMarkdown: "`![](x.jpg)`\n\n    ![](y.jpg)"}},
		{name: "body h1", in: Input{Headline: headline, BodyMarkdown: "# Background\n\nText"},
			want: [][2]string{{CodeHeadingH1, `"Background"`}}},
		{name: "setext h1", in: Input{Headline: headline, BodyMarkdown: "Background\n==========\n"},
			want: [][2]string{{CodeHeadingH1, "use ## for sub-headings"}}},
		{name: "body starts at h3", in: Input{Headline: headline, BodyMarkdown: "### Details"},
			want: [][2]string{{CodeHeadingSkip, `"Details" jumps from level 1 to level 3`}}},
		{name: "h2 to h4", in: Input{Headline: headline, BodyMarkdown: "## Background\n\n#### Numbers\n\n## Next\n\n### Fine"},
			want: [][2]string{{CodeHeadingSkip, `"Numbers" jumps from level 2 to level 4; use ### instead of ####`}}},
		{name: "going back up is fine", in: Input{Headline: headline, BodyMarkdown: "## A\n\n### B\n\n#### C\n\n## D\n\n### E"}},
		{name: "h1 then h3 is two warnings", in: Input{Headline: headline, BodyMarkdown: "# Top\n\n### Deep"},
			want: [][2]string{{CodeHeadingH1, `"Top"`}, {CodeHeadingSkip, `"Deep"`}}},
		{name: "heading syntax in a code block is not a heading", in: Input{Headline: headline, BodyMarkdown: "```\n# comment\n#### x\n```"}},
		{name: "cyrillic heading named", in: Input{Headline: headline, BodyMarkdown: "#### Итоги голосования"},
			want: [][2]string{{CodeHeadingSkip, `"Итоги голосования"`}}},
		{name: "vague link texts", in: Input{Headline: headline, BodyMarkdown: "Read [here](https://a.example/1), " +
			"[Click here!](https://a.example/2), [ THIS ](https://a.example/3), [link](https://a.example/4), " +
			"[Read more…](https://a.example/5), [*read* more](https://a.example/6)."},
			want: [][2]string{
				{CodeLinkText, `"https://a.example/1" says only "here"`},
				{CodeLinkText, `"https://a.example/2" says only "Click here!"`},
				{CodeLinkText, `"https://a.example/3"`},
				{CodeLinkText, `"https://a.example/4"`},
				{CodeLinkText, `"https://a.example/5"`},
				{CodeLinkText, `"https://a.example/6" says only "read more"`},
			}},
		{name: "vague link texts in russian and azerbaijani", in: Input{Headline: headline, BodyMarkdown: "Подробнее [тут](https://ru.example/a) и [ЗДЕСЬ](https://ru.example/b). " +
			"Ətraflı [burada](https://az.example/a), [Bura.](https://az.example/b)"},
			want: [][2]string{
				{CodeLinkText, `"https://ru.example/a" says only "тут"`},
				{CodeLinkText, `"https://ru.example/b" says only "ЗДЕСЬ"`},
				{CodeLinkText, `"https://az.example/a" says only "burada"`},
				{CodeLinkText, `"https://az.example/b"`},
			}},
		{name: "reference link with vague text", in: Input{Headline: headline, BodyMarkdown: "See [here][r].\n\n[r]: https://example.com/r"},
			want: [][2]string{{CodeLinkText, `"https://example.com/r"`}}},
		{name: "descriptive links are fine", in: Input{Headline: headline, BodyMarkdown: "[the ministry's statement](https://a.example) " +
			"[here is the full text](https://b.example) [buradakı hesabat](https://c.example) <https://d.example>"}},
		{name: "empty link text", in: Input{Headline: headline, BodyMarkdown: "[](https://example.com/empty)"},
			want: [][2]string{{CodeLinkText, `"https://example.com/empty" has no text`}}},
		{name: "linked image is judged by its alt", in: Input{Headline: headline, BodyMarkdown: "[![](logo.png)](https://example.com)\n\n[![Ministry logo](logo.png)](https://example.com)"},
			want: [][2]string{{CodeImageAlt, `"logo.png"`}}},
		{name: "warnings come in order", in: Input{Headline: "", LeadImageAlt: ptr(""), BodyMarkdown: "# A\n\n![](b.jpg) [here](c)"},
			want: [][2]string{{CodeHeadlineEmpty, ""}, {CodeImageAlt, "lead image"}, {CodeHeadingH1, `"A"`}, {CodeImageAlt, `"b.jpg"`}, {CodeLinkText, `"c"`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problems(Check(tt.in))
			var gotCodes, wantCodes []string
			for _, w := range got {
				gotCodes = append(gotCodes, w.Code)
			}
			for _, w := range tt.want {
				wantCodes = append(wantCodes, w[0])
			}
			if !reflect.DeepEqual(gotCodes, wantCodes) {
				t.Fatalf("Check codes = %q, want %q\nwarnings: %+v", gotCodes, wantCodes, got)
			}
			for i, w := range got {
				if !strings.Contains(w.Message, tt.want[i][1]) {
					t.Errorf("warning %d message %q does not contain %q", i, w.Message, tt.want[i][1])
				}
				if !strings.HasSuffix(w.Message, ".") || w.Message[0] < 'A' || w.Message[0] > 'Z' {
					t.Errorf("warning %d message %q is not a sentence", i, w.Message)
				}
			}
		})
	}
}

func TestNormalizeLinkText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  Click   HERE!! ", "click here"},
		{"read-more…", "read more"},
		{"«Здесь»", "здесь"},
		{"BURADA.", "burada"},
		{"here 2", "here 2"},
	}
	for _, tt := range tests {
		if got := normalizeLinkText(tt.in); got != tt.want {
			t.Errorf("normalizeLinkText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestAdvice: the checks that advise (standfirst, tags, body length, capitals) never
// block, come after the problems, and stay quiet on a complete story.
func TestAdvice(t *testing.T) {
	body := strings.Repeat("The ferry leaves at dawn and returns at night. ", 6) // 54 words
	ok := Input{Headline: "Ferries return to the Caspian", Standfirst: "Night sailings resume.", BodyMarkdown: body, Tags: []string{"Transport"}}
	with := func(f func(*Input)) Input { in := ok; f(&in); return in }
	tests := []struct {
		name string
		in   Input
		want [][2]string // code, a fragment of the message
	}{
		{"complete story", ok, nil},
		{"no standfirst", with(func(in *Input) { in.Standfirst = "  " }), [][2]string{{CodeStandfirstEmpty, "no standfirst"}}},
		{"long standfirst", with(func(in *Input) { in.Standfirst = strings.Repeat("ə", 301) }), [][2]string{{CodeStandfirstLong, "301 characters"}}},
		{"standfirst of 300 passes", with(func(in *Input) { in.Standfirst = strings.Repeat("ə", 300) }), nil},
		{"no tags", with(func(in *Input) { in.Tags = nil }), [][2]string{{CodeTagsEmpty, "no tags"}}},
		{"blank tags", with(func(in *Input) { in.Tags = []string{" ", ""} }), [][2]string{{CodeTagsEmpty, "no tags"}}},
		{"short body", with(func(in *Input) { in.BodyMarkdown = "Only six words in this body." }), [][2]string{{CodeBodyShort, "only 6 words"}}},
		{"empty body", with(func(in *Input) { in.BodyMarkdown = "" }), [][2]string{{CodeBodyShort, "body is empty"}}},
		{"capitals", with(func(in *Input) { in.Headline = "FERRIES RETURN TO THE CASPIAN" }), [][2]string{{CodeHeadlineCaps, "capital letters"}}},
		{"cyrillic capitals", with(func(in *Input) { in.Headline = "ПАРОМЫ ВОЗВРАЩАЮТСЯ" }), [][2]string{{CodeHeadlineCaps, "capital letters"}}},
		{"an acronym is fine", with(func(in *Input) { in.Headline = "NATO and EU ministers meet" }), nil},
		{"a short capital word is fine", with(func(in *Input) { in.Headline = "UPDATE 2" }), nil},
		{"all of them, problems first", Input{Headline: "", BodyMarkdown: "[here](x)"}, [][2]string{
			{CodeHeadlineEmpty, ""}, {CodeLinkText, `"x"`}, {CodeStandfirstEmpty, ""}, {CodeBodyShort, "only 1 words"}, {CodeTagsEmpty, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("Check = %+v, want %d warnings %v", got, len(tt.want), tt.want)
			}
			advice := false
			for i, w := range got {
				if w.Code != tt.want[i][0] || !strings.Contains(w.Message, tt.want[i][1]) {
					t.Errorf("warning %d = %s %q, want %s containing %q", i, w.Code, w.Message, tt.want[i][0], tt.want[i][1])
				}
				if advice && !w.Advice {
					t.Errorf("the problem %s comes after advice", w.Code)
				}
				advice = advice || w.Advice
				if w.Message != fmt.Sprintf(w.Format, w.Args...) {
					t.Errorf("warning %d: message %q is not its format %q with %v", i, w.Message, w.Format, w.Args)
				}
			}
			if Blocking(got) != slices.ContainsFunc(got, func(w Warning) bool { return !w.Advice }) {
				t.Errorf("Blocking(%v) = %v", got, Blocking(got))
			}
		})
	}
	if Blocking(Check(with(func(in *Input) { in.Tags, in.Standfirst, in.BodyMarkdown = nil, "", "" }))) {
		t.Error("advice alone blocks")
	}
}
