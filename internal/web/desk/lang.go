package desk

import (
	"fmt"
	"net/http"

	"github.com/newsdesk/newsdesk/internal/i18n"
)

// The newsroom speaks its staff's languages. Templates write English text through T
// ({{T "Stories"}}, {{T "%d waiting" .N}}); deskStrings maps that English text to the
// other languages. A text missing from a catalog prints in English (and
// TestDeskCatalogsComplete names it).

// deskLanguages are the languages the newsroom's screens are written in.
var deskLanguages = []string{"en", "ru", "az"}

// lang is the language of the newsroom for this request: the browser's, among
// deskLanguages, else English.
func (d *Desk) lang(r *http.Request) string {
	return i18n.AcceptLanguage(r.Header.Get("Accept-Language"))
}

// translate returns the text of English s in lang, formatted with args.
func translate(lang, s string, args ...any) string {
	if t, ok := deskStrings[lang][s]; ok {
		s = t
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// deskStrings maps the English text of the newsroom's templates to Russian and Azerbaijani.
var deskStrings = map[string]map[string]string{
	"ru": {
		"Newsroom":                       "Редакция",
		"Skip to content":                "Перейти к содержимому",
		"Stories":                        "Материалы",
		"Reviews":                        "Отзывы",
		"Briefs":                         "Короткие новости",
		"Images":                         "Изображения",
		"API tokens":                     "API-токены",
		"Users":                          "Пользователи",
		"Audit log":                      "Журнал действий",
		"Wire":                           "Лента",
		"Settings":                       "Настройки",
		"Sign out":                       "Выйти",
		"Sign out everywhere":            "Выйти на всех устройствах",
		"%d waiting":                     "ожидают: %d",
		"%d pending":                     "на модерации: %d",
		"stories waiting for an editor":  "материалы ждут редактора",
		"reviews waiting for moderation": "отзывы ждут модерации",
	},
	"az": {
		"Newsroom":                       "Redaksiya",
		"Skip to content":                "Məzmuna keç",
		"Stories":                        "Materiallar",
		"Reviews":                        "Rəylər",
		"Briefs":                         "Qısa xəbərlər",
		"Images":                         "Şəkillər",
		"API tokens":                     "API tokenləri",
		"Users":                          "İstifadəçilər",
		"Audit log":                      "Fəaliyyət jurnalı",
		"Wire":                           "Lent",
		"Settings":                       "Parametrlər",
		"Sign out":                       "Çıxış",
		"Sign out everywhere":            "Bütün cihazlardan çıxış",
		"%d waiting":                     "gözləyir: %d",
		"%d pending":                     "moderasiyada: %d",
		"stories waiting for an editor":  "redaktoru gözləyən materiallar",
		"reviews waiting for moderation": "moderasiya gözləyən rəylər",
	},
}
