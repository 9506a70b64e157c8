package web

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestArticleContentEscapes: the article page written in Go (story.go, layout.go) escapes
// every value for element content and quoted attributes, and refuses URLs that are not
// ours, as html/template would.
func TestArticleContentEscapes(t *testing.T) {
	s, _ := newTestServer(t)
	var err error
	evil := `<script>alert("x")</script>&'`
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	cat := i18n.Lookup("en")
	ap := &articlePage{
		page: page{Lang: "en", T: cat, SiteName: evil, Title: evil, Description: evil, Canonical: "javascript:alert(1)",
			LangLinks: []langLink{{Code: "ru", Name: evil, URL: "javascript:alert(2)"}}, CSS: "/static/site.css", Year: 2026},
		Article: content.Article{Language: "en", Headline: evil, Standfirst: evil, Byline: evil, BylineRole: evil,
			Author: content.Author{Slug: `a"b`}, Section: content.Section{Name: evil, Slug: "politics"},
			PublishedAt: at, UpdatedAt: at.Add(time.Hour), Slugline: evil, Signoff: evil,
			LeadImage: &content.Image{Alt: evil, Caption: evil, Credit: evil, Renditions: []content.Rendition{{Width: 640, Height: 360, File: `x" onerror="y.jpg`}}},
			Tags:      []content.Tag{{Name: evil, Slug: `t"x`}}, Corrections: []content.Correction{{Text: evil, CreatedAt: at}}},
		Body: "<p>Body.</p>", Updated: true, ShowMeta: true,
		Translations: []content.Translation{{Language: `r"u`, SectionSlug: "s", Slug: "x", Headline: evil}},
		Related:      []content.ArticleSummary{{Language: "en", SectionSlug: "economy", Slug: `r"x`, Headline: evil, PublishedAt: at}},
		Reviews:      reviewsBlock{Count: 1, Average: evil, Notice: evil, Pager: pager{Label: evil, NextURL: "javascript:x", NextText: evil}},
	}
	var buf bytes.Buffer
	err = s.writeLayout(context.Background(), &buf, &ap.page, func(buf *bytes.Buffer) error { return ap.writeContent(s, buf) })
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>alert", `"x")`, `a"b`, `t"x`, `r"u`, `r"x`, `x" onerror`, "javascript:"} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains %q unescaped", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;&#39;", "#ZgotmplZ", `href="/en/author/a%22b"`,
		`<h2 id="related-title">Related stories</h2>`, `<li><a href="/en/economy/r%22x">`,
		`<p class="dates"><span>Published <time datetime="2026-11-25T12:00:00Z">`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// TestFragmentFromOldSnapshotNotKept: a fragment rendered inside a page's read snapshot
// that began before a purge is used for that page but not kept; one rendered after is.
func TestFragmentFromOldSnapshotNotKept(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestServer(t)
	renders := 0
	render := func(context.Context, *bytes.Buffer) error { renders++; return nil }
	old := s.snapshotStart(ctx)
	s.frags.purge([]string{"briefs:1:en"})
	if _, err := s.fragment(old, "k", []string{"briefs:1:en"}, time.Now(), render); err != nil {
		t.Fatal(err)
	}
	if _, err := s.fragment(ctx, "k", nil, time.Now(), render); err != nil {
		t.Fatal(err)
	}
	if renders != 2 {
		t.Errorf("renders = %d, want 2: the fragment from the old snapshot was kept", renders)
	}
	if _, err := s.fragment(s.snapshotStart(ctx), "k", nil, time.Now(), render); err != nil {
		t.Fatal(err)
	}
	if renders != 2 {
		t.Errorf("renders = %d, want 2: the fragment rendered after the purge was not kept", renders)
	}
}

// newTestServer is the public site on a fresh, migrated SQLite file.
func newTestServer(t *testing.T) (*Server, *store.Store) {
	t.Helper()
	st := testkit.Store(t, testkit.DSN(t, "sqlite"))
	s, err := New(Config{Store: st, Now: time.Now, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}

// TestSafeURL: our paths and http(s) URLs pass, escaped and percent-encoded as
// html/template's normaliser would; any other scheme, and a path that browsers read as
// another host, become the placeholder.
func TestSafeURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/en/politics/a-story", "/en/politics/a-story"},
		{"/en/?page=2&x=1#reviews", "/en/?page=2&amp;x=1#reviews"},
		{"HTTPS://agency.example/en/", "HTTPS://agency.example/en/"},
		{"http://agency.example/a b", "http://agency.example/a%20b"},
		{"/ru/новости", "/ru/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8"},
		{`/a"b'c(d)<e>`, "/a%22b%27c%28d%29%3Ce%3E"},
		{"/a%20b", "/a%20b"},
		{"//evil.example/x", "#ZgotmplZ"},
		{`/\evil.example/x`, "#ZgotmplZ"},
		{"javascript:alert(1)", "#ZgotmplZ"},
		{"JavaScript:alert(1)", "#ZgotmplZ"},
		{"data:text/html,x", "#ZgotmplZ"},
		{"", "#ZgotmplZ"},
	} {
		if got := safeURL(tc.in); got != tc.want {
			t.Errorf("safeURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
