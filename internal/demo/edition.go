package demo

import "time"

// The demo agency is Caspian Wire, a fictional news agency based in Baku that publishes
// in English, Russian and Azerbaijani. Every person, quotation and event in this edition
// is invented; real cities appear only as settings.

// New returns the demo edition. It builds fresh values on every call, so a caller may
// modify the result without affecting later calls.
func New() Edition {
	return Edition{
		SiteName: map[string]string{
			"en": "Caspian Wire",
			"ru": "Каспийская лента",
			"az": "Xəzər Lenti",
		},
		Brand:    brand(),
		Sections: sections(),
		Authors:  profiles(authors()),
		Stories:  stories(),
		Briefs:   briefs(),
		Pages:    pages(),
		Pictures: pictures(),
	}
}

func sections() []Section {
	return []Section{
		{
			Key:   "politics",
			Names: map[string]string{"en": "Politics", "ru": "Политика", "az": "Siyasət"},
			Slugs: map[string]string{"en": "politics", "ru": "politika", "az": "siyaset"},
		},
		{
			Key:   "economy",
			Names: map[string]string{"en": "Economy", "ru": "Экономика", "az": "İqtisadiyyat"},
			Slugs: map[string]string{"en": "economy", "ru": "ekonomika", "az": "iqtisadiyyat"},
		},
		{
			Key:   "world",
			Names: map[string]string{"en": "World", "ru": "В мире", "az": "Dünya"},
			Slugs: map[string]string{"en": "world", "ru": "v-mire", "az": "dunya"},
		},
		{
			Key:   "culture",
			Names: map[string]string{"en": "Culture", "ru": "Культура", "az": "Mədəniyyət"},
			Slugs: map[string]string{"en": "culture", "ru": "kultura", "az": "medeniyyet"},
		},
	}
}

func authors() []Author {
	return []Author{
		{
			Key:  "sultanli",
			Name: map[string]string{"en": "Nigar Sultanli", "ru": "Нигяр Султанлы", "az": "Nigar Sultanlı"},
			Slug: "nigar-sultanli",
			Roles: map[string]string{
				"en": "Washington correspondent",
				"ru": "Корреспондент в Вашингтоне",
				"az": "Vaşinqton müxbiri",
			},
		},
		{
			Key:  "veresov",
			Name: map[string]string{"en": "Anton Veresov", "ru": "Антон Вересов", "az": "Anton Veresov"},
			Slug: "anton-veresov",
			Roles: map[string]string{
				"en": "Moscow correspondent",
				"ru": "Корреспондент в Москве",
				"az": "Moskva müxbiri",
			},
		},
		{
			Key:  "mirzayev",
			Name: map[string]string{"en": "Orkhan Mirzayev", "ru": "Орхан Мирзаев", "az": "Orxan Mirzəyev"},
			Slug: "orkhan-mirzayev",
			Roles: map[string]string{
				"en": "Political correspondent",
				"ru": "Политический обозреватель",
				"az": "Siyasi müxbir",
			},
		},
		{
			Key:  "abdinov",
			Name: map[string]string{"en": "Kamran Abdinov", "ru": "Камран Абдинов", "az": "Kamran Abdinov"},
			Slug: "kamran-abdinov",
			Roles: map[string]string{
				"en": "Economics editor",
				"ru": "Редактор отдела экономики",
				"az": "İqtisadiyyat redaktoru",
			},
		},
		{
			Key:  "hartwig",
			Name: map[string]string{"en": "Lena Hartwig", "ru": "Лена Хартвиг", "az": "Lena Hartviq"},
			Slug: "lena-hartwig",
			Roles: map[string]string{
				"en": "Europe correspondent",
				"ru": "Корреспондент по Европе",
				"az": "Avropa müxbiri",
			},
		},
		{
			Key:  "lomidze",
			Name: map[string]string{"en": "Giorgi Lomidze", "ru": "Гиорги Ломидзе", "az": "Giorgi Lomidze"},
			Slug: "giorgi-lomidze",
			Roles: map[string]string{
				"en": "South Caucasus correspondent",
				"ru": "Корреспондент по Южному Кавказу",
				"az": "Cənubi Qafqaz müxbiri",
			},
		},
		{
			Key:  "huseynzade",
			Name: map[string]string{"en": "Sabina Huseynzade", "ru": "Сабина Гусейнзаде", "az": "Səbinə Hüseynzadə"},
			Slug: "sabina-huseynzade",
			Roles: map[string]string{
				"en": "Culture correspondent",
				"ru": "Обозреватель отдела культуры",
				"az": "Mədəniyyət müxbiri",
			},
		},
	}
}

func briefs() []Brief {
	h := time.Hour
	return []Brief{
		// Politics, English: three days of briefs.
		{Section: "politics", Language: "en", Ago: 2 * h, Story: "washington-customs",
			Text: "Negotiators from Azerbaijan, Georgia and Kazakhstan agreed in Washington on a draft single customs declaration for trans-Caspian freight. The draft needs cabinet approval in all three countries; a pilot on one ferry route could start in the spring."},
		{Section: "politics", Language: "en", Ago: 5 * h,
			Text: "The Cabinet of Ministers approved a plan to move driving-licence renewals to an online service by the end of next year. Applicants will still have to attend a medical check in person, the transport ministry said."},
		{Section: "politics", Language: "en", Ago: 9 * h,
			Text: "Parliament’s foreign affairs committee will hear Deputy Foreign Minister Leyla Mammadli on the Washington customs talks next week, its chairman, Samir Hajibeyli, said. The session will be open to the press."},
		{Section: "politics", Language: "en", Ago: 26 * h, Story: "tenders-bill",
			Text: "A parliamentary committee backed a bill requiring ministries and state companies to publish every public tender online within 48 hours of a decision. Two members abstained. The bill now goes to a first reading in the full chamber."},
		{Section: "politics", Language: "en", Ago: 30 * h,
			Text: "The ombudsman’s office opened regional reception centres in Ganja, Sheki and Lankaran, so that residents can file complaints without travelling to Baku. The centres will be open on weekdays from 9am to 6pm."},
		{Section: "politics", Language: "en", Ago: 33 * h,
			Text: "Foreign ministry officials from Azerbaijan and Uzbekistan held annual consultations in Baku and agreed to set up a joint working group on student exchanges. The next round will be held in Samarkand."},
		{Section: "politics", Language: "en", Ago: 50 * h, Story: "byelections",
			Text: "The central election commission published the list of 14 districts that will hold municipal by-elections in the spring. Candidate registration opens next month and closes 30 days before the vote."},
		{Section: "politics", Language: "en", Ago: 55 * h,
			Text: "Parliament’s budget committee will open hearings on next year’s draft budget with sessions on education and health spending, its secretariat said. Ministers are expected to appear in person."},

		// Politics, Russian.
		{Section: "politics", Language: "ru", Ago: 3 * h, Story: "washington-customs",
			Text: "Делегации Азербайджана, Грузии и Казахстана согласовали в Вашингтоне проект единой таможенной декларации для транскаспийских грузов. Документ должны одобрить правительства трех стран, после чего весной может начаться пилотный проект на одной паромной линии."},
		{Section: "politics", Language: "ru", Ago: 7 * h,
			Text: "Кабинет министров утвердил план перевода продления водительских удостоверений в онлайн-формат до конца следующего года. Медицинский осмотр по-прежнему нужно будет проходить лично, сообщили в министерстве транспорта."},
		{Section: "politics", Language: "ru", Ago: 27 * h, Story: "tenders-bill",
			Text: "Комитет парламента одобрил законопроект, обязывающий министерства и госкомпании публиковать все тендеры онлайн в течение 48 часов после решения. Документ вынесут на первое чтение."},
		{Section: "politics", Language: "ru", Ago: 45 * h, Story: "consular-booking",
			Text: "Азербайджан и Россия с нового года переведут запись в консульства в онлайн-формат. Об этом договорилась совместная рабочая группа на встрече в Москве; несколько мест в день оставят для срочных обращений."},

		// Politics, Azerbaijani.
		{Section: "politics", Language: "az", Ago: 2 * h, Story: "washington-customs",
			Text: "Azərbaycan, Gürcüstan və Qazaxıstan nümayəndə heyətləri Vaşinqtonda Transxəzər yükləri üçün vahid gömrük bəyannaməsi layihəsini razılaşdırıblar. Sənəd hər üç ölkənin hökuməti tərəfindən təsdiq edilməlidir."},
		{Section: "politics", Language: "az", Ago: 10 * h,
			Text: "Nazirlər Kabineti sürücülük vəsiqələrinin yenilənməsinin gələn ilin sonunadək onlayn xidmətə keçirilməsi planını təsdiqləyib. Tibbi müayinədən isə əvvəlki kimi şəxsən keçmək lazım olacaq."},
		{Section: "politics", Language: "az", Ago: 26 * h, Story: "tenders-bill",
			Text: "Parlamentin komitəsi nazirliklərin və dövlət şirkətlərinin bütün tenderləri qərardan sonra 48 saat ərzində onlayn dərc etməsini tələb edən qanun layihəsini bəyənib. Layihə birinci oxunuşa çıxarılacaq."},
		{Section: "politics", Language: "az", Ago: 52 * h,
			Text: "Ombudsman aparatı Gəncə, Şəki və Lənkəranda regional qəbul mərkəzləri açıb. Sakinlər artıq şikayətlərini Bakıya getmədən təqdim edə biləcəklər."},

		// Economy, English.
		{Section: "economy", Language: "en", Ago: 6 * h, Story: "ferry-timetable",
			Text: "Three Caspian ferry operators published a shared weekly timetable for departures from Baku, Aktau and Turkmenbashi. The operators say coordinated sailings should cut the number of crossings made with half-empty decks."},
		{Section: "economy", Language: "en", Ago: 28 * h,
			Text: "A survey of 600 small firms by the Caspian Small Business Association found that 38% plan to hire in the first quarter, up from 31% a year earlier. Retailers and cafés were the most optimistic."},
		{Section: "economy", Language: "en", Ago: 31 * h, Story: "lankaran-tea",
			Text: "Tea growers in the Lankaran region reported their largest autumn harvest in ten years, helped by a wet September. Cooperatives say most of the extra leaf will go to local packers."},
		{Section: "economy", Language: "en", Ago: 75 * h,
			Text: "Baku’s bus operator said it would add 40 electric buses to its fleet by the summer, most of them on routes to the airport and the northern suburbs. Charging depots are being built at two existing garages."},

		// World, English.
		{Section: "world", Language: "en", Ago: 4 * h, Story: "geneva-glaciers",
			Text: "Glaciologists added six monitoring stations in the Greater Caucasus to an international network that tracks mountain ice. Readings from the stations will be published every month."},
		{Section: "world", Language: "en", Ago: 27 * h,
			Text: "Tbilisi city hall published the first results of its autumn earthquake drill, saying every metro line was cleared in under eight minutes. A full report on school evacuations is due within a month."},
		{Section: "world", Language: "en", Ago: 49 * h, Story: "night-trains",
			Text: "Transport officials from five EU member states met in Brussels to discuss a night-train link from Vienna towards the Black Sea coast. They commissioned a study but agreed no timetable or budget."},
	}
}
