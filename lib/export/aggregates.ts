import { MODES } from "@/lib/fieldwork/mode";
import type { LocalizedText } from "@/lib/i18n/locales";
import { suppressLinked, type Line } from "@/lib/stats/disclosure";
import { wilsonInterval } from "@/lib/stats/wilson";
import { scaleOf } from "@/lib/survey/questionnaire";
import type { Questionnaire } from "@/lib/survey/types";
import type { DisclosureReport, ExportColumn, ExportRow } from "./types";

/**
 * The aggregate export: per town, item and breakdown, each group's n, favourable count and
 * top-2-box share with its Wilson interval. Groups add up to the town's n, so suppression
 * (primary, group disclosure and secondary: lib/stats/disclosure.ts) works along that line. There is no all-towns row: the public results page publishes every
 * town's n at or above k, so an all-towns total would give away, by subtraction, the town
 * hidden below k (and a secondary suppression of another town would not stop it).
 */
export const BREAKDOWNS = ["overall", "age_band", "sex", "employment", "mode"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
type GroupBreakdown = Exclude<Breakdown, "overall">;

export interface CodeCount {
  town: string;
  itemId: string;
  value: number;
  responses: number;
}
/** Counts split by one demographic (group 0 = the respondent did not say) or by mode (1 online, 2 face to face). */
export interface GroupCodeCount extends CodeCount {
  breakdown: GroupBreakdown;
  group: number;
}

const text = (kk: string, ru: string, en: string): LocalizedText => ({ kk, ru, en });
const allRespondents = text("Барлық респонденттер", "Все респонденты", "All respondents");
const breakdownLabels: Record<Breakdown, LocalizedText> = {
  overall: text("Жалпы", "Всего", "Overall"),
  age_band: text("Жас тобы", "Возрастная группа", "Age band"),
  sex: text("Жынысы", "Пол", "Sex"),
  employment: text("Жұмыспен қамтылу", "Занятость", "Employment"),
  mode: text("Жауап жинау тәсілі", "Способ сбора ответа", "Mode of collection"),
};
/** The modes of lib/fieldwork/mode.ts: every response has one, so there is no "did not say". */
const modeLabels: Array<{ code: number; label: LocalizedText }> = [
  { code: MODES.online, label: text("Онлайн, өз бетімен толтырылған", "Самостоятельно онлайн", "Self-completed online") },
  { code: MODES.faceToFace, label: text("Сұхбаттасушымен бетпе-бет сұхбат", "Личное интервью с интервьюером", "Face-to-face interview by an interviewer") },
];
// Named with their breakdown: R's factor() silently merges levels that share a label.
const didNotSay = (breakdown: GroupBreakdown): LocalizedText => {
  const { kk, ru, en } = breakdownLabels[breakdown];
  return text(`${kk}: көрсетпеген`, `${ru}: не указали`, `${en}: did not say`);
};
const groupCode = (breakdown: Breakdown, code: number) => (breakdown === "overall" ? "all" : `${breakdown}_${code}`);
const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** Items with a favourable share to report: choice items whose scale has a top box. */
function reportedItems(questionnaire: Questionnaire) {
  return questionnaire.items.filter((item) => item.kind !== "text" && scaleOf(questionnaire, item).topBox.length > 0);
}

/** Groups of each breakdown: the scale's codes, then 0 for "did not say"; the modes for mode. */
function groupsOf(questionnaire: Questionnaire, breakdown: Breakdown): number[] {
  if (breakdown === "overall") return [0];
  if (breakdown === "mode") return modeLabels.map((mode) => mode.code);
  const item = questionnaire.items.find((i) => i.id === breakdown);
  return item ? [...scaleOf(questionnaire, item).options.map((o) => o.code), 0] : [];
}

export function aggregateColumns(questionnaire: Questionnaire, towns: ReadonlyArray<{ code: string; name: LocalizedText }>): ExportColumn[] {
  const groupLabels = BREAKDOWNS.flatMap((breakdown) => {
    if (breakdown === "overall") return [{ code: "all", label: allRespondents }];
    if (breakdown === "mode") return modeLabels.map((mode) => ({ code: groupCode(breakdown, mode.code), label: mode.label }));
    const item = questionnaire.items.find((i) => i.id === breakdown);
    if (!item) return [];
    return [
      ...scaleOf(questionnaire, item).options.map((o) => ({ code: groupCode(breakdown, o.code), label: o.label })),
      { code: groupCode(breakdown, 0), label: didNotSay(breakdown) },
    ];
  });
  return [
    {
      name: "town",
      type: "string",
      title: text("Қала", "Город", "Town"),
      valueLabels: towns.map((t) => ({ code: t.code, label: t.name })),
    },
    {
      name: "item",
      type: "string",
      title: text("Сұрақ", "Вопрос", "Question"),
      valueLabels: reportedItems(questionnaire).map((item) => ({ code: item.id, label: item.text })),
    },
    { name: "breakdown", type: "string", title: text("Бөлініс", "Разрез", "Breakdown"), valueLabels: BREAKDOWNS.map((b) => ({ code: b, label: breakdownLabels[b] })) },
    { name: "group", type: "string", title: text("Топ", "Группа", "Group"), valueLabels: groupLabels },
    { name: "n", type: "integer", title: text("Пікір білдіргендер саны (n)", "Число ответивших по существу (n)", "Responses with an opinion (n)") },
    { name: "favourable", type: "integer", title: text("Қолайлы жауаптар", "Благоприятные ответы", "Favourable answers") },
    { name: "share", type: "number", title: text("Қолайлы жауаптар үлесі", "Доля благоприятных ответов", "Favourable share") },
    { name: "low", type: "number", title: text("95 %-дық сенім аралығының төменгі шегі (Уилсон)", "Нижняя граница 95-процентного доверительного интервала (Уилсона)", "95 % confidence interval, low (Wilson)") },
    { name: "high", type: "number", title: text("95 %-дық сенім аралығының жоғарғы шегі (Уилсон)", "Верхняя граница 95-процентного доверительного интервала (Уилсона)", "95 % confidence interval, high (Wilson)") },
    {
      name: "suppressed",
      type: "integer",
      title: text("Жасырылған", "Скрыто", "Hidden by disclosure control"),
      valueLabels: [
        { code: 0, label: text("Жоқ", "Нет", "No") },
        {
          code: 1,
          label: text(
            "Иә: k-дан аз, топтың барлығы (немесе біреуінен басқасы) бірдей жауап берген, немесе басқа ұяшықты қорғау үшін",
            "Да: меньше k, все (или все, кроме одного) в группе ответили одинаково, или для защиты другой ячейки",
            "Yes: below k, all (or all but one) of the group answered alike, or to protect another cell",
          ),
        },
      ],
    },
  ];
}

interface CellCounts {
  n: number;
  favourable: number;
}

/**
 * The rows of the aggregate table, in a stable order (towns as given; items
 * in questionnaire order; breakdowns; groups), with what suppression hid.
 */
export function aggregateRows({ questionnaire, towns, overall, groups, k }: {
  questionnaire: Questionnaire;
  towns: readonly string[];
  overall: readonly CodeCount[];
  groups: readonly GroupCodeCount[];
  k: number;
}): { rows: ExportRow[]; cellsHidden: NonNullable<DisclosureReport["cellsHidden"]> } {
  const cells: Array<CellCounts & { town: string; item: string; breakdown: Breakdown; group: number }> = [];
  const index = new Map<string, number>();
  const key = (town: string, item: string, breakdown: Breakdown, group: number) => `${town}|${item}|${breakdown}|${group}`;
  const items = reportedItems(questionnaire);
  const itemsById = new Map(items.map((item) => [item.id, item]));
  for (const item of items) {
    for (const breakdown of BREAKDOWNS) {
      for (const town of towns) {
        for (const group of groupsOf(questionnaire, breakdown)) {
          index.set(key(town, item.id, breakdown, group), cells.length);
          cells.push({ town, item: item.id, breakdown, group, n: 0, favourable: 0 });
        }
      }
    }
  }
  const add = (town: string, itemId: string, breakdown: Breakdown, group: number, value: number, responses: number) => {
    const item = itemsById.get(itemId);
    if (!item) return;
    const scale = scaleOf(questionnaire, item);
    if (scale.missing.includes(value)) return;
    const i = index.get(key(town, itemId, breakdown, group));
    if (i === undefined) return;
    cells[i]!.n += responses;
    if (scale.topBox.includes(value)) cells[i]!.favourable += responses;
  };
  for (const row of overall) add(row.town, row.itemId, "overall", 0, row.value, row.responses);
  for (const row of groups) add(row.town, row.itemId, row.breakdown, row.group, row.value, row.responses);

  // The lines along which published cells add up: each breakdown's groups to the town's n.
  // Where every response of a town came by one mode, its mode cell is a copy of the town's
  // total (the other mode is empty): it tells nothing the total does not, so it is not a line
  // of its own (else a town with no interviews would lose a unanimous total to the group
  // rule, through its copy). It is hidden with the total, or for its own risk.
  const lines: Line[] = [];
  const copies: Array<{ copy: number; of: number }> = [];
  const at = (town: string, item: string, breakdown: Breakdown, group: number) => index.get(key(town, item, breakdown, group))!;
  for (const item of items) {
    for (const breakdown of BREAKDOWNS.filter((b): b is GroupBreakdown => b !== "overall")) {
      const codes = groupsOf(questionnaire, breakdown);
      if (codes.length === 0) continue;
      for (const town of towns) {
        const total = at(town, item.id, "overall", 0);
        const parts = codes.map((g) => at(town, item.id, breakdown, g));
        const filled = parts.filter((part) => cells[part]!.n > 0);
        if (breakdown === "mode" && filled.length === 1) copies.push({ copy: filled[0]!, of: total });
        else lines.push({ total, parts });
      }
    }
  }
  const suppression = suppressLinked(cells, lines, k);
  for (const { copy, of } of copies) suppression[copy] = suppression[of] ?? suppression[copy]!;

  const rows = cells
    .map((cell, i) => ({ cell, hidden: suppression[i] !== null, order: i }))
    .sort((a, b) => towns.indexOf(a.cell.town) - towns.indexOf(b.cell.town) || a.order - b.order)
    .map(({ cell, hidden }): ExportRow => {
      const estimate = hidden ? null : wilsonInterval(cell.favourable, cell.n);
      return {
        town: cell.town,
        item: cell.item,
        breakdown: cell.breakdown,
        group: groupCode(cell.breakdown, cell.group),
        n: hidden ? null : cell.n,
        favourable: hidden ? null : cell.favourable,
        share: estimate ? round(estimate.share) : null,
        low: estimate ? round(estimate.low) : null,
        high: estimate ? round(estimate.high) : null,
        suppressed: hidden ? 1 : 0,
      };
    });
  return {
    rows,
    cellsHidden: {
      primary: suppression.filter((s) => s === "primary").length,
      group: suppression.filter((s) => s === "group").length,
      secondary: suppression.filter((s) => s === "secondary").length,
    },
  };
}
