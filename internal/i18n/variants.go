package i18n

// Variants are catalogs with some texts worded differently, chosen by a newsroom setting
// rather than by the reader's language. "comments" calls reader reviews comments, for the
// agencies that prefer them, with the rating optional ("Leave a review" with stars stays
// the default). A variant's keys are keys of the plain catalog; the texts it does not
// name are the plain ones.

// VariantComments is the variant that calls reader reviews comments.
const VariantComments = "comments"

// LookupVariant returns the catalog of a language code (falling back to English, as
// Lookup does) with a variant's texts; an unknown or empty variant is the plain catalog.
func LookupVariant(code, variant string) *Catalog {
	if byLang, ok := variants[variant]; ok {
		if c, ok := byLang[code]; ok {
			return c
		}
		return byLang["en"]
	}
	return Lookup(code)
}

// variants is read-only after package initialisation (constant tables, not state).
var variants = map[string]map[string]*Catalog{
	VariantComments: {
		"en": overlay(&english, commentsEnglish),
		"ru": overlay(&russian, commentsRussian),
		"az": overlay(&azerbaijani, commentsAzerbaijani),
	},
}

// overlay returns a copy of base with texts replaced.
func overlay(base *Catalog, texts map[string]string) *Catalog {
	c := *base
	c.Strings = make(map[string]string, len(base.Strings))
	for k, v := range base.Strings {
		c.Strings[k] = v
	}
	for k, v := range texts {
		c.Strings[k] = v
	}
	return &c
}

var commentsEnglish = map[string]string{ // #nosec G101 -- interface texts (a key names the form's token), not credentials
	"reviews":            "Comments",
	"leave_review":       "Leave a comment",
	"reviews_soon":       "Reader comments will open here soon.",
	"reviews_count":      "Comments: %d",
	"review_rating":      "Rating (optional)",
	"review_text":        "Your comment",
	"review_submit":      "Send comment",
	"review_hint":        "Between 10 and 4,000 characters. Comments are read by an editor before they appear.",
	"review_thanks":      "Thank you — your comment awaits moderation.",
	"review_published":   "Thank you — your comment is published.",
	"reviews_closed":     "Comments are closed.",
	"no_reviews":         "No comments yet.",
	"review_err_rating":  "Choose a rating from 1 to 5, or no rating.",
	"review_err_token":   "The form has expired. Please send your comment again.",
	"review_too_many":    "Too many comments from your address. Please try again later.",
	"review_fix":         "Your comment was not sent: please correct the marked fields.",
	"review_too_long":    "Your comment is far too long: a comment has at most 4,000 characters.",
	"older_reviews":      "Older comments",
	"newer_reviews":      "Newer comments",
	"reviews_pagination": "Comment pages",
}

var commentsRussian = map[string]string{ // #nosec G101 -- interface texts (a key names the form's token), not credentials
	"reviews":            "Комментарии",
	"leave_review":       "Оставить комментарий",
	"reviews_soon":       "Скоро здесь можно будет оставить комментарий.",
	"reviews_count":      "Комментариев: %d",
	"review_rating":      "Оценка (необязательно)",
	"review_text":        "Ваш комментарий",
	"review_submit":      "Отправить комментарий",
	"review_hint":        "От 10 до 4000 символов. Комментарии публикуются после проверки редактором.",
	"review_thanks":      "Спасибо — ваш комментарий ожидает проверки.",
	"review_published":   "Спасибо — ваш комментарий опубликован.",
	"reviews_closed":     "Комментарии закрыты.",
	"no_reviews":         "Комментариев пока нет.",
	"review_err_rating":  "Выберите оценку от 1 до 5 или оставьте комментарий без оценки.",
	"review_err_token":   "Форма устарела. Пожалуйста, отправьте комментарий ещё раз.",
	"review_too_many":    "Слишком много комментариев с вашего адреса. Попробуйте позже.",
	"review_fix":         "Комментарий не отправлен: исправьте отмеченные поля.",
	"review_too_long":    "Комментарий слишком длинный: в комментарии не более 4000 символов.",
	"older_reviews":      "Более ранние комментарии",
	"newer_reviews":      "Более новые комментарии",
	"reviews_pagination": "Страницы комментариев",
}

var commentsAzerbaijani = map[string]string{ // #nosec G101 -- interface texts (a key names the form's token), not credentials
	"reviews":            "Şərhlər",
	"leave_review":       "Şərh yazın",
	"reviews_soon":       "Tezliklə burada oxucu şərhləri bölməsi açılacaq.",
	"reviews_count":      "Şərhlər: %d",
	"review_rating":      "Qiymət (istəyə bağlı)",
	"review_text":        "Şərhiniz",
	"review_submit":      "Şərhi göndər",
	"review_hint":        "10-dan 4000-ə qədər simvol. Şərhlər redaktor yoxladıqdan sonra dərc olunur.",
	"review_thanks":      "Təşəkkür edirik — şərhiniz yoxlamanı gözləyir.",
	"review_published":   "Təşəkkür edirik — şərhiniz dərc olundu.",
	"reviews_closed":     "Şərhlər bağlanıb.",
	"no_reviews":         "Hələ şərh yoxdur.",
	"review_err_rating":  "1-dən 5-ə qədər qiymət seçin və ya qiymətsiz saxlayın.",
	"review_err_token":   "Formanın vaxtı keçib. Zəhmət olmasa, şərhi yenidən göndərin.",
	"review_too_many":    "Ünvanınızdan çoxlu şərh göndərilib. Bir az sonra yenidən cəhd edin.",
	"review_fix":         "Şərh göndərilmədi: qeyd olunan sahələri düzəldin.",
	"review_too_long":    "Şərh çox uzundur: şərhdə ən çox 4000 simvol ola bilər.",
	"older_reviews":      "Əvvəlki şərhlər",
	"newer_reviews":      "Yeni şərhlər",
	"reviews_pagination": "Şərh səhifələri",
}
