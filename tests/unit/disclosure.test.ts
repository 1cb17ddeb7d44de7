import { describe, expect, it } from "vitest";
import { suppressCells } from "@/lib/stats/disclosure";

// Half of each group favourable: the group-disclosure rule stays out of these cases.
const cells = (...ns: number[]) => ns.map((n) => ({ n, favourable: Math.floor(n / 2) }));

describe("suppressCells", () => {
  it("publishes every cell when all reach k", () => {
    expect(suppressCells(cells(10, 25, 40), 10)).toEqual([null, null, null]);
  });

  it("hides a cell below k and, so that it cannot be worked out from the total, the next smallest", () => {
    expect(suppressCells(cells(30, 4, 12, 50), 10)).toEqual([null, "primary", "secondary", null]);
  });

  it("leaves empty cells alone: a zero discloses nobody and does not protect a hidden cell", () => {
    expect(suppressCells(cells(0, 3, 20, 40), 10)).toEqual([null, "primary", "secondary", null]);
  });

  it("hides more cells until the hidden ones together reach k", () => {
    // 2 and 3 hidden together sum to 5 < 10: their sum would reveal a group of five people.
    expect(suppressCells(cells(2, 3, 11, 12, 40), 10)).toEqual(["primary", "primary", "secondary", null, null]);
  });

  it("hides everything when no cell can be published safely", () => {
    expect(suppressCells(cells(4, 9), 10)).toEqual(["primary", "primary"]);
    expect(suppressCells(cells(5, 30), 10)).toEqual(["primary", "secondary"]);
  });

  it("honours a configured k", () => {
    expect(suppressCells(cells(12, 30, 30), 15)).toEqual(["primary", "secondary", null]);
  });

  it("never leaves a single hidden cell among published ones (property over many random tables)", () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 2000; run++) {
      const k = 5 + Math.floor(next() * 15);
      const table = cells(...Array.from({ length: 2 + Math.floor(next() * 7) }, () => Math.floor(next() * 40)));
      const result = suppressCells(table, k);
      const hidden = table.filter((_, i) => result[i]);
      table.forEach((cell, i) => {
        if (cell.n > 0 && cell.n < k) expect(result[i]).toBe("primary");
      });
      if (hidden.length > 0) {
        const publishedNonEmpty = table.filter((cell, i) => !result[i] && cell.n > 0).length;
        // Either the hidden cells are several and together reach k, or nothing is left to hide
        // (then the total is below k too, and is withheld with the item).
        const safe = hidden.length > 1 && hidden.reduce((sum, cell) => sum + cell.n, 0) >= k;
        expect(safe || publishedNonEmpty === 0).toBe(true);
      }
    }
  });
});
