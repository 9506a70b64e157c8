package demo

import "time"

// laterStories returns the older half of the demo stories (stories continues with them),
// newest first; h is an hour.
func laterStories(h time.Duration) []Story {
	return []Story{
		{
			Key:       "sheki-silk",
			Section:   "culture",
			Author:    "huseynzade",
			Published: 36 * h,
			Versions: map[string]Version{
				"en": {
					Headline:   "Sheki silk festival opens with looms restored by a new generation of weavers",
					Standfirst: "Six 19th-century looms, repaired over two years by a workshop of young weavers, are working again for the town’s autumn festival.",
					Dateline:   "SHEKI",
					Slug:       "sheki-silk-festival-restored-looms",
					Tags:       []string{"Crafts", "Festivals", "Sheki"},
					Body: `The autumn silk festival in Sheki opened with six 19th-century looms working side by side for the first time in decades, after a workshop of young weavers spent two years repairing them.

The looms, found in storerooms and family houses around the town, were rebuilt with new wooden parts carved to the old patterns. Visitors can watch weavers make kelaghayi, the patterned silk headscarves for which Sheki is known, and try the looms themselves under supervision.

Gunel Rahimova, 27, who leads the workshop, said the hardest part had been finding people who remembered how the machines sounded when they worked properly.

> “A loom tells you when something is wrong, but only if you know its voice. We found two retired weavers, both in their eighties, who came in every week and listened. When one of them finally nodded and said ‘now it sounds right’, that was the day we knew we had finished.”

The festival runs for a week and includes an exhibition of dyes made from walnut husks, pomegranate skin and madder root, as well as an evening of music in the courtyard of one of the town’s old caravanserais.

Organisers said the restored looms would stay in the workshop after the festival and be used for classes for schoolchildren over the winter.`,
				},
				"ru": {
					Headline:   "Фестиваль шелка в Шеки открылся на станках, восстановленных молодыми ткачами",
					Standfirst: "Шесть ткацких станков XIX века, которые два года ремонтировала мастерская молодых ткачей, снова работают на осеннем фестивале города.",
					Dateline:   "ШЕКИ",
					Slug:       "festival-shelka-v-sheki",
					Tags:       []string{"Ремесла", "Фестивали", "Шеки"},
					Body: `Осенний фестиваль шелка в Шеки открылся работой шести ткацких станков XIX века: впервые за десятилетия они работают бок о бок после того, как мастерская молодых ткачей два года их восстанавливала.

Станки, найденные в кладовых и семейных домах города, собрали заново, вырезав новые деревянные детали по старым образцам. Посетители могут посмотреть, как ткачи изготавливают кялагаи — узорные шелковые платки, которыми славится Шеки, — и под присмотром мастеров сами поработать на станках.

Руководитель мастерской 27-летняя Гюнель Рагимова рассказала, что труднее всего было найти людей, которые помнят, как звучит исправный станок.

> «Станок сам говорит, когда что-то не так, но только если ты знаешь его голос. Мы нашли двух ткачих на пенсии, обеим за восемьдесят, и они каждую неделю приходили и слушали. Когда одна из них наконец кивнула и сказала: „Вот теперь звучит правильно“, мы поняли, что закончили».

Фестиваль продлится неделю. В программе — выставка красителей из кожуры грецкого ореха, граната и корня марены, а также вечер музыки во дворе одного из старых караван-сараев города.

По словам организаторов, после фестиваля восстановленные станки останутся в мастерской, и зимой на них будут проводить занятия для школьников.`,
				},
				"az": {
					Headline:   "Şəki ipək festivalı gənc toxucuların bərpa etdiyi dəzgahlarla açılıb",
					Standfirst: "Gənc toxucuların emalatxanasında iki il ərzində təmir olunan altı XIX əsr dəzgahı şəhərin payız festivalında yenidən işləyir.",
					Dateline:   "ŞƏKİ",
					Slug:       "seki-ipek-festivali-berpa-olunmus-dezgahlar",
					Tags:       []string{"Sənətkarlıq", "Festivallar", "Şəki"},
					Body: `Şəkidə payız ipək festivalı XIX əsrə aid altı toxuculuq dəzgahının onilliklər sonra ilk dəfə yan-yana işləməsi ilə açılıb. Gənc toxuculardan ibarət emalatxana bu dəzgahları iki il ərzində bərpa edib.

Şəhərin anbarlarında və ailə evlərində tapılan dəzgahlar köhnə nümunələr əsasında oyulmuş yeni taxta hissələrlə yenidən yığılıb. Ziyarətçilər Şəkinin məşhur olduğu naxışlı ipək baş örtüyü — kəlağayının necə toxunduğunu izləyə, ustaların nəzarəti altında dəzgahda özləri də işləyə bilərlər.

Emalatxanaya rəhbərlik edən 27 yaşlı Günel Rəhimova deyib ki, ən çətini sazlı dəzgahın necə səsləndiyini xatırlayan insanları tapmaq olub.

> “Nəsə qaydasında olmayanda dəzgah özü bunu deyir, amma yalnız onun səsini tanıyırsansa. Biz səksəni keçmiş iki təqaüdçü toxucu tapdıq, onlar hər həftə gəlib qulaq asırdılar. Onlardan biri nəhayət başını tərpədib ‘indi düz səslənir’ deyəndə, işi bitirdiyimizi başa düşdük.”

Festival bir həftə davam edəcək. Proqrama qoz qabığından, nar qabığından və boyaqotu kökündən hazırlanan boyaların sərgisi, həmçinin şəhərin köhnə karvansaraylarından birinin həyətində musiqi axşamı daxildir.

Təşkilatçıların sözlərinə görə, bərpa olunmuş dəzgahlar festivaldan sonra emalatxanada qalacaq və qışda məktəblilər üçün dərslərdə istifadə ediləcək.`,
				},
			},
		},
		{
			Key:       "consular-booking",
			Section:   "politics",
			Author:    "veresov",
			Published: 46 * h,
			Versions: map[string]Version{
				"en": {
					Headline:   "Moscow and Baku move consular appointments online to end pavement queues",
					Standfirst: "A joint working group agreed that from the new year people needing passports and certified documents will book consulate visits online instead of queuing from dawn.",
					Dateline:   "MOSCOW",
					Slug:       "moscow-baku-consular-appointments-online",
					Tags:       []string{"Consular services", "Russia", "Digital government"},
					Body: `Azerbaijani and Russian officials meeting in Moscow agreed to move appointments at each other’s consulates to online booking from the new year, ending the first-come, first-served queues that form outside consular offices every autumn.

The change will first cover passport renewals, certified copies and civil-status documents, the services that draw the longest lines. Consulates will keep a few walk-in slots each day for urgent cases, such as travel after a death in the family.

Farhad Alakbarli, director of the consular department at Azerbaijan’s foreign ministry, who led his country’s delegation, said the queues had become a problem in themselves.

> “Every September we see people standing in the rain at six in the morning for a stamp that takes four minutes to issue. Booking will not change the rules for anyone. It will change how many hours people spend on the pavement, and it will tell us, for the first time, how much demand we actually have.”

Yelena Markova, deputy head of the consular department at Russia’s foreign ministry, said both sides would publish the number of free slots each week so that applicants travelling from other cities could plan ahead.

The working group is due to meet in Baku in three months to review the first weeks of bookings.`,
				},
				"ru": {
					Headline:   "Москва и Баку переводят запись в консульства в онлайн, чтобы избавиться от очередей",
					Standfirst: "Совместная рабочая группа договорилась, что с нового года заявители будут записываться на прием в консульства через интернет, а не занимать очередь с рассвета.",
					Dateline:   "МОСКВА",
					Slug:       "zapis-v-konsulstva-onlayn",
					Tags:       []string{"Консульские услуги", "Россия", "Электронное правительство"},
					Body: `Представители Азербайджана и России на встрече в Москве договорились с нового года перевести запись на прием в консульства двух стран в онлайн-формат. Это должно положить конец живым очередям, которые каждую осень выстраиваются у консульских учреждений.

Сначала система охватит продление паспортов, заверение копий и выдачу документов о гражданском состоянии — услуги, за которыми очереди самые длинные. Консульства сохранят несколько мест в день для срочных случаев, например для поездки в связи со смертью родственника.

Директор консульского департамента МИД Азербайджана Фархад Алекперли, возглавлявший делегацию, сказал, что очереди превратились в самостоятельную проблему.

> «Каждый сентябрь мы видим людей, которые в шесть утра стоят под дождем ради штампа, на который уходит четыре минуты. Запись не изменит правил ни для кого. Она изменит количество часов, которые люди проводят на тротуаре, и впервые покажет нам, каков реальный спрос».

Заместитель директора консульского департамента МИД России Елена Маркова сообщила, что стороны будут еженедельно публиковать число свободных мест, чтобы заявители из других городов могли заранее планировать поездки.

Рабочая группа вновь соберется в Баку через три месяца, чтобы подвести итоги первых недель работы системы.`,
				},
			},
		},
		{
			Key:       "agritech-fund",
			Section:   "economy",
			Author:    "abdinov",
			Published: 54 * h,
			Versions: map[string]Version{
				"en": {
					Headline:   "Baku venture fund opens second round for farm-technology start-ups",
					Standfirst: "Sarvan Capital will invest up to 250,000 manats per company in start-ups working on irrigation, cold storage and crop data.",
					Dateline:   "BAKU",
					Slug:       "venture-fund-second-round-farm-technology",
					Tags:       []string{"Start-ups", "Agriculture", "Investment"},
					Body: `Sarvan Capital, a Baku venture fund backed by a group of local banks and family businesses, opened applications for its second round of investments in farm-technology start-ups, offering up to 250,000 manats per company.

The fund said it was looking in particular for firms working on drip irrigation, small-scale cold storage and software that helps farmers record yields and sell directly to shops. Its first round, last year, backed seven companies, two of which have since raised money from foreign investors.

Aysel Karimova, a partner at the fund, said many applicants in the first round had designed products for farms that barely exist in the country.

> “We saw beautiful software for thousand-hectare estates. Most of our farmers have three hectares and an old pump. This time we are asking every applicant to show us one real farmer who has used the product for a season and would pay for it again.”

Applications close at the end of next month, and the fund expects to announce its choices in the spring.`,
				},
			},
		},
		{
			Key:       "night-trains",
			Section:   "world",
			Author:    "hartwig",
			Published: 60 * h,
			Updated:   52 * h,
			Versions: map[string]Version{
				"en": {
					Headline:   "EU transport officials weigh night-train link from Vienna to the Black Sea",
					Standfirst: "Officials from five member states discussed a sleeper service that could one day connect with ferries across the Black Sea, but agreed no date or budget.",
					Dateline:   "BRUSSELS",
					Slug:       "night-train-vienna-black-sea",
					Tags:       []string{"Rail", "European Union", "Transport"},
					Body: `Transport officials from five European Union member states met in Brussels to discuss a night-train service from Vienna to the Black Sea coast, a route its supporters say could one day connect with ferries to Georgia.

The meeting produced no timetable and no budget. Officials agreed to commission a study of track access charges and rolling stock, the two issues that participants said had sunk earlier proposals.

Marek Dvořák, a rail official who chaired the meeting, said the obstacle was paperwork rather than demand.

> “Every country on the route charges for its track in a different way, and every one of them wants a different certificate for the same sleeping car. The passengers exist. What does not yet exist is a way to sell them one ticket and run one train without six sets of forms.”

Operators of existing night trains in central Europe told the meeting that sleeper services could cover their costs on journeys of 12 to 16 hours if they were allowed to sell seats as well as beds.

The study is expected to be ready by the summer, when the officials will meet again.`,
				},
				"ru": {
					Headline:   "Транспортные чиновники ЕС обсудили ночной поезд из Вены к Черному морю",
					Standfirst: "Представители пяти стран — членов ЕС обсудили спальный поезд, который в будущем мог бы стыковаться с паромами через Черное море, но не договорились ни о сроках, ни о бюджете.",
					Dateline:   "БРЮССЕЛЬ",
					Slug:       "nochnoy-poezd-iz-veny-k-chernomu-moryu",
					Tags:       []string{"Железные дороги", "Евросоюз", "Транспорт"},
					Body: `Представители транспортных ведомств пяти стран Европейского союза встретились в Брюсселе, чтобы обсудить ночной поезд из Вены к черноморскому побережью. Сторонники проекта считают, что со временем маршрут мог бы стыковаться с паромами в Грузию.

Встреча завершилась без расписания и бюджета. Чиновники договорились заказать исследование платы за доступ к инфраструктуре и подвижного состава — двух вопросов, из-за которых, по словам участников, провалились прежние предложения.

Председательствовавший на встрече железнодорожный чиновник Марек Дворжак сказал, что препятствием служат документы, а не спрос.

> «Каждая страна на маршруте взимает плату за пути по-своему, и каждая требует собственный сертификат на один и тот же спальный вагон. Пассажиры есть. Чего пока нет, так это способа продать им один билет и пустить один поезд без шести комплектов бумаг».

Операторы действующих ночных поездов в Центральной Европе сообщили участникам встречи, что спальные поезда могут окупаться на маршрутах продолжительностью от 12 до 16 часов, если им разрешат продавать не только спальные, но и сидячие места.

Исследование ожидается к лету, когда чиновники встретятся снова.`,
				},
			},
		},
		{
			Key:       "byelections",
			Section:   "politics",
			Author:    "mirzayev",
			Published: 70 * h,
			Versions: map[string]Version{
				"en": {
					Headline:   "Election commission sets spring date for municipal by-elections in 14 districts",
					Standfirst: "Voters in 14 districts will fill council seats left empty by resignations, with candidate registration opening next month.",
					Dateline:   "BAKU",
					Slug:       "municipal-by-elections-spring-date",
					Tags:       []string{"Elections", "Municipalities"},
					Body: `The central election commission set a single spring date for by-elections to fill 23 municipal council seats in 14 districts, most of them left vacant by councillors who resigned to take jobs elsewhere.

Candidate registration will open next month and close 30 days before the vote. Candidates need 50 signatures from voters in their ward, and for the first time the signatures may be collected through the government’s e-services portal as well as on paper.

Gulnar Safarova, the commission’s secretary, said the electronic option was meant to help candidates in rural wards.

> “In a village ward the voters are spread over many kilometres, and a candidate can lose a week driving from house to house for fifty signatures. We expect most people will still sign on paper. But nobody should be kept off the ballot because of the distance between two farms.”

The commission said polling stations would be the same as in the last municipal elections, and that observers could register until ten days before the vote.`,
				},
			},
		},
		{
			Key:       "tbilisi-drill",
			Section:   "world",
			Author:    "lomidze",
			Published: 84 * h,
			Versions: map[string]Version{
				"en": {
					Headline:   "Tbilisi holds citywide earthquake drill as 120 schools practise evacuation",
					Standfirst: "Pupils, hospitals and the metro took part in the exercise, which the city plans to repeat every autumn.",
					Dateline:   "TBILISI",
					Slug:       "tbilisi-earthquake-drill-schools",
					Tags:       []string{"Georgia", "Emergency planning", "Schools"},
					Body: `Sirens sounded across Tbilisi in mid-morning as the city held an earthquake drill involving 120 schools, three hospitals and the metro, the largest such exercise the capital has staged in years, city officials said.

Pupils sheltered under their desks for one minute before walking to assembly points in courtyards and parks. Metro trains stopped at the nearest station and staff led passengers to the surface, a process the city said took under eight minutes on every line.

Tamar Gelashvili, who heads the city’s emergency planning office, said the aim was to make the response a habit.

> “In a real earthquake nobody reads instructions. People do what their legs remember. If a ten-year-old has walked calmly down the same staircase to the same corner of the playground three autumns in a row, that is worth more than any leaflet we could print.”

Observers from emergency services in neighbouring countries watched the drill. The city said it would publish a report on response times within a month.`,
				},
			},
		},
		{
			Key:       "mugham-archive",
			Section:   "culture",
			Author:    "huseynzade",
			Published: 100 * h,
			Versions: map[string]Version{
				"en": {
					Headline:   "Baku sound archive puts 3,000 hours of mugham recordings online",
					Standfirst: "The collection, digitised from tapes and acetate discs over four years, includes rehearsals and radio broadcasts never released before.",
					Dateline:   "BAKU",
					Slug:       "mugham-recordings-archive-online",
					Tags:       []string{"Music", "Mugham", "Archives"},
					Body: `A Baku sound archive has published 3,000 hours of mugham recordings online, the result of a four-year project to digitise reel-to-reel tapes and acetate discs that had been kept in the basement of a former radio building.

The collection includes concert recordings, radio broadcasts and, unusually, rehearsals in which singers and tar and kamancha players stop, argue over a phrase and start again. Each recording is labelled with the mode, the performers and, where known, the date and place.

Elchin Rustamov, the archivist who led the project, said the rehearsals were the part he expected musicians to value most.

> “A concert recording shows you the finished house. A rehearsal shows you where the walls were moved. Young performers can hear a master say ‘no, slower, let it breathe’ and then hear the difference. You cannot learn that from sheet music, because mugham has never really lived on paper.”

About a fifth of the tapes were too damaged to play and are being restored by hand, the archive said. Those recordings will be added over the next two years.`,
				},
			},
		},
	}
}
