package newsroom

import (
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/content"
)

// cleanTexts trims the per-language texts and checks them: each language is one of the
// site's, other than none in particular (the default text may be in any language), and
// each field holds at most 1,000 characters of valid UTF-8. A language with neither an
// alt text nor a caption is dropped (its stories show the default text).
func (in *ImageInput) cleanTexts(langs []content.Language) error {
	if in.Texts == nil {
		return nil
	}
	known := map[string]bool{}
	for _, l := range langs {
		known[l.Code] = true
	}
	errs := &content.FieldError{}
	texts := map[string]content.ImageText{}
	for lang, t := range in.Texts {
		t.Alt, t.Caption = strings.TrimSpace(t.Alt), strings.TrimSpace(t.Caption)
		switch {
		case !known[lang]:
			errs.Set("texts."+lang, "The site has no language with the code %s.", quoteCode(lang))
		case tooLong(t.Alt) || tooLong(t.Caption):
			errs.Set("texts."+lang, "At most 1,000 characters of valid text.")
		case t != content.ImageText{}:
			texts[lang] = t
		}
	}
	if len(errs.Fields) > 0 {
		return errs
	}
	in.Texts = texts
	return nil
}

func tooLong(s string) bool { return utf8.RuneCountInString(s) > 1000 || !utf8.ValidString(s) }

// quoteCode quotes a language code for a message, cut to a readable length.
func quoteCode(s string) string {
	if utf8.RuneCountInString(s) > 20 {
		s = string([]rune(s)[:20]) + "…"
	}
	return "«" + s + "»"
}

// textChanges returns the languages whose per-language text in differs from the image's
// (none when in leaves the texts as they are).
func textChanges(old content.Image, in ImageInput) map[string]bool {
	out := map[string]bool{}
	if in.Texts == nil {
		return out
	}
	for lang, t := range in.Texts {
		if old.Texts[lang] != t {
			out[lang] = true
		}
	}
	for lang := range old.Texts {
		if _, ok := in.Texts[lang]; !ok {
			out[lang] = true
		}
	}
	return out
}
