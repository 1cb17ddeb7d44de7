import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import { breakdown, countsByStratum, DIMENSIONS, modeCounts, type Dimension } from "@/lib/stats/breakdowns";
import { MODE_CODES } from "@/lib/fieldwork/mode";
import { allItemSummaries, targetsVsPeople, type SummaryOf } from "@/lib/stats/targets-vs-people";
import { strataOf, weightSummary, type WeightedSummary } from "@/lib/stats/weighting";
import { sampleBalance, sampleStrataOf } from "@/lib/stats/sample-balance";
import { comparable, comparisonNotes } from "@/lib/survey/comparability";
import { getQuestionnaire, scaleOf } from "@/lib/survey/questionnaire";
import type { Questionnaire } from "@/lib/survey/types";
import { getDb, type Db } from "@/db/client";
import { getGroupCounts, getItemCounts, getLatestIndicatorValues, getModeCounts, getPopulationCells, getStratumCounts, getTownResponseCount } from "@/db/queries/rollups";
import { getPreviousWave, getWaveTownContext } from "@/db/queries/waves";
import { throughGate, type VisibleWave } from "./gate";

/** Which question each breakdown dimension comes from; mode is no question (the response records it). */
const DIMENSION_ITEMS: Record<Exclude<Dimension, "mode">, string> = { ageBand: "age_band", sex: "sex", employment: "employment" };

/**
 * Rollup reads, kept in memory and keyed by the wave and town's response count: a stored
 * response changes that count in the same transaction as the rollups, so an entry can
 * never be stale (a closed wave's count no longer changes). Bounded, least recently used
 * out first.
 */
const rollupCache = new Map<string, Promise<unknown>>();
const ROLLUP_CACHE_ENTRIES = 120;

function cachedRollup<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = rollupCache.get(key) as Promise<T> | undefined;
  rollupCache.delete(key);
  const value = hit ?? load();
  if (!hit) value.catch(() => rollupCache.delete(key));
  rollupCache.set(key, value);
  if (rollupCache.size > ROLLUP_CACHE_ENTRIES) rollupCache.delete(rollupCache.keys().next().value!);
  return value;
}

/** For benchmarks of the uncached path. */
export function clearRollupCache() {
  rollupCache.clear();
}

/** Items with a favourable answer: those a share can be shown for. */
export function scaleItems(questionnaire: Questionnaire) {
  return questionnaire.items.filter((item) => scaleOf(questionnaire, item).topBox.length > 0);
}

/**
 * Everything the town dashboard shows for one wave and town, read from rollups only: a few
 * queries whose size does not grow with the number of responses. Weighting and the chosen
 * breakdown are options; suppression is applied here, before anything reaches a page.
 */
export async function loadTownDashboard({ db, wave, townId, responses, revision = 0, k, locale, weighted, breakdownItem }: {
  db: Db;
  wave: VisibleWave;
  townId: number;
  /** The town's response count in this wave and its reviews' revision: the version of its rollups. */
  responses: number;
  revision?: number;
  k: number;
  locale: Locale;
  weighted: boolean;
  breakdownItem?: string;
}) {
  const questionnaire = getQuestionnaire(wave.questionnaireVersion)!;
  const candidates = scaleItems(questionnaire);
  const chosen = candidates.find((item) => item.id === breakdownItem) ?? candidates.find((item) => item.indicators.length > 0) ?? candidates[0]!;
  const version = `${wave.id}:${townId}:${responses}:${revision}`;
  const [counts, figures, groupCounts, population, previousWave, strata, modeRows] = await Promise.all([
    cachedRollup(`items:${version}`, () => getItemCounts({ db, waveId: wave.id, townId })),
    getLatestIndicatorValues({ db, townId, closesOn: wave.closesOn }),
    cachedRollup(`groups:${version}:${chosen.id}`, () => getGroupCounts({ db, waveId: wave.id, townId, itemId: chosen.id })),
    getPopulationCells({ db, townId }),
    getPreviousWave({ db, wave, townId }),
    // Weighting needs every item's strata; the sample's age band × sex distribution needs only
    // the age band item's (a few rows rather than items × codes × 8).
    weighted
      ? cachedRollup(`strata:${version}`, () => getStratumCounts({ db, waveId: wave.id, townId }))
      : cachedRollup(`strata:${version}:${DIMENSION_ITEMS.ageBand}`, () => getStratumCounts({ db, waveId: wave.id, townId, itemId: DIMENSION_ITEMS.ageBand })),
    cachedRollup(`modes:${version}`, () => getModeCounts({ db, waveId: wave.id, townId })),
  ]);

  // Post-stratification, where the town's population structure is known.
  const weighting = weighted && population.length > 0;
  const weightedSummaries = new Map<string, WeightedSummary>();
  const strataByItem = weighting ? countsByStratum(strata) : new Map<string, Map<string, Map<number, number>>>();
  const summaryOf: SummaryOf = (itemId, summary) => {
    if (!weighting) return summary;
    const item = questionnaire.items.find((candidate) => candidate.id === itemId)!;
    const result = weightSummary(summary, strataOf(scaleOf(questionnaire, item), strataByItem.get(itemId) ?? new Map()), population, k);
    weightedSummaries.set(itemId, result);
    return result;
  };
  const rows = targetsVsPeople({ questionnaire, counts, figures, k, locale, summaryOf });
  const items = allItemSummaries({ questionnaire, counts, k, locale, summaryOf });

  // Change since the town's previous wave, on the questions both waves asked and asked the
  // same way (lib/survey/comparability.ts): an item whose question or answer list changed
  // between the waves' questionnaires is left out ("question changed, not compared").
  // Unweighted on both sides unless both are weighted, so like is compared with like.
  const previousQuestionnaire = previousWave && getQuestionnaire(previousWave.questionnaireVersion);
  let previousItems: Map<string, ReturnType<typeof allItemSummaries>[number]["summary"]> | null = null;
  if (previousWave && previousQuestionnaire) {
    const [previousCounts, previousGroups] = await Promise.all([
      // A closed wave takes no more responses: its rollups are final.
      cachedRollup(`items:${previousWave.id}:${townId}:closed`, () => getItemCounts({ db, waveId: previousWave.id, townId })),
      weighting ? cachedRollup(`strata:${previousWave.id}:${townId}:closed`, () => getStratumCounts({ db, waveId: previousWave.id, townId })) : Promise.resolve([]),
    ]);
    const previousStrata = countsByStratum(previousGroups);
    const previousSummaryOf: SummaryOf = (itemId, summary) => {
      if (!weighting) return summary;
      const item = previousQuestionnaire.items.find((candidate) => candidate.id === itemId)!;
      return weightSummary(summary, strataOf(scaleOf(previousQuestionnaire, item), previousStrata.get(itemId) ?? new Map()), population, k);
    };
    previousItems = new Map(
      allItemSummaries({ questionnaire: previousQuestionnaire, counts: previousCounts, k, locale, summaryOf: previousSummaryOf })
        .filter((item) => comparable(previousQuestionnaire.version, item.itemId, questionnaire.version))
        .map((item) => [item.itemId, item.summary]),
    );
  }
  // Items of this wave that the previous wave's questionnaire asked otherwise, or not at all.
  const notCompared = new Set(
    previousQuestionnaire ? items.filter((item) => !comparable(previousQuestionnaire.version, item.itemId, questionnaire.version)).map((item) => item.itemId) : [],
  );
  // Compared items whose wording changed in one language to match the others: the note says so.
  const changeNotes = new Map(
    previousQuestionnaire
      ? items.flatMap((item) => {
          const notes = comparisonNotes(previousQuestionnaire.version, item.itemId, questionnaire.version);
          return notes.length ? [[item.itemId, notes.map((note) => note[locale])] as const] : [];
        })
      : [],
  );

  // Breakdowns of one item by each dimension, with primary and secondary suppression.
  // The mode's groups are its codes; the page names them (messages "mode.labels").
  const breakdowns = DIMENSIONS.map((dimension) => {
    const groupItem = dimension === "mode" ? undefined : questionnaire.items.find((item) => item.id === DIMENSION_ITEMS[dimension]);
    const groups = groupItem ? scaleOf(questionnaire, groupItem).options.map((option) => ({ code: option.code, label: option.label[locale] })) : [];
    const groupCodes = dimension === "mode" ? MODE_CODES : groups.map((group) => group.code);
    return {
      dimension,
      groups: new Map(groups.map((group) => [group.code, group.label])),
      cells: breakdown({ scale: scaleOf(questionnaire, chosen), rows: groupCounts, itemId: chosen.id, dimension, groupCodes, k }),
    };
  });

  // The sample beside the town's population by age band × sex: respondents per cell are those
  // who answered the age band question and gave their sex (the stratum rollup's own rows).
  const sample = sampleBalance({ sample: sampleStrataOf(strata, DIMENSION_ITEMS.ageBand), population, responses, k });
  // Figures shown unweighted although weighting was asked for: the item's n reaches k but
  // fewer than k respondents gave age band and sex, or none falls in a population cell.
  const unweightedFallback = new Set(
    [...weightedSummaries].filter(([, summary]) => !summary.suppressed && summary.weighted === null).map(([itemId]) => itemId),
  );

  return {
    questionnaire,
    rows,
    items,
    previousWave,
    previousItems,
    notCompared,
    changeNotes,
    weighting: { available: population.length > 0, applied: weighting, population, summaries: weightedSummaries, unweightedFallback },
    sample,
    /** Responses per mode (suppressed below k as a breakdown's cells are). */
    modes: modeCounts({ rows: modeRows, modes: MODE_CODES, k }),
    breakdown: { item: chosen, candidates, tables: breakdowns },
  };
}

/**
 * The town dashboard page's data: undefined for an unknown wave or town, the wave and town
 * alone while the gate holds the wave's results back from staff, else the town's response
 * counts and everything loadTownDashboard gives.
 */
export async function townDashboard({ db: given, slug, townCode, k, locale, weighted, breakdownItem }: {
  db?: Db;
  slug: string;
  townCode: string;
  k: number;
  locale: Locale;
  weighted: boolean;
  breakdownItem?: string;
}) {
  const db = given ?? (await getDb());
  const context = await getWaveTownContext({ db, slug, townCode });
  if (!context) return undefined;
  const wave = throughGate(context.wave, "staff");
  if (!wave) return { visible: false as const, wave: context.wave, town: context.town };
  const counts = await getTownResponseCount({ db, waveId: wave.id, townId: context.town.id });
  const data = await loadTownDashboard({ db, wave, townId: context.town.id, responses: counts.responses, revision: counts.revision, k, locale, weighted, breakdownItem });
  return { visible: true as const, wave, town: context.town, ...counts, ...data };
}
