import type { Locale } from "@/lib/i18n/locales";
import type { LocalizedText } from "@/lib/i18n/locales";
import { scaleOf } from "@/lib/survey/questionnaire";
import type { Questionnaire, Scale } from "@/lib/survey/types";
import { compareWithResidents, judgeTarget, summariseItem, type ItemSummary, type TargetStatus, type Verdict } from "./summary";

export interface OfficialFigure {
  indicator: { code: string; name: LocalizedText; unit: LocalizedText; higherIsBetter: boolean };
  value: { period: string; value: number | null; target: number | null; sourceCitation: string; sourceUrl: string | null };
}

export type SummaryOf = (itemId: string, summary: ItemSummary) => ItemSummary;
const identity: SummaryOf = (_, summary) => summary;

export interface LinkedItem {
  itemId: string;
  text: string;
  summary: ItemSummary;
  verdict: Verdict;
}

export interface TargetsVsPeopleRow {
  code: string;
  name: string;
  unit: string;
  period: string;
  /** Null when withheld as confidential (status "withheld"). */
  value: number | null;
  target: number | null;
  status: TargetStatus;
  sourceCitation: string;
  sourceUrl: string | null;
  linked: LinkedItem[];
}

/**
 * One row per official indicator of the town, each with the resident items linked to it
 * in the questionnaire, their favourable share and whether figure and residents diverge.
 */
export function targetsVsPeople({
  questionnaire,
  counts,
  figures,
  k,
  locale,
  summaryOf = identity,
}: {
  questionnaire: Questionnaire;
  counts: ReadonlyMap<string, ReadonlyMap<number, number>>;
  figures: OfficialFigure[];
  k: number;
  locale: Locale;
  /** Replaces an item's summary, e.g. by its weighted version. */
  summaryOf?: SummaryOf;
}): TargetsVsPeopleRow[] {
  return figures.map(({ indicator, value }) => {
    const status = judgeTarget(value.value, value.target, indicator.higherIsBetter);
    const linked = questionnaire.items
      .filter((item) => item.indicators.includes(indicator.code))
      .map((item) => {
        const summary = summaryOf(item.id, summariseItem(scaleOf(questionnaire, item), counts.get(item.id) ?? new Map(), k));
        return { itemId: item.id, text: item.text[locale], summary, verdict: compareWithResidents(status, summary.estimate) };
      });
    return {
      code: indicator.code,
      name: indicator.name[locale],
      unit: indicator.unit[locale],
      period: value.period,
      value: value.value,
      target: value.target,
      status,
      sourceCitation: value.sourceCitation,
      sourceUrl: value.sourceUrl,
      linked,
    };
  });
}

/** Every item's summary, in questionnaire order, for the "all questions" table. */
export function allItemSummaries({ questionnaire, counts, k, locale, summaryOf = identity }: {
  questionnaire: Questionnaire;
  counts: ReadonlyMap<string, ReadonlyMap<number, number>>;
  k: number;
  locale: Locale;
  summaryOf?: SummaryOf;
}) {
  return questionnaire.items
    .filter((item) => scaleOf(questionnaire, item).topBox.length > 0)
    .map((item) => ({
      itemId: item.id,
      area: item.area,
      text: item.text[locale],
      // Which answers the share counts: for "Do you plan to leave?" it is "No", and a share
      // read without it would be read the wrong way round.
      favourable: favourableLabels(scaleOf(questionnaire, item), locale),
      summary: summaryOf(item.id, summariseItem(scaleOf(questionnaire, item), counts.get(item.id) ?? new Map(), k)),
    }));
}

/** The labels of the answers a share counts as favourable, in the scale's order. */
export function favourableLabels(scale: Scale, locale: Locale): string[] {
  return scale.options.filter((option) => scale.topBox.includes(option.code)).map((option) => option.label[locale]);
}
