package validate

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

const validPage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Newsdesk</title></head>
<body><main><h1>Headline</h1><p>A short story.</p></main></body>
</html>
`

// brokenPage has a stray end tag on line 4 and no <title>.
const brokenPage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"></head>
<body><main><p>Text</span></main></body>
</html>
`

// inaccessiblePage has an image without alternative text (critical for axe).
const inaccessiblePage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Photo</title></head>
<body><main><h1>Photo</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10"></main></body>
</html>
`

// skipUnlessAvailable reports err the way the exported helpers do (skip, or fail under CI).
func skipUnlessAvailable(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		fail(t, err)
	}
}

func TestHTMLAcceptsValidPage(t *testing.T) {
	HTML(t, map[string][]byte{"home": []byte(validPage)})
}

func TestCheckHTMLReportsErrorsPerPage(t *testing.T) {
	problems, err := checkHTML(context.Background(), map[string][]byte{
		"good":        []byte(validPage),
		"broken page": []byte(brokenPage),
	})
	skipUnlessAvailable(t, err)
	if len(problems) == 0 {
		t.Fatal("vnu found no error in a page with a stray end tag and no title")
	}
	var strayTag bool
	for _, p := range problems {
		if p.File != "broken page" {
			t.Errorf("problem attributed to %q, want only %q: %s", p.File, "broken page", p)
		}
		if p.Line == 4 && strings.Contains(p.Message, "Stray end tag") {
			strayTag = true
		}
	}
	if !strayTag {
		t.Errorf("no stray end tag error on line 4 among %v", problems)
	}
}

func TestXMLSchema(t *testing.T) {
	xsd := filepath.Join(Dir(t), "sitemap", "sitemap.xsd")
	valid := `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://news.example/world/a-story</loc><lastmod>2026-01-02T03:04:05Z</lastmod></url>
</urlset>
`
	XMLSchema(t, xsd, []byte(valid))

	tests := []struct {
		name, doc string
		line      int
	}{
		{"unknown element", strings.Replace(valid, "</lastmod>", "</lastmod><author>x</author>", 1), 3},
		{"not well-formed", `<?xml version="1.0"?>` + "\n<urlset>", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems, err := checkXMLSchema(context.Background(), xsd, []byte(tt.doc))
			skipUnlessAvailable(t, err)
			if len(problems) == 0 {
				t.Fatal("xmllint accepted an invalid sitemap")
			}
			if problems[0].Line != tt.line {
				t.Errorf("first problem %s, want it on line %d", problems[0], tt.line)
			}
		})
	}
}

func TestAxe(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/good":
			_, _ = w.Write([]byte(validPage))
		case "/photo":
			_, _ = w.Write([]byte(inaccessiblePage))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	Axe(t, srv.URL+"/good")

	problems, failed, err := checkAxe(context.Background(), srv.URL+"/photo")
	skipUnlessAvailable(t, err)
	if !failed {
		t.Errorf("axe passed a page with an image without alt text: %v", problems)
	}
	var imageAlt bool
	for _, p := range problems {
		imageAlt = imageAlt || strings.Contains(p.Message, "[image-alt]")
	}
	if !imageAlt {
		t.Errorf("no image-alt violation among %v", problems)
	}

	if _, _, err := checkAxe(context.Background(), srv.URL+"/missing"); err == nil {
		t.Error("axe-check on a 404 page did not report that it could not run")
	}
}

func TestPageFileNames(t *testing.T) {
	got := pageFileNames([]string{"home", "home.html", "world/a story", "", "../x", "page"})
	want := map[string]string{
		"home.html":          "home",
		"home-2.html":        "home.html",
		"world_a_story.html": "world/a story",
		"page.html":          "",
		"_x.html":            "../x",
		"page-2.html":        "page",
	}
	if len(got) != len(want) {
		t.Fatalf("pageFileNames = %v, want %v", got, want)
	}
	for file, key := range want {
		if got[file] != key {
			t.Errorf("file %q maps to %q, want %q (all: %v)", file, got[file], key, got)
		}
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "home", Line: 4, Column: 17, Message: "Stray end tag"}, "home:4:17: Stray end tag"},
		{Problem{File: "home", Line: 4, Message: "m"}, "home:4: m"},
		{Problem{File: "http://127.0.0.1/x", Message: "m"}, "http://127.0.0.1/x: m"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}
