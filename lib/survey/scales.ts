import type { Scale } from "./types";

export const DONT_KNOW = -1;

const dontKnow = { code: DONT_KNOW, label: { kk: "Білмеймін", ru: "Затрудняюсь ответить", en: "Don't know" } };

// Codes rise with the favourable answer, so 4 is the best on every 4-point scale
// (the EU Quality of Life survey's wording, recoded so that higher means better).
export const satisfaction4: Scale = {
  id: "satisfaction4",
  options: [
    { code: 4, label: { kk: "Толығымен қанағаттанамын", ru: "Очень удовлетворён(а)", en: "Very satisfied" } },
    { code: 3, label: { kk: "Көбіне қанағаттанамын", ru: "Скорее удовлетворён(а)", en: "Rather satisfied" } },
    { code: 2, label: { kk: "Көбіне қанағаттанбаймын", ru: "Скорее не удовлетворён(а)", en: "Rather unsatisfied" } },
    { code: 1, label: { kk: "Мүлдем қанағаттанбаймын", ru: "Совсем не удовлетворён(а)", en: "Not at all satisfied" } },
    dontKnow,
  ],
  topBox: [4, 3],
  missing: [DONT_KNOW],
};

export const agreement4: Scale = {
  id: "agreement4",
  options: [
    { code: 4, label: { kk: "Толығымен келісемін", ru: "Полностью согласен(на)", en: "Strongly agree" } },
    { code: 3, label: { kk: "Көбіне келісемін", ru: "Скорее согласен(на)", en: "Somewhat agree" } },
    { code: 2, label: { kk: "Көбіне келіспеймін", ru: "Скорее не согласен(на)", en: "Somewhat disagree" } },
    { code: 1, label: { kk: "Мүлдем келіспеймін", ru: "Совсем не согласен(на)", en: "Strongly disagree" } },
    dontKnow,
  ],
  topBox: [4, 3],
  missing: [DONT_KNOW],
};

// For statements where agreeing is the unfavourable answer ("pollution harms health"): the
// same options and codes, but the favourable share is those who disagree.
export const agreement4Reversed: Scale = { ...agreement4, id: "agreement4Reversed", topBox: [2, 1] };

// World Bank Enterprise Surveys code obstacles 0 (none) to 4 (very severe). The
// favourable share is "no or minor obstacle".
export const obstacle5: Scale = {
  id: "obstacle5",
  options: [
    { code: 0, label: { kk: "Кедергі емес", ru: "Не препятствие", en: "No obstacle" } },
    { code: 1, label: { kk: "Шамалы кедергі", ru: "Незначительное препятствие", en: "Minor obstacle" } },
    { code: 2, label: { kk: "Орташа кедергі", ru: "Умеренное препятствие", en: "Moderate obstacle" } },
    { code: 3, label: { kk: "Елеулі кедергі", ru: "Серьёзное препятствие", en: "Major obstacle" } },
    { code: 4, label: { kk: "Өте ауыр кедергі", ru: "Очень серьёзное препятствие", en: "Very severe obstacle" } },
    dontKnow,
  ],
  topBox: [0, 1],
  missing: [DONT_KNOW],
};

export const rating0to10: Scale = {
  id: "rating0to10",
  options: Array.from({ length: 11 }, (_, code) => ({
    code,
    label: { kk: String(code), ru: String(code), en: String(code) },
  })),
  // Seven or more out of ten, as the EU survey reports "high life satisfaction".
  topBox: [7, 8, 9, 10],
  missing: [],
};

export const compared5y: Scale = {
  id: "compared5y",
  options: [
    { code: 3, label: { kk: "Жақсарды", ru: "Улучшилось", en: "Better" } },
    { code: 2, label: { kk: "Өзгерген жоқ", ru: "Не изменилось", en: "About the same" } },
    { code: 1, label: { kk: "Нашарлады", ru: "Ухудшилось", en: "Worse" } },
    dontKnow,
  ],
  topBox: [3],
  missing: [DONT_KNOW],
};

// The favourable answer to "do you plan to leave" is "no", so it is the top box.
export const leavePlan: Scale = {
  id: "leavePlan",
  options: [
    { code: 1, label: { kk: "Жоқ", ru: "Нет", en: "No" } },
    { code: 2, label: { kk: "Иә", ru: "Да", en: "Yes" } },
    dontKnow,
  ],
  topBox: [1],
  missing: [DONT_KNOW],
};

export const ageBand: Scale = {
  id: "ageBand",
  options: [
    { code: 1, label: { kk: "18–29", ru: "18–29", en: "18–29" } },
    { code: 2, label: { kk: "30–44", ru: "30–44", en: "30–44" } },
    { code: 3, label: { kk: "45–59", ru: "45–59", en: "45–59" } },
    { code: 4, label: { kk: "60 және одан жоғары", ru: "60 и старше", en: "60 or older" } },
  ],
  topBox: [],
  missing: [],
};

export const sex: Scale = {
  id: "sex",
  options: [
    { code: 1, label: { kk: "Әйел", ru: "Женский", en: "Female" } },
    { code: 2, label: { kk: "Ер", ru: "Мужской", en: "Male" } },
  ],
  topBox: [],
  missing: [],
};

/** Free-text items have no options; the scale only keeps the item model uniform. */
export const freeText: Scale = { id: "freeText", options: [], topBox: [], missing: [] };

// Demographic and routing scales below have no favourable answer and no "don't know".

/** Main activity now; code 3 (self-employed or business owner) opens the business items. */
export const employment: Scale = {
  id: "employment",
  options: [
    { code: 1, label: { kk: "Қала құраушы кәсіпорында жұмыс істеймін", ru: "Работаю на градообразующем предприятии", en: "I work at the town-forming enterprise" } },
    { code: 2, label: { kk: "Басқа жеке компанияда жұмыс істеймін", ru: "Работаю в другой частной компании", en: "I work at another private company" } },
    { code: 3, label: { kk: "Өзін-өзі жұмыспен қамтығанмын немесе кәсіпкермін", ru: "Самозанятый(ая) или предприниматель", en: "Self-employed or business owner" } },
    { code: 4, label: { kk: "Мемлекеттік секторда жұмыс істеймін (әкімдік, мектеп, аурухана)", ru: "Работаю в госсекторе (акимат, школа, больница)", en: "I work in the public sector (akimat, school, hospital)" } },
    { code: 5, label: { kk: "Жұмыссызмын", ru: "Безработный(ая)", en: "Unemployed" } },
    { code: 6, label: { kk: "Зейнеткермін", ru: "Пенсионер(ка)", en: "Retired" } },
    { code: 7, label: { kk: "Оқимын", ru: "Учусь", en: "Student" } },
  ],
  topBox: [],
  missing: [],
};

/** The main reason for planning to leave the town. */
export const leaveReason: Scale = {
  id: "leaveReason",
  options: [
    { code: 1, label: { kk: "Жұмыс", ru: "Работа", en: "Jobs" } },
    { code: 2, label: { kk: "Жалақы", ru: "Зарплата", en: "Wages" } },
    { code: 3, label: { kk: "Тұрғын үй", ru: "Жильё", en: "Housing" } },
    { code: 4, label: { kk: "Экология және денсаулық", ru: "Экология и здоровье", en: "Environment and health" } },
    { code: 5, label: { kk: "Балалардың білімі", ru: "Образование детей", en: "Children's education" } },
    { code: 6, label: { kk: "Отбасы", ru: "Семья", en: "Family" } },
    { code: 7, label: { kk: "Басқа", ru: "Другое", en: "Other" } },
  ],
  topBox: [],
  missing: [],
};

export const yearsInTown: Scale = {
  id: "yearsInTown",
  options: [
    { code: 1, label: { kk: "5 жылдан аз", ru: "Меньше 5 лет", en: "Less than 5 years" } },
    { code: 2, label: { kk: "5–14 жыл", ru: "5–14 лет", en: "5–14 years" } },
    { code: 3, label: { kk: "15–29 жыл", ru: "15–29 лет", en: "15–29 years" } },
    { code: 4, label: { kk: "30 жыл және одан көп немесе туғаннан бері", ru: "30 лет и больше или всю жизнь", en: "30 years or more, or all my life" } },
  ],
  topBox: [],
  missing: [],
};

// Questionnaire 2026.2 (docs/decisions/0013-questionnaire-2026-2.md). The 2026.1 scales above
// stay as they were: a 2026.1 wave is read with its own labels until it closes and after.

/** One meaning in all three languages: the QoL survey's "Don't know" (ru was "hard to say"). */
const dontKnow2026v2 = { code: DONT_KNOW, label: { kk: "Білмеймін", ru: "Не знаю", en: "Don't know" } };

/** Kazakh top point "very", as ru, en and the QoL survey (was "completely", the 0–10 anchor). */
export const satisfaction4v2: Scale = {
  ...satisfaction4,
  options: [
    { code: 4, label: { kk: "Өте қанағаттанамын", ru: "Очень удовлетворён(а)", en: "Very satisfied" } },
    ...satisfaction4.options.filter((option) => option.code !== 4 && option.code !== DONT_KNOW),
    dontKnow2026v2,
  ],
};

export const agreement4v2: Scale = {
  ...agreement4,
  options: [...agreement4.options.filter((option) => option.code !== DONT_KNOW), dontKnow2026v2],
};

export const agreement4ReversedV2: Scale = { ...agreement4v2, id: "agreement4Reversed", topBox: [2, 1] };

/**
 * Agreement with a statement of fact ("my household's income depends on the town-forming
 * enterprise"): reported as a distribution, with no favourable answer, so it counts in no
 * area score.
 */
export const agreement4Descriptive: Scale = { ...agreement4v2, id: "agreement4Descriptive", topBox: [] };

export const obstacle5v2: Scale = {
  ...obstacle5,
  options: [
    { code: 0, label: { kk: "Кедергі жоқ", ru: "Не является препятствием", en: "No obstacle" } },
    ...obstacle5.options.filter((option) => option.code !== 0 && option.code !== DONT_KNOW),
    dontKnow2026v2,
  ],
};

export const compared5yV2: Scale = {
  ...compared5y,
  options: [
    { code: 3, label: { kk: "Жақсарды", ru: "Улучшилось", en: "Better" } },
    { code: 2, label: { kk: "Өзгерген жоқ", ru: "Не изменилось", en: "Stayed the same" } },
    { code: 1, label: { kk: "Нашарлады", ru: "Ухудшилось", en: "Worse" } },
    dontKnow2026v2,
  ],
};

/** "Yes" first, as people expect on a phone; the codes stay (1 = no, the favourable answer). */
export const leavePlanV2: Scale = {
  ...leavePlan,
  options: [
    { code: 2, label: { kk: "Иә", ru: "Да", en: "Yes" } },
    { code: 1, label: { kk: "Жоқ", ru: "Нет", en: "No" } },
    dontKnow2026v2,
  ],
};

/**
 * Exhaustive and exclusive: homemakers and parental leave (8) and "other" (9) have an answer;
 * 2 is any other organisation (private or state-owned company, NGO), 4 a public body, and the
 * town-forming enterprise is 1 even where the state owns it (the item's hint says so).
 * Codes stay single digits: lib/export/hierarchies.ts joins them into merged band codes.
 */
export const employmentV2: Scale = {
  id: "employment",
  options: [
    { code: 1, label: { kk: "Қала құраушы кәсіпорында жұмыс істеймін", ru: "Работаю на градообразующем предприятии", en: "I work at the town-forming enterprise" } },
    { code: 2, label: { kk: "Басқа ұйымда жұмыс істеймін (компания, мемлекеттік кәсіпорын, ҮЕҰ)", ru: "Работаю в другой организации (компания, госпредприятие, НКО)", en: "I work at another organisation (company, state-owned firm, NGO)" } },
    { code: 3, label: { kk: "Өзін-өзі жұмыспен қамтыған адаммын немесе кәсіпкермін", ru: "Самозанятый (самозанятая) или предприниматель", en: "Self-employed or business owner" } },
    { code: 4, label: { kk: "Мемлекеттік мекемеде жұмыс істеймін (әкімдік, мектеп, аурухана)", ru: "Работаю в государственном учреждении (акимат, школа, больница)", en: "I work at a public body (akimat, school, hospital)" } },
    { code: 5, label: { kk: "Жұмыссызмын, жұмыс іздеп жүрмін", ru: "Не работаю, ищу работу", en: "Unemployed, looking for work" } },
    { code: 6, label: { kk: "Зейнеткермін", ru: "На пенсии", en: "Retired" } },
    { code: 7, label: { kk: "Оқимын", ru: "Учусь", en: "Student" } },
    { code: 8, label: { kk: "Үй шаруасындамын немесе бала күтімі демалысындамын", ru: "Веду домашнее хозяйство или в декретном отпуске", en: "Looking after the home, or on parental leave" } },
    { code: 9, label: { kk: "Басқа (оның ішінде денсаулығыма байланысты жұмыс істей алмаймын)", ru: "Другое (в том числе не могу работать по состоянию здоровья)", en: "Other (including unable to work for health reasons)" } },
  ],
  topBox: [],
  missing: [],
};

/**
 * Exclusive: "since birth" is its own code and takes precedence (the item's hint says so);
 * the year bands are for people who moved here, counted from the last move (a returnee
 * counts from coming back).
 */
export const yearsInTownV2: Scale = {
  id: "yearsInTown",
  options: [
    { code: 1, label: { kk: "5 жылдан аз", ru: "Меньше 5 лет", en: "Less than 5 years" } },
    { code: 2, label: { kk: "5–14 жыл", ru: "5–14 лет", en: "5–14 years" } },
    { code: 3, label: { kk: "15–29 жыл", ru: "15–29 лет", en: "15–29 years" } },
    { code: 4, label: { kk: "30 жыл және одан көп", ru: "30 лет и больше", en: "30 years or more" } },
    { code: 5, label: { kk: "Туғаннан бері", ru: "С рождения", en: "Since birth" } },
  ],
  topBox: [],
  missing: [],
};
