package desk

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/editorial"
)

// TestWarningsTranslated: every message the publishing checks can give has a Russian and
// an Azerbaijani text that takes the same values (each one shows in the translation).
func TestWarningsTranslated(t *testing.T) {
	empty := ""
	ws := append(editorial.Check(editorial.Input{Headline: strings.Repeat("LOUD ", 30), Standfirst: strings.Repeat("s", 400),
		LeadImageAlt: &empty, BodyMarkdown: "# Top\n\n#### Deep\n\n![](p.jpg) [here](https://x.example/a) [](https://x.example/b)"}),
		editorial.Check(editorial.Input{})...)
	seen := map[string]bool{}
	for _, w := range ws {
		seen[w.Code] = true
		for _, lang := range deskLanguages[1:] {
			got := translate(lang, w.Format, w.Args...)
			if got == w.Message || strings.Contains(got, "%!") {
				t.Errorf("%s: %s text of %q is %q", w.Code, lang, w.Format, got)
			}
			for _, a := range w.Args {
				if v := fmt.Sprint(a); !strings.Contains(got, strings.Trim(fmt.Sprintf("%q", v), `"`)) {
					t.Errorf("%s: %s text %q leaves out %v", w.Code, lang, got, a)
				}
			}
		}
	}
	for _, code := range []string{editorial.CodeImageAlt, editorial.CodeHeadingSkip, editorial.CodeHeadingH1, editorial.CodeLinkText,
		editorial.CodeHeadlineLong, editorial.CodeHeadlineEmpty, editorial.CodeHeadlineCaps, editorial.CodeStandfirstEmpty,
		editorial.CodeStandfirstLong, editorial.CodeTagsEmpty, editorial.CodeBodyShort} {
		if !seen[code] {
			t.Errorf("no warning %s was tried", code)
		}
	}
}
