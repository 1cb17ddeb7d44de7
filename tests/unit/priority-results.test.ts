import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ballotsOf, countPriorities, electionOf } from "@/server/results/priorities";

/** The pure part of the priority results loader: the stored election as lib/participation counts it, and the counting's outcome. */

const stored = (budget: number | null, costs: Array<number | null>, rule: "approval" | "budget" = "approval", maxChoices: number | null = 3) => ({
  rule,
  maxChoices,
  budget,
  priorities: costs.map((cost, index) => ({ id: 101 + index, cost })),
});

describe("electionOf and ballotsOf", () => {
  it("keeps the rule, the budget and each priority's cost, with ids as text", () => {
    expect(electionOf(stored(500, [100, null]))).toEqual({ priorities: [{ id: "101", cost: 100 }, { id: "102", cost: null }], budget: 500, rule: { kind: "approval", maxChoices: 3 } });
    expect(electionOf(stored(500, [100], "budget", null)).rule).toEqual({ kind: "budget" });
    // An approval election without a limit lets a resident choose every priority.
    expect(electionOf(stored(500, [100, 200], "approval", null)).rule).toEqual({ kind: "approval", maxChoices: 2 });
  });

  it("turns each ballot's chosen ids into a set, an empty ballot into an empty set", () => {
    expect(ballotsOf([{ choices: [101, 103] }, { choices: [] }]).map((ballot) => [...ballot])).toEqual([["101", "103"], []]);
  });
});

describe("countPriorities", () => {
  it("counts nothing without a budget or with a priority left uncosted, and says which", () => {
    const ballots = ballotsOf([{ choices: [101] }]);
    expect(countPriorities(electionOf(stored(null, [100])), ballots)).toEqual({ status: "no-budget" });
    expect(countPriorities(electionOf(stored(500, [100, null])), ballots)).toEqual({ status: "missing-cost" });
  });

  it("gives the selections as the stored priority ids, with their costs", () => {
    // Three residents choose 101, one 102; budget 300, costs 200 and 100: both rules fund both.
    const counting = countPriorities(electionOf(stored(300, [200, 100])), ballotsOf([{ choices: [101] }, { choices: [101] }, { choices: [101] }, { choices: [102] }]));
    expect(counting).toMatchObject({ status: "counted", budget: 300, greedy: { selected: [101, 102], cost: 300 }, equalShares: { cost: 300 } });
    expect(counting.status === "counted" && [...counting.equalShares.selected].sort()).toEqual([101, 102]);
  });

  const instance = fc.record({
    costs: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 6 }),
    budget: fc.integer({ min: 0, max: 1_000 }),
    choices: fc.array(fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), { maxLength: 30 }),
    order: fc.array(fc.double({ noNaN: true }), { minLength: 30, maxLength: 30 }),
  });
  const build = ({ costs, budget, choices }: { costs: number[]; budget: number; choices: boolean[][] }) => ({
    election: electionOf(stored(budget, costs)),
    rows: choices.map((row) => ({ choices: costs.flatMap((_, index) => (row[index] ? [101 + index] : [])) })),
  });

  it("never spends more than the budget, and funds only priorities someone chose (property)", () => {
    fc.assert(
      fc.property(instance, (input) => {
        const { election, rows } = build(input);
        const counting = countPriorities(election, ballotsOf(rows));
        if (counting.status !== "counted") return false;
        const chosen = new Set(rows.flatMap((row) => row.choices));
        const cost = (ids: number[]) => ids.reduce((sum, id) => sum + input.costs[id - 101]!, 0);
        for (const selection of [counting.greedy, counting.equalShares]) {
          expect(selection.cost).toBeLessThanOrEqual(input.budget);
          expect(cost(selection.selected)).toBe(selection.cost);
          expect(selection.selected.every((id) => chosen.has(id))).toBe(true);
        }
        return true;
      }),
    );
  });

  it("gives the same outcome for the same ballots in any order (property)", () => {
    fc.assert(
      fc.property(instance, (input) => {
        const { election, rows } = build(input);
        const shuffled = rows.map((row, index) => ({ row, key: input.order[index]! })).sort((a, b) => a.key - b.key).map(({ row }) => row);
        const a = countPriorities(election, ballotsOf(rows));
        const b = countPriorities(election, ballotsOf(shuffled));
        if (a.status !== "counted" || b.status !== "counted") return false;
        expect(b.greedy).toEqual(a.greedy);
        expect([...b.equalShares.selected].sort()).toEqual([...a.equalShares.selected].sort());
        expect(b.equalShares.cost).toBe(a.equalShares.cost);
        return true;
      }),
    );
  });
});
