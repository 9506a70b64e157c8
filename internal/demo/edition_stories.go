package demo

import "time"

// stories returns the demo stories, newest first. Bodies are Markdown: paragraphs
// separated by blank lines, long quotations as "> " blockquotes.
func stories() []Story {
	h := time.Hour
	return append([]Story{
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
	}, laterStories(h)...)
}
