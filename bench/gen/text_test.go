package gen

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
)

// TestBodyIsWhatGoldmarkRenders checks that the HTML written alongside each body is exactly
// what the site's Markdown renderer makes of the Markdown, in every language.
func TestBodyIsWhatGoldmarkRenders(t *testing.T) {
	md := content.NewRenderer()
	for _, code := range []string{"en", "ru", "az"} {
		t.Run(code, func(t *testing.T) {
			lx, err := newLexicon(code)
			if err != nil {
				t.Fatal(err)
			}
			w := &writer{r: rand.New(rand.NewPCG(7, 7)), lx: lx}
			for i := 0; i < 200; i++ {
				src, html := w.body()
				want, err := md.Render(src)
				if err != nil {
					t.Fatal(err)
				}
				if html != want {
					t.Fatalf("body %d: generated HTML differs from goldmark's\nmarkdown:\n%s\ngenerated:\n%s\ngoldmark:\n%s", i, src, html, want)
				}
				if !strings.Contains(html, "<blockquote>") {
					t.Fatalf("body %d has no blockquote", i)
				}
				paras := strings.Count(html, "<p>")
				if paras < 6 || paras > 12 {
					t.Fatalf("body %d has %d paragraphs, want 6 to 12", i, paras)
				}
			}
		})
	}
}

// TestWordLists checks that the lists the generator indexes in parallel line up across
// languages and hold nothing that Markdown or HTML would read as markup.
func TestWordLists(t *testing.T) {
	en, _ := newLexicon("en")
	for _, code := range []string{"en", "ru", "az"} {
		lx, err := newLexicon(code)
		if err != nil {
			t.Fatal(err)
		}
		for name, n := range map[string][2]int{
			"first names": {len(lx.first), len(en.first)},
			"last names":  {len(lx.last), len(en.last)},
			"roles":       {len(lx.roles), len(en.roles)},
			"cities":      {len(lx.cities), len(en.cities)},
		} {
			if n[0] != n[1] || n[0] == 0 {
				t.Errorf("%s: %d %s, English has %d", code, n[0], name, n[1])
			}
		}
		if len(lx.words) < 300 {
			t.Errorf("%s: only %d words", code, len(lx.words))
		}
		for _, w := range append(append([]string{}, lx.words...), lx.roles...) {
			if strings.ContainsAny(w, "<>&\"'*_`#[]()!\\-–—") {
				t.Errorf("%s: word %q has a character that Markdown or HTML treat specially", code, w)
			}
		}
		lx.buildTags(rand.New(rand.NewPCG(1, 1)))
		if len(lx.tags) != tagsPerLanguage {
			t.Errorf("%s: %d tags, want %d", code, len(lx.tags), tagsPerLanguage)
		}
		for _, tag := range lx.tags {
			if !content.ValidSlug(tag.Slug) {
				t.Errorf("%s: tag %q has slug %q", code, tag.Name, tag.Slug)
			}
		}
	}
	if _, err := newLexicon("fr"); err == nil {
		t.Error("a language without word lists was accepted")
	}
}

func TestSlug(t *testing.T) {
	for _, tc := range []struct {
		headline string
		n        int
		want     string
	}{
		{"Ministers approved the budget", 7, "ministers-approved-the-budget-7"},
		{"Министр одобрил бюджет", 12, "ministr-odobril-byudzhet-12"},
		{"İqtisadiyyat nazirliyi", 3, "iqtisadiyyat-nazirliyi-3"},
		{"", 5, "story-5"},
		{strings.Repeat("international ", 10), 1, "international-international-international-international-1"},
	} {
		got := slug(tc.headline, tc.n)
		if got != tc.want || !content.ValidSlug(got) {
			t.Errorf("slug(%q, %d) = %q, want %q", tc.headline, tc.n, got, tc.want)
		}
	}
}
