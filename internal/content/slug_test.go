package content

import "testing"

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Talks resume in Geneva", "talks-resume-in-geneva"},
		{"Объявлены переговоры", "obyavleny-peregovory"},
		{"Подъезд и мальчик", "podezd-i-malchik"},
		{"İstanbul görüşü", "istanbul-gorusu"},
		{"Əliyev: yeni mərhələ", "eliyev-yeni-merhele"},
		{"  --Hello,   world!--  ", "hello-world"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
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
