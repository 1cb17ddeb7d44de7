import { DEMO_FIGURE_CITATION } from "@/lib/demo-figures";
import type { NewIndicator } from "@/db/schema";

export const seedIndicators: NewIndicator[] = [
  {
    code: "industrial_output",
    name: { kk: "Өнеркәсіп өнімінің көлемі", ru: "Объём промышленного производства", en: "Industrial output" },
    unit: { kk: "млн теңге", ru: "млн тенге", en: "mln KZT" },
    higherIsBetter: true,
    programmeTarget: {
      kk: "Кемінде 20 %-ға өсу (Моноқалаларды дамыту бағдарламасы 2012–2020)",
      ru: "Рост не менее чем на 20 % (Программа развития моногородов 2012–2020)",
      en: "Up by at least 20 % (Monotown Development Programme 2012–2020)",
    },
  },
  {
    code: "active_small_enterprises",
    name: { kk: "Белсенді шағын кәсіпорындар саны", ru: "Количество активных малых предприятий", en: "Active small enterprises" },
    unit: { kk: "бірлік", ru: "ед.", en: "count" },
    higherIsBetter: true,
    programmeTarget: {
      kk: "2 есе көбейту (Моноқалаларды дамыту бағдарламасы 2012–2020)",
      ru: "Увеличение в 2 раза (Программа развития моногородов 2012–2020)",
      en: "Doubled (Monotown Development Programme 2012–2020)",
    },
  },
  {
    code: "unemployment_rate",
    name: { kk: "Жұмыссыздық деңгейі", ru: "Уровень безработицы", en: "Unemployment rate" },
    unit: { kk: "%", ru: "%", en: "%" },
    higherIsBetter: false,
    programmeTarget: {
      kk: "5,5 %-дан аспауы (Моноқалаларды дамыту бағдарламасы 2012–2020)",
      ru: "Не более 5,5 % (Программа развития моногородов 2012–2020)",
      en: "At most 5.5 % (Monotown Development Programme 2012–2020)",
    },
  },
  {
    code: "average_monthly_salary",
    name: { kk: "Орташа айлық жалақы", ru: "Среднемесячная заработная плата", en: "Average monthly salary" },
    unit: { kk: "мың теңге", ru: "тыс. тенге", en: "thousand KZT" },
    higherIsBetter: true,
    programmeTarget: null,
  },
  {
    code: "net_migration",
    name: { kk: "Көші-қон сальдосы", ru: "Сальдо миграции", en: "Net migration" },
    unit: { kk: "тұрғындардың %", ru: "% населения", en: "% of residents" },
    higherIsBetter: true,
    programmeTarget: null,
  },
];

const SLIDE_11 =
  "Junussova M., Beimisheva A. Monotowns of Kazakhstan, slide 11: programme indicators as of 1 Aug 2014 and 1 Aug 2013";
const SLIDE_11_URL = "https://www.slideserve.com/rhona-mccall/7025005";
const SLIDE_6 = "Junussova M., Beimisheva A. Monotowns of Kazakhstan, slide 6: average monthly salary, 2018";

export interface SeedIndicatorValue {
  town: string;
  indicator: string;
  period: string;
  value: number;
  target: number | null;
  sourceCitation: string;
  sourceUrl: string | null;
}

// The talk gives 1 Aug 2013 as the earliest figure, so the programme's targets are judged
// against it: output 1.2 × and small enterprises 2 × the 2013 figure; unemployment ≤ 5.5 %.
const slide11: Array<[town: string, output: [number, number], small: [number, number], unemployment: [number, number]]> = [
  ["ridder", [45_901.0, 51_378.0], [185, 183], [5.0, 4.8]],
  ["kurchatov", [1_169.4, 1_322.3], [33, 34], [4.4, 4.4]],
  ["altai", [6_724.0, 8_021.0], [120, 123], [5.4, 5.4]],
  ["serebryansk", [981.2, 1_304.2], [19, 20], [5.8, 5.5]],
];

const round1 = (value: number) => Math.round(value * 10) / 10;

export const seedIndicatorValues: SeedIndicatorValue[] = [
  ...slide11.flatMap(([town, output, small, unemployment]) => {
    const cite = { sourceCitation: SLIDE_11, sourceUrl: SLIDE_11_URL };
    return [
      { town, indicator: "industrial_output", period: "2013-08-01", value: output[0], target: null, ...cite },
      { town, indicator: "industrial_output", period: "2014-08-01", value: output[1], target: round1(output[0] * 1.2), ...cite },
      { town, indicator: "active_small_enterprises", period: "2013-08-01", value: small[0], target: null, ...cite },
      { town, indicator: "active_small_enterprises", period: "2014-08-01", value: small[1], target: small[0] * 2, ...cite },
      { town, indicator: "unemployment_rate", period: "2013-08-01", value: unemployment[0], target: 5.5, ...cite },
      { town, indicator: "unemployment_rate", period: "2014-08-01", value: unemployment[1], target: 5.5, ...cite },
    ];
  }),
  { town: "aksai", indicator: "average_monthly_salary", period: "2018", value: 448.8, target: null, sourceCitation: SLIDE_6, sourceUrl: null },
  { town: "zhanaozen", indicator: "average_monthly_salary", period: "2018", value: 435.4, target: null, sourceCitation: SLIDE_6, sourceUrl: null },
];

/**
 * Official figures made up for the demo towns, for indicators the sources give no figure
 * of (salary and migration): labelled by their citation, never replacing a sourced figure.
 * Seeded with the demo waves (scripts/seed/index.ts), not with the reference data.
 */
const demoFigures: Array<[town: string, salary: [number, number], migration: [number, number]]> = [
  ["ridder", [398.5, 421.0], [-1.1, -0.9]],
  ["altai", [372.0, 389.4], [-0.8, -0.7]],
  ["kurchatov", [286.3, 318.9], [-1.6, -0.6]],
  ["serebryansk", [261.7, 270.2], [-2.3, -2.5]],
];

export const demoIndicatorValues: SeedIndicatorValue[] = demoFigures.flatMap(([town, salary, migration]) => {
  const cite = { sourceCitation: DEMO_FIGURE_CITATION, sourceUrl: null, target: null };
  return [
    { town, indicator: "average_monthly_salary", period: "2024", value: salary[0], ...cite },
    { town, indicator: "average_monthly_salary", period: "2025", value: salary[1], ...cite },
    { town, indicator: "net_migration", period: "2024", value: migration[0], ...cite },
    { town, indicator: "net_migration", period: "2025", value: migration[1], ...cite },
  ];
});
