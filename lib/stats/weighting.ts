import type { Scale } from "@/lib/survey/types";
import type { ItemSummary } from "./summary";
import { wilsonFromShare, type ShareEstimate } from "./wilson";

/**
 * Post-stratification by age band × sex (docs/design.md, "Statistics and privacy rules"):
 * each stratum of respondents counts in proportion to its share of the town's adult
 * population, not of the sample. Online samples over-represent some groups (often the
 * young); weighting corrects that where the population structure is known, and is always
 * shown beside the unweighted figure.
 *
 * Only respondents who gave both age band and sex can be weighted; strata of the population
 * with no respondent are left out and the others scaled up (the page says how much of the
 * population the estimate covers).
 */
export interface Stratum {
  ageBand: number;
  sex: number;
}

export interface PopulationStratum extends Stratum {
  population: number;
}

export interface StratumCounts extends Stratum {
  /** Respondents in the stratum with an opinion on the item. */
  n: number;
  /** Of them, how many answered favourably (top-2-box). */
  top: number;
}

export interface WeightedEstimate extends ShareEstimate {
  /** Kish's effective sample size: the n a simple random sample would need for this precision. */
  effectiveN: number;
  /** Share of the adult population in strata that have respondents. */
  coverage: number;
  /** Respondents the estimate rests on (those who gave age band and sex). */
  respondents: number;
}

const key = ({ ageBand, sex }: Stratum) => `${ageBand}:${sex}`;

export function poststratify(strata: readonly StratumCounts[], population: readonly PopulationStratum[]): WeightedEstimate | null {
  const sizes = new Map(population.filter((cell) => cell.population > 0).map((cell) => [key(cell), cell.population]));
  const totalPopulation = [...sizes.values()].reduce((sum, size) => sum + size, 0);
  const used = strata.filter((stratum) => stratum.n > 0 && sizes.has(key(stratum)));
  const coveredPopulation = used.reduce((sum, stratum) => sum + sizes.get(key(stratum))!, 0);
  if (totalPopulation === 0 || coveredPopulation === 0) return null;

  let share = 0;
  let varianceFactor = 0;
  for (const stratum of used) {
    const weight = sizes.get(key(stratum))! / coveredPopulation;
    share += weight * (stratum.top / stratum.n);
    varianceFactor += (weight * weight) / stratum.n;
  }
  const effectiveN = 1 / varianceFactor;
  return {
    ...wilsonFromShare(share, effectiveN),
    effectiveN,
    coverage: coveredPopulation / totalPopulation,
    respondents: used.reduce((sum, stratum) => sum + stratum.n, 0),
  };
}

/** Opinion counts per age band × sex stratum of one item, from its code counts per stratum. */
export function strataOf(scale: Scale, countsByStratum: ReadonlyMap<string, ReadonlyMap<number, number>>): StratumCounts[] {
  return [...countsByStratum].map(([stratumKey, counts]) => {
    const [ageBand, sex] = stratumKey.split(":").map(Number) as [number, number];
    let n = 0;
    let top = 0;
    for (const [code, count] of counts) {
      if (scale.missing.includes(code)) continue;
      n += count;
      if (scale.topBox.includes(code)) top += count;
    }
    return { ageBand, sex, n, top };
  });
}

export interface WeightedSummary extends ItemSummary {
  /** The weighted estimate, or null when it cannot be made (then `estimate` stays unweighted). */
  weighted: WeightedEstimate | null;
}

/**
 * The weighted version of an item's summary: the same n and disclosure decision as the
 * unweighted one (suppression follows the responses, not the weights). No weighted figure
 * rests on fewer than k respondents who gave their age band and sex.
 */
export function weightSummary(unweighted: ItemSummary, strata: readonly StratumCounts[], population: readonly PopulationStratum[], k: number): WeightedSummary {
  const weighted = unweighted.suppressed ? null : poststratify(strata, population);
  if (!weighted || weighted.respondents < k) return { ...unweighted, weighted: null };
  return { ...unweighted, estimate: weighted, weighted };
}

export { key as stratumKey };
