import type { NewTown } from "@/db/schema";

const TALK_SLIDE_8 =
  "Junussova M., Beimisheva A. Monotowns of Kazakhstan: development challenges and opportunities, slide 8 (town profiles, 2014)";
const SLIDE_8_URL = "https://www.slideserve.com/rhona-mccall/7025005";

const eastKazakhstan = { kk: "Шығыс Қазақстан облысы", ru: "Восточно-Казахстанская область", en: "East Kazakhstan Region" };
const karaganda = { kk: "Қарағанды облысы", ru: "Карагандинская область", en: "Karaganda Region" };
const pavlodar = { kk: "Павлодар облысы", ru: "Павлодарская область", en: "Pavlodar Region" };
const kostanay = { kk: "Қостанай облысы", ru: "Костанайская область", en: "Kostanay Region" };

const mining = { kk: "Тау-кен өнеркәсібі", ru: "Горнодобывающая промышленность", en: "Mining" };
const coal = { kk: "Көмір өндіру", ru: "Угледобыча", en: "Coal mining" };
const oilGas = { kk: "Мұнай-газ өндіру", ru: "Нефтегазодобыча", en: "Oil and gas" };

/**
 * The four towns whose profiles and official figures the seed talk gives, then the other
 * monotowns it names. Where the talk gives no profile, the fields stay empty rather than
 * hold an unsourced number.
 */
export const seedTowns: NewTown[] = [
  {
    code: "ridder",
    name: { kk: "Риддер", ru: "Риддер", en: "Ridder" },
    region: eastKazakhstan,
    mainIndustry: mining,
    townFormingEnterprise: "Kazzinc LLP (9.2 thousand employed, 28 % of the employed)",
    foundedYear: 1786,
    population: 58_000,
    populationYear: 2014,
    populationSource: TALK_SLIDE_8,
    populationSourceUrl: SLIDE_8_URL,
  },
  {
    code: "altai",
    name: { kk: "Алтай (бұрынғы Зыряновск)", ru: "Алтай (бывш. Зыряновск)", en: "Altai (formerly Zyryanovsk)" },
    region: eastKazakhstan,
    mainIndustry: mining,
    townFormingEnterprise: "Kazzinc LLP (1.8 thousand employed, 8 % of the employed)",
    foundedYear: 1791,
    population: 37_700,
    populationYear: 2014,
    populationSource: TALK_SLIDE_8,
    populationSourceUrl: SLIDE_8_URL,
  },
  {
    code: "kurchatov",
    name: { kk: "Курчатов", ru: "Курчатов", en: "Kurchatov" },
    region: { kk: "Абай облысы", ru: "Область Абай", en: "Abai Region" },
    mainIndustry: { kk: "Атом энергетикасы", ru: "Атомная энергетика", en: "Nuclear energy" },
    townFormingEnterprise: "National Nuclear Center of the Republic of Kazakhstan (1.4 thousand employed, 20 % of the employed)",
    foundedYear: 1949,
    population: 11_800,
    populationYear: 2014,
    populationSource: TALK_SLIDE_8,
    populationSourceUrl: SLIDE_8_URL,
  },
  {
    code: "serebryansk",
    name: { kk: "Серебрянск", ru: "Серебрянск", en: "Serebryansk" },
    region: eastKazakhstan,
    mainIndustry: { kk: "Химия өнеркәсібі, энергетика", ru: "Химическая промышленность, энергетика", en: "Chemicals and energy" },
    townFormingEnterprise: "SZNP LLP (157 employed, 3 % of the employed)",
    foundedYear: 1962,
    population: 9_100,
    populationYear: 2014,
    populationSource: TALK_SLIDE_8,
    populationSourceUrl: SLIDE_8_URL,
  },
  { code: "saran", name: { kk: "Саран", ru: "Сарань", en: "Saran" }, region: karaganda, mainIndustry: coal },
  { code: "shakhtinsk", name: { kk: "Шахтинск", ru: "Шахтинск", en: "Shakhtinsk" }, region: karaganda, mainIndustry: coal },
  {
    code: "temirtau",
    name: { kk: "Теміртау", ru: "Темиртау", en: "Temirtau" },
    region: karaganda,
    mainIndustry: { kk: "Металлургия", ru: "Металлургия", en: "Steel" },
  },
  {
    code: "aksai",
    name: { kk: "Ақсай", ru: "Аксай", en: "Aksai" },
    region: { kk: "Батыс Қазақстан облысы", ru: "Западно-Казахстанская область", en: "West Kazakhstan Region" },
    mainIndustry: oilGas,
  },
  {
    code: "zhanaozen",
    name: { kk: "Жаңаөзен", ru: "Жанаозен", en: "Zhanaozen" },
    region: { kk: "Маңғыстау облысы", ru: "Мангистауская область", en: "Mangystau Region" },
    mainIndustry: oilGas,
  },
  { code: "rudny", name: { kk: "Рудный", ru: "Рудный", en: "Rudny" }, region: kostanay, mainIndustry: mining },
  { code: "arkalyk", name: { kk: "Арқалық", ru: "Аркалык", en: "Arkalyk" }, region: kostanay, mainIndustry: mining },
  {
    code: "aksu",
    name: { kk: "Ақсу", ru: "Аксу", en: "Aksu" },
    region: pavlodar,
    mainIndustry: { kk: "Ферроқорытпа өндірісі", ru: "Производство ферросплавов", en: "Ferroalloys" },
  },
  {
    code: "ekibastuz",
    name: { kk: "Екібастұз", ru: "Экибастуз", en: "Ekibastuz" },
    region: pavlodar,
    mainIndustry: { kk: "Көмір өндіру, энергетика", ru: "Угледобыча, энергетика", en: "Coal mining and power" },
  },
  {
    code: "zhanatas",
    name: { kk: "Жаңатас", ru: "Жанатас", en: "Zhanatas" },
    region: { kk: "Жамбыл облысы", ru: "Жамбылская область", en: "Zhambyl Region" },
    mainIndustry: { kk: "Фосфорит өндіру", ru: "Добыча фосфоритов", en: "Phosphate mining" },
  },
  {
    code: "tekeli",
    name: { kk: "Текелі", ru: "Текели", en: "Tekeli" },
    region: { kk: "Жетісу облысы", ru: "Область Жетісу", en: "Zhetisu Region" },
    mainIndustry: mining,
  },
];
