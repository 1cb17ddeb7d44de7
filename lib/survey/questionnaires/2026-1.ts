import type { Item, Questionnaire } from "../types";
import { ageBand, agreement4, compared5y, leavePlan, obstacle5, rating0to10, satisfaction4, sex } from "../scales";

const QOL = "EU Quality of Life in European Cities survey";
const WBES = "World Bank Enterprise Surveys";

const items: Item[] = [
  {
    id: "sat_health_care",
    area: "services",
    scaleId: "satisfaction4",
    required: true,
    indicators: [],
    source: QOL,
    text: {
      kk: "Қалаңыздағы денсаулық сақтау қызметтеріне (дәрігерлер, ауруханалар) қаншалықты қанағаттанасыз?",
      ru: "Насколько вы удовлетворены медицинскими услугами (врачи, больницы) в вашем городе?",
      en: "How satisfied are you with health care services (doctors, hospitals) in your town?",
    },
  },
  {
    id: "sat_public_transport",
    area: "services",
    scaleId: "satisfaction4",
    required: true,
    indicators: [],
    source: QOL,
    text: {
      kk: "Қалаңыздағы қоғамдық көлікке қаншалықты қанағаттанасыз?",
      ru: "Насколько вы удовлетворены общественным транспортом в вашем городе?",
      en: "How satisfied are you with public transport in your town?",
    },
  },
  {
    id: "sat_heating",
    area: "utilities",
    scaleId: "satisfaction4",
    required: true,
    indicators: [],
    text: {
      kk: "Қыста үйіңіздің жылумен қамтамасыз етілуіне қаншалықты қанағаттанасыз?",
      ru: "Насколько вы удовлетворены отоплением вашего жилья зимой?",
      en: "How satisfied are you with the heating of your home in winter?",
    },
  },
  {
    id: "sat_water_supply",
    area: "utilities",
    scaleId: "satisfaction4",
    required: true,
    indicators: [],
    text: {
      kk: "Сумен жабдықтауға (қысым, сапа, үзілістер) қаншалықты қанағаттанасыз?",
      ru: "Насколько вы удовлетворены водоснабжением (напор, качество, перебои)?",
      en: "How satisfied are you with the water supply (pressure, quality, interruptions)?",
    },
  },
  {
    id: "agree_housing_affordable",
    area: "housing",
    scaleId: "agreement4",
    required: true,
    indicators: [],
    source: QOL,
    text: {
      kk: "Менің қаламда қолжетімді бағамен жақсы тұрғын үй табу оңай.",
      ru: "В моём городе легко найти хорошее жильё по разумной цене.",
      en: "It is easy to find good housing at a reasonable price in my town.",
    },
  },
  {
    id: "sat_air_quality",
    area: "environment",
    scaleId: "satisfaction4",
    required: true,
    // No official indicator: the programme set no environmental target, which is the point.
    indicators: [],
    source: QOL,
    text: {
      kk: "Қалаңыздағы ауа сапасына қаншалықты қанағаттанасыз?",
      ru: "Насколько вы удовлетворены качеством воздуха в вашем городе?",
      en: "How satisfied are you with the quality of the air in your town?",
    },
  },
  {
    id: "agree_find_job",
    area: "jobs",
    scaleId: "agreement4",
    required: true,
    indicators: ["unemployment_rate"],
    source: QOL,
    text: {
      kk: "Менің қаламда жақсы жұмыс табу оңай.",
      ru: "В моём городе легко найти хорошую работу.",
      en: "It is easy to find a good job in my town.",
    },
  },
  {
    id: "sat_income",
    area: "jobs",
    scaleId: "satisfaction4",
    required: true,
    indicators: ["average_monthly_salary"],
    text: {
      kk: "Отбасыңыздың табысына қаншалықты қанағаттанасыз?",
      ru: "Насколько вы удовлетворены доходом вашей семьи?",
      en: "How satisfied are you with your household's income?",
    },
  },
  {
    id: "agree_economy_confident",
    area: "jobs",
    scaleId: "agreement4",
    required: true,
    indicators: ["industrial_output"],
    text: {
      kk: "Қаламыздың экономикасының болашағына сенімдімін.",
      ru: "Я уверен(а) в экономическом будущем моего города.",
      en: "I am confident about the economic future of my town.",
    },
  },
  {
    id: "obstacle_permits",
    area: "business",
    scaleId: "obstacle5",
    required: false,
    indicators: ["active_small_enterprises"],
    source: WBES,
    text: {
      kk: "Егер кәсіпкер немесе өзін-өзі жұмыспен қамтыған болсаңыз: рұқсаттар мен лицензиялар ісіңізге қаншалықты кедергі келтіреді?",
      ru: "Если вы предприниматель или самозанятый: насколько разрешения и лицензии мешают вашему делу?",
      en: "If you run a business or are self-employed: how much of an obstacle are permits and licences to your business?",
    },
  },
  {
    id: "agree_trust_akimat",
    area: "administration",
    scaleId: "agreement4",
    required: true,
    indicators: [],
    source: QOL,
    text: {
      kk: "Мен жергілікті әкімдікке сенемін.",
      ru: "Я доверяю местному акимату.",
      en: "I trust the local administration (akimat).",
    },
  },
  {
    id: "plan_leave_2y",
    area: "migration",
    scaleId: "leavePlan",
    required: true,
    indicators: ["net_migration"],
    text: {
      kk: "Алдағы екі жылда қаладан көшіп кетуді жоспарлап отырсыз ба?",
      ru: "Планируете ли вы уехать из города в ближайшие два года?",
      en: "Do you plan to leave the town within the next two years?",
    },
  },
  {
    id: "agree_satisfied_live",
    area: "wellbeing",
    scaleId: "agreement4",
    required: true,
    indicators: [],
    source: QOL,
    text: {
      kk: "Мен өз қаламда тұратыныма қанағаттанамын.",
      ru: "Я доволен(льна), что живу в своём городе.",
      en: "I am satisfied to live in my town.",
    },
  },
  {
    id: "compared_5y",
    area: "wellbeing",
    scaleId: "compared5y",
    required: true,
    indicators: [],
    source: QOL,
    text: {
      kk: "Бес жыл бұрынғымен салыстырғанда қаладағы өмір сапасы қалай өзгерді?",
      ru: "Как изменилось качество жизни в городе по сравнению с пятью годами ранее?",
      en: "Compared with five years ago, how has the quality of life in your town changed?",
    },
  },
  {
    id: "life_satisfaction",
    area: "wellbeing",
    scaleId: "rating0to10",
    required: true,
    indicators: [],
    source: QOL,
    text: {
      kk: "Жалпы алғанда өміріңізге қаншалықты қанағаттанасыз? (0 — мүлдем қанағаттанбаймын, 10 — толығымен қанағаттанамын)",
      ru: "В целом, насколько вы удовлетворены своей жизнью? (0 — совсем не удовлетворён(а), 10 — полностью удовлетворён(а))",
      en: "All things considered, how satisfied are you with your life? (0 = not at all, 10 = completely)",
    },
  },
  {
    id: "age_band",
    area: "demographics",
    scaleId: "ageBand",
    required: false,
    indicators: [],
    text: { kk: "Жасыңыз", ru: "Ваш возраст", en: "Your age" },
  },
  {
    id: "sex",
    area: "demographics",
    scaleId: "sex",
    required: false,
    indicators: [],
    text: { kk: "Жынысыңыз", ru: "Ваш пол", en: "Your sex" },
  },
];

export const questionnaire2026v1: Questionnaire = {
  version: "2026.1",
  areas: ["services", "utilities", "housing", "environment", "jobs", "business", "administration", "migration", "wellbeing", "demographics"],
  scales: Object.fromEntries(
    [satisfaction4, agreement4, obstacle5, rating0to10, compared5y, leavePlan, ageBand, sex].map((s) => [s.id, s]),
  ),
  items,
};
