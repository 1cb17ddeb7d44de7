/**
 * Quota cells for a fieldwork assignment, drawn from the town's population structure: the
 * age band × sex cells the weighting uses (population_cells, lib/stats/weighting.ts). Each
 * cell's target is its share of the target number, rounded by largest remainder so that the
 * cells sum to the target exactly. Pure: no I/O.
 */

export interface PopulationCellInput {
  ageBand: number;
  sex: number;
  population: number;
}

export interface QuotaCell {
  ageBand: number;
  sex: number;
  /** Interviews asked for in this cell. */
  target: number;
  /** The cell's share of the town's adult population (0..1). */
  share: number;
}

/**
 * The quota cells for `target` interviews: one per populated cell, in age band then sex
 * order. Ties of remainder go to the larger cell, then to the lower codes, so the same
 * population always gives the same quotas. No population (or none above zero): no cells.
 */
export function drawQuotas(target: number, cells: readonly PopulationCellInput[]): QuotaCell[] {
  if (!Number.isInteger(target) || target < 0) throw new RangeError("target must be a whole number of interviews");
  const populated = cells.filter((cell) => cell.population > 0).sort((a, b) => a.ageBand - b.ageBand || a.sex - b.sex);
  const total = populated.reduce((sum, cell) => sum + cell.population, 0);
  if (total === 0) return [];
  const exact = populated.map((cell) => (target * cell.population) / total);
  const floors = exact.map(Math.floor);
  let left = target - floors.reduce((sum, value) => sum + value, 0);
  const order = populated
    .map((cell, index) => ({ index, remainder: exact[index]! - floors[index]!, population: cell.population }))
    .sort((a, b) => b.remainder - a.remainder || b.population - a.population || a.index - b.index);
  for (const { index } of order) {
    if (left === 0) break;
    floors[index]! += 1;
    left -= 1;
  }
  return populated.map((cell, index) => ({ ageBand: cell.ageBand, sex: cell.sex, target: floors[index]!, share: cell.population / total }));
}

/** A cell is full once its completes reach its target (a cell with no target is never open). */
export function cellFull(cell: { target: number; completes: number }): boolean {
  return cell.completes >= cell.target;
}
