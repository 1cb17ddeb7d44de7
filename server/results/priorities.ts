import "server-only";
import type { LocalizedText } from "@/lib/i18n/locales";
import type { Audience } from "@/lib/survey/wave-rules";
import { env } from "@/lib/env";
import { areaScore, type ShareSummary } from "@/lib/stats/area-score";
import { countsByStratum } from "@/lib/stats/breakdowns";
import { ownRisk, type Suppression } from "@/lib/stats/disclosure";
import type { ItemSummary } from "@/lib/stats/summary";
import { allItemSummaries, type SummaryOf } from "@/lib/stats/targets-vs-people";
import { stratumKey, strataOf, weightSummary, type PopulationStratum, type StratumCounts } from "@/lib/stats/weighting";
import { wilsonInterval } from "@/lib/stats/wilson";
import { getQuestionnaire, scaleOf } from "@/lib/survey/questionnaire";
import type { Ballot, Election } from "@/lib/participation/types";
import { ballotOf } from "@/lib/participation/ballot";
import { greedySelection } from "@/lib/participation/greedy";
import { equalSharesSelection } from "@/lib/participation/equal-shares";
import { priorityShares } from "@/lib/participation/shares";
import { getDb, type Db } from "@/db/client";
import { getPriorityBallots, getPriorityElection, type BallotRow } from "@/db/queries/priority-results";
import { getItemCounts, getPopulationCells, getStratumCounts } from "@/db/queries/rollups";
import { getWaveTownContext } from "@/db/queries/waves";
import { throughGate, type VisibleWave } from "./gate";

/**
 * One town's priorities step in a wave, counted (issue 11, point 1; docs/decisions/0014):
 * each priority's share of the residents who answered the step (empty ballots included),
 * with its 95 % Wilson interval and n, unweighted or weighted by age band × sex; the set
 * the greedy rule and the Method of Equal Shares would fund (unweighted ballots, exact);
 * and beside each priority the current score of the area it answers. A survey of
 * priorities, not a binding vote: the page says so.
 */

export interface PriorityFigure {
  id: number;
  title: LocalizedText;
  description: LocalizedText;
  cost: number | null;
  areaId: string | null;
  itemIds: string[];
  /** Ballots that chose it, or null when the disclosure rule hides it. */
  count: number | null;
  /** Its share of the step's ballots, as a results table shows a share. */
  summary: ShareSummary;
  /** Why it is hidden (lib/stats/disclosure ownRisk), or null. */
  suppression: Suppression;
  /** The share is weighted (false: weighting not asked, or not possible for it). */
  weighted: boolean;
  greedy: boolean;
  /** How equal shares selects it: by the equal-shares run, by its completion, or not. */
  equalShares: "equal-shares" | "completion" | null;
  /** The current score of the area (or items) it answers, at the same weighting. */
  areaScore: ShareSummary | null;
}

export type Counting =
  | {
      status: "counted";
      budget: number;
      greedy: { selected: number[]; cost: number };
      equalShares: { selected: number[]; fromEqualShares: number[]; completion: number[]; cost: number; perVoterBudget: number };
    }
  /** No budget, or a priority without a cost: shares only. */
  | { status: "no-budget" | "missing-cost" }
  /** Fewer than k ballots: nothing is counted in public. */
  | { status: "suppressed" }
  /**
   * A priority's share is hidden by the group rule (fewer than MIN_OUTCOME chose it, or did
   * not): whether it was funded would tell, since only approved priorities are funded. Both
   * selections are withheld; the Pabulib export still carries every ballot.
   */
  | { status: "withheld" };

export interface TownPriorityResults {
  wave: VisibleWave;
  townId: number;
  k: number;
  rule: { kind: "approval"; maxChoices: number } | { kind: "budget" };
  budget: number | null;
  /** Residents who answered the step (empty ballots included), and of them demo ballots. */
  ballots: number;
  demoBallots: number;
  /** Fewer than k ballots: no share, no selection. */
  suppressed: boolean;
  weighting: { asked: boolean; available: boolean; applied: boolean };
  priorities: PriorityFigure[];
  counting: Counting;
}

/** The election and ballots as lib/participation counts them (ids as text). */
export function electionOf(election: { rule: "approval" | "budget"; maxChoices: number | null; budget: number | null; priorities: Array<{ id: number; cost: number | null }> }): Election {
  return {
    priorities: election.priorities.map((priority) => ({ id: String(priority.id), cost: priority.cost })),
    budget: election.budget,
    rule: election.rule === "approval" ? { kind: "approval", maxChoices: election.maxChoices ?? election.priorities.length } : { kind: "budget" },
  };
}

export function ballotsOf(rows: readonly Pick<BallotRow, "choices">[]): Ballot[] {
  return rows.map((row) => ballotOf(row.choices.map(String)));
}

/** Greedy and equal-shares counts of the unweighted ballots, or why they cannot be made. */
export function countPriorities(election: Election, ballots: readonly Ballot[]): Counting {
  if (election.budget === null) return { status: "no-budget" };
  if (election.priorities.some((priority) => priority.cost === null)) return { status: "missing-cost" };
  const greedy = greedySelection(election, ballots);
  const shares = equalSharesSelection(election, ballots);
  const ids = (list: readonly string[]) => list.map(Number);
  return {
    status: "counted",
    budget: election.budget,
    greedy: { selected: ids(greedy.selected), cost: Number(greedy.cost) },
    equalShares: {
      selected: ids(shares.selected),
      fromEqualShares: ids(shares.equalShares),
      completion: ids(shares.completion),
      cost: Number(shares.cost),
      perVoterBudget: shares.perVoterBudget.toNumber(),
    },
  };
}

/**
 * Counts kept in memory, keyed by the wave, town, number of ballots and the election's
 * budget, rule and costs: ballots are only ever added with their response (never changed),
 * so the same key always has the same ballots, and equal shares, which can take a good part
 * of a second on a large town, runs once per new ballot rather than once per page view.
 * Bounded, least recently used out first.
 */
const countingCache = new Map<string, Counting>();
const COUNTING_CACHE_ENTRIES = 60;

function cachedCounting(key: string, count: () => Counting): Counting {
  const hit = countingCache.get(key);
  countingCache.delete(key);
  const value = hit ?? count();
  countingCache.set(key, value);
  if (countingCache.size > COUNTING_CACHE_ENTRIES) countingCache.delete(countingCache.keys().next().value!);
  return value;
}

/** Ballots per age band × sex stratum and, of them, those choosing `id`: the weighting's input. */
function priorityStrata(rows: readonly BallotRow[], id: number): StratumCounts[] {
  const strata = new Map<string, StratumCounts>();
  for (const row of rows) {
    if (row.ageBand <= 0 || row.sex <= 0) continue;
    const key = stratumKey(row);
    const stratum = strata.get(key) ?? { ageBand: row.ageBand, sex: row.sex, n: 0, top: 0 };
    stratum.n += 1;
    if (row.choices.includes(id)) stratum.top += 1;
    strata.set(key, stratum);
  }
  return [...strata.values()];
}

/**
 * Area scores of the wave's questionnaire for the town, as the dashboard computes them
 * (lib/stats/area-score over the items' top-2-box shares), weighted when asked and possible.
 */
async function areaScores({ db, wave, townId, k, weighting, population }: { db: Db; wave: VisibleWave; townId: number; k: number; weighting: boolean; population: PopulationStratum[] }) {
  const questionnaire = getQuestionnaire(wave.questionnaireVersion)!;
  const [counts, strata] = await Promise.all([getItemCounts({ db, waveId: wave.id, townId }), weighting ? getStratumCounts({ db, waveId: wave.id, townId }) : Promise.resolve([])]);
  const byItem = countsByStratum(strata);
  const summaryOf: SummaryOf = (itemId, summary) => {
    if (!weighting) return summary;
    const item = questionnaire.items.find((candidate) => candidate.id === itemId)!;
    return weightSummary(summary, strataOf(scaleOf(questionnaire, item), byItem.get(itemId) ?? new Map()), population, k);
  };
  const items = allItemSummaries({ questionnaire, counts, k, locale: "en", summaryOf });
  return (areaId: string | null, itemIds: readonly string[]) => {
    const chosen = areaId ? items.filter((item) => item.area === areaId) : items.filter((item) => itemIds.includes(item.itemId));
    return areaScore(chosen.map((item) => item.summary));
  };
}

/**
 * The town's priority results in a wave the gate let through (for staff or the public): null
 * when the town has no priorities step in the wave. `weighted` asks for post-stratified
 * shares (by the town's population structure, when known); the selections always count the
 * unweighted ballots.
 */
export async function loadTownPriorityResults(
  wave: VisibleWave,
  townId: number,
  { weighted, db: given, k = env.DISCLOSURE_MIN_CELL }: { weighted: boolean; db?: Db; k?: number },
): Promise<TownPriorityResults | null> {
  const db = given ?? (await getDb());
  const stored = await getPriorityElection({ db, waveId: wave.id, townId });
  if (!stored) return null;
  const [rows, population] = await Promise.all([getPriorityBallots({ db, waveId: wave.id, townId }), getPopulationCells({ db, townId })]);
  const election = electionOf(stored);
  const ballots = ballotsOf(rows);
  const n = ballots.length;
  const suppressed = n < k;
  const applied = weighted && population.length > 0;
  const scoreOf = await areaScores({ db, wave, townId, k, weighting: applied, population });
  const countingKey = JSON.stringify([wave.id, townId, n, election.budget, election.rule, election.priorities]);
  const shares = priorityShares(election, ballots);
  const groupHidden = !suppressed && shares.some(({ count }) => ownRisk({ n, favourable: count }, k) !== null);
  const counting: Counting = suppressed
    ? { status: "suppressed" }
    : groupHidden
      ? { status: "withheld" }
      : cachedCounting(countingKey, () => countPriorities(election, ballots));
  const greedy = new Set(counting.status === "counted" ? counting.greedy.selected : []);
  const fromShares = new Set(counting.status === "counted" ? counting.equalShares.fromEqualShares : []);
  const fromCompletion = new Set(counting.status === "counted" ? counting.equalShares.completion : []);

  const figures = stored.priorities.map((priority, index): PriorityFigure => {
    const { count } = shares[index]!;
    // A share is hidden when the step has fewer than k ballots, or when all, or all but one,
    // of them chose the priority alike (fewer than MIN_OUTCOME chose it, or did not).
    const suppression = suppressed ? "primary" : ownRisk({ n, favourable: count }, k);
    const unweighted: ItemSummary = { n, answered: n, estimate: suppression ? null : wilsonInterval(count, n), suppressed: suppression !== null };
    const summary = applied && !unweighted.suppressed ? weightSummary(unweighted, priorityStrata(rows, priority.id), population, k) : { ...unweighted, weighted: null };
    return {
      id: priority.id,
      title: priority.title,
      description: priority.description,
      cost: priority.cost,
      areaId: priority.areaId,
      itemIds: priority.itemIds,
      count: suppression ? null : count,
      summary: { n: summary.n, estimate: summary.estimate, suppressed: summary.suppressed },
      suppression,
      weighted: summary.weighted !== null,
      greedy: greedy.has(priority.id),
      equalShares: fromShares.has(priority.id) ? "equal-shares" : fromCompletion.has(priority.id) ? "completion" : null,
      areaScore: priority.areaId || priority.itemIds.length > 0 ? scoreOf(priority.areaId, priority.itemIds) : null,
    };
  });

  return {
    wave,
    townId,
    k,
    rule: election.rule,
    budget: stored.budget,
    ballots: n,
    demoBallots: rows.filter((row) => row.isDemo).length,
    suppressed,
    weighting: { asked: weighted, available: population.length > 0, applied },
    priorities: figures,
    counting,
  };
}

/**
 * For a page or test that starts from addresses: undefined for an unknown wave or town,
 * `{ visible: false }` while the gate holds the wave back from this audience, else the
 * results (null inside when the town has no priorities step in the wave).
 */
export async function townPriorityResults({ db: given, slug, townCode, audience, weighted, k }: { db?: Db; slug: string; townCode: string; audience: Audience; weighted: boolean; k?: number }) {
  const db = given ?? (await getDb());
  const context = await getWaveTownContext({ db, slug, townCode });
  if (!context) return undefined;
  const wave = throughGate(context.wave, audience);
  if (!wave) return { visible: false as const, wave: context.wave, town: context.town };
  return { visible: true as const, wave, town: context.town, results: await loadTownPriorityResults(wave, context.town.id, { weighted, db, k }) };
}
