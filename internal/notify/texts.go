package notify

// words is one text of the emails in each of their languages.
type words struct{ en, ru, az string }

// in returns the text in lang, English when lang is neither Russian nor Azerbaijani.
func (w words) in(lang string) string {
	switch lang {
	case "ru":
		return w.ru
	case "az":
		return w.az
	}
	return w.en
}

// kindWords are the subject and the first line of one kind's email; %s is the
// notification's subject (a headline, an account's address, a subscriber's name).
type kindWords struct{ subject, lead words }

// mailWords is the table of the emails' words by notification kind; the kind "" serves
// any kind the table does not list.
var mailWords = map[string]kindWords{
	KindSubmitted:   {words{"Waiting for an editor: %s", "Ждёт редактора: %s", "Redaktoru gözləyir: %s"}, words{"“%s” was submitted and waits for an editor.", "Материал «%s» отправлен редакторам и ждёт проверки.", "«%s» materialı redaktorlara göndərilib və yoxlanışı gözləyir."}},
	KindReturned:    {words{"Returned to you: %s", "Материал возвращён вам: %s", "Material sizə qaytarıldı: %s"}, words{"An editor returned “%s” to you. What should change:", "Редактор вернул вам материал «%s». Что нужно изменить:", "Redaktor «%s» materialını sizə qaytardı. Nəyi dəyişmək lazımdır:"}},
	KindPublished:   {words{"Published: %s", "Опубликовано: %s", "Dərc olundu: %s"}, words{"Your story “%s” is published.", "Ваш материал «%s» опубликован.", "«%s» materialınız dərc olundu."}},
	KindLoginAttack: {words{"Sign-in attack on %s", "Подбор пароля к учётной записи %s", "%s hesabına parol seçmə cəhdləri"}, words{"The account %s has had many failed sign-ins.", "К учётной записи %s много неудачных попыток входа.", "%s hesabına çoxlu uğursuz giriş cəhdi olub."}},
	KindDeadLetter:  {words{"Deliveries to %s given up", "Доставка подписчику %s прекращена", "%s abunəçisinə çatdırılma dayandırıldı"}, words{"The webhook of subscriber %s does not take stories; a delivery was given up after every retry.", "Вебхук подписчика %s не принимает материалы; доставка прекращена после всех повторов.", "%s abunəçisinin vebhuku materialları qəbul etmir; bütün təkrarlardan sonra çatdırılma dayandırıldı."}},
	"":              {words{"Newsdesk: %s", "Newsdesk: %s", "Newsdesk: %s"}, words{"%s", "%s", "%s"}},
}

// mailFooter introduces the link to the recipient's notification settings.
var mailFooter = words{"Choose which notifications you get here:", "Какие уведомления присылать, можно выбрать здесь:", "Hansı bildirişlərin göndəriləcəyini burada seçə bilərsiniz:"}

// mailTexts returns the subject, the lead and the footer of an email of kind in lang,
// English when lang has none.
func mailTexts(lang, kind string) (subject, lead, footer string) {
	k, ok := mailWords[kind]
	if !ok {
		k = mailWords[""]
	}
	return k.subject.in(lang), k.lead.in(lang), mailFooter.in(lang)
}
