import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_OUTCOME, ownRisk, suppressCells, suppressLinked, type Cell, type Line, type Suppression } from "@/lib/stats/disclosure";

/**
 * Group disclosure (docs/decisions/0003-export-disclosure.md): the property tests hold the one
 * function every surface calls (suppressCells for the dashboard's breakdowns, suppressLinked
 * for the aggregate export) to two promises:
 *  - no published group reveals that all, none, or all but one of it answered favourably;
 *  - no hidden group can be worked out, nor shown to be unanimous, from the published
 *    groups and the total.
 */
const d = MIN_OUTCOME;
const publishable = (cell: Cell, k: number) => cell.n >= k && cell.favourable >= d && cell.n - cell.favourable >= d;

const cellArb = fc.integer({ min: 0, max: 40 }).chain((n) => fc.integer({ min: 0, max: n }).map((favourable) => ({ n, favourable })));
/** Groups skewed towards unanimity, as small groups of a town are. */
const skewedArb = fc.oneof(
  cellArb,
  fc.integer({ min: 0, max: 25 }).map((n) => ({ n, favourable: 0 })),
  fc.integer({ min: 0, max: 25 }).map((n) => ({ n, favourable: n })),
  fc.integer({ min: 1, max: 25 }).map((n) => ({ n, favourable: n - 1 })),
);
const lineArb = fc.array(skewedArb, { minLength: 1, maxLength: 7 });
const kArb = fc.integer({ min: 3, max: 15 });

/**
 * What a reader knows of the hidden cells of one line: the published cells and the total,
 * so the hidden cells' sums of favourable and unfavourable answers; and, as the dashboard
 * writes "< k" for a cell below k, that each primary cell holds 1..k−1 responses (the
 * others at least one). Can cell `c` take favourable = f and unfavourable = u?
 */
function feasible(hidden: ReadonlyArray<{ cell: Cell; status: Suppression }>, c: number, f: number, u: number, k: number) {
  const F = hidden.reduce((sum, h) => sum + h.cell.favourable, 0);
  const U = hidden.reduce((sum, h) => sum + h.cell.n - h.cell.favourable, 0);
  const range = (status: Suppression) => (status === "primary" ? [1, k - 1] : [status === "group" ? k : 1, Infinity]);
  const [lo, hi] = range(hidden[c]!.status);
  if (f + u < lo! || f + u > hi! || f > F || u > U) return false;
  const rest = hidden.filter((_, i) => i !== c);
  const left = F - f + U - u;
  // The other cells need only hold `left` responses between them, any mix of answers.
  const min = rest.reduce((sum, h) => sum + range(h.status)[0]!, 0);
  const max = rest.reduce((sum, h) => sum + range(h.status)[1]!, 0);
  return left >= min && left <= max;
}

function checkLine(cells: readonly Cell[], result: readonly Suppression[], k: number) {
  // Published groups: none reveals a (near-)unanimous or small group.
  cells.forEach((cell, i) => {
    if (result[i] === null && cell.n > 0) expect(publishable(cell, k), JSON.stringify({ cell, k })).toBe(true);
    const own = ownRisk(cell, k);
    if (own) expect(result[i]).not.toBeNull();
  });
  const total = cells.reduce((sum, cell) => ({ n: sum.n + cell.n, favourable: sum.favourable + cell.favourable }), { n: 0, favourable: 0 });
  const hidden = cells.flatMap((cell, i) => (result[i] ? [{ cell, status: result[i] }] : []));
  if (hidden.length === 0) return;
  if (!publishable(total, k)) {
    // A total that itself fails the rule (a town's unanimous figure) leaves every group hidden.
    cells.forEach((cell, i) => cell.n > 0 && expect(result[i]).not.toBeNull());
    return;
  }
  // The hidden groups, whose sum is known, are several, and their sum passes the rule itself.
  expect(hidden.length).toBeGreaterThan(1);
  expect(publishable({ n: hidden.reduce((s, h) => s + h.cell.n, 0), favourable: hidden.reduce((s, h) => s + h.cell.favourable, 0) }, k)).toBe(true);
  // And so no hidden group is pinned down, nor shown to be unanimous.
  hidden.forEach((h, c) => {
    const options: Array<[number, number]> = [];
    for (let f = 0; f <= 60; f++) for (let u = 0; u <= 60; u++) if (feasible(hidden, c, f, u, k)) options.push([f, u]);
    expect(options.length, "a hidden group's counts are determined").toBeGreaterThan(1);
    // Neither "none of them favourable" nor "all of them favourable" follows.
    expect(options.some(([f]) => f > 0), "a hidden group is shown to have no favourable answer").toBe(true);
    expect(options.some(([, u]) => u > 0), "a hidden group is shown to be all favourable").toBe(true);
  });
}

describe("group disclosure: suppressCells (the dashboard's breakdowns)", () => {
  it("hides a group of n ≥ k in which all, none or all but one answered favourably", () => {
    expect(suppressCells([{ n: 12, favourable: 0 }, { n: 30, favourable: 10 }, { n: 30, favourable: 12 }], 10)).toEqual(["group", "secondary", null]);
    expect(suppressCells([{ n: 12, favourable: 11 }, { n: 30, favourable: 10 }, { n: 30, favourable: 12 }], 10)).toEqual(["group", "secondary", null]);
    expect(suppressCells([{ n: 12, favourable: 2 }, { n: 30, favourable: 10 }], 10)).toEqual([null, null]);
  });

  it("hides a second group that brings what the hidden sum lacks, not merely the smallest", () => {
    // 0 of 12 and 0 of 11 hidden together still say "nobody"; the 20 with answers of both kinds is hidden with them.
    expect(suppressCells([{ n: 12, favourable: 0 }, { n: 11, favourable: 0 }, { n: 20, favourable: 8 }, { n: 40, favourable: 20 }], 10)).toEqual([
      "group",
      "group",
      "secondary",
      null,
    ]);
  });

  it("property: no published group reveals a unanimous small group; no hidden group can be derived from the rest and the total", () => {
    fc.assert(
      fc.property(lineArb, kArb, (cells, k) => checkLine(cells, suppressCells(cells, k), k)),
      { numRuns: 400 },
    );
  });
});

describe("group disclosure: suppressLinked (the aggregate export)", () => {
  const person = fc.record({
    town: fc.integer({ min: 0, max: 2 }),
    favourable: fc.oneof(fc.boolean(), fc.constant(false), fc.constant(true)),
    a: fc.integer({ min: 0, max: 3 }),
    b: fc.integer({ min: 0, max: 2 }),
  });

  it("property: every line (a town's groups of one breakdown) keeps both promises", () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 160 }), kArb, fc.boolean(), (people, k, skew) => {
        // Skewed: the first town all unfavourable among its a = 0 group.
        const crowd = skew ? people.map((p) => (p.town === 0 && p.a === 0 ? { ...p, favourable: false } : p)) : people;
        const cells: Cell[] = [];
        const lines: Line[] = [];
        const count = (filter: (p: (typeof crowd)[number]) => boolean) => {
          const members = crowd.filter(filter);
          cells.push({ n: members.length, favourable: members.filter((p) => p.favourable).length });
          return cells.length - 1;
        };
        for (let town = 0; town < 3; town++) {
          const total = count((p) => p.town === town);
          lines.push({ total, parts: [0, 1, 2, 3].map((a) => count((p) => p.town === town && p.a === a)) });
          lines.push({ total, parts: [0, 1, 2].map((b) => count((p) => p.town === town && p.b === b)) });
        }
        const result = suppressLinked(cells, lines, k);
        for (const line of lines) {
          if (result[line.total] === null) {
            checkLine(line.parts.map((i) => cells[i]!), line.parts.map((i) => result[i]!), k);
          } else {
            // A hidden total (a town below k): no line gives it away through its parts alone.
            const nonEmpty = line.parts.filter((i) => cells[i]!.n > 0);
            if (nonEmpty.length > 0) expect(nonEmpty.some((i) => result[i] !== null)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
