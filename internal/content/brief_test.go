package content

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBriefTitle(t *testing.T) {
	long := strings.Repeat("word ", 30) // 150 characters, no sentence end
	for _, tc := range []struct{ name, text, want string }{
		{"first sentence", "Floods closed the northern highway. Crews expect to reopen it.", "Floods closed the northern highway."},
		{"question", "Will the port reopen before Friday? Nobody knows.", "Will the port reopen before Friday?"},
		{"initials near the start", "U.S. envoy arrives in Kabul for talks. More later.", "U.S. envoy arrives in Kabul for talks."},
		{"one short sentence", "Rain.", "Rain."},
		{"no mark", "Markets steady after the vote", "Markets steady after the vote"},
		{"too long", long, strings.Repeat("word ", 19) + "word…"},
		{"multibyte", strings.Repeat("ж", 120), strings.Repeat("ж", 99) + "…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := BriefTitle(tc.text)
			if got != tc.want {
				t.Errorf("BriefTitle(%q) = %q, want %q", tc.text, got, tc.want)
			}
			if n := utf8.RuneCountInString(got); n > MaxBriefTitleRunes {
				t.Errorf("%d characters, over %d", n, MaxBriefTitleRunes)
			}
		})
	}
}

func TestShortenRunes(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"one too long", 11, "one too…"},
		{"cut after a word", 9, "cut…"},
		{"two words here", 10, "two words…"},
		{"Talks, resumed today", 9, "Talks…"},
		{"ééééé", 3, "éé…"},
		{"Переговоры возобновятся завтра", 20, "Переговоры…"},
		{"Sözügedən müqavilə imzalandı", 19, "Sözügedən müqavilə…"},
	} {
		if got := ShortenRunes(tc.s, tc.n); got != tc.want {
			t.Errorf("ShortenRunes(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}
