package demo

// credit is the credit line of the demo's drawn pictures.
const credit = "Caspian Wire illustration" // #nosec G101 -- a picture's credit line, not a credential

func pictures() []Picture {
	return []Picture{
		{Story: "washington-customs", Scene: "containers",
			Alt: map[string]string{
				"en": "Stacks of red, blue and yellow freight containers on a quay, a crane's arm above them",
				"ru": "Штабеля красных, синих и желтых контейнеров на причале, над ними стрела крана",
				"az": "Limanda qırmızı, göy və sarı yük konteynerlərinin yığınları, üstündə kranın qolu",
			},
			Caption: map[string]string{
				"en": "Containers bound for the Black Sea wait for clearance on the Caspian coast.",
				"ru": "Контейнеры, идущие к Черному морю, ждут оформления на каспийском побережье.",
				"az": "Qara dənizə gedən konteynerlər Xəzər sahilində rəsmiləşdirilməni gözləyir.",
			}, Credit: credit},
		{Story: "ferry-timetable", Scene: "ferry",
			Alt: map[string]string{
				"en": "A white ferry with a red funnel at sea at dusk, the low sun reflected on the water",
				"ru": "Белый паром с красной трубой в море на закате, низкое солнце отражается в воде",
				"az": "Qürub çağı dənizdə qırmızı borulu ağ bərə, alçaq günəş suda əks olunur",
			},
			Caption: map[string]string{
				"en": "A ferry on the crossing between Baku and Aktau.",
				"ru": "Паром на переправе между Баку и Актау.",
				"az": "Bakı ilə Aktau arasında bərə.",
			}, Credit: credit},
		{Story: "geneva-glaciers", Scene: "glacier",
			Alt: map[string]string{
				"en": "Snow-capped grey peaks under a blue sky, a pale glacier filling the valley between them",
				"ru": "Серые вершины со снежными шапками под голубым небом, между ними в долине светлый ледник",
				"az": "Mavi səma altında qarlı boz zirvələr, aralarındakı dərəni açıq rəngli buzlaq doldurur",
			},
			Caption: map[string]string{
				"en": "Glaciers of the Greater Caucasus are now measured every month.",
				"ru": "Ледники Большого Кавказа теперь измеряют каждый месяц.",
				"az": "Böyük Qafqazın buzlaqları artıq hər ay ölçülür.",
			}, Credit: credit},
		{Story: "lankaran-tea", Scene: "tea",
			Alt: map[string]string{
				"en": "Curving green rows of tea bushes on terraced hills, brown paths between the rows",
				"ru": "Изогнутые зеленые ряды чайных кустов на террасах холмов, между рядами коричневые тропинки",
				"az": "Terraslı təpələrdə əyri yaşıl çay kolu cərgələri, cərgələr arasında qəhvəyi cığırlar",
			},
			Caption: map[string]string{
				"en": "Tea terraces in the hills around Lankaran.",
				"ru": "Чайные террасы на холмах вокруг Ленкорани.",
				"az": "Lənkəran ətrafındakı təpələrdə çay terrasları.",
			}, Credit: credit},
		{Story: "sheki-silk", Scene: "silk",
			Alt: map[string]string{
				"en": "A woven pattern of gold, teal and cream diamonds on a crimson silk ground",
				"ru": "Тканый узор из золотых, бирюзовых и кремовых ромбов на малиновом шелке",
				"az": "Al-qırmızı ipək üzərində qızılı, firuzəyi və krem rəngli rombların toxunma naxışı",
			},
			Caption: map[string]string{
				"en": "A pattern of the kind woven on Sheki's restored looms.",
				"ru": "Узор, какие ткут на восстановленных станках Шеки.",
				"az": "Şəkinin bərpa olunmuş dəzgahlarında toxunan naxışlardan biri.",
			}, Credit: credit},
		{Story: "night-trains", Scene: "night-train",
			Alt: map[string]string{
				"en": "A train with lit windows crossing dark hills at night under a starry sky and a crescent moon",
				"ru": "Поезд с освещенными окнами ночью пересекает темные холмы под звездным небом и полумесяцем",
				"az": "Gecə ulduzlu səma və aypara altında qaranlıq təpələrdən keçən, pəncərələri işıqlı qatar",
			},
			Caption: map[string]string{
				"en": "Night trains could link Vienna with the Black Sea coast again.",
				"ru": "Ночные поезда могут снова связать Вену с черноморским побережьем.",
				"az": "Gecə qatarları Vyananı yenidən Qara dəniz sahili ilə birləşdirə bilər.",
			}, Credit: credit},
	}
}
