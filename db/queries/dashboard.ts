import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import { breakdown, countsByStratum, DIMENSIONS, type Dimension } from "@/lib/stats/breakdowns";
import { allItemSummaries, targetsVsPeople, type SummaryOf } from "@/lib/stats/targets-vs-people";
import { strataOf, weightSummary, type WeightedSummary } from "@/lib/stats/weighting";
import { getQuestionnaire, scaleOf } from "@/lib/survey/questionnaire";
import type { Questionnaire } from "@/lib/survey/types";
import type { Db } from "../client";
import { getGroupCounts, getItemCounts, getLatestIndicatorValues, getPopulationCells } from "./results";
import { getPreviousWave } from "./waves";

/** Which question each breakdown dimension comes from. */
const DIMENSION_ITEMS: Record<Dimension, string> = { ageBand: "age_band", sex: "sex", employment: "employment" };

/** Items with a favourable answer: those a share can be shown for. */
export function scaleItems(questionnaire: Questionnaire) {
  return questionnaire.items.filter((item) => scaleOf(questionnaire, item).topBox.length > 0);
}

/**
 * Everything the town dashboard shows for one wave and town, read from rollups only: a few
 * queries whose size does not grow with the number of responses. Weighting and the chosen
 * breakdown are options; suppression is applied here, before anything reaches a page.
 */
export async function loadTownDashboard({ db, wave, townId, k, locale, weighted, breakdownItem }: {
  db: Db;
  wave: { id: number; opensOn: string; questionnaireVersion: string };
  townId: number;
  k: number;
  locale: Locale;
  weighted: boolean;
  breakdownItem?: string;
}) {
  const questionnaire = getQuestionnaire(wave.questionnaireVersion)!;
  const [counts, figures, groupCounts, population, previousWave] = await Promise.all([
    getItemCounts({ db, waveId: wave.id, townId }),
    getLatestIndicatorValues({ db, townId }),
    getGroupCounts({ db, waveId: wave.id, townId }),
    getPopulationCells({ db, townId }),
    getPreviousWave({ db, wave, townId }),
  ]);

  // Post-stratification, where the town's population structure is known.
  const weighting = weighted && population.length > 0;
  const weightedSummaries = new Map<string, WeightedSummary>();
  const summaryOf: SummaryOf = (itemId, summary) => {
    if (!weighting) return summary;
    const item = questionnaire.items.find((candidate) => candidate.id === itemId)!;
    const result = weightSummary(summary, strataOf(scaleOf(questionnaire, item), countsByStratum(groupCounts, itemId)), population, k);
    weightedSummaries.set(itemId, result);
    return result;
  };
  const rows = targetsVsPeople({ questionnaire, counts, figures, k, locale, summaryOf });
  const items = allItemSummaries({ questionnaire, counts, k, locale, summaryOf });

  // Change since the town's previous wave, on the questions both waves asked (unweighted
  // on both sides unless both are weighted, so like is compared with like).
  const previousQuestionnaire = previousWave && getQuestionnaire(previousWave.questionnaireVersion);
  let previousItems: Map<string, ReturnType<typeof allItemSummaries>[number]["summary"]> | null = null;
  if (previousWave && previousQuestionnaire) {
    const [previousCounts, previousGroups] = await Promise.all([
      getItemCounts({ db, waveId: previousWave.id, townId }),
      weighting ? getGroupCounts({ db, waveId: previousWave.id, townId }) : Promise.resolve([]),
    ]);
    const previousSummaryOf: SummaryOf = (itemId, summary) => {
      if (!weighting) return summary;
      const item = previousQuestionnaire.items.find((candidate) => candidate.id === itemId)!;
      return weightSummary(summary, strataOf(scaleOf(previousQuestionnaire, item), countsByStratum(previousGroups, itemId)), population, k);
    };
    previousItems = new Map(
      allItemSummaries({ questionnaire: previousQuestionnaire, counts: previousCounts, k, locale, summaryOf: previousSummaryOf }).map((item) => [item.itemId, item.summary]),
    );
  }

  // Breakdowns of one item by each dimension, with primary and secondary suppression.
  const candidates = scaleItems(questionnaire);
  const chosen = candidates.find((item) => item.id === breakdownItem) ?? candidates.find((item) => item.indicators.length > 0) ?? candidates[0]!;
  const breakdowns = DIMENSIONS.map((dimension) => {
    const groupItem = questionnaire.items.find((item) => item.id === DIMENSION_ITEMS[dimension]);
    const groups = groupItem ? scaleOf(questionnaire, groupItem).options : [];
    return {
      dimension,
      groups: new Map(groups.map((option) => [option.code, option.label[locale]])),
      cells: breakdown({
        scale: scaleOf(questionnaire, chosen),
        rows: groupCounts,
        itemId: chosen.id,
        dimension,
        groupCodes: groups.map((option) => option.code),
        k,
      }),
    };
  });

  return {
    questionnaire,
    rows,
    items,
    previousWave,
    previousItems,
    weighting: { available: population.length > 0, applied: weighting, population, summaries: weightedSummaries },
    breakdown: { item: chosen, candidates, tables: breakdowns },
  };
}
