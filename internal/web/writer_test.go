package web

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"html/template"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
)

// hostile is a value with every character the escapers treat specially.
const hostile = "<script>alert(\"x\")</script>&'+\x00 a+b ★"

// beforePartials parses the templates that wrote the parts now written in Go
// (testdata/before_partials.html), with the functions they used, in loc.
func beforePartials(t *testing.T, loc *time.Location) *template.Template {
	t.Helper()
	funcs := template.FuncMap{
		"iso":      func(t time.Time) string { return t.In(loc).Format(time.RFC3339) },
		"datetime": func(lang string, t time.Time) string { return i18n.Lookup(lang).DateTime(t.In(loc)) },
		"tr":       func(lang, key string) string { return i18n.Lookup(lang).T(key) },
	}
	tpl, err := template.New("before").Funcs(funcs).ParseFiles(filepath.Join("testdata", "before_partials.html"))
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// likeTemplate fails t when write's output differs from the template name's on data.
func likeTemplate(t *testing.T, tpl *template.Template, name string, data any, write func(w htmlWriter)) {
	t.Helper()
	var got, want bytes.Buffer
	write(htmlWriter{&got})
	if err := tpl.ExecuteTemplate(&want, name, data); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("%s %+v:\n%s\nwant:\n%s", name, data, got.String(), want.String())
	}
}

// TestPagerLikeTemplate: the pager written in Go is the "pager" template's, byte for byte.
func TestPagerLikeTemplate(t *testing.T) {
	tpl := beforePartials(t, time.UTC)
	for _, p := range []pager{
		{},
		{Label: "Reviews pages", NextURL: "/en/politics/x?reviews=2#reviews", NextText: "Older reviews"},
		{Label: "Reviews pages", PrevURL: "/en/politics/x?reviews=1#reviews", PrevText: "Newer", NextURL: "/en/politics/x?reviews=3#reviews", NextText: "Older"},
		{Label: `a "b" <c>`, PrevURL: "/en/?page=1", PrevText: `<&>`},
		{Label: hostile, PrevURL: "/search?lang=en&page=2&q=a+b%2Bc%zz", PrevText: hostile, NextURL: "javascript:alert(1)", NextText: hostile},
		{PrevURL: "/ru/новости/?a='b'(c)", NextURL: "HTTPS://agency.example/x y"},
	} {
		likeTemplate(t, tpl, "pager", p, func(w htmlWriter) { w.pager(p) })
	}
}

// TestReviewFormLikeTemplate: the review form written in Go is the template's, byte for
// byte: empty, and shown again with what the reader typed and the errors.
func TestReviewFormLikeTemplate(t *testing.T) {
	tpl := beforePartials(t, time.UTC)
	for _, lang := range []string{"en", "ru", "az"} {
		cat := i18n.Lookup(lang)
		for _, rb := range []reviewsBlock{
			{Enabled: true, Action: "/" + lang + "/politics/a-story/reviews", Token: "AAAAAAAAACoAAAGTq8-_x2Q1Zm9vYmFy-_Zz09", T: cat, Ratings: ratingOptions(cat, "", false)},
			{Enabled: true, Action: "/" + lang + "/a b/reviews", Token: hostile, T: cat, Ratings: ratingOptions(cat, "4", false),
				Form: reviewForm{Name: hostile, Email: hostile, Rating: "4", Text: hostile + "\n</textarea>", Message: hostile,
					Errors: map[string]string{"name": hostile, "email": "e", "rating": "r", "text": hostile}}},
			{Enabled: true, Action: "javascript:alert(1)", T: cat, Ratings: ratingOptions(cat, "9", false),
				Form: reviewForm{Errors: map[string]string{"text": "too short"}}},
		} {
			likeTemplate(t, tpl, "review-form", rb, func(w htmlWriter) { w.reviewForm(&rb) })
		}
	}
}

// TestBriefsLikeTemplate: the briefs and the briefs column written in Go are the
// templates', byte for byte (in a time zone east of UTC: its offset has a '+').
func TestBriefsLikeTemplate(t *testing.T) {
	loc := time.FixedZone("Baku", 4*3600)
	tpl := beforePartials(t, loc)
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	list := []content.Brief{
		{Language: "en", Text: "Ferries resume.", PublishedAt: at},
		{Language: "ru", Text: hostile, PublishedAt: at.Add(-time.Hour), ArticleURL: "/ru/politika/x"},
		{Language: "az", Text: "x", PublishedAt: at, ArticleURL: "javascript:alert(1)"},
	}
	for _, briefs := range [][]content.Brief{nil, list[:1], list} {
		likeTemplate(t, tpl, "briefs", briefs, func(w htmlWriter) { w.briefs(loc, briefs) })
		for _, lang := range []string{"en", "ru", "az"} {
			data := struct {
				Briefs []content.Brief
				T      *i18n.Catalog
			}{briefs, i18n.Lookup(lang)}
			likeTemplate(t, tpl, "briefs-column", data, func(w htmlWriter) { w.briefsColumn(data.T, loc, briefs) })
		}
	}
}

// TestMastheadLikeTemplate: the masthead's navigation written in Go is the template's,
// byte for byte.
func TestMastheadLikeTemplate(t *testing.T) {
	tpl := beforePartials(t, time.UTC)
	secs := []content.Section{{Key: "politics", Slug: "politics", Name: "Politics"}, {Key: "world", Slug: "world-news", Name: hostile}}
	for _, lang := range []string{"en", "ru", "az"} {
		for _, tc := range []struct {
			current  string
			sections []content.Section
			demo     bool
		}{{"", nil, false}, {"world", secs, true}, {"politics", secs, false}} {
			data := struct {
				Lang, CurrentSection string
				Sections             []content.Section
				Demo                 bool
				T                    *i18n.Catalog
			}{lang, tc.current, tc.sections, tc.demo, i18n.Lookup(lang)}
			likeTemplate(t, tpl, "chrome-masthead", data, func(w htmlWriter) {
				w.mastheadNav(data.T, lang, tc.current, tc.sections, tc.demo)
			})
		}
	}
}

// TestMarkupOnlyFromConstants: nothing in the package converts a value to markup, so raw
// writes only the constants of our code.
func TestMarkupOnlyFromConstants(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "markup" {
					t.Errorf("%s: a conversion to markup", fset.Position(call.Pos()))
				}
			}
			return true
		})
	}
}

// BenchmarkPartials writes the empty review form and a column of eight briefs with the
// writer and with the templates they were (docs/decisions.md: why the writer).
func BenchmarkPartials(b *testing.B) {
	loc := time.FixedZone("Baku", 4*3600)
	tpl := beforePartials(&testing.T{}, loc)
	cat := i18n.Lookup("en")
	rb := reviewsBlock{Enabled: true, Action: "/en/politics/a-story/reviews", Token: "AAAAAAAAACoAAAGTq8-_x2Q1Zm9vYmFy-_Zz09", T: cat, Ratings: ratingOptions(cat, "", false)}
	briefs := make([]content.Brief, 8)
	for i := range briefs {
		briefs[i] = content.Brief{Language: "en", Text: "Ferries between Baku and Aktau resume after the storm.", PublishedAt: time.Now(), ArticleURL: "/en/world/x"}
	}
	column := struct {
		Briefs []content.Brief
		T      *i18n.Catalog
	}{briefs, cat}
	var buf bytes.Buffer
	for _, bc := range []struct {
		name string
		run  func() error
	}{
		{"review-form/writer", func() error { htmlWriter{&buf}.reviewForm(&rb); return nil }},
		{"review-form/template", func() error { return tpl.ExecuteTemplate(&buf, "review-form", rb) }},
		{"briefs-column/writer", func() error { htmlWriter{&buf}.briefsColumn(cat, loc, briefs); return nil }},
		{"briefs-column/template", func() error { return tpl.ExecuteTemplate(&buf, "briefs-column", column) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := bc.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
