/**
 * Which cells of a breakdown may be published (DESIGN.md, "Statistics and privacy rules"):
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
 * as suppressCells makes one breakdown safe, and a hidden total may not have every part
 * published (it would be their sum), and a total whose one hidden part cannot be covered
 * by another is hidden itself; hiding in one line can expose another, so the lines
 * are revisited until nothing changes. It only ever hides more, so it ends.
 */
export function suppressLinked(cells: readonly Cell[], lines: readonly Line[], k: number): Suppression[] {
  const result: Suppression[] = cells.map((cell) => (cell.n > 0 && cell.n < k ? "primary" : null));
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, parts } of lines) {
      let next: Suppression[];
      if (result[total] === null) {
        next = suppressCells(parts.map((i) => cells[i]!), k, parts.map((i) => result[i] ?? null));
        // One hidden part with no other left to hide (the rest are empty) is the total
        // itself: hide the total as well.
        if (next.filter((status) => status !== null).length === 1) {
          result[total] = "secondary";
          changed = true;
        }
      } else {
        next = parts.map((i) => result[i] ?? null);
        if (!next.some((status) => status !== null)) {
          let smallest = -1;
          parts.forEach((i, j) => {
            if (cells[i]!.n > 0 && (smallest < 0 || cells[i]!.n < cells[parts[smallest]!]!.n)) smallest = j;
          });
          if (smallest >= 0) next[smallest] = "secondary";
        }
      }
      next.forEach((status, j) => {
        if (status !== null && result[parts[j]!] === null) {
          result[parts[j]!] = status;
          changed = true;
        }
      });
    }
  }
  return result;
}
