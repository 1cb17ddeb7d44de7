import { suppressCells, type Suppression } from "./disclosure";
import { stratumKey, type PopulationStratum, type Stratum } from "./weighting";

/**
 * How far a town's sample is from its people (docs/decisions/0009-breakdowns-and-weighting.md):
 * the respondents' age band × sex distribution beside the town's adult population structure,
 * what the post-stratification covers, and Kish's effective sample size of its weights.
 *
 * The respondents per age band × sex cell are a breakdown like any other: a cell with fewer
 * than k respondents is not shown (primary), and since the cells add up to the published
 * number of respondents who gave both, a hidden cell that could be worked out by subtraction
 * takes the next smallest with it (secondary, lib/stats/disclosure.ts). A hidden cell's
 * share, count and weight are left out of what this returns.
 */

/** Respondents of one age band × sex cell (those who gave both). */
export interface SampleStratum extends Stratum {
  respondents: number;
}

/** A group of respondents sharing one weight. */
export interface WeightGroup {
  weight: number;
  count: number;
}

/**
 * Kish's effective sample size, n_eff = (Σw)² / Σw², over respondents grouped by weight:
 * the size of a simple random sample as precise as this weighted one. Null without weight.
 */
export function kishEffectiveN(groups: readonly WeightGroup[]): number | null {
  let sum = 0;
  let sumOfSquares = 0;
  for (const { weight, count } of groups) {
    if (count <= 0 || weight <= 0) continue;
    sum += weight * count;
    sumOfSquares += weight * weight * count;
  }
  return sumOfSquares > 0 ? (sum * sum) / sumOfSquares : null;
}

/**
 * Post-stratification weights per respondent of each cell, scaled so they average 1 over the
 * weighted respondents: w = (Pₕ / P) ÷ (nₕ / n), P and n over the cells that have both
 * respondents and population (the others are left out, as poststratify leaves them out).
 */
export function stratumWeights(sample: readonly SampleStratum[], population: readonly PopulationStratum[]): Map<string, number> {
  const sizes = new Map(population.filter((cell) => cell.population > 0).map((cell) => [stratumKey(cell), cell.population]));
  const used = sample.filter((cell) => cell.respondents > 0 && sizes.has(stratumKey(cell)));
  const respondents = used.reduce((sum, cell) => sum + cell.respondents, 0);
  const covered = used.reduce((sum, cell) => sum + sizes.get(stratumKey(cell))!, 0);
  const weights = new Map<string, number>();
  if (respondents === 0 || covered === 0) return weights;
  for (const cell of used) {
    weights.set(stratumKey(cell), sizes.get(stratumKey(cell))! / covered / (cell.respondents / respondents));
  }
  return weights;
}

export interface WeightingCoverage {
  /** All responses of the town in the wave. */
  responses: number;
  /** Of them, those who gave both age band and sex. */
  respondents: number;
  /** respondents / responses: the share of the sample the weighting can use. */
  respondentShare: number | null;
  /** Population cells (population > 0) with no respondent: left out of the weighting. */
  emptyCells: number;
  /** Their share of the town's adult population. */
  emptyPopulationShare: number;
  /** Respondents in cells the population structure lacks (they cannot be weighted). */
  unmatchedRespondents: number;
}

/** What the post-stratification covers: of the respondents, and of the population. */
export function weightingCoverage(sample: readonly SampleStratum[], population: readonly PopulationStratum[], responses: number): WeightingCoverage {
  const inSample = new Map(sample.map((cell) => [stratumKey(cell), cell.respondents]));
  const cells = population.filter((cell) => cell.population > 0);
  const populationKeys = new Set(cells.map(stratumKey));
  const totalPopulation = cells.reduce((sum, cell) => sum + cell.population, 0);
  const empty = cells.filter((cell) => (inSample.get(stratumKey(cell)) ?? 0) === 0);
  const respondents = sample.reduce((sum, cell) => sum + cell.respondents, 0);
  return {
    responses,
    respondents,
    respondentShare: responses > 0 ? respondents / responses : null,
    emptyCells: empty.length,
    emptyPopulationShare: totalPopulation > 0 ? empty.reduce((sum, cell) => sum + cell.population, 0) / totalPopulation : 0,
    unmatchedRespondents: sample.filter((cell) => !populationKeys.has(stratumKey(cell))).reduce((sum, cell) => sum + cell.respondents, 0),
  };
}

export interface BalanceCell extends Stratum {
  /** Respondents in the cell; null when hidden. */
  respondents: number | null;
  /** The cell's share of the respondents who gave both; null when hidden. */
  sampleShare: number | null;
  /** The cell's share of the town's adults; null without a population structure for it. */
  populationShare: number | null;
  /** Why the cell's sample figures are hidden, if they are. */
  suppression: Suppression;
}

export interface SampleBalance {
  cells: BalanceCell[];
  coverage: WeightingCoverage;
  /** Kish's effective sample size of the age band × sex weights; null when nothing can be weighted. */
  effectiveN: number | null;
  /**
   * n_eff as it may be published: whole respondents, and to the nearest ten while a cell is
   * hidden (the exact n_eff and the published cells would give a hidden cell's count away).
   */
  publishedEffectiveN: number | null;
  /** Whether a population structure is entered at all. */
  hasPopulation: boolean;
}

/**
 * The sample beside the population, cell by cell (population cells and sampled cells, in
 * age band then sex order), with disclosure control on the sample's cells.
 */
export function sampleBalance({ sample, population, responses, k }: {
  sample: readonly SampleStratum[];
  population: readonly PopulationStratum[];
  responses: number;
  k: number;
}): SampleBalance {
  const sampleByKey = new Map(sample.filter((cell) => cell.respondents > 0).map((cell) => [stratumKey(cell), cell]));
  const populationByKey = new Map(population.filter((cell) => cell.population > 0).map((cell) => [stratumKey(cell), cell]));
  const totalPopulation = [...populationByKey.values()].reduce((sum, cell) => sum + cell.population, 0);
  const respondents = [...sampleByKey.values()].reduce((sum, cell) => sum + cell.respondents, 0);

  const strata = new Map<string, Stratum>();
  for (const cell of [...populationByKey.values(), ...sampleByKey.values()]) strata.set(stratumKey(cell), { ageBand: cell.ageBand, sex: cell.sex });
  const ordered = [...strata.values()].sort((a, b) => a.ageBand - b.ageBand || a.sex - b.sex);
  const counts = ordered.map((cell) => sampleByKey.get(stratumKey(cell))?.respondents ?? 0);
  // Counts of people, not answers: only the k rule applies (no favourable share to protect).
  const suppression = suppressCells(counts.map((n) => ({ n, favourable: n })), k, [], 0);

  const cells = ordered.map((cell, i): BalanceCell => {
    const hidden = suppression[i] !== null;
    const size = populationByKey.get(stratumKey(cell))?.population;
    return {
      ...cell,
      respondents: hidden ? null : counts[i]!,
      sampleShare: hidden || respondents === 0 ? null : counts[i]! / respondents,
      populationShare: size === undefined || totalPopulation === 0 ? null : size / totalPopulation,
      suppression: suppression[i]!,
    };
  });

  const weights = stratumWeights([...sampleByKey.values()], [...populationByKey.values()]);
  const effectiveN = kishEffectiveN([...weights].map(([key, weight]) => ({ weight, count: sampleByKey.get(key)!.respondents })));
  const anyHidden = suppression.some((status) => status !== null);
  return {
    cells,
    coverage: weightingCoverage([...sampleByKey.values()], [...populationByKey.values()], responses),
    effectiveN,
    publishedEffectiveN: effectiveN === null ? null : anyHidden ? Math.round(effectiveN / 10) * 10 : Math.round(effectiveN),
    hasPopulation: populationByKey.size > 0,
  };
}

/**
 * Respondents per age band × sex cell, from the stratum rollup's rows of one item every
 * respondent is asked (the age band question itself): summed over its codes.
 */
export function sampleStrataOf(rows: readonly { itemId: string; ageBand: number; sex: number; responses: number }[], itemId: string): SampleStratum[] {
  const byKey = new Map<string, SampleStratum>();
  for (const row of rows) {
    if (row.itemId !== itemId || row.ageBand === 0 || row.sex === 0) continue;
    const key = stratumKey(row);
    const cell = byKey.get(key) ?? { ageBand: row.ageBand, sex: row.sex, respondents: 0 };
    cell.respondents += row.responses;
    byKey.set(key, cell);
  }
  return [...byKey.values()];
}
