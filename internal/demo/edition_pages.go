package demo

// pages are the demo agency's standing pages, in the three languages. The English About
// page is at about-us, leaving the plain "about" slug free for a site's own.
func pages() []Page {
	return []Page{
		{
			Key: "about", Position: 1,
			Versions: map[string]PageVersion{
				"en": {Slug: "about-us", Title: "About Caspian Wire", Body: `Caspian Wire is a fictional news agency made up to show what a small multilingual newsroom looks like on Newsdesk. Its stories, people and places are invented; none of it reports a real event.

## What we cover

Politics, the economy and the wider world as seen from the shores of the Caspian, in English, Russian and Azerbaijani. Each story is written in one language and translated by the desk, not by a machine.

## How we work

Correspondents file to editors, who check, edit and publish. Every story carries a byline, a dateline and the time it was published; when we change a published story, we say so at its foot.

## Contact

Write to the desk at desk@example.org. We read every message, and we answer those about our reporting within two working days.`},
				"ru": {Slug: "o-nas", Title: "О «Каспийской ленте»", Body: `«Каспийская лента» — вымышленное информационное агентство: оно придумано, чтобы показать, как выглядит на Newsdesk небольшая многоязычная редакция. Все материалы, люди и места в них выдуманы; ни одно событие не настоящее.

## О чём мы пишем

Политика, экономика и события в мире — взгляд с берегов Каспия на английском, русском и азербайджанском языках. Каждый материал пишется на одном языке, а переводит его редакция, а не машина.

## Как мы работаем

Корреспонденты сдают тексты редакторам; те проверяют, правят и публикуют. У каждого материала есть автор, место и время публикации; если опубликованный текст меняется, мы сообщаем об этом в его конце.

## Связь с редакцией

Пишите на desk@example.org. Мы читаем все письма и отвечаем на вопросы о наших материалах в течение двух рабочих дней.`},
				"az": {Slug: "haqqimizda", Title: "Xəzər Lenti haqqında", Body: `Xəzər Lenti uydurma xəbər agentliyidir: o, kiçik çoxdilli redaksiyanın Newsdesk-də necə göründüyünü göstərmək üçün yaradılıb. Xəbərlərdəki hadisələr, insanlar və yerlər uydurmadır; heç biri real hadisədən bəhs etmir.

## Nədən yazırıq

Siyasət, iqtisadiyyat və dünyada baş verənlər — Xəzər sahillərindən baxış, ingilis, rus və Azərbaycan dillərində. Hər xəbər bir dildə yazılır və onu maşın yox, redaksiya tərcümə edir.

## Necə işləyirik

Müxbirlər mətnləri redaktorlara təqdim edir; redaktorlar yoxlayır, düzəldir və dərc edir. Hər xəbərin müəllifi, yeri və dərc vaxtı göstərilir; dərc olunmuş mətni dəyişəndə bunu onun sonunda bildiririk.

## Əlaqə

desk@example.org ünvanına yazın. Bütün məktubları oxuyuruq, xəbərlərimizlə bağlı suallara iki iş günü ərzində cavab veririk.`},
			},
		},
		{
			Key: "corrections", Position: 2,
			Versions: map[string]PageVersion{
				"en": {Slug: "corrections-policy", Title: "Corrections policy", Body: `We try to get every fact right the first time. When we do not, we correct the story openly.

- **A factual error** — a wrong name, number, date or quotation — is fixed in the text, and a note at the end of the story says what was wrong and when it was corrected.
- **A change of substance** that alters what the story says is published as a correction in the same way, and goes to our subscribers as an update.
- **Spelling and style** are fixed without a note when they change no meaning.
- **We do not delete stories** to hide a mistake. A story withdrawn for legal reasons says so at its address.

To report an error, write to corrections@example.org with the address of the story and what is wrong. An editor who did not work on the story looks at every report.`},
				"ru": {Slug: "ispravleniya", Title: "Как мы исправляем ошибки", Body: `Мы стараемся с первого раза верно передать каждый факт. Если это не удалось, мы исправляем материал открыто.

- **Фактическую ошибку** — неверное имя, число, дату или цитату — мы исправляем в тексте, а в конце материала указываем, что было неверно и когда это исправлено.
- **Существенное изменение**, меняющее смысл материала, публикуется как исправление так же и уходит подписчикам как обновление.
- **Опечатки и стилистические огрехи** исправляются без пометки, если они не меняют смысла.
- **Мы не удаляем материалы**, чтобы скрыть ошибку. Если текст снят по юридическим причинам, об этом сказано по его адресу.

Чтобы сообщить об ошибке, напишите на corrections@example.org, указав адрес материала и суть ошибки. Каждое сообщение рассматривает редактор, который не работал над этим текстом.`},
				"az": {Slug: "duzelisler", Title: "Səhvləri necə düzəldirik", Body: `Hər faktı ilk dəfədən düzgün çatdırmağa çalışırıq. Alınmayanda isə xəbəri açıq şəkildə düzəldirik.

- **Faktiki səhv** — yanlış ad, rəqəm, tarix və ya sitat — mətndə düzəldilir, xəbərin sonunda isə nəyin yanlış olduğu və nə vaxt düzəldildiyi qeyd olunur.
- **Xəbərin mənasını dəyişən düzəliş** eyni qaydada dərc olunur və abunəçilərə yenilənmə kimi göndərilir.
- **Yazı və üslub xətaları** mənanı dəyişmirsə, qeydsiz düzəldilir.
- **Səhvi gizlətmək üçün xəbəri silmirik.** Hüquqi səbəbdən götürülmüş xəbərin ünvanında bu barədə yazılır.

Səhv barədə xəbər vermək üçün corrections@example.org ünvanına xəbərin ünvanını və səhvin nə olduğunu yazın. Hər müraciətə həmin xəbər üzərində işləməmiş redaktor baxır.`},
			},
		},
	}
}
