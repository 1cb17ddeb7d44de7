/**
 * Which cells of a breakdown may be published (docs/design.md, "Statistics and privacy rules"):
 * no cell rests on fewer than k responses (primary suppression), and where the groups add
 * up to a published total, one hidden cell alone could be worked out by subtraction, so
 * the next smallest cell is hidden too (secondary suppression).
 */
export type Suppression = "primary" | "secondary" | null;

export interface Cell {
  /** Responses in the cell. A cell with none is empty, not hidden: there is nothing to protect. */
  n: number;
}

/** `given`: cells already hidden for another reason (another total they belong to). */
export function suppressCells(cells: readonly Cell[], k: number, given: readonly Suppression[] = []): Suppression[] {
  const result: Suppression[] = cells.map((cell, i) => given[i] ?? (cell.n > 0 && cell.n < k ? "primary" : null));
  const hidden = () => result.filter((status) => status !== null).length;
  // One hidden cell is the total minus the others; hide the smallest published one as well.
  // Two hidden cells still give their sum, which is at least k only when the pair together
  // reaches k: keep hiding the next smallest until the hidden cells together reach k.
  const hiddenTotal = () => cells.reduce((sum, cell, i) => sum + (result[i] ? cell.n : 0), 0);
  while (hidden() > 0 && (hidden() === 1 || hiddenTotal() < k)) {
    let smallest = -1;
    cells.forEach((cell, i) => {
      if (result[i] === null && cell.n > 0 && (smallest < 0 || cell.n < cells[smallest]!.n)) smallest = i;
    });
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
 */
export function suppressLinked(cells: readonly Cell[], lines: readonly Line[], k: number): Suppression[] {
  const result: Suppression[] = cells.map((cell) => (cell.n > 0 && cell.n < k ? "primary" : null));
  const hide = (i: number) => {
    if (result[i] !== null) return false;
    result[i] = "secondary";
    return true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, parts } of lines) {
      const next = suppressCells(parts.map((i) => cells[i]!), k, parts.map((i) => result[i] ?? null));
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
