package content

import (
	"strings"
	"testing"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Talks resume in Geneva", "talks-resume-in-geneva"},
		{"Объявлены переговоры", "obyavleny-peregovory"},
		{"Подъезд и мальчик", "podezd-i-malchik"},
		{"İstanbul görüşü", "istanbul-gorusu"},
		{"Əliyev: yeni mərhələ", "eliyev-yeni-merhele"},
		{"  --Hello,   world!--  ", "hello-world"},
		{"", ""},
		// Cut at a word boundary, never inside a word.
		{"A very long headline that goes on and on about the ferry timetable, the customs deal and the port fees",
			"a-very-long-headline-that-goes-on-and-on-about-the-ferry-timetable-the-customs"},
		{strings.Repeat("abcdefghij ", 7) + "abc", strings.Repeat("abcdefghij-", 7) + "abc"},                   // exactly 80
		{strings.Repeat("abcdefghij ", 7) + "abcd", strings.TrimSuffix(strings.Repeat("abcdefghij-", 7), "-")}, // 81: the last word goes
		{strings.Repeat("x", 100), strings.Repeat("x", 80)},
		{"Президент подписал указ о новых правилах пересечения государственной границы для грузовиков",
			"prezident-podpisal-ukaz-o-novykh-pravilakh-peresecheniya-gosudarstvennoy"},
	}
	for _, tt := range tests {
		got := Slugify(tt.in)
		if got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got) > MaxSlugBytes || !(got == "" || ValidSlug(got)) {
			t.Errorf("Slugify(%q) = %q: not a valid slug of at most %d bytes", tt.in, got, MaxSlugBytes)
		}
	}
}

func TestValidSlug(t *testing.T) {
	for s, want := range map[string]bool{"a": true, "a-b-1": true, "": false, "-a": false, "a-": false, "A": false, "a_b": false} {
		if got := ValidSlug(s); got != want {
			t.Errorf("ValidSlug(%q) = %v, want %v", s, got, want)
		}
	}
}
