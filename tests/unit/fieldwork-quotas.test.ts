import { describe, expect, it } from "vitest";
import { cellFull, drawQuotas } from "@/lib/fieldwork/quotas";

const ridderLike = [
  { ageBand: 1, sex: 1, population: 2100 },
  { ageBand: 1, sex: 2, population: 2000 },
  { ageBand: 2, sex: 1, population: 3300 },
  { ageBand: 2, sex: 2, population: 3500 },
  { ageBand: 3, sex: 1, population: 2900 },
  { ageBand: 3, sex: 2, population: 3400 },
  { ageBand: 4, sex: 1, population: 1900 },
  { ageBand: 4, sex: 2, population: 3100 },
];

describe("quota cells drawn from a town's population", () => {
  it.each([1, 7, 30, 31, 99, 300])("sum to the target of %i exactly", (target) => {
    const cells = drawQuotas(target, ridderLike);
    expect(cells.reduce((sum, cell) => sum + cell.target, 0)).toBe(target);
    expect(cells).toHaveLength(ridderLike.length);
  });

  it("gives each cell its population share, within one interview of it", () => {
    const cells = drawQuotas(30, ridderLike);
    const total = ridderLike.reduce((sum, cell) => sum + cell.population, 0);
    for (const cell of cells) {
      const population = ridderLike.find((c) => c.ageBand === cell.ageBand && c.sex === cell.sex)!.population;
      expect(cell.share).toBeCloseTo(population / total, 10);
      expect(Math.abs(cell.target - 30 * cell.share)).toBeLessThan(1);
    }
    expect(cells.reduce((sum, cell) => sum + cell.share, 0)).toBeCloseTo(1, 10);
  });

  it("hands the interviews left after rounding down to the largest remainders", () => {
    // 10 over three equal-ish cells: exact 3.33, 3.33, 3.33 → one cell gets the extra one, the largest.
    const cells = drawQuotas(10, [
      { ageBand: 1, sex: 1, population: 100 },
      { ageBand: 1, sex: 2, population: 101 },
      { ageBand: 2, sex: 1, population: 99 },
    ]);
    expect(cells.map((cell) => cell.target)).toEqual([3, 4, 3]);
    // exact 1.5 and 0.5 (shares 3/4 and 1/4 of 2): 2 and 0 would ignore the small cell's claim; the remainders tie, the larger cell wins.
    expect(drawQuotas(2, [{ ageBand: 1, sex: 1, population: 300 }, { ageBand: 1, sex: 2, population: 100 }]).map((c) => c.target)).toEqual([2, 0]);
  });

  it("is the same whatever order the cells come in", () => {
    expect(drawQuotas(31, [...ridderLike].reverse())).toEqual(drawQuotas(31, ridderLike));
  });

  it("draws no cells for a town with no population structure, and leaves out empty cells", () => {
    expect(drawQuotas(30, [])).toEqual([]);
    expect(drawQuotas(30, [{ ageBand: 1, sex: 1, population: 0 }])).toEqual([]);
    expect(drawQuotas(5, [{ ageBand: 1, sex: 1, population: 0 }, { ageBand: 2, sex: 2, population: 10 }])).toEqual([{ ageBand: 2, sex: 2, target: 5, share: 1 }]);
  });

  it("refuses a target that is not a whole number of interviews", () => {
    expect(() => drawQuotas(2.5, ridderLike)).toThrow(RangeError);
    expect(() => drawQuotas(-1, ridderLike)).toThrow(RangeError);
  });

  it("calls a cell full once its completes reach the target", () => {
    expect(cellFull({ target: 3, completes: 2 })).toBe(false);
    expect(cellFull({ target: 3, completes: 3 })).toBe(true);
    expect(cellFull({ target: 0, completes: 0 })).toBe(true);
  });
});
