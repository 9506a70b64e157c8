package web

import (
	"bytes"
	"context"
	"testing"

	"github.com/newsdesk/newsdesk/internal/i18n"
)

// TestReviewFormFragment checks that the kept form with its placeholders replaced is,
// byte for byte, the form the template draws for the same action and token.
func TestReviewFormFragment(t *testing.T) {
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range []struct{ lang, action, token string }{
		{"en", "/en/politics/washington-talks-single-customs-check/reviews", "AAAAAAAAACoAAAGTq8-_x2Q1Zm9vYmFy-_Zz09"},
		{"ru", "/ru/politika/peregovory-2/reviews", "abc_DEF-123"},
		{"az", "/az/iqtisadiyyat/x/reviews", "Zm9v"},
	} {
		got, err := s.reviewFormFragment(ctx, tc.lang, tc.action, tc.token)
		if err != nil {
			t.Fatal(err)
		}
		cat := i18n.Lookup(tc.lang)
		var want bytes.Buffer
		rb := reviewsBlock{Enabled: true, Action: tc.action, Token: tc.token, T: cat, Ratings: ratingOptions(cat, "")}
		if err := s.pages["article"].ExecuteTemplate(&want, "review-form", rb); err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("%s: fragment differs from the template's form:\n%s\nwant:\n%s", tc.lang, got, want.String())
		}
	}
	if got, err := s.reviewFormFragment(ctx, "en", "/en/a b/reviews", "tok"); err != nil || got != "" {
		t.Errorf("an action that escaping changes: %q, %v; want the template to draw the form", got, err)
	}
}

func TestPlainAttr(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"/en/politics/a-story/reviews", true},
		{"abc_DEF-123.x", true},
		{"", false},
		{"/en/a b", false},
		{`"><script>`, false},
		{"/ru/политика", false},
		{"a&b", false},
		{"a%20b", false},
	} {
		if got := plainAttr(tc.in); got != tc.want {
			t.Errorf("plainAttr(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
