package i18n

import (
	"reflect"
	"strings"
	"testing"
)

// TestVariantsComplete: every variant names the same keys in every language, each a key
// of the plain catalog with the same fmt verbs, and LookupVariant falls back as Lookup
// does.
func TestVariantsComplete(t *testing.T) {
	for name, byLang := range variants {
		en := byLang["en"]
		for _, code := range Codes() {
			c, ok := byLang[code]
			if !ok {
				t.Errorf("variant %q has no %q catalog", name, code)
				continue
			}
			if c.Code != code || len(c.Strings) != len(Lookup(code).Strings) {
				t.Errorf("variant %q/%s: code %q, %d texts, want %d", name, code, c.Code, len(c.Strings), len(Lookup(code).Strings))
			}
			for key, s := range c.Strings {
				base, ok := english.Strings[key]
				if !ok {
					t.Errorf("variant %q/%s: key %q is not in the English catalog", name, code, key)
				}
				if want, got := verbRE.FindAllString(base, -1), verbRE.FindAllString(s, -1); !reflect.DeepEqual(want, got) {
					t.Errorf("variant %q/%s: key %q has fmt verbs %q, English has %q", name, code, key, got, want)
				}
				if (en.Strings[key] == english.Strings[key]) != (s == Lookup(code).Strings[key]) {
					t.Errorf("variant %q/%s: key %q is changed in one language and not in the other", name, code, key)
				}
			}
		}
		if LookupVariant("xx", name) != en {
			t.Errorf("variant %q: an unknown language is not English", name)
		}
	}
	if LookupVariant("ru", "") != Lookup("ru") || LookupVariant("ru", "reviews") != Lookup("ru") {
		t.Error("the plain or an unknown variant is not the plain catalog")
	}
}

// TestCommentsSayComments: in the comments variant no reader-facing text of the reviews
// block still says review (a key forgotten in the variant would).
func TestCommentsSayComments(t *testing.T) {
	words := map[string]string{"en": "review", "ru": "отзыв", "az": "rəy"}
	for code, word := range words {
		c := LookupVariant(code, VariantComments)
		for key, s := range c.Strings {
			if strings.Contains(strings.ToLower(s), word) {
				t.Errorf("%s comments %q = %q still says %q", code, key, s, word)
			}
		}
		if c.T("leave_review") == Lookup(code).T("leave_review") {
			t.Errorf("%s: the comments form is headed as the review form", code)
		}
	}
}
