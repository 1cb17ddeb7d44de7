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

export function suppressCells(cells: readonly Cell[], k: number): Suppression[] {
  const result: Suppression[] = cells.map((cell) => (cell.n > 0 && cell.n < k ? "primary" : null));
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
