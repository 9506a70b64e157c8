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

// TestPickTagsShares: the big tags come out at their shares of the stories (the home
// country on ~30%, so that a million-article edition has a tag of 100,000 stories), no tag
// twice on a story, and the long tail takes the rest.
func TestPickTagsShares(t *testing.T) {
	lx, err := newLexicon("en")
	if err != nil {
		t.Fatal(err)
	}
	lx.buildTags(rand.New(rand.NewPCG(1, 1)))
	r := rand.New(rand.NewPCG(2, 2))
	const stories = 30000
	counts := map[string]int{}
	for range stories {
		n := 2 + r.IntN(3)
		tags := lx.pickTags(r, n)
		if len(tags) != n {
			t.Fatalf("asked for %d tags, got %d", n, len(tags))
		}
		seen := map[string]bool{}
		for _, tg := range tags {
			if seen[tg.Slug] {
				t.Fatalf("tag %s twice on a story: %v", tg.Slug, tags)
			}
			seen[tg.Slug] = true
			counts[tg.Slug]++
		}
	}
	for i, share := range bigTags {
		got := float64(counts[lx.tags[i].Slug]) / stories
		// The long tail adds its own picks of the first tags: about ln(2000)/2000 per pick.
		if got < share-0.01 || got > share+0.03 {
			t.Errorf("big tag %d (%s) on %.3f of the stories, want about %.2f", i, lx.tags[i].Slug, got, share)
		}
	}
	if len(counts) < tagsPerLanguage/2 {
		t.Errorf("only %d distinct tags used in %d stories: the long tail is missing", len(counts), stories)
	}
}
