package gen

// Azerbaijani word lists (see words_en.go for the rules they follow).

const azWords = `hökumət nazir nazirlik parlament deputat komitə sessiya büdcə islahat qanun
layihə səsvermə çoxluq müxalifət partiya koalisiya seçki kampaniya namizəd fəallıq
bülleten şura bələdiyyə şəhər bölgə rayon kənd sərhəd paytaxt liman dəmiryolu
magistral körpü tunel hava limanı terminal boru kəməri zavod yataq platforma neft
qaz enerji şəbəkə stansiya günəş külək su çay göl dəniz sahil məhsul taxıl buğda
pambıq meyvə bazar qiymət inflyasiya faiz bank valyuta kredit əmanət ixrac idxal
ticarət rüsum gömrük saziş müqavilə razılaşma sərmayə investor şirkət firma fabrik
işçi həmkarlar maaş pensiya vergi gəlir kəsir profisit artım istehsal proqnoz rüb
hesabat göstərici sorğu indeks səhm istiqraz fond nümayəndə heyəti səfər sammit
danışıqlar elçi səfir səfirlik konsul sözçü rəsmi bəyanat fərman sərəncam qərar plan
proqram strategiya siyasət təşəbbüs təklif tədbir paket cədvəl müddət məqsəd məhkəmə
hakim proses dinləmə iş apellyasiya hökm prokuror vəkil şahid polis müfəttiş agentlik
xidmət orqan tənzimləyici komissiya xəstəxana poliklinika həkim tibb bacısı xəstə
peyvənd dərman məktəb universitet tələbə müəllim mühazirə imtahan kitabxana muzey
teatr festival konsert sərgi qalereya film rejissor aktyor müğənni bəstəkar yazıçı
roman şeir kitab mükafat mərasim komanda oyun liqa kubok final mövsüm məşqçi oyunçu
qol stadion rekord medal yarış alim laboratoriya tədqiqat təcrübə peyk buraxılış
missiya internet məlumat sistem cihaz telefon operator provayder kabel hava fırtına
yağış qar daşqın quraqlıq isti şaxta yaz yay payız qış səhər axşam həftə ay il
onillik əsr tarix arxiv irs sakinlər ailə uşaqlar gənclər vətəndaşlar fermerlər
tacirlər sürücülər izdiham mitinq yürüş tətil görüş forum konfrans iclas yeni köhnə
böyük kiçik əsas ikinci dərəcəli erkən gec son birinci üçüncü illik milli regional
yerli xarici daxili ictimai özəl birgə mərkəzi şimal cənub şərq qərb sahilyanı kənd
şəhər iqtisadi siyasi sosial mədəni rəsmi ehtiyatlı güclü zəif kəskin sabit tədricən
sürətli elan etdi təsdiqlədi rədd etdi imzaladı açdı bağladı başlatdı tamamladı
təxirə saldı uzatdı azaltdı artırdı ikiqat genişləndirdi təsdiq etdi təkzib etdi
bildirdi dedi qeyd etdi vurğuladı xəbərdarlıq etdi çağırdı soruşdu cavab verdi izah
etdi razılaşdı müzakirə etdi nəzərdən keçirdi araşdırdı yoxladı ziyarət etdi qəbul
etdi gözləyir planlaşdırır ümid edir niyyətindədir istəyir ehtiyac duyur qoşulur
qayıdır olacaq bilər lazımdır həmçinin hələ artıq yenə təxminən sonra əvvəl zamanı
bəri qədər daxilində olmadan arasında içində boyunca ətrafında qarşı altında
üstündə vasitəsilə və amma yaxud lakin buna görə baxmayaraq çünki əgər nə vaxt harada
hansı bu bunlar onlar onun onların bizim daha ən az çox bir neçə bəzi hər ikisi
çox olduqca demək olar ki yalnız hətta əsasən qismən tamamilə bu gün dünən sabah
əvvəllər sonralar tezliklə bu yaxınlarda hazırda nəhayət eyni zamanda`

const azFirstNames = `Nigar Rəşad Leyla Elçin Aysel Fərid Günay Tural Sevda Orxan Lalə Kamran
Zaur Nərmin İlqar Səmirə Vüqar Aynur Emil Könül`

const azLastNames = `Sultanlı Əliyev Məmmədova Hüseynov İsmayılova Quliyev Həsənova Abbasov
Kərimova Rzayev Babayeva Cəfərov Nəbiyeva Orucov Səfərova Vəliyev Zeynalova Əhmədov
Kazımova Musayev`

const azRoles = `müxbir|baş müxbir|iqtisadi şərhçi|siyasi şərhçi|mədəniyyət şərhçisi|
idman müxbiri|elm müxbiri|diplomatik müxbir|ştat müəllifi|regional müxbir`

const azCities = `BAKI|GƏNCƏ|SUMQAYIT|LƏNKƏRAN|ŞƏKİ|QUBA|NAXÇIVAN|TBİLİSİ|ANKARA|MOSKVA|
ASTANA|DAŞKƏND|BRÜSSEL|CENEVRƏ|VYANA|LONDON|VAŞİNQTON|BERLİN|PARİS|İSTANBUL`
