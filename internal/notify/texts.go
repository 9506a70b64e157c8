package notify

// texts are the words of the emails in one language; %s is the notification's subject
// (a headline, an account's address, a subscriber's name).
type texts struct {
	subject map[string]string
	lead    map[string]string
	footer  string
}

// mailTexts returns the emails' words in lang, English when lang has none.
func mailTexts(lang string) texts {
	switch lang {
	case "ru":
		return texts{
			subject: map[string]string{
				KindSubmitted:   "Ждёт редактора: %s",
				KindReturned:    "Материал возвращён вам: %s",
				KindPublished:   "Опубликовано: %s",
				KindLoginAttack: "Подбор пароля к учётной записи %s",
				KindDeadLetter:  "Доставка подписчику %s прекращена",
				"":              "Newsdesk: %s",
			},
			lead: map[string]string{
				KindSubmitted:   "Материал «%s» отправлен редакторам и ждёт проверки.",
				KindReturned:    "Редактор вернул вам материал «%s». Что нужно изменить:",
				KindPublished:   "Ваш материал «%s» опубликован.",
				KindLoginAttack: "К учётной записи %s много неудачных попыток входа.",
				KindDeadLetter:  "Вебхук подписчика %s не принимает материалы; доставка прекращена после всех повторов.",
				"":              "%s",
			},
			footer: "Какие уведомления присылать, можно выбрать здесь:",
		}
	case "az":
		return texts{
			subject: map[string]string{
				KindSubmitted:   "Redaktoru gözləyir: %s",
				KindReturned:    "Material sizə qaytarıldı: %s",
				KindPublished:   "Dərc olundu: %s",
				KindLoginAttack: "%s hesabına parol seçmə cəhdləri",
				KindDeadLetter:  "%s abunəçisinə çatdırılma dayandırıldı",
				"":              "Newsdesk: %s",
			},
			lead: map[string]string{
				KindSubmitted:   "«%s» materialı redaktorlara göndərilib və yoxlanışı gözləyir.",
				KindReturned:    "Redaktor «%s» materialını sizə qaytardı. Nəyi dəyişmək lazımdır:",
				KindPublished:   "«%s» materialınız dərc olundu.",
				KindLoginAttack: "%s hesabına çoxlu uğursuz giriş cəhdi olub.",
				KindDeadLetter:  "%s abunəçisinin vebhuku materialları qəbul etmir; bütün təkrarlardan sonra çatdırılma dayandırıldı.",
				"":              "%s",
			},
			footer: "Hansı bildirişlərin göndəriləcəyini burada seçə bilərsiniz:",
		}
	}
	return texts{
		subject: map[string]string{
			KindSubmitted:   "Waiting for an editor: %s",
			KindReturned:    "Returned to you: %s",
			KindPublished:   "Published: %s",
			KindLoginAttack: "Sign-in attack on %s",
			KindDeadLetter:  "Deliveries to %s given up",
			"":              "Newsdesk: %s",
		},
		lead: map[string]string{
			KindSubmitted:   "“%s” was submitted and waits for an editor.",
			KindReturned:    "An editor returned “%s” to you. What should change:",
			KindPublished:   "Your story “%s” is published.",
			KindLoginAttack: "The account %s has had many failed sign-ins.",
			KindDeadLetter:  "The webhook of subscriber %s does not take stories; a delivery was given up after every retry.",
			"":              "%s",
		},
		footer: "Choose which notifications you get here:",
	}
}
