import type { LocalizedText } from "@/lib/i18n/locales";
import { latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { ageBand, employment, employmentV2, sex, yearsInTown, yearsInTownV2 } from "@/lib/survey/scales";
import type { Scale } from "@/lib/survey/types";

/**
 * How far each quasi-identifier may be generalised for the microdata export, coarsest last.
 * Level 0 is the scale itself; each further level merges neighbouring bands. Towns are never
 * merged (a town's researchers need its own rows); a town too small is suppressed instead.
 */
export const QUASI_IDENTIFIERS = ["age_band", "sex", "employment", "years_in_town"] as const;
export type QuasiIdentifier = (typeof QUASI_IDENTIFIERS)[number];

/** One published value: the scale codes it stands for and its label. */
export interface Band {
  code: number;
  members: number[];
  label: LocalizedText;
}

export interface Hierarchy {
  scale: Scale;
  /** levels[0] is the scale; every level partitions the scale's codes. */
  levels: Band[][];
}

/**
 * A merged band's code joins its members' codes (12 = 18–29 with 30–44), so it never
 * collides with a scale code and a reader can see what it holds. Scales of quasi-identifiers
 * have single-digit codes, which keeps this unambiguous.
 */
function merged(scale: Scale, members: number[], label?: LocalizedText): Band {
  if (members.length === 1) {
    const option = scale.options.find((o) => o.code === members[0])!;
    return { code: option.code, members, label: option.label };
  }
  return { code: Number(members.join("")), members, label: label! };
}

function hierarchy(scale: Scale, coarser: Array<Array<[number[], LocalizedText?]>>): Hierarchy {
  const exact = scale.options.map((option) => ({ code: option.code, members: [option.code], label: option.label }));
  return { scale, levels: [exact, ...coarser.map((level) => level.map(([members, label]) => merged(scale, members, label)))] };
}

const notInWork: [number[], LocalizedText] = [
  [5, 6, 7],
  { kk: "Жұмыс істемеймін (жұмыссыз, зейнеткер, студент)", ru: "Не работаю (безработный, пенсионер, учащийся)", en: "Not in paid work (unemployed, retired, student)" },
];
const notInWorkOrOther: [number[], LocalizedText] = [
  [5, 6, 7, 8, 9],
  {
    kk: "Жұмыс істемеймін (жұмыссыз, зейнеткер, студент, үй шаруасы немесе бала күтімі демалысы) немесе басқа",
    ru: "Не работаю (безработные, пенсионеры, учащиеся, домашнее хозяйство или декрет) или другое",
    en: "Not in paid work (unemployed, retired, student, home or parental leave) or other",
  },
];

const ageBands = hierarchy(ageBand, [
  [
    [[1, 2], { kk: "18–44", ru: "18–44", en: "18–44" }],
    [[3, 4], { kk: "45 және одан жоғары", ru: "45 и старше", en: "45 or older" }],
  ],
]);
// Sex has two values: merging them would drop the column, which local suppression does
// more gently, row by row.
const sexes = hierarchy(sex, []);

/** Questionnaire 2026.1's scales. */
const HIERARCHIES_2026_1: Record<QuasiIdentifier, Hierarchy> = {
  age_band: ageBands,
  sex: sexes,
  // Self-employed and business owners (3) stay a band of their own at every level: the
  // business questions are asked only of them, so answering those gives the band away
  // anyway. Merging 3 with others would only force blanking every business answer.
  employment: hierarchy(employment, [
    [
      [[1]],
      [[2, 4], { kk: "Басқа жұмыс беруші (жеке компания немесе мемлекеттік сектор)", ru: "Другой работодатель (частная компания или госсектор)", en: "Another employer (private company or public sector)" }],
      [[3]],
      notInWork,
    ],
    [
      [[1, 2, 4], { kk: "Жалдамалы жұмыс (қала құраушы кәсіпорын, басқа компания, мемлекеттік сектор)", ru: "Работаю по найму (градообразующее предприятие, другая компания, госсектор)", en: "Employee (town-forming enterprise, another company, public sector)" }],
      [[3]],
      notInWork,
    ],
  ]),
  years_in_town: hierarchy(yearsInTown, [
    [
      [[1, 2], { kk: "15 жылдан аз", ru: "Меньше 15 лет", en: "Less than 15 years" }],
      [[3, 4], { kk: "15 жыл және одан көп немесе туғаннан бері", ru: "15 лет и больше или всю жизнь", en: "15 years or more, or all my life" }],
    ],
  ]),
};

/**
 * Questionnaire 2026.2's scales: employment gained "home or parental leave" (8) and "other"
 * (9), both merged with those not in paid work, mostly what "other" holds (unable to work
 * for health reasons); years in town gained "since birth" (5), kept apart from the bands of
 * those who moved here at the first level and merged with "15 years or more" at the second
 * (every adult who was born here has lived here 18 years or more).
 */
const HIERARCHIES_2026_2: Record<QuasiIdentifier, Hierarchy> = {
  age_band: ageBands,
  sex: sexes,
  employment: hierarchy(employmentV2, [
    [
      [[1]],
      [[2, 4], { kk: "Басқа жұмыс беруші (басқа ұйым немесе мемлекеттік мекеме)", ru: "Другой работодатель (другая организация или госучреждение)", en: "Another employer (another organisation or a public body)" }],
      [[3]],
      notInWorkOrOther,
    ],
    [
      [[1, 2, 4], { kk: "Жалдамалы жұмыс (қала құраушы кәсіпорын, басқа ұйым, мемлекеттік мекеме)", ru: "Работаю по найму (градообразующее предприятие, другая организация, госучреждение)", en: "Employee (town-forming enterprise, another organisation, public body)" }],
      [[3]],
      notInWorkOrOther,
    ],
  ]),
  years_in_town: hierarchy(yearsInTownV2, [
    [
      [[1, 2], { kk: "15 жылдан аз", ru: "Меньше 15 лет", en: "Less than 15 years" }],
      [[3, 4], { kk: "15 жыл және одан көп", ru: "15 лет и больше", en: "15 years or more" }],
      [[5]],
    ],
    [
      [[1, 2], { kk: "15 жылдан аз", ru: "Меньше 15 лет", en: "Less than 15 years" }],
      [[3, 4, 5], { kk: "15 жыл және одан көп немесе туғаннан бері", ru: "15 лет и больше или с рождения", en: "15 years or more, or since birth" }],
    ],
  ]),
};

const BY_VERSION: Record<string, Record<QuasiIdentifier, Hierarchy>> = {
  "2026.1": HIERARCHIES_2026_1,
  "2026.2": HIERARCHIES_2026_2,
};

/** The hierarchies of a questionnaire version's scales (each version codes its own answers). */
export function hierarchiesFor(version: string): Record<QuasiIdentifier, Hierarchy> {
  const found = BY_VERSION[version];
  if (!found) throw new Error(`No quasi-identifier hierarchies for questionnaire ${version}`);
  return found;
}

/** The latest questionnaire's hierarchies. */
export const HIERARCHIES: Record<QuasiIdentifier, Hierarchy> = hierarchiesFor(latestQuestionnaireVersion);
