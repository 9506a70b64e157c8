package desk

// liveStrings holds the Russian and Azerbaijani texts of the dashboard and the
// notifications (English text → translation), looked up after deskStrings (lang.go).
var liveStrings = map[string]map[string]string{
	"ru": {
		"Notifications":    "Уведомления",
		"Mark all as read": "Отметить все как прочитанные",
		"new":              "новое",
		"Nothing yet. You will be told here when a story needs you.": "Пока ничего. Когда материал потребует вашего участия, вы узнаете об этом здесь.",
		"What you are told of": "О чём сообщать",
		"This server sends no email (it has no mail server set up); your email choices apply once it does.": "Этот сервер не отправляет писем (почтовый сервер не настроен); выбор для почты вступит в силу, когда его настроят.",
		"Untick what you do not want to hear of.":                                                           "Снимите отметку с того, о чём не хотите получать уведомления.",
		"Kind":                                 "Вид",
		"In the newsroom":                      "В редакции",
		"By email":                             "По почте",
		"Save my choices":                      "Сохранить выбор",
		"A story waits for an editor":          "Материал ждёт редактора",
		"Your story was returned":              "Ваш материал возвращён",
		"Your story was published":             "Ваш материал опубликован",
		"An account is under a sign-in attack": "Учётную запись пытаются взломать",
		"A subscriber's delivery was given up": "Доставка подписчику прекращена",
	},
	"az": {
		"Notifications":    "Bildirişlər",
		"Mark all as read": "Hamısını oxunmuş kimi qeyd et",
		"new":              "yeni",
		"Nothing yet. You will be told here when a story needs you.": "Hələ heç nə yoxdur. Material sizi gözləyəndə bunu burada görəcəksiniz.",
		"What you are told of": "Nə barədə xəbər verilsin",
		"This server sends no email (it has no mail server set up); your email choices apply once it does.": "Bu server məktub göndərmir (poçt serveri qurulmayıb); poçt seçimləriniz o qurulanda qüvvəyə minəcək.",
		"Untick what you do not want to hear of.":                                                           "Xəbər tutmaq istəmədiyiniz şeylərin qarşısındakı işarəni götürün.",
		"Kind":                                 "Növ",
		"In the newsroom":                      "Redaksiyada",
		"By email":                             "E-poçtla",
		"Save my choices":                      "Seçimlərimi saxla",
		"A story waits for an editor":          "Material redaktoru gözləyir",
		"Your story was returned":              "Materialınız qaytarıldı",
		"Your story was published":             "Materialınız dərc olundu",
		"An account is under a sign-in attack": "Hesaba parol seçmə hücumu var",
		"A subscriber's delivery was given up": "Abunəçiyə çatdırılma dayandırıldı",
	},
}
