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

// TestHeadTags: the head's links and Open Graph properties are escaped as attribute
// values, and a URL that is not ours is neutralised as html/template would.
func TestHeadTags(t *testing.T) {
	p := page{
		Alternates: []alternate{{Lang: "ru", URL: "https://agency.example/ru/politika/x"}},
		Feeds:      []feedLink{{Type: "application/rss+xml", Title: `Politics "&" <more>`, URL: "/en/politics/feed/rss.xml"}, {Type: "x", Title: "t", URL: "javascript:alert(1)"}},
		OG:         openGraph("og:title", `He said "no" & left`, "og:type", "article"),
	}
	var lb, mb bytes.Buffer
	writeHeadLinks(htmlWriter{&lb}, &p)
	writeHeadMeta(htmlWriter{&mb}, &p)
	links, meta := lb.String(), mb.String()
	wantLinks := "\n" + `<link rel="alternate" hreflang="ru" href="https://agency.example/ru/politika/x">` +
		"\n" + `<link rel="alternate" type="application/rss+xml" title="Politics &#34;&amp;&#34; &lt;more&gt;" href="/en/politics/feed/rss.xml">` +
		"\n" + `<link rel="alternate" type="x" title="t" href="#ZgotmplZ">`
	if string(links) != wantLinks {
		t.Errorf("links:\n%s\nwant:\n%s", links, wantLinks)
	}
	wantMeta := "\n" + `<meta property="og:title" content="He said &#34;no&#34; &amp; left">` + "\n" + `<meta property="og:type" content="article">`
	if string(meta) != wantMeta {
		t.Errorf("meta:\n%s\nwant:\n%s", meta, wantMeta)
	}
}
