package desk

// domainStrings holds the Russian and Azerbaijani texts of the messages the domain
// packages give in English (newsroom, review, account: field errors and refusals, often
// formats with arguments, content.Message), looked up after the desk's own (lang.go).
// TestDeskGoTextsTranslated finds them in the domains' source.
var domainStrings = map[string]map[string]string{"ru": ruDomainStrings, "az": azDomainStrings}

var ruDomainStrings = map[string]string{ // #nosec G101 -- interface texts (the word "password" among them), not credentials
	"Unknown language %q.":                                                                     "Неизвестный язык %q.",
	"Unknown section %q.":                                                                      "Неизвестная рубрика %q.",
	"A brief is one paragraph of at most %d characters.":                                       "Короткая новость — один абзац не длиннее %d символов.",
	"This field is longer than the %d bytes a story may hold.":                                 "Это поле длиннее %d байт, допустимых в материале.",
	"Choose the language to translate into.":                                                   "Выберите язык, на который переводить.",
	"The site has no language with the code %s.":                                               "На сайте нет языка с кодом %s.",
	"The front page holds at most %d stories; %d were sent.":                                   "На главной странице помещается не больше %d материалов; прислано %d.",
	"Story %d is on the list twice; each story may stand in one place only.":                   "Материал %d стоит в списке дважды; каждый материал может занимать только одно место.",
	"The pin of story %d ends at %s, which has already passed; choose a later time or no pin.": "Закрепление материала %d заканчивается в %s, а это время уже прошло; выберите более позднее время или уберите закрепление.",
	"There is no story %d.":                                                                    "Материала %d нет.",
	"Story %d is in %q, not %q: a front page shows stories of its own language.":               "Материал %d написан на языке %q, а не %q: главная страница показывает материалы только на своём языке.",
	"Story %d is %s: only published or scheduled stories can go on the front page.":            "Материал %d в состоянии «%s»: на главную страницу можно поставить только опубликованные или запланированные материалы.",
	"A name of 1 to %d characters.":                                                            "Имя длиной от 1 до %d символов.",
	"Use pending, approved, rejected or spam.":                                                 "Укажите pending, approved, rejected или spam.",
	"Unknown status.": "Неизвестное состояние.",
	"This review has no email address to trust.":                                           "У этого отзыва нет адреса электронной почты, которому можно доверять.",
	"it must be at least %d characters (it has %d); a few unrelated words make a good one": "в нём должно быть не меньше %d символов (сейчас %d); хороший пароль — несколько не связанных между собой слов",
	"it must be at most %d characters (it has %d)":                                         "в нём должно быть не больше %d символов (сейчас %d)",
	"it is only spaces":                                               "он состоит из одних пробелов",
	"it repeats a character or a short pattern":                       "в нём повторяется один символ или короткий фрагмент",
	"it is a sequence such as 1234567890, abcdefgh or a keyboard row": "это последовательность вроде 1234567890, abcdefgh или ряда клавиш",
	"it is one of the most commonly used passwords":                   "это один из самых распространённых паролей",
}

var azDomainStrings = map[string]string{ // #nosec G101 -- interface texts (the word "password" among them), not credentials
	"Unknown language %q.":                                                                     "Naməlum dil %q.",
	"Unknown section %q.":                                                                      "Naməlum bölmə %q.",
	"A brief is one paragraph of at most %d characters.":                                       "Qısa xəbər ən çoxu %d simvoldan ibarət bir abzasdır.",
	"This field is longer than the %d bytes a story may hold.":                                 "Bu sahə materialın tuta biləcəyi %d baytdan uzundur.",
	"Choose the language to translate into.":                                                   "Tərcümə ediləcək dili seçin.",
	"The site has no language with the code %s.":                                               "Saytda %s kodlu dil yoxdur.",
	"The front page holds at most %d stories; %d were sent.":                                   "Əsas səhifəyə ən çoxu %d material sığır; %d göndərildi.",
	"Story %d is on the list twice; each story may stand in one place only.":                   "%d nömrəli material siyahıda iki dəfədir; hər material yalnız bir yerdə dura bilər.",
	"The pin of story %d ends at %s, which has already passed; choose a later time or no pin.": "%d nömrəli materialın bərkidilməsi %s vaxtında bitir, bu vaxt artıq keçib; daha gec vaxt seçin və ya bərkitməyin.",
	"There is no story %d.":                                                                    "%d nömrəli material yoxdur.",
	"Story %d is in %q, not %q: a front page shows stories of its own language.":               "%d nömrəli material %q dilindədir, %q dilində deyil: əsas səhifə yalnız öz dilindəki materialları göstərir.",
	"Story %d is %s: only published or scheduled stories can go on the front page.":            "%d nömrəli material «%s» vəziyyətindədir: əsas səhifəyə yalnız dərc olunmuş və ya planlaşdırılmış materiallar qoyula bilər.",
	"A name of 1 to %d characters.":                                                            "1-dən %d simvola qədər ad.",
	"Use pending, approved, rejected or spam.":                                                 "pending, approved, rejected və ya spam yazın.",
	"Unknown status.": "Naməlum vəziyyət.",
	"This review has no email address to trust.":                                           "Bu rəyin etibar ediləcək e-poçt ünvanı yoxdur.",
	"it must be at least %d characters (it has %d); a few unrelated words make a good one": "ən azı %d simvoldan ibarət olmalıdır (indi %d); bir neçə bir-biri ilə əlaqəsiz söz yaxşı parol olur",
	"it must be at most %d characters (it has %d)":                                         "ən çoxu %d simvoldan ibarət olmalıdır (indi %d)",
	"it is only spaces":                                               "yalnız boşluqlardan ibarətdir",
	"it repeats a character or a short pattern":                       "bir simvolu və ya qısa bir parçanı təkrarlayır",
	"it is a sequence such as 1234567890, abcdefgh or a keyboard row": "1234567890, abcdefgh və ya klaviatura sırası kimi ardıcıllıqdır",
	"it is one of the most commonly used passwords":                   "ən çox istifadə olunan parollardan biridir",
}
