import "server-only";
import type { Db } from "@/db/client";
import { getIndicatorFigures, getTownWaves, type CommitmentRow } from "@/db/queries/commitments";
import { getItemCounts } from "@/db/queries/rollups";
import type { Wave } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { figuresForWave } from "@/lib/indicators/periods";
import { areaScore, type ShareSummary } from "@/lib/stats/area-score";
import { compareShares, type ShareChange } from "@/lib/stats/change";
import { allItemSummaries } from "@/lib/stats/targets-vs-people";
import type { ShareEstimate } from "@/lib/stats/wilson";
import { comparable } from "@/lib/survey/comparability";
import { getQuestionnaire } from "@/lib/survey/questionnaire";
import type { Audience } from "@/lib/survey/wave-rules";
import { throughGate, type VisibleWave } from "./gate";

/**
 * "Did it work": for a commitment, the figure it answered, read again in a later wave.
 * For a question or an area (a priority counts by the area or questions it answers), the
 * favourable share in the wave the commitment answered and in the latest later wave of the
 * town whose results the gate shows this audience, with the change and whether it is beyond
 * sampling noise, as the dashboard's "change since" tests it (lib/stats/change.ts:
 * unweighted on both sides, an area as one share at its smallest n). Only questions asked
 * the same way in both waves are compared (lib/survey/comparability.ts). For an official
 * indicator, its latest figure beside the figure the answered wave was set against.
 */
export type CommitmentOutcome =
  | {
      kind: "share";
      answered: { slug: string; name: Wave["name"] };
      later: { slug: string; name: Wave["name"] };
      before: ShareEstimate;
      after: ShareEstimate;
      change: ShareChange;
    }
  | {
      kind: "indicator";
      before: { period: string; value: number };
      after: { period: string; value: number };
      unit: Wave["name"];
      higherIsBetter: boolean;
    };

/** What a commitment's link reads: items of the questionnaire (a single one, an area's, a priority's). */
function measuredItems(row: CommitmentRow, priorityTargets: Map<number, { areaId: string | null; itemIds: string[] }>): { itemId?: string; areaId?: string; itemIds?: string[] } | null {
  const { commitment } = row;
  if (commitment.linkKind === "item" && commitment.itemId) return { itemId: commitment.itemId };
  if (commitment.linkKind === "area" && commitment.areaId) return { areaId: commitment.areaId };
  if (commitment.linkKind === "priority" && commitment.priorityId) {
    const target = priorityTargets.get(commitment.priorityId);
    if (target?.itemIds.length === 1) return { itemId: target.itemIds[0] };
    if (target?.itemIds.length) return { itemIds: target.itemIds };
    if (target?.areaId) return { areaId: target.areaId };
  }
  return null;
}

export async function commitmentOutcomes({ db, rows, audience, k, locale, priorityTargets = new Map() }: {
  db: Db;
  rows: readonly CommitmentRow[];
  audience: Audience;
  k: number;
  locale: Locale;
  /** What each linked priority answers (its area or questions). */
  priorityTargets?: Map<number, { areaId: string | null; itemIds: string[] }>;
}): Promise<Map<number, CommitmentOutcome>> {
  const outcomes = new Map<number, CommitmentOutcome>();
  const wavesOfTown = new Map<number, Promise<Wave[]>>();
  const summaries = new Map<string, Promise<Map<string, { area: string; summary: ShareSummary }>>>();
  const summariesOf = (wave: VisibleWave, townId: number) => {
    const key = `${wave.id}:${townId}`;
    if (!summaries.has(key)) {
      summaries.set(
        key,
        getItemCounts({ db, waveId: wave.id, townId }).then((counts) => {
          const questionnaire = getQuestionnaire(wave.questionnaireVersion)!;
          return new Map(allItemSummaries({ questionnaire, counts, k, locale }).map((item) => [item.itemId, { area: item.area, summary: item.summary }]));
        }),
      );
    }
    return summaries.get(key)!;
  };

  for (const row of rows) {
    const { commitment } = row;
    if (commitment.linkKind === "indicator") {
      if (!row.indicator) continue;
      const figures = await getIndicatorFigures({ db, townId: row.town.id, indicatorCode: row.indicator.code });
      const pick = (closesOn: string) => figuresForWave(figures, { closesOn, key: () => "one", period: (figure) => figure.period })[0];
      const before = pick(row.wave.closesOn);
      const after = pick("9999-12-31");
      if (before && after && after.period !== before.period) {
        outcomes.set(commitment.id, { kind: "indicator", before, after, unit: row.indicator.unit, higherIsBetter: row.indicator.higherIsBetter });
      }
      continue;
    }
    const measured = measuredItems(row, priorityTargets);
    const answered = throughGate(row.wave, audience);
    if (!measured || !answered) continue;
    if (!wavesOfTown.has(row.town.id)) wavesOfTown.set(row.town.id, getTownWaves({ db, townId: row.town.id }));
    const laterWave = (await wavesOfTown.get(row.town.id)!).map((wave) => (wave.opensOn > row.wave.opensOn ? throughGate(wave, audience) : null)).find((wave) => wave !== null);
    if (!laterWave) continue;
    const [beforeItems, afterItems] = await Promise.all([summariesOf(answered, row.town.id), summariesOf(laterWave, row.town.id)]);
    const ids = measured.itemId ? [measured.itemId] : measured.itemIds ?? [...beforeItems].filter(([, item]) => item.area === measured.areaId).map(([id]) => id);
    // Only questions asked the same way in both waves are compared.
    const compared = ids.filter((id) => beforeItems.has(id) && afterItems.has(id) && comparable(answered.questionnaireVersion, id, laterWave.questionnaireVersion));
    if (compared.length === 0 || compared.length < ids.length) continue;
    const score = (items: Map<string, { summary: ShareSummary }>) => (compared.length === 1 ? items.get(compared[0]!)!.summary : areaScore(compared.map((id) => items.get(id)!.summary)));
    const before = score(beforeItems)?.estimate;
    const after = score(afterItems)?.estimate;
    const change = before && after ? compareShares(after, before) : null;
    if (!before || !after || !change) continue;
    outcomes.set(commitment.id, {
      kind: "share",
      answered: { slug: answered.slug, name: answered.name },
      later: { slug: laterWave.slug, name: laterWave.name },
      before,
      after,
      change,
    });
  }
  return outcomes;
}

/**
 * The favourable share of each question and area of a wave and town, for the staff form
 * that links a commitment (so an official sees which areas residents rated low): empty
 * while the gate holds the wave's results back from staff, withheld figures left out.
 */
export async function sharesForLinking({ db, wave, townId, k, locale }: { db: Db; wave: Wave; townId: number; k: number; locale: Locale }) {
  const visible = throughGate(wave, "staff");
  const items = new Map<string, number>();
  const areas = new Map<string, number>();
  if (!visible) return { items, areas };
  const questionnaire = getQuestionnaire(visible.questionnaireVersion)!;
  const summaries = allItemSummaries({ questionnaire, counts: await getItemCounts({ db, waveId: visible.id, townId }), k, locale });
  for (const item of summaries) if (item.summary.estimate) items.set(item.itemId, item.summary.estimate.share);
  for (const area of new Set(summaries.map((item) => item.area))) {
    const score = areaScore(summaries.filter((item) => item.area === area).map((item) => item.summary));
    if (score?.estimate) areas.set(area, score.estimate.share);
  }
  return { items, areas };
}
