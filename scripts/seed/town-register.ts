import type { Locale, LocalizedText } from "@/lib/i18n/locales";

/*
 * The register of monotowns: which towns the official list holds, which left it, and the
 * names officials write them by, each fact with the source that gives it (docs/towns.md).
 * The seed turns it into towns and town_aliases; the import matches names against those.
 * Nothing here is guessed: where no source gives a value it is null and `notes` says so.
 */

export type SourceId = keyof typeof townSources;

export interface TownSource {
  title: string;
  publisher: string;
  /** ISO date, or null when the stored copy carries none. */
  date: string | null;
  url: string;
  gives: string;
}

export const townSources = {
  talk: {
    title: "Monotowns of Kazakhstan: development challenges and opportunities (slides)",
    publisher: "M. Junussova (University of Central Asia), A. Beimisheva (Narxoz University); slides on slideserve.com",
    date: null,
    url: "https://www.slideserve.com/rhona-mccall/7025005",
    gives: "27 monotowns under the 2012–2020 programme; names Ridder, Zyryanovsk, Kurchatov, Serebryansk (profiles), Temirtau, Rudny, Aksu, Ekibastuz, Zhanatas, Arkalyk, Saran, Shakhtinsk, Aksai, Zhanaozen (written 'Zhanozen'), Tekeli",
  },
  akipress27: {
    title: "Kazakh single-industry towns to get government help",
    publisher: "Business Investor Guide, after AKIPress",
    date: null,
    url: "https://businessinvestorguide.com/kazakhstan/kazakh-single-industry-towns-to-get-government-help/",
    gives: "27 company towns; Arkalyk (bauxite), Kentau (polymetallic ores and reinforced concrete) and Aksu among them",
  },
  kazinform2023: {
    title: "Kazakhstan to spend KZT1trln on development of single-industry towns",
    publisher: "Kazinform (after primeminister.kz)",
    date: "2023-09-11",
    url: "https://en.inform.kz/news/kazakhstan-to-spend-kzt1trln-on-development-of-single-industry-towns_a4110126/",
    gives: "comprehensive development plans 2023–2027 for the single-industry towns Zhanatas, Karatau, Ridder, Altai, Arkalyk, Balkhash, Zhitikara, Lissakovsk, Serebryansk, Stepnogorsk",
  },
  primeMinister20: {
    title: "Production expansion, new projects and business conditions: Prime Minister instructs to take comprehensive measures for single-industry towns development",
    publisher: "Office of the Prime Minister of the Republic of Kazakhstan (primeminister.kz)",
    date: null,
    url: "https://primeminister.kz/en/news/production-expansion-new-projects-and-business-conditions-prime-minister-instructs-to-take-comprehensive-measures-for-single-industry-towns-development-27739",
    gives: "20 single-industry towns, more than 1.3 million residents, specialised in the extraction of minerals and their primary processing; plans for Altai, Balkhash, Zhitikara, Lisakovsk, Ridder, Stepnogorsk",
  },
  kazinformIndustrialZones: {
    title: "Industrial zones to be built in 4 monotowns of Kazakhstan",
    publisher: "Kazinform",
    date: null,
    url: "https://en.inform.kz/news/industrial-zones-to-be-built-in-4-monotowns-of-kazakhstan-fbbf28/",
    gives: "Saran and Tekeli withdrew from the list of monotowns (Prime Minister O. Bektenov); Khromtau, Satpayev, Balkhash and Kulsary are monotowns, in the Aktobe, Atyrau and Karaganda regions' care",
  },
  vecherSaran: {
    title: "Как Сарань вышел из списка моногородов",
    publisher: "Вечерний Алматы (vecher.kz), after primeminister.kz",
    date: null,
    url: "https://vecher.kz/ru/article/kak-saran-vyshel-iz-spiska-monogorodov.html",
    gives: "Saran left the list of monotowns; 20 monotowns remain",
  },
  trend2025: {
    title: "Single-industry towns account for 36.4 percent of Kazakhstan's industrial output",
    publisher: "Trend News Agency",
    date: "2025-06-18",
    url: "https://en.trend.az/business/4058593.html",
    gives: "Kazakhstan has 20 single-industry towns with 1.4 million people (Vice Minister of National Economy B. Omarbekov)",
  },
  newsline2025: {
    title: "The Future of Single-Industry Towns: Positive Experience and Sustainable Development",
    publisher: "Newsline.kz",
    date: null,
    url: "https://newsline.kz/article/1203191/",
    gives: "20 single-industry towns, about 1.5 million people, assessed on 78 indicators; Saran exited; the akim of Ekibastuz reported at the national meeting of single-industry towns",
  },
  informRudny: {
    title: "Как сегодня живут моногорода Казахстана",
    publisher: "Kazinform (inform.kz)",
    date: null,
    url: "https://www.inform.kz/ru/kak-segodnya-zhivut-monogoroda-kazahstana-53c6e2",
    gives: "Rudny remains one of the largest monotowns",
  },
  zhanaozen2024: {
    title: "Олжас Бектенов проверил исполнение поручений Президента по развитию Жанаозена",
    publisher: "El.kz, after the press service of the Government",
    date: "2024-09-25",
    url: "https://el.kz/ru/olzhas-bektenov-proveril-ispolnenie-porucheniy-prezidenta-po-razvitiyu-zhanaozena_133606",
    gives: "the Prime Minister reviewed the development of the monotown (моногород) Zhanaozen",
  },
  baqKurchatov2025: {
    title: "«Нам нужен только закон»: каковы перспективы у Курчатова стать наукоградом",
    publisher: "BAQ.KZ",
    date: "2025-09-25",
    url: "https://rus.baq.kz/nam-nuzhen-tolko-zakon-kakovy-perspektivy-u-kurchatova-stat-naukogradom_300023120/",
    gives: "in March 2025 the Ministry of National Economy put Kurchatov in its list of stagnating towns together with Zhitikara, Altai and Karazhal",
  },
  bizmediaKentau2024: {
    title: "В Кентау ТЭЦ построили в 1933 году, износ — 85%: депутат просит больше времени уделять моногородам",
    publisher: "Bizmedia.kz",
    date: "2024-05-29",
    url: "https://bizmedia.kz/2024-05-29-v-kentau-tecz-postroili-v-1933-godu-iznos-85-deputat-prosit-bolshe-vremeni-udelyat-monogorodam/amp",
    gives: "a deputy's inquiry to the Prime Minister about the monotown programme speaks of Kentau (beside Arys, which is not a monotown)",
  },
  karazhalWiki: {
    title: "Каражал (Russian Wikipedia)",
    publisher: "Wikipedia contributors",
    date: null,
    url: "https://ru.wikipedia.org/wiki/Каражал",
    gives: "Kazakh name Қаражал; Ulytau Region; KATO code 352010000",
  },
  altaiRenamed: {
    title: "Город Алтай появился в ВКО - Даниал Ахметов",
    publisher: "Kazinform (inform.kz)",
    date: "2018-12-27",
    url: "https://inform.kz/ru/gorod-altay-poyavilsya-v-vko-danial-ahmetov_a3481985",
    gives: "the town of Zyryanovsk was renamed Altai",
  },
  ridderWiki: {
    title: "Риддер (article of the Russian Wikipedia, mirrored)",
    publisher: "Wikipedia contributors, mirrored by perceptiosv.com",
    date: null,
    url: "https://perceptiosv.com/Риддер",
    gives: "KATO code 156420100; named Leninogorsk from 1941 to 2002",
  },
  kentauWiki: {
    title: "Кентау (article of the Russian Wikipedia, mirrored)",
    publisher: "Wikipedia contributors, mirrored by perceptioro.com",
    date: null,
    url: "https://perceptioro.com/Кентау",
    gives: "KATO code 512010000; Turkistan Region",
  },
  satpayevWiki: {
    title: "Жезказган (посёлок) (article of the Russian Wikipedia, mirrored)",
    publisher: "Wikipedia contributors, mirrored by perceptiode.com",
    date: null,
    url: "https://perceptiode.com/Жезказган_(посёлок)",
    gives: "the town administration of Satpayev lies in Ulytau Region",
  },
} satisfies Record<string, TownSource>;

/** Whether the official list of 2023–2025 holds the town, by what the sources say. */
export type ListStatus =
  /** A source of 2023 or later names it a monotown. */
  | "current"
  /** A source says it left the list. */
  | "former"
  /** Among the 27 of the 2012–2020 programme; no source at hand says whether it is among today's 20. */
  | "unconfirmed";

export interface RegisterTown {
  /** Stable: URLs, tests and imports use it. */
  code: string;
  name: LocalizedText;
  region: LocalizedText;
  mainIndustry: LocalizedText;
  status: ListStatus;
  /** The year by which it had left the official list (the year of the source saying so), or null. */
  former: number | null;
  /** The 9-digit КАТО code, or null where no source gives one. */
  kato: string | null;
  /** Other names as officials write them: former names, spellings; null locale when it is no one language's. */
  aliases: Array<{ locale: Locale | null; alias: string }>;
  sources: SourceId[];
  notes?: string;
  profile?: {
    townFormingEnterprise: string;
    foundedYear: number;
    population: number;
    populationYear: number;
  };
}

/** The official count of monotowns on the list of 2023–2025 (primeMinister20, trend2025, newsline2025). */
export const OFFICIAL_CURRENT_COUNT = 20;

const region = {
  eastKazakhstan: { kk: "Шығыс Қазақстан облысы", ru: "Восточно-Казахстанская область", en: "East Kazakhstan Region" },
  karaganda: { kk: "Қарағанды облысы", ru: "Карагандинская область", en: "Karaganda Region" },
  pavlodar: { kk: "Павлодар облысы", ru: "Павлодарская область", en: "Pavlodar Region" },
  kostanay: { kk: "Қостанай облысы", ru: "Костанайская область", en: "Kostanay Region" },
  zhambyl: { kk: "Жамбыл облысы", ru: "Жамбылская область", en: "Zhambyl Region" },
  akmola: { kk: "Ақмола облысы", ru: "Акмолинская область", en: "Akmola Region" },
  aktobe: { kk: "Ақтөбе облысы", ru: "Актюбинская область", en: "Aktobe Region" },
  atyrau: { kk: "Атырау облысы", ru: "Атырауская область", en: "Atyrau Region" },
  ulytau: { kk: "Ұлытау облысы", ru: "Область Ұлытау", en: "Ulytau Region" },
  turkistan: { kk: "Түркістан облысы", ru: "Туркестанская область", en: "Turkistan Region" },
} satisfies Record<string, LocalizedText>;

const industry = {
  mining: { kk: "Тау-кен өнеркәсібі", ru: "Горнодобывающая промышленность", en: "Mining" },
  coal: { kk: "Көмір өндіру", ru: "Угледобыча", en: "Coal mining" },
  oilGas: { kk: "Мұнай-газ өндіру", ru: "Нефтегазодобыча", en: "Oil and gas" },
  /** What primeMinister20 gives for all 20: used where no source names a town's own industry. */
  extraction: {
    kk: "Пайдалы қазбаларды өндіру және алғашқы өңдеу",
    ru: "Добыча полезных ископаемых и их первичная переработка",
    en: "Extraction of minerals and their primary processing",
  },
} satisfies Record<string, LocalizedText>;

const ru = (alias: string) => ({ locale: "ru" as const, alias });
const kk = (alias: string) => ({ locale: "kk" as const, alias });
const en = (alias: string) => ({ locale: "en" as const, alias });

const noKato = "No source at hand gives its КАТО code.";

export const townRegister: RegisterTown[] = [
  {
    code: "ridder",
    name: { kk: "Риддер", ru: "Риддер", en: "Ridder" },
    region: region.eastKazakhstan,
    mainIndustry: industry.mining,
    status: "current",
    former: null,
    kato: null,
    aliases: [ru("Лениногорск"), kk("Лениногорск"), en("Leninogorsk")],
    sources: ["talk", "kazinform2023", "primeMinister20", "ridderWiki"],
    notes:
      "No КАТО code: the one the mirrored Wikipedia article gives (156420100) lies in Aktobe Region's range (15…), not East Kazakhstan's (63…), and a public КАТО list gives it to Shalkar; left empty until the bureau's classifier is consulted.",
    profile: { townFormingEnterprise: "Kazzinc LLP (9.2 thousand employed, 28 % of the employed)", foundedYear: 1786, population: 58_000, populationYear: 2014 },
  },
  {
    code: "altai",
    name: { kk: "Алтай (бұрынғы Зыряновск)", ru: "Алтай (бывш. Зыряновск)", en: "Altai (formerly Zyryanovsk)" },
    region: region.eastKazakhstan,
    mainIndustry: industry.mining,
    status: "current",
    former: null,
    kato: null,
    aliases: [ru("Алтай"), kk("Алтай"), en("Altai"), en("Altay"), ru("Зыряновск"), en("Zyryanovsk")],
    sources: ["talk", "kazinform2023", "primeMinister20", "altaiRenamed"],
    notes: noKato,
    profile: { townFormingEnterprise: "Kazzinc LLP (1.8 thousand employed, 8 % of the employed)", foundedYear: 1791, population: 37_700, populationYear: 2014 },
  },
  {
    code: "kurchatov",
    name: { kk: "Курчатов", ru: "Курчатов", en: "Kurchatov" },
    region: { kk: "Абай облысы", ru: "Область Абай", en: "Abai Region" },
    mainIndustry: { kk: "Атом энергетикасы", ru: "Атомная энергетика", en: "Nuclear energy" },
    status: "current",
    former: null,
    kato: null,
    aliases: [],
    sources: ["talk", "baqKurchatov2025", "newsline2025"],
    notes: `Current by inference: baqKurchatov2025 puts it in the Ministry of National Economy's 2025 group of stagnating towns with Zhitikara, Altai and Karazhal, and newsline2025 says the 20 monotowns were sorted into three such groups. ${noKato}`,
    profile: {
      townFormingEnterprise: "National Nuclear Center of the Republic of Kazakhstan (1.4 thousand employed, 20 % of the employed)",
      foundedYear: 1949,
      population: 11_800,
      populationYear: 2014,
    },
  },
  {
    code: "serebryansk",
    name: { kk: "Серебрянск", ru: "Серебрянск", en: "Serebryansk" },
    region: region.eastKazakhstan,
    mainIndustry: { kk: "Химия өнеркәсібі, энергетика", ru: "Химическая промышленность, энергетика", en: "Chemicals and energy" },
    status: "current",
    former: null,
    kato: null,
    aliases: [],
    sources: ["talk", "kazinform2023"],
    notes: noKato,
    profile: { townFormingEnterprise: "SZNP LLP (157 employed, 3 % of the employed)", foundedYear: 1962, population: 9_100, populationYear: 2014 },
  },
  {
    code: "saran",
    name: { kk: "Саран", ru: "Сарань", en: "Saran" },
    region: region.karaganda,
    mainIndustry: industry.coal,
    status: "former",
    former: 2024,
    kato: null,
    aliases: [ru("Саран")],
    sources: ["talk", "kazinformIndustrialZones", "vecherSaran", "newsline2025"],
    notes: `Left the list by 2024 (the year of the Prime Minister's statement; no source at hand gives the exact date). ${noKato}`,
  },
  {
    code: "shakhtinsk",
    name: { kk: "Шахтинск", ru: "Шахтинск", en: "Shakhtinsk" },
    region: region.karaganda,
    mainIndustry: industry.coal,
    status: "unconfirmed",
    former: null,
    kato: null,
    aliases: [],
    sources: ["talk"],
    notes: noKato,
  },
  {
    code: "temirtau",
    name: { kk: "Теміртау", ru: "Темиртау", en: "Temirtau" },
    region: region.karaganda,
    mainIndustry: { kk: "Металлургия", ru: "Металлургия", en: "Steel" },
    status: "unconfirmed",
    former: null,
    kato: null,
    aliases: [],
    sources: ["talk"],
    notes: noKato,
  },
  {
    code: "aksai",
    name: { kk: "Ақсай", ru: "Аксай", en: "Aksai" },
    region: { kk: "Батыс Қазақстан облысы", ru: "Западно-Казахстанская область", en: "West Kazakhstan Region" },
    mainIndustry: industry.oilGas,
    status: "unconfirmed",
    former: null,
    kato: null,
    aliases: [en("Aksay")],
    sources: ["talk"],
    notes: noKato,
  },
  {
    code: "zhanaozen",
    name: { kk: "Жаңаөзен", ru: "Жанаозен", en: "Zhanaozen" },
    region: { kk: "Маңғыстау облысы", ru: "Мангистауская область", en: "Mangystau Region" },
    mainIndustry: industry.oilGas,
    status: "current",
    former: null,
    kato: null,
    // The talk (slide 6) writes it "Zhanozen".
    aliases: [en("Zhanozen")],
    sources: ["talk", "zhanaozen2024"],
    notes: noKato,
  },
  {
    code: "rudny",
    name: { kk: "Рудный", ru: "Рудный", en: "Rudny" },
    region: region.kostanay,
    mainIndustry: industry.mining,
    status: "current",
    former: null,
    kato: null,
    aliases: [en("Rudnyy")],
    sources: ["talk", "informRudny"],
    notes: `informRudny is undated in the stored copy; it speaks of the town as a monotown today. ${noKato}`,
  },
  {
    code: "arkalyk",
    name: { kk: "Арқалық", ru: "Аркалык", en: "Arkalyk" },
    region: region.kostanay,
    mainIndustry: industry.mining,
    status: "current",
    former: null,
    kato: null,
    aliases: [],
    sources: ["talk", "akipress27", "kazinform2023"],
    notes: noKato,
  },
  {
    code: "aksu",
    name: { kk: "Ақсу", ru: "Аксу", en: "Aksu" },
    region: region.pavlodar,
    mainIndustry: { kk: "Ферроқорытпа өндірісі", ru: "Производство ферросплавов", en: "Ferroalloys" },
    status: "unconfirmed",
    former: null,
    kato: null,
    aliases: [],
    sources: ["talk", "akipress27"],
    notes: noKato,
  },
  {
    code: "ekibastuz",
    name: { kk: "Екібастұз", ru: "Экибастуз", en: "Ekibastuz" },
    region: region.pavlodar,
    mainIndustry: { kk: "Көмір өндіру, энергетика", ru: "Угледобыча, энергетика", en: "Coal mining and power" },
    status: "current",
    former: null,
    kato: null,
    aliases: [],
    sources: ["talk", "newsline2025"],
    notes: `Current by newsline2025: its akim reported at the national meeting of the 20 single-industry towns. ${noKato}`,
  },
  {
    code: "zhanatas",
    name: { kk: "Жаңатас", ru: "Жанатас", en: "Zhanatas" },
    region: region.zhambyl,
    mainIndustry: { kk: "Фосфорит өндіру", ru: "Добыча фосфоритов", en: "Phosphate mining" },
    status: "current",
    former: null,
    kato: null,
    aliases: [],
    sources: ["talk", "kazinform2023"],
    notes: noKato,
  },
  {
    code: "tekeli",
    name: { kk: "Текелі", ru: "Текели", en: "Tekeli" },
    region: { kk: "Жетісу облысы", ru: "Область Жетісу", en: "Zhetisu Region" },
    mainIndustry: industry.mining,
    status: "former",
    former: 2024,
    kato: null,
    aliases: [],
    sources: ["talk", "kazinformIndustrialZones"],
    notes: `Left the list by 2024 (the year of the Prime Minister's statement; no source at hand gives the exact date). ${noKato}`,
  },
  // Towns the sources name that the seed did not hold before.
  {
    code: "karatau",
    name: { kk: "Қаратау", ru: "Каратау", en: "Karatau" },
    region: region.zhambyl,
    mainIndustry: industry.extraction,
    status: "current",
    former: null,
    kato: null,
    aliases: [],
    sources: ["kazinform2023"],
    notes: noKato,
  },
  {
    code: "balkhash",
    name: { kk: "Балқаш", ru: "Балхаш", en: "Balkhash" },
    region: region.karaganda,
    mainIndustry: industry.extraction,
    status: "current",
    former: null,
    kato: null,
    aliases: [en("Balqash")],
    sources: ["kazinform2023", "primeMinister20", "kazinformIndustrialZones"],
    notes: noKato,
  },
  {
    code: "zhitikara",
    name: { kk: "Жітіқара", ru: "Житикара", en: "Zhitikara" },
    region: region.kostanay,
    mainIndustry: industry.extraction,
    status: "current",
    former: null,
    kato: null,
    aliases: [],
    sources: ["kazinform2023", "primeMinister20"],
    notes: noKato,
  },
  {
    code: "lisakovsk",
    name: { kk: "Лисаков", ru: "Лисаковск", en: "Lisakovsk" },
    region: region.kostanay,
    mainIndustry: industry.extraction,
    status: "current",
    former: null,
    kato: null,
    // Kazinform's English writes it "Lissakovsk".
    aliases: [ru("Лисаковск"), kk("Лисаковск"), en("Lissakovsk")],
    sources: ["kazinform2023", "primeMinister20"],
    notes: noKato,
  },
  {
    code: "stepnogorsk",
    name: { kk: "Степногор", ru: "Степногорск", en: "Stepnogorsk" },
    region: region.akmola,
    mainIndustry: industry.extraction,
    status: "current",
    former: null,
    kato: null,
    aliases: [kk("Степногорск")],
    sources: ["kazinform2023", "primeMinister20"],
    notes: noKato,
  },
  {
    code: "khromtau",
    name: { kk: "Хромтау", ru: "Хромтау", en: "Khromtau" },
    region: region.aktobe,
    mainIndustry: industry.extraction,
    status: "current",
    former: null,
    kato: null,
    aliases: [],
    sources: ["kazinformIndustrialZones"],
    notes: noKato,
  },
  {
    code: "satpayev",
    name: { kk: "Сәтбаев", ru: "Сатпаев", en: "Satpayev" },
    region: region.ulytau,
    mainIndustry: industry.extraction,
    status: "current",
    former: null,
    kato: null,
    aliases: [ru("Сатбаев"), en("Satpaev")],
    sources: ["kazinformIndustrialZones", "satpayevWiki"],
    notes: noKato,
  },
  {
    code: "kulsary",
    name: { kk: "Құлсары", ru: "Кульсары", en: "Kulsary" },
    region: region.atyrau,
    mainIndustry: industry.extraction,
    status: "current",
    former: null,
    kato: null,
    aliases: [ru("Кулсары"), en("Qulsary")],
    sources: ["kazinformIndustrialZones"],
    notes: noKato,
  },
  {
    code: "kentau",
    name: { kk: "Кентау", ru: "Кентау", en: "Kentau" },
    region: region.turkistan,
    mainIndustry: {
      kk: "Полиметалл кендері, темірбетон бұйымдары",
      ru: "Полиметаллические руды, железобетонные изделия",
      en: "Polymetallic ores and reinforced concrete",
    },
    status: "unconfirmed",
    former: null,
    kato: null,
    aliases: [],
    sources: ["akipress27", "kentauWiki", "bizmediaKentau2024"],
    notes:
      "One of the 27 (akipress27); bizmediaKentau2024 speaks of it among monotowns in 2024 but loosely (beside Arys, never one), so it is not counted current. No КАТО code: the one the Wikipedia article gives (512010000) is in South Kazakhstan's old range (51…), from before the 2018 change to Turkistan Region (61…), so a current bureau file would not carry it.",
  },
  {
    code: "karazhal",
    name: { kk: "Қаражал", ru: "Каражал", en: "Karazhal" },
    region: region.ulytau,
    mainIndustry: industry.extraction,
    status: "current",
    former: null,
    kato: null,
    aliases: [en("Qarajal")],
    sources: ["baqKurchatov2025", "newsline2025", "karazhalWiki"],
    notes:
      "Current by inference, as Kurchatov: in the Ministry of National Economy's 2025 group of stagnating towns (baqKurchatov2025). No КАТО code: the one the Wikipedia article gives (352010000) is in Karaganda Region's range (35…), from before Ulytau Region (62…) was made in 2022.",
  },
];
