package demo

import "time"

// stories returns the demo stories, newest first. Bodies are Markdown: paragraphs
// separated by blank lines, long quotations as "> " blockquotes.
func stories() []Story {
	h := time.Hour
	return []Story{
		{
			Key:       "washington-customs",
			Section:   "politics",
			Author:    "sultanli",
			Lead:      true,
			Published: 3 * h,
			Updated:   1 * h,
			Versions: map[string]Version{
				"en": {
					Headline:   "Washington talks yield draft deal on a single customs check for trans-Caspian freight",
					Standfirst: "Delegations from Azerbaijan, Georgia and Kazakhstan agreed to test a shared digital declaration that would let a container cross from Central Asia to the Black Sea with one customs check instead of three.",
					Dateline:   "WASHINGTON",
					Slug:       "washington-talks-single-customs-check",
					Tags:       []string{"Diplomacy", "Customs", "Trans-Caspian route"},
					Body: `Negotiators from Azerbaijan, Georgia and Kazakhstan ended two days of talks in Washington with a draft agreement to replace separate customs checks on trans-Caspian freight with a single digital declaration shared by all three services, officials from the three delegations said.

Under the draft, which each government must still approve, a container loaded at the Kazakh port of Aktau would be declared once, and the data would reach customs officers in Baku and Tbilisi before the ferry docked. Freight forwarders say a container now takes eight to twelve days to travel from Aktau to Georgia’s Black Sea coast, although the sea crossing itself takes little more than a day.

Deputy Foreign Minister Leyla Mammadli, who led Azerbaijan’s delegation, said the aim was to cut waiting time without weakening border control:

> “A container that crosses the Caspian today can spend longer waiting for paper than it spends at sea. What we have agreed is simple in principle: the same data, entered once, checked once and trusted by every service along the route. Nobody is giving up control of their own border. We are giving up the habit of asking the same question three times.”

Any of the three services could still open and inspect a container it considered suspect, Mammadli said, a clause she described as settled “early and without drama”.

## One route first

The draft provides for a six-month pilot on a single ferry route, starting in the spring and covering about 40 containers a week. Georgia’s deputy finance minister, Nino Kapanadze, said the test would show whether the system could give shippers something they now lack: certainty.

> “Our ports at Poti and Batumi handle the last leg of this journey, so we see every delay that builds up further east. If the pilot works, a shipper will know before the ferry leaves Aktau whether the cargo will clear in Georgia. That kind of certainty is worth more to traders than any discount on fees.”

Kazakhstan’s vice-minister of trade, Daniyar Seitkali, said years of investment in railways and ports had moved the bottleneck to the customs counter.

> “We have spent years building track and quays. The slowest part of this corridor is no longer the railway or the sea; it is the desk where documents are checked. This draft is the first time all three of our services have agreed to look at the same screen.”

The talks were hosted by the State Department, which has offered engineers and training for customs officers but is not a party to the agreement. Margaret Ellery, a deputy assistant secretary of state who chaired the closing session, played down Washington’s role.

> “This is their agreement, not ours. We provided a room, some engineers and a great deal of coffee. Every decision about what data is shared, and who gets to see it, was made by the three delegations.”

Two questions remain open, according to delegates: how the services will settle disputes over the contents of a declaration, and in which language the shared system will keep its records. A technical working group is due to meet in Tbilisi within six weeks, after which the draft will go to the three cabinets.`,
				},
				"ru": {
					Headline:   "Переговоры в Вашингтоне завершились проектом единой таможенной проверки транскаспийских грузов",
					Standfirst: "Делегации Азербайджана, Грузии и Казахстана договорились испытать общую цифровую декларацию, с которой контейнер сможет пройти путь от Центральной Азии до Черного моря с одной таможенной проверкой вместо трех.",
					Dateline:   "ВАШИНГТОН",
					Slug:       "peregovory-v-vashingtone-edinaya-tamozhennaya-proverka",
					Tags:       []string{"Дипломатия", "Таможня", "Транскаспийский маршрут"},
					Body: `Делегации Азербайджана, Грузии и Казахстана завершили двухдневные переговоры в Вашингтоне проектом соглашения, который заменяет раздельные таможенные проверки транскаспийских грузов единой цифровой декларацией, доступной всем трем службам, сообщили представители делегаций.

Согласно проекту, который еще должны одобрить правительства трех стран, контейнер, загруженный в казахстанском порту Актау, будет декларироваться один раз, а данные поступят таможенникам в Баку и Тбилиси еще до того, как паром причалит. По словам экспедиторов, сейчас путь контейнера от Актау до черноморского побережья Грузии занимает от восьми до двенадцати дней, хотя сама переправа через море длится немногим больше суток.

Заместитель министра иностранных дел Азербайджана Лейла Мамедли, возглавлявшая делегацию, заявила, что цель — сократить время ожидания, не ослабляя пограничный контроль:

> «Сегодня контейнер, пересекающий Каспий, может дольше ждать бумаг, чем находиться в море. То, о чем мы договорились, в принципе просто: одни и те же данные вводятся один раз, проверяются один раз, и им доверяет каждая служба на маршруте. Никто не отказывается от контроля над своей границей. Мы отказываемся от привычки трижды задавать один и тот же вопрос».

По словам Мамедли, каждая из трех служб сохраняет право вскрыть и досмотреть контейнер, который вызывает подозрения; этот пункт, по ее словам, согласовали «быстро и без драмы».

## Сначала один маршрут

Проект предусматривает шестимесячный пилотный запуск на одной паромной линии: он начнется весной и охватит около 40 контейнеров в неделю. Заместитель министра финансов Грузии Нино Капанадзе сказала, что испытание покажет, способна ли система дать грузоотправителям то, чего им сейчас не хватает, — определенность.

> «Наши порты в Поти и Батуми принимают груз на последнем отрезке пути, поэтому мы видим каждую задержку, которая накапливается восточнее. Если пилотный проект сработает, грузоотправитель еще до отхода парома из Актау будет знать, пройдет ли груз таможню в Грузии. Такая определенность для торговцев дороже любой скидки на сборы».

Вице-министр торговли Казахстана Данияр Сейткали сказал, что после многолетних вложений в железные дороги и порты узким местом стала таможенная стойка.

> «Мы годами строили пути и причалы. Самое медленное звено этого коридора — уже не железная дорога и не море, а стол, за которым проверяют документы. Впервые все три наши службы согласились смотреть на один и тот же экран».

Переговоры проходили при содействии Государственного департамента США, который предложил инженеров и обучение для таможенников, но не является стороной соглашения. Заместитель помощника госсекретаря Маргарет Эллери, которая вела заключительное заседание, подчеркнула, что роль Вашингтона была скромной.

> «Это их соглашение, а не наше. Мы предоставили зал, нескольких инженеров и очень много кофе. Все решения о том, какими данными обмениваться и кто будет их видеть, приняли три делегации».

По словам участников, открытыми остаются два вопроса: как службы будут разрешать споры о содержании декларации и на каком языке общая система будет вести записи. Техническая рабочая группа должна собраться в Тбилиси в течение шести недель, после чего проект будет направлен правительствам трех стран.`,
				},
				"az": {
					Headline:   "Vaşinqton danışıqları Transxəzər yükləri üçün vahid gömrük yoxlaması layihəsi ilə yekunlaşıb",
					Standfirst: "Azərbaycan, Gürcüstan və Qazaxıstan nümayəndə heyətləri konteynerin Mərkəzi Asiyadan Qara dənizədək yolu üç əvəzinə bir gömrük yoxlaması ilə keçməsinə imkan verəcək ümumi rəqəmsal bəyannaməni sınaqdan keçirməyə razılaşıblar.",
					Dateline:   "VAŞİNQTON",
					Slug:       "vasinqton-danisiqlari-vahid-gomruk-yoxlamasi",
					Tags:       []string{"Diplomatiya", "Gömrük", "Transxəzər marşrutu"},
					Body: `Azərbaycan, Gürcüstan və Qazaxıstan nümayəndə heyətləri Vaşinqtonda iki günlük danışıqları Transxəzər yükləri üzrə ayrı-ayrı gömrük yoxlamalarını üç xidmətin birgə istifadə edəcəyi vahid rəqəmsal bəyannamə ilə əvəz edən saziş layihəsi ilə başa vurublar. Bu barədə hər üç nümayəndə heyətinin rəsmiləri məlumat veriblər.

Hər üç hökumətin hələ təsdiq etməli olduğu layihəyə görə, Qazaxıstanın Aktau limanında yüklənən konteyner bir dəfə bəyan ediləcək, məlumatlar isə bərə limana yan almamışdan əvvəl Bakı və Tbilisidəki gömrükçülərə çatacaq. Ekspeditorların sözlərinə görə, hazırda konteynerin Aktaudan Gürcüstanın Qara dəniz sahilinədək yolu səkkiz-on iki gün çəkir, halbuki dənizdən keçid cəmi bir gündən bir qədər artıq vaxt aparır.

Azərbaycan nümayəndə heyətinə rəhbərlik edən xarici işlər nazirinin müavini Leyla Məmmədli bildirib ki, məqsəd sərhəd nəzarətini zəiflətmədən gözləmə vaxtını azaltmaqdır:

> “Bu gün Xəzəri keçən konteyner kağızları dənizdə olduğundan daha uzun müddət gözləyə bilər. Razılaşdığımız şey prinsipcə sadədir: eyni məlumat bir dəfə daxil edilir, bir dəfə yoxlanılır və marşrut boyu hər bir xidmət ona etibar edir. Heç kim öz sərhədi üzərində nəzarətdən imtina etmir. Biz eyni sualı üç dəfə vermək vərdişindən imtina edirik.”

Məmmədlinin sözlərinə görə, üç xidmətdən hər biri şübhəli hesab etdiyi konteyneri açıb yoxlamaq hüququnu saxlayır. O, bu bəndin “tez və dramsız” razılaşdırıldığını deyib.

## Əvvəlcə bir marşrut

Layihə yazda başlayacaq və həftədə təxminən 40 konteyneri əhatə edəcək altı aylıq pilot layihəni nəzərdə tutur. Gürcüstanın maliyyə nazirinin müavini Nino Kapanadze deyib ki, sınaq sistemin yükgöndərənlərə hazırda çatışmayan bir şeyi — əminliyi verə bilib-bilməyəcəyini göstərəcək.

> “Poti və Batumidəki limanlarımız bu yolun son hissəsini qəbul edir, buna görə də daha şərqdə yığılan hər gecikməni görürük. Pilot layihə uğurlu olsa, yükgöndərən bərə Aktaudan çıxmamışdan əvvəl yükün Gürcüstanda gömrükdən keçib-keçməyəcəyini biləcək. Belə əminlik tacirlər üçün rüsumlara edilən istənilən güzəştdən daha dəyərlidir.”

Qazaxıstanın ticarət üzrə vitse-naziri Daniyar Seytkali bildirib ki, dəmir yollarına və limanlara illərlə qoyulan sərmayələrdən sonra darboğaz gömrük piştaxtasına keçib.

> “Biz illərlə dəmir yolu xətləri və yanalma körpüləri tikmişik. Bu dəhlizin ən ləng hissəsi artıq nə dəmir yolu, nə də dənizdir — sənədlərin yoxlandığı masadır. Bu layihə ilə ilk dəfə hər üç xidmətimiz eyni ekrana baxmağa razılaşıb.”

Danışıqlara ABŞ Dövlət Departamenti ev sahibliyi edib. Departament gömrükçülər üçün mühəndislər və təlim təklif etsə də, sazişin tərəfi deyil. Yekun iclasa sədrlik edən dövlət katibinin köməkçisinin müavini Marqaret Elleri Vaşinqtonun rolunun təvazökar olduğunu vurğulayıb.

> “Bu, bizim deyil, onların sazişidir. Biz zal, bir neçə mühəndis və çoxlu qəhvə təmin etdik. Hansı məlumatların paylaşılacağı və onları kimin görəcəyi ilə bağlı bütün qərarları üç nümayəndə heyəti qəbul edib.”

İştirakçıların sözlərinə görə, iki məsələ hələ açıq qalır: xidmətlər bəyannamənin məzmunu ilə bağlı mübahisələri necə həll edəcək və ümumi sistem qeydləri hansı dildə aparacaq. Texniki işçi qrupunun altı həftə ərzində Tbilisidə toplanması gözlənilir, bundan sonra layihə üç ölkənin hökumətlərinə göndəriləcək.`,
				},
			},
		},
		{
			Key:       "ferry-timetable",
			Section:   "economy",
			Author:    "abdinov",
			Lead:      true,
			Published: 8 * h,
			Updated:   6 * h,
			Versions: map[string]Version{
				"en": {
					Headline:   "Caspian ferry operators publish first shared timetable to cut half-empty crossings",
					Standfirst: "Three operators will coordinate departures from Baku, Aktau and Turkmenbashi so that freight trains meet the boats instead of waiting for them.",
					Dateline:   "BAKU",
					Slug:       "caspian-ferry-operators-shared-timetable",
					Tags:       []string{"Shipping", "Ferries", "Logistics"},
					Body: `Three ferry operators working the Caspian published their first joint weekly timetable, agreeing to space departures from Baku, Aktau and Turkmenbashi so that freight trains arrive as boats are loading rather than hours or days before.

Until now each operator set its own schedule, and ferries often sailed with half-empty decks while wagons waited at the next port for another boat. Under the shared timetable, sailings will be published four weeks ahead and changed only for weather.

Ilgar Rzayev, operations director of Sahil Ferries, the largest of the three, said the agreement had been driven by customers.

> “Forwarders told us, quite bluntly, that they did not care whose ship it was. They wanted to know when it would leave. So we stopped competing on the departure board and started competing on service. A ship that leaves full is cheaper for everyone, including us.”

The operators said they expected the timetable to raise average deck use from about 60% to more than 80% within a year, though they gave no forecast for prices.

Freight forwarders welcomed the move. Narmin Aliyeva, who runs a forwarding company in Baku, said predictability mattered more to her clients than speed. “If I know the boat leaves on Tuesday, I can sell Tuesday,” she said.

The timetable will be reviewed in March, the operators said.`,
				},
				"ru": {
					Headline:   "Каспийские паромные операторы впервые опубликовали общее расписание",
					Standfirst: "Три компании согласуют отправления из Баку, Актау и Туркменбаши, чтобы грузовые поезда встречали суда, а не ждали их.",
					Dateline:   "БАКУ",
					Slug:       "kaspiyskie-paromy-obshchee-raspisanie",
					Tags:       []string{"Судоходство", "Паромы", "Логистика"},
					Body: `Три паромных оператора, работающих на Каспии, впервые опубликовали общее недельное расписание. Они договорились распределить отправления из Баку, Актау и Туркменбаши так, чтобы грузовые поезда прибывали к началу погрузки, а не за несколько часов или дней до нее.

До сих пор каждый оператор составлял расписание самостоятельно, и паромы нередко уходили с полупустыми палубами, пока вагоны в соседнем порту ждали другого судна. Теперь рейсы будут публиковаться на четыре недели вперед и меняться только из-за погоды.

Операционный директор крупнейшей из трех компаний, Sahil Ferries, Ильгар Рзаев сказал, что к соглашению операторов подтолкнули клиенты.

> «Экспедиторы сказали нам прямо: им неважно, чье это судно. Им важно знать, когда оно уйдет. Поэтому мы перестали соревноваться на табло отправлений и начали соревноваться в качестве услуг. Судно, которое уходит полным, обходится дешевле всем, в том числе и нам».

Операторы рассчитывают, что за год средняя загрузка палуб вырастет примерно с 60% до более чем 80%, однако прогноза по тарифам они не дали.

Экспедиторы приветствовали решение. Нармин Алиева, руководитель экспедиторской компании в Баку, сказала, что для ее клиентов предсказуемость важнее скорости. «Если я знаю, что паром уходит во вторник, я могу продавать вторник», — сказала она.

Расписание будет пересмотрено в марте, сообщили операторы.`,
				},
			},
		},
		{
			Key:       "geneva-glaciers",
			Section:   "world",
			Author:    "hartwig",
			Published: 12 * h,
			Versions: map[string]Version{
				"en": {
					Headline:   "Glacier monitoring network adds six stations in the Greater Caucasus",
					Standfirst: "The new stations will send monthly readings on ice thickness and meltwater, filling a gap in data on one of the region’s main sources of river water.",
					Dateline:   "GENEVA",
					Slug:       "glacier-network-greater-caucasus-stations",
					Tags:       []string{"Climate", "Science", "Caucasus"},
					Body: `An international network that tracks the world’s mountain glaciers has added six monitoring stations in the Greater Caucasus, filling what its scientists describe as one of the largest gaps in their data.

The stations, installed over the summer on glaciers on the Azerbaijani and Georgian slopes of the range, measure ice thickness, surface temperature and the flow of meltwater. Their readings will be published every month on the network’s open website.

Anna Lindqvist, a glaciologist who coordinates the network from Geneva, said the Caucasus had been poorly covered because its glaciers were small and hard to reach.

> “Small glaciers are easy to ignore and hard to visit, which is exactly why they matter. They react to a warm summer within a year or two, long before the large ice fields do. For the towns downstream, the question is not whether the ice will change but how quickly the rivers will feel it.”

For the final stretch to two of the sites, the equipment was carried on horseback, the network said. Each station runs on solar power and sends its data by satellite.

Universities in Baku and Tbilisi will maintain the stations and train students to collect field samples each summer.`,
				},
				"ru": {
					Headline:   "Сеть мониторинга ледников получила шесть новых станций на Большом Кавказе",
					Standfirst: "Новые станции будут ежемесячно передавать данные о толщине льда и талых водах, восполняя пробел в сведениях об одном из главных источников речной воды в регионе.",
					Dateline:   "ЖЕНЕВА",
					Slug:       "monitoring-lednikov-bolshoy-kavkaz",
					Tags:       []string{"Климат", "Наука", "Кавказ"},
					Body: `Международная сеть, отслеживающая горные ледники мира, пополнилась шестью станциями на Большом Кавказе. По словам ученых, это закрывает один из крупнейших пробелов в ее данных.

Станции, установленные летом на ледниках азербайджанского и грузинского склонов хребта, измеряют толщину льда, температуру поверхности и сток талых вод. Данные будут ежемесячно публиковаться на открытом сайте сети.

Гляциолог Анна Линдквист, координирующая работу сети из Женевы, сказала, что Кавказ до сих пор был плохо охвачен наблюдениями, поскольку его ледники невелики и труднодоступны.

> «Маленькие ледники легко не заметить и трудно посетить — и именно поэтому они важны. Они реагируют на жаркое лето за год-два, задолго до больших ледниковых полей. Для городов ниже по течению вопрос не в том, изменится ли лед, а в том, как скоро это почувствуют реки».

По данным сети, на последнем участке пути к двум площадкам оборудование везли на лошадях. Каждая станция работает на солнечной энергии и передает данные через спутник.

Обслуживать станции будут университеты Баку и Тбилиси, которые каждое лето станут обучать студентов отбору полевых проб.`,
				},
				"az": {
					Headline:   "Buzlaqların monitorinq şəbəkəsinə Böyük Qafqazda altı yeni stansiya əlavə olunub",
					Standfirst: "Yeni stansiyalar buzun qalınlığı və ərimə suları barədə hər ay məlumat ötürəcək və regionda çay sularının əsas mənbələrindən biri üzrə məlumat boşluğunu dolduracaq.",
					Dateline:   "CENEVRƏ",
					Slug:       "buzlaq-monitorinqi-boyuk-qafqaz",
					Tags:       []string{"İqlim", "Elm", "Qafqaz"},
					Body: `Dünyanın dağ buzlaqlarını izləyən beynəlxalq şəbəkəyə Böyük Qafqazda altı monitorinq stansiyası əlavə olunub. Şəbəkənin alimlərinin sözlərinə görə, bununla onların məlumatlarındakı ən böyük boşluqlardan biri aradan qaldırılır.

Yay aylarında silsilənin Azərbaycan və Gürcüstan yamaclarındakı buzlaqlarda quraşdırılan stansiyalar buzun qalınlığını, səthin temperaturunu və ərimə sularının axınını ölçür. Göstəricilər hər ay şəbəkənin açıq saytında dərc olunacaq.

Şəbəkənin işini Cenevrədən əlaqələndirən qlyasioloq Anna Lindkvist bildirib ki, Qafqaz buzlaqları kiçik və çətin əlçatan olduğu üçün indiyədək az müşahidə edilib.

> “Kiçik buzlaqlara diqqət yetirməmək asandır, onlara getmək isə çətindir — məhz buna görə onlar vacibdir. Onlar isti yaya bir-iki il ərzində reaksiya verir, böyük buz sahələrindən xeyli əvvəl. Aşağı axındakı şəhərlər üçün sual buzun dəyişib-dəyişməyəcəyi deyil, çayların bunu nə qədər tez hiss edəcəyidir.”

Şəbəkənin məlumatına görə, stansiyalardan ikisinə gedən yolun son hissəsində avadanlıq atlarla daşınıb. Hər stansiya günəş enerjisi ilə işləyir və məlumatları peyk vasitəsilə ötürür.

Stansiyalara Bakı və Tbilisi universitetləri qulluq edəcək və hər yay tələbələrə sahə nümunələrinin götürülməsini öyrədəcək.`,
				},
			},
		},
		{
			Key:       "tenders-bill",
			Section:   "politics",
			Author:    "mirzayev",
			Published: 28 * h,
			Updated:   25 * h,
			Versions: map[string]Version{
				"en": {
					Headline:   "Parliament committee backs bill to publish every public tender online",
					Standfirst: "Ministries and state companies would have to post tender documents, bidders and winning prices on one public website within 48 hours of a decision.",
					Dateline:   "BAKU",
					Slug:       "committee-backs-online-tenders-bill",
					Tags:       []string{"Parliament", "Public procurement", "Transparency"},
					Body: `A parliamentary committee approved a bill that would oblige ministries, municipalities and state-owned companies to publish all tender documents on a single public website, sending the measure to a first reading in the full chamber.

The bill covers contracts worth more than 50,000 manats. It would require the winning price, the names of all bidders and their evaluation scores to be posted within 48 hours of a decision. Contracts classified for security reasons are exempt, but their number would have to be reported every quarter.

Rauf Nasibli, who chairs the committee on economic policy and sponsored the bill, said the change was overdue.

> “Today a citizen has to know which ministry to ask, which form to fill in and which month to ask in. Once this law is in force, the answer to the question ‘who won, and for how much?’ will be one click away. That is not a revolution. It is bookkeeping done in public.”

Two committee members abstained, saying smaller municipalities lacked the staff to meet a 48-hour deadline. Nasibli said the bill gave councils serving fewer than 20,000 residents a one-year transition period.

The full chamber is expected to debate the bill before the end of the current session.`,
				},
				"ru": {
					Headline:   "Комитет парламента поддержал законопроект о публикации всех госзакупок онлайн",
					Standfirst: "Министерства и госкомпании будут обязаны размещать тендерную документацию, список участников и цены победителей на едином сайте в течение 48 часов после решения.",
					Dateline:   "БАКУ",
					Slug:       "zakonoproekt-o-publikacii-tenderov-onlayn",
					Tags:       []string{"Парламент", "Госзакупки", "Прозрачность"},
					Body: `Комитет парламента одобрил законопроект, который обяжет министерства, муниципалитеты и государственные компании публиковать всю тендерную документацию на едином открытом сайте. Документ направлен на первое чтение.

Законопроект распространяется на контракты стоимостью более 50 000 манатов. Цена победителя, названия всех участников и их оценки должны публиковаться в течение 48 часов после принятия решения. Контракты, засекреченные по соображениям безопасности, выведены из-под действия закона, однако их количество нужно будет раскрывать ежеквартально.

Председатель комитета по экономической политике и автор законопроекта Рауф Насибли заявил, что эти изменения давно назрели.

> «Сегодня гражданин должен знать, в какое министерство обращаться, какую форму заполнять и в каком месяце спрашивать. Когда закон вступит в силу, ответ на вопрос „кто выиграл и за сколько?“ будет на расстоянии одного клика. Это не революция. Это бухгалтерия, которая ведется публично».

Двое членов комитета воздержались, указав, что небольшим муниципалитетам не хватит сотрудников, чтобы укладываться в 48 часов. Насибли ответил, что для муниципалитетов с населением менее 20 000 человек предусмотрен переходный период в один год.

Парламент, как ожидается, рассмотрит законопроект до конца текущей сессии.`,
				},
				"az": {
					Headline:   "Parlament komitəsi dövlət tenderlərinin onlayn dərcinə dair qanun layihəsini dəstəkləyib",
					Standfirst: "Nazirliklər və dövlət şirkətləri tender sənədlərini, iştirakçıları və qalib qiymətləri qərardan sonra 48 saat ərzində vahid açıq saytda yerləşdirməli olacaqlar.",
					Dateline:   "BAKI",
					Slug:       "tenderlerin-onlayn-dercine-dair-qanun-layihesi",
					Tags:       []string{"Parlament", "Dövlət satınalmaları", "Şəffaflıq"},
					Body: `Parlament komitəsi nazirlikləri, bələdiyyələri və dövlət şirkətlərini bütün tender sənədlərini vahid açıq saytda dərc etməyə məcbur edən qanun layihəsini təsdiqləyib. Layihə birinci oxunuş üçün parlamentin plenar iclasına göndərilib.

Qanun layihəsi dəyəri 50 min manatdan çox olan müqavilələrə şamil edilir. Qalibin qiyməti, bütün iştirakçıların adları və onlara verilən qiymətləndirmə balları qərar qəbul edildikdən sonra 48 saat ərzində dərc olunmalıdır. Təhlükəsizlik səbəbindən məxfi sayılan müqavilələr istisnadır, lakin onların sayı hər rüb açıqlanmalı olacaq.

Layihənin müəllifi, iqtisadi siyasət komitəsinin sədri Rauf Nəsibli bildirib ki, bu dəyişiklik çoxdan gözlənilirdi.

> “Bu gün vətəndaş hansı nazirliyə müraciət edəcəyini, hansı formanı dolduracağını və hansı ayda soruşacağını bilməlidir. Qanun qüvvəyə minəndən sonra ‘kim qalib gəldi və neçəyə?’ sualının cavabı bir klik uzaqlıqda olacaq. Bu, inqilab deyil. Bu, ictimaiyyətin gözü qarşısında aparılan mühasibatdır.”

Komitənin iki üzvü bitərəf qalıb. Onlar kiçik bələdiyyələrdə 48 saatlıq müddətə əməl etmək üçün kifayət qədər işçi olmadığını bildiriblər. Nəsibli cavabında qeyd edib ki, əhalisi 20 mindən az olan bələdiyyələr üçün bir illik keçid dövrü nəzərdə tutulub.

Parlamentin qanun layihəsini cari sessiyanın sonunadək müzakirə edəcəyi gözlənilir.`,
				},
			},
		},
		{
			Key:       "lankaran-tea",
			Section:   "economy",
			Author:    "abdinov",
			Published: 32 * h,
			Versions: map[string]Version{
				"en": {
					Headline:   "Lankaran tea growers report biggest autumn harvest in a decade",
					Standfirst: "A wet September and newly replanted bushes lifted the autumn pick, and cooperatives say most of the extra leaf will go to local packers.",
					Dateline:   "LANKARAN",
					Slug:       "lankaran-tea-growers-autumn-harvest",
					Tags:       []string{"Agriculture", "Tea", "Regions"},
					Body: `Tea growers in the southern Lankaran region reported their largest autumn harvest in ten years, as a wet September coincided with bushes replanted five years ago coming into full production.

Cooperatives in the region said they had picked about 20% more green leaf than last autumn. Most of it will be sold to packers in Lankaran and Astara, which have expanded their drying capacity over the past two seasons.

Tofig Alizada, who heads a cooperative of 140 families in the foothill villages outside the town, said the harvest had stretched the workforce.

> “We had leaf and not enough hands. Students came back from Baku at weekends to pick, and grandmothers who had stopped working came back to the rows. It is a good problem, but it tells us that if we want to grow, we need machines for the flat plots and better pay for pickers on the slopes.”

Growers said the prices paid by packers had held steady despite the larger crop, which they attributed to rising demand for locally grown tea in shops and restaurants.

The region’s cooperatives plan to meet packers in January to agree prices for the spring harvest.`,
				},
				"ru": {
					Headline:   "Чаеводы Ленкорани сообщили о крупнейшем осеннем урожае за десять лет",
					Standfirst: "Дождливый сентябрь и обновленные плантации увеличили осенний сбор, и кооперативы говорят, что большая часть дополнительного листа уйдет местным фасовщикам.",
					Dateline:   "ЛЕНКОРАНЬ",
					Slug:       "lenkoranskiy-chay-osenniy-urozhay",
					Tags:       []string{"Сельское хозяйство", "Чай", "Регионы"},
					Body: `Чаеводы южного Ленкоранского района сообщили о крупнейшем за десять лет осеннем урожае: дождливый сентябрь совпал с выходом на полную мощность кустов, пересаженных пять лет назад.

По данным кооперативов, этой осенью собрано примерно на 20% больше зеленого листа, чем год назад. Большую часть продадут фасовочным предприятиям в Ленкорани и Астаре, которые за последние два сезона расширили сушильные мощности.

Тофиг Ализаде, возглавляющий кооператив из 140 семей в предгорных селах за городом, рассказал, что рабочих рук не хватало.

> «Лист был, а рук не хватало. Студенты приезжали из Баку на выходные собирать чай, бабушки, которые давно перестали работать, вернулись на плантации. Это хорошая проблема, но она показывает: если мы хотим расти, нам нужны машины для ровных участков и более высокая оплата для сборщиков на склонах».

По словам производителей, закупочные цены, несмотря на больший урожай, остались прежними. Они объясняют это растущим спросом на местный чай в магазинах и ресторанах.

Кооперативы региона планируют встретиться с фасовщиками в январе, чтобы согласовать цены на весенний урожай.`,
				},
				"az": {
					Headline:   "Lənkəran çayçıları son on ilin ən böyük payız məhsulunu toplayıb",
					Standfirst: "Yağışlı sentyabr və yenidən əkilmiş kollar payız yığımını artırıb, kooperativlər isə əlavə yarpağın böyük hissəsinin yerli qablaşdırıcılara satılacağını bildirir.",
					Dateline:   "LƏNKƏRAN",
					Slug:       "lenkeran-caycilari-payiz-mehsulu",
					Tags:       []string{"Kənd təsərrüfatı", "Çay", "Regionlar"},
					Body: `Cənubdakı Lənkəran bölgəsinin çayçıları son on ilin ən böyük payız məhsulunu topladıqlarını bildiriblər: yağışlı sentyabr beş il əvvəl yenidən əkilmiş kolların tam məhsul verməyə başlaması ilə üst-üstə düşüb.

Kooperativlərin məlumatına görə, bu payız ötən ilin eyni dövrü ilə müqayisədə təxminən 20% çox yaşıl çay yarpağı yığılıb. Onun böyük hissəsi son iki mövsümdə qurutma gücünü artıran Lənkəran və Astaradakı qablaşdırma müəssisələrinə satılacaq.

Şəhər kənarındakı dağətəyi kəndlərdə 140 ailəni birləşdirən kooperativin rəhbəri Tofiq Əlizadə deyib ki, məhsulu toplamaq üçün işçi qüvvəsi çatışmayıb.

> “Yarpaq var idi, əl çatmırdı. Tələbələr həftəsonları Bakıdan gəlib çay yığırdılar, çoxdan işləməyən nənələr yenidən plantasiyalara qayıtdılar. Bu, yaxşı problemdir, amma göstərir ki, böyümək istəyiriksə, düz sahələr üçün maşınlara, yamaclarda çalışan yığıcılar üçün isə daha yüksək əmək haqqına ehtiyacımız var.”

İstehsalçıların sözlərinə görə, məhsulun çox olmasına baxmayaraq, qablaşdırıcıların ödədiyi qiymətlər dəyişməyib. Onlar bunu mağazalarda və restoranlarda yerli çaya artan tələbatla izah edirlər.

Bölgənin kooperativləri yaz məhsulunun qiymətlərini razılaşdırmaq üçün yanvarda qablaşdırıcılarla görüşməyi planlaşdırırlar.`,
				},
			},
		},
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
