package demo

// The demo correspondents' author pages: a short bio in each language and a link or two.
// The people are invented; their addresses use the reserved .example domain, so no link
// leads to a real person.

// profiles adds the bios and links to the authors of the edition, by author key.
func profiles(list []Author) []Author {
	bios := map[string]map[string]string{
		"sultanli": {
			"en": "Nigar Sultanli has reported from Washington since 2023, covering the talks on trans-Caspian trade and the region's ties with the United States. Before that she covered parliament in Baku for six years.",
			"ru": "Нигяр Султанлы работает в Вашингтоне с 2023 года: пишет о переговорах по транскаспийской торговле и об отношениях региона с США. До этого шесть лет освещала работу парламента в Баку.",
			"az": "Nigar Sultanlı 2023-cü ildən Vaşinqtondan xəbər hazırlayır: Transxəzər ticarəti üzrə danışıqları və regionun ABŞ ilə münasibətlərini izləyir. Bundan əvvəl altı il Bakıda parlamenti işıqlandırıb.",
		},
		"veresov": {
			"en": "Anton Veresov writes from Moscow about energy, transport and the Caspian states' dealings with Russia. He joined the agency from a business daily.",
			"ru": "Антон Вересов пишет из Москвы об энергетике, транспорте и отношениях прикаспийских стран с Россией. Пришёл в агентство из деловой газеты.",
			"az": "Anton Veresov Moskvadan enerji, nəqliyyat və Xəzəryanı ölkələrin Rusiya ilə münasibətləri barədə yazır. Agentliyə işgüzar qəzetdən gəlib.",
		},
		"mirzayev": {
			"en": "Orkhan Mirzayev follows parliament, the cabinet and public procurement. He reads every bill so readers don't have to.",
			"ru": "Орхан Мирзаев следит за парламентом, правительством и госзакупками. Он читает каждый законопроект, чтобы читателям не приходилось.",
			"az": "Orxan Mirzəyev parlamenti, hökuməti və dövlət satınalmalarını izləyir. Hər qanun layihəsini oxuyur ki, oxuculara ehtiyac qalmasın.",
		},
		"abdinov": {
			"en": "Kamran Abdinov edits the economy desk: prices, the manat, the budget and the ports. He trained as a statistician.",
			"ru": "Камран Абдинов руководит отделом экономики: цены, манат, бюджет и порты. По образованию статистик.",
			"az": "Kamran Abdinov iqtisadiyyat şöbəsinə rəhbərlik edir: qiymətlər, manat, büdcə və limanlar. Təhsilcə statistikdir.",
		},
		"hartwig": {
			"en": "Lena Hartwig covers the European Union from Brussels, with a focus on trade rules and transport corridors to the east.",
			"ru": "Лена Хартвиг пишет о Европейском союзе из Брюсселя, прежде всего о правилах торговли и транспортных коридорах на восток.",
			"az": "Lena Hartviq Brüsseldən Avropa İttifaqı barədə yazır; əsas mövzuları ticarət qaydaları və şərqə gedən nəqliyyat dəhlizləridir.",
		},
		"lomidze": {
			"en": "Giorgi Lomidze reports from Tbilisi on Georgia, Armenia and the routes that cross the South Caucasus.",
			"ru": "Гиорги Ломидзе пишет из Тбилиси о Грузии, Армении и маршрутах, пересекающих Южный Кавказ.",
			"az": "Giorgi Lomidze Tbilisidən Gürcüstan, Ermənistan və Cənubi Qafqazdan keçən yollar barədə xəbər hazırlayır.",
		},
		"huseynzade": {
			"en": "Sabina Huseynzade writes about theatre, music, books and the people who keep Baku's old buildings standing.",
			"ru": "Сабина Гусейнзаде пишет о театре, музыке, книгах и людях, которые берегут старые здания Баку.",
			"az": "Səbinə Hüseynzadə teatr, musiqi, kitablar və Bakının köhnə binalarını qoruyan insanlar haqqında yazır.",
		},
	}
	for i, a := range list {
		a.Bio = bios[a.Key]
		a.Links = []Link{
			{URL: "https://" + a.Slug + ".example/"},
			{URL: "mailto:" + a.Slug + "@caspianwire.example"},
		}
		list[i] = a
	}
	return list
}
