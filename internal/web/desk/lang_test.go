package desk

import (
	"io/fs"
	"regexp"
	"slices"
	"testing"
)

// tCall finds the English texts the templates pass to T.
var tCall = regexp.MustCompile(`\{\{-?\s*T\s+"((?:[^"\\]|\\.)*)"`)

// TestDeskCatalogsComplete holds every text a newsroom template prints through T to a
// Russian and an Azerbaijani translation, with the same fmt verbs.
func TestDeskCatalogsComplete(t *testing.T) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := templateFS.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range tCall.FindAllStringSubmatch(string(b), -1) {
			checkCatalogs(t, f, m[1])
		}
	}
}

var fmtVerbs = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// checkCatalogs fails unless English text en (found at where) has a Russian and an
// Azerbaijani translation with the same fmt verbs.
func checkCatalogs(t *testing.T, where, en string) {
	t.Helper()
	for _, lang := range deskLanguages[1:] {
		tr, ok := catalogText(lang, en)
		if !ok {
			t.Errorf("%s: %q has no %s translation", where, en, lang)
			continue
		}
		if a, b := fmtVerbs.FindAllString(en, -1), fmtVerbs.FindAllString(tr, -1); !slices.Equal(a, b) {
			t.Errorf("%s: %s translation of %q has verbs %v, want %v", where, lang, en, b, a)
		}
	}
}
