package desk

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
)

// The newsroom speaks its staff's languages. Templates write English text through T
// ({{T "Stories"}}, {{T "%d waiting" .N}}); deskStrings maps that English text to the
// other languages. A text missing from a catalog prints in English (and
// TestDeskCatalogsComplete names it).

// deskLanguages are the languages the newsroom's screens are written in.
var deskLanguages = []string{"en", "ru", "az"}

// lang is the language of the newsroom for this request: the signed-in user's own
// setting, else the browser's among deskLanguages, else English.
func (d *Desk) lang(r *http.Request) string {
	if u := userFrom(r.Context()); u != nil && slices.Contains(deskLanguages, u.Language) {
		return u.Language
	}
	return i18n.AcceptLanguage(r.Header.Get("Accept-Language"))
}

// tr is English text s in the language of the request, formatted with args: the texts the
// desk's handlers put on pages (titles, notices, messages, field errors).
func (d *Desk) tr(r *http.Request, s string, args ...any) string {
	return translate(d.lang(r), s, args...)
}

// en marks an English text kept for later (a map of notices, a constant) as one to
// translate where it is shown; TestDeskCatalogsComplete finds it by this call.
func en(s string) string { return s }

// translate returns the text of English s in lang, formatted with args.
func translate(lang, s string, args ...any) string {
	if t, ok := catalogText(lang, s); ok {
		s = t
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// say is a domain's message in lang: its English format through the catalogs, then its
// arguments as the domain gave them (a section key the user typed stays as typed), but
// for a workflow state, which takes its label in lang.
func say(lang string, m content.Message) string {
	args := slices.Clone(m.Args)
	for i, a := range args {
		if st, ok := a.(content.Status); ok {
			args[i] = label(lang, string(st))
		}
	}
	return translate(lang, m.Format, args...)
}

// fieldTexts is what fe says beside each field, in lang: the Errors of a form's view.
func fieldTexts(lang string, fe *content.FieldError) map[string]string {
	out := make(map[string]string, len(fe.Fields))
	for k := range fe.Fields {
		out[k] = say(lang, fe.Message(k))
	}
	return out
}

// catalogText finds the text of English s in lang's catalogs: deskStrings, then the
// dashboard's (liveStrings), the author page's (lang_profile.go), the story editor's
// (lang_editor.go), the pages screens' (lang_pages.go) and the domains' messages (lang_domain.go).
func catalogText(lang, s string) (string, bool) {
	if t, ok := deskStrings[lang][s]; ok {
		return t, true
	}
	if t, ok := liveStrings[lang][s]; ok {
		return t, true
	}
	if t, ok := profileStrings[lang][s]; ok {
		return t, true
	}
	if t, ok := editorStrings[lang][s]; ok {
		return t, true
	}
	if t, ok := pagesStrings[lang][s]; ok {
		return t, true
	}
	t, ok := domainStrings[lang][s]
	return t, ok
}

// deskStrings maps the English text of the newsroom to Russian and Azerbaijani
// (lang_ru.go, lang_az.go).
var deskStrings = map[string]map[string]string{"ru": ruStrings, "az": azStrings}

// codeLabels names the codes the newsroom shows (workflow states, review states, roles,
// revision kinds) in English; the label template function translates that name. A code
// missing here shows as it is.
var codeLabels = map[string]string{
	"draft": "draft", "submitted": "submitted", "scheduled": "scheduled", "published": "published",
	"unpublished": "unpublished",
	"pending":     "pending", "approved": "approved", "rejected": "rejected", "spam": "spam",
	"correspondent": "correspondent", "editor": "editor", "admin": "admin",
	"created": "created", "saved": "saved", "updated": "updated", "imported": "imported", "restored": "restored",
}

// label is the name of code in lang.
func label(lang, code string) string {
	if en, ok := codeLabels[code]; ok {
		return translate(lang, en)
	}
	return code
}
