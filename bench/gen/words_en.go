package gen

// English word lists. The words carry no apostrophes, quotation marks or markup characters,
// so that a paragraph of them is the same text in Markdown and in HTML.

const enWords = `government minister ministry parliament deputy committee session budget reform law
draft bill vote majority opposition party coalition election campaign candidate turnout
ballot council mayor city region province district village border capital port harbour
railway highway bridge tunnel airport terminal pipeline refinery field offshore platform
oil gas energy power grid plant station solar wind water river lake sea coast shore
harvest grain wheat cotton fruit market price inflation rate bank currency loan deposit
export import trade tariff customs agreement treaty deal contract investment investor
company firm factory worker union wage salary pension tax revenue deficit surplus
growth output forecast quarter report figure survey index share stock bond fund
delegation visit summit talks negotiation envoy ambassador embassy consul spokesman
spokeswoman official officials statement decree order decision plan programme project
strategy policy initiative proposal measure package schedule deadline target goal
court judge trial hearing case appeal verdict ruling prosecutor lawyer witness
police officer inspector agency service authority regulator watchdog commission
hospital clinic doctor nurse patient vaccine medicine school university student
teacher lecture exam library museum theatre festival concert exhibition gallery
film director actor singer composer writer novel poem book prize award ceremony
team match league cup final season coach player goal stadium record medal race
scientist laboratory study research experiment satellite launch mission network
internet data platform software system device phone operator provider cable
weather storm rain snow flood drought heat frost wind season spring summer autumn
winter morning evening week month year decade century history archive heritage
resident residents family families children youth citizens farmers traders drivers
crowd protest rally march strike meeting forum conference panel round table
new old large small major minor early late recent first second third final annual
national regional local foreign domestic public private joint central northern
southern eastern western coastal rural urban economic political social cultural
official formal informal careful cautious strong weak sharp steady gradual rapid
announced approved rejected signed opened closed launched completed delayed
postponed extended reduced raised cut doubled expanded confirmed denied reported
said told added noted stressed warned urged called asked answered explained
agreed discussed reviewed examined inspected visited received hosted welcomed
expects plans hopes intends seeks wants needs faces meets joins leaves returns
will would could should may might must can cannot also still already again
about after before during since until within without between among across
along around toward against under over through into onto from with for by
and but or yet so while although because unless whether if when where which
that this these those its their his her our the a an of in on at to as
more most less least many much several few some any each every both either
very quite rather nearly almost only just even mainly largely partly fully
today yesterday tomorrow earlier later soon recently currently finally meanwhile`

const enFirstNames = `Nigar Rashad Leyla Elchin Aysel Farid Gunay Tural Sevda Orkhan Lala Kamran
Zaur Narmin Ilgar Samira Vugar Aynur Emil Konul`

const enLastNames = `Sultanli Aliyev Mammadova Huseynov Ismayilova Guliyev Hasanova Abbasov
Karimova Rzayev Babayeva Jafarov Nabiyeva Orujov Safarova Valiyev Zeynalova Ahmadov
Kazimova Musayev`

const enRoles = `correspondent|senior correspondent|economics editor|political reporter|
culture writer|sports reporter|science correspondent|diplomatic correspondent|staff writer|
regional correspondent`

const enCities = `BAKU|GANJA|SUMGAIT|LANKARAN|SHAKI|QUBA|NAKHCHIVAN|TBILISI|ANKARA|MOSCOW|
ASTANA|TASHKENT|BRUSSELS|GENEVA|VIENNA|LONDON|WASHINGTON|BERLIN|PARIS|ISTANBUL`
