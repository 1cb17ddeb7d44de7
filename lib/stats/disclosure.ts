/**
 * Which cells of a breakdown may be published (docs/design.md, "Statistics and privacy rules";
 * docs/decisions/0003-export-disclosure.md, "Group disclosure"). Every surface that
 * publishes a group within a town (the dashboard's breakdowns, the aggregate export) calls
 * `suppressCells` or `suppressLinked`; nothing else decides.
 *
 * - Primary: a group with 0 < n < k is hidden.
 * - Group disclosure: a group of n ≥ k whose favourable count or unfavourable count
 *   (n − favourable) is below `MIN_OUTCOME` is hidden too. Publishing it would show that
 *   all, or none, of the group answered favourably, or all but one (and that one
 *   respondent would learn how every other member of the group answered).
 * - Secondary: the groups add up to a published total, so the hidden groups together are
 *   known by subtraction. While exactly one group is hidden, or the hidden groups together
 *   would fail the two rules above (fewer than k responses, or fewer than MIN_OUTCOME
 *   favourable or unfavourable answers), the smallest published group that helps is hidden
 *   as well. Thus no hidden cell can be worked out from the published ones and the total,
 *   and neither can a unanimous sum of hidden cells.
 */
export type Suppression = "primary" | "group" | "secondary" | null;

/** Below this many favourable (or unfavourable) answers a group is not published. */
export const MIN_OUTCOME = 2;

export interface Cell {
  /** Responses with an opinion in the cell. A cell with none is empty, not hidden: there is nothing to protect. */
  n: number;
  /** Of those, favourable answers (top 2 box). */
  favourable: number;
}

/** Why a cell cannot be published on its own, or null. */
export function ownRisk(cell: Cell, k: number, minOutcome = MIN_OUTCOME): Suppression {
  if (cell.n <= 0) return null;
  if (cell.n < k) return "primary";
  if (cell.favourable < minOutcome || cell.n - cell.favourable < minOutcome) return "group";
  return null;
}

/** Whether a sum of hidden cells, known by subtraction, would itself give something away. */
function sumUnsafe(n: number, favourable: number, k: number, minOutcome: number) {
  return n < k || favourable < minOutcome || n - favourable < minOutcome;
}

/** `given`: cells already hidden for another reason (another total they belong to). */
export function suppressCells(cells: readonly Cell[], k: number, given: readonly Suppression[] = [], minOutcome = MIN_OUTCOME): Suppression[] {
  const result: Suppression[] = cells.map((cell, i) => given[i] ?? ownRisk(cell, k, minOutcome));
  for (;;) {
    let hidden = 0;
    let n = 0;
    let favourable = 0;
    cells.forEach((cell, i) => {
      if (result[i] === null) return;
      hidden += 1;
      n += cell.n;
      favourable += cell.favourable;
    });
    if (hidden === 0) break;
    const needFavourable = favourable < minOutcome;
    const needUnfavourable = n - favourable < minOutcome;
    if (hidden > 1 && !sumUnsafe(n, favourable, k, minOutcome)) break;
    // Hide the smallest published group that brings what the hidden sum lacks (any
    // non-empty one when it lacks only size, or only a second cell).
    const helps = (cell: Cell) =>
      cell.n > 0 && (!needFavourable || cell.favourable > 0) && (!needUnfavourable || cell.n - cell.favourable > 0);
    let smallest = -1;
    for (const pass of [helps, (cell: Cell) => cell.n > 0]) {
      cells.forEach((cell, i) => {
        if (result[i] === null && pass(cell) && (smallest < 0 || cell.n < cells[smallest]!.n)) smallest = i;
      });
      if (smallest >= 0) break;
    }
    if (smallest < 0) break;
    result[smallest] = "secondary";
  }
  return result;
}

/** Cells that add up to another published cell: a breakdown's groups to the item's n. */
export interface Line {
  total: number;
  parts: readonly number[];
}

/**
 * Suppression in a table where cells belong to several totals at once (towns × groups, with
 * each town's overall n and each group's all-towns n as margins). Every line is made safe
 * as suppressCells makes one breakdown safe, whether or not its total is published: a
 * hidden total is still the sum of its parts, and another line holding it would give that
 * sum away. A published total whose one hidden part cannot be covered by another (the rest
 * are empty) is hidden itself, and a hidden total may not have every part published.
 * Hiding in one line can expose another, so the lines are revisited until nothing changes;
 * it only ever hides more, so it ends. This checks lines, not every combination of lines
 * (a full audit would solve a linear programme per hidden cell).
 *
 * Totals (cells that are the total of some line: a town's overall figure) are held to k
 * only, as the town's own figure is elsewhere; group disclosure applies to the parts.
 */
export function suppressLinked(cells: readonly Cell[], lines: readonly Line[], k: number, minOutcome = MIN_OUTCOME): Suppression[] {
  const totals = new Set(lines.map((line) => line.total));
  const result: Suppression[] = cells.map((cell, i) => (totals.has(i) ? (cell.n > 0 && cell.n < k ? "primary" : null) : ownRisk(cell, k, minOutcome)));
  const hide = (i: number) => {
    if (result[i] !== null) return false;
    result[i] = "secondary";
    return true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, parts } of lines) {
      const next = suppressCells(parts.map((i) => cells[i]!), k, parts.map((i) => result[i] ?? null), minOutcome);
      next.forEach((status, j) => {
        if (status !== null && hide(parts[j]!)) changed = true;
      });
      const hiddenParts = parts.filter((i) => result[i] !== null);
      if (hiddenParts.length === 1 && hide(total)) changed = true;
      if (hiddenParts.length === 0 && result[total] !== null) {
        const smallest = parts.filter((i) => cells[i]!.n > 0).sort((a, b) => cells[a]!.n - cells[b]!.n || a - b)[0];
        if (smallest !== undefined && hide(smallest)) changed = true;
      }
    }
  }
  return result;
}
