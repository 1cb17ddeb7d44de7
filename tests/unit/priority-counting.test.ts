import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ballotOf, validateBallot } from "@/lib/participation/ballot";
import { equalSharesSelection, equalSharesWithoutCompletion } from "@/lib/participation/equal-shares";
import { greedySelection } from "@/lib/participation/greedy";
import { Rational } from "@/lib/participation/rational";
import { priorityShares } from "@/lib/participation/shares";
import type { Ballot, Election } from "@/lib/participation/types";

const ballots = (...lists: string[][]): Ballot[] => lists.map((ids) => ballotOf(ids));
const repeat = (times: number, ids: string[]) => Array.from({ length: times }, () => ids);
const budgetElection = (budget: number, costs: Record<string, number>): Election => ({
  priorities: Object.entries(costs).map(([id, cost]) => ({ id, cost })),
  budget,
  rule: { kind: "budget" },
});

describe("validateBallot", () => {
  const approval: Election = {
    priorities: [
      { id: "a", cost: null },
      { id: "b", cost: null },
      { id: "c", cost: null },
      { id: "d", cost: null },
    ],
    budget: null,
    rule: { kind: "approval", maxChoices: 3 },
  };

  it("accepts up to maxChoices known priorities, and the empty ballot", () => {
    expect(validateBallot(approval, ballotOf(["a", "b", "c"]))).toEqual([]);
    expect(validateBallot(approval, ballotOf([]))).toEqual([]);
    // a set: a repeated id counts once
    expect(validateBallot(approval, ballotOf(["a", "a", "b", "c"]))).toEqual([]);
  });

  it("refuses more choices than allowed", () => {
    expect(validateBallot(approval, ballotOf(["a", "b", "c", "d"]))).toEqual([
      { key: "priorities.errors.tooMany", chosen: 4, maxChoices: 3 },
    ]);
  });

  it("refuses a priority of another town or wave as unknown, each by id", () => {
    expect(validateBallot(approval, ballotOf(["a", "x", "y"]))).toEqual([
      { key: "priorities.errors.unknown", priorityId: "x" },
      { key: "priorities.errors.unknown", priorityId: "y" },
    ]);
  });

  const budget = budgetElection(1000, { a: 600, b: 400, c: 1 });

  it("accepts a budget ballot exactly at the budget and refuses one over it", () => {
    expect(validateBallot(budget, ballotOf(["a", "b"]))).toEqual([]);
    expect(validateBallot(budget, ballotOf(["a", "b", "c"]))).toEqual([
      { key: "priorities.errors.overBudget", total: 1001, budget: 1000 },
    ]);
  });

  it("reports unknown ids and over budget together (unknown ids cost nothing)", () => {
    expect(validateBallot(budget, ballotOf(["a", "b", "c", "zz"]))).toEqual([
      { key: "priorities.errors.unknown", priorityId: "zz" },
      { key: "priorities.errors.overBudget", total: 1001, budget: 1000 },
    ]);
  });

  it("throws on a budget election without a budget or a cost (a configuration error, not a 422)", () => {
    expect(() => validateBallot({ ...budget, budget: null }, ballotOf(["a"]))).toThrow(RangeError);
    const uncosted: Election = { ...budget, priorities: [{ id: "a", cost: null }] };
    expect(() => validateBallot(uncosted, ballotOf(["a"]))).toThrow(RangeError);
  });
});

describe("priorityShares", () => {
  it("counts each priority's ballots over all ballots of the step, empty ones included", () => {
    const election = budgetElection(10, { a: 1, b: 1, c: 1 });
    expect(priorityShares(election, ballots(["a", "b"], ["a"], [], ["a", "zz"]))).toEqual([
      { id: "a", count: 3, n: 4, share: 0.75 },
      { id: "b", count: 1, n: 4, share: 0.25 },
      { id: "c", count: 0, n: 4, share: 0 },
    ]);
    expect(priorityShares(election, [])[0]).toEqual({ id: "a", count: 0, n: 0, share: null });
  });
});

/*
 * Majority and minority (the standard example of why equal shares is proportional, in the
 * spirit of equalshares.net's introduction; numbers hand-computed here).
 * 6 voters, budget 600, so 100 each. A1, A2, A3 cost 200 each, approved by voters 1–4;
 * B1 costs 200, approved by voters 5–6.
 * Greedy: A1, A2, A3 have 4 votes each, B1 2: A1, A2, A3 spend 600 and B1 no longer fits.
 * Equal shares: A's ρ = 200 / 4 = 50, B1's ρ = 200 / 2 = 100. Round 1: A1 (ρ 50, tie with
 * A2, A3 broken by id), voters 1–4 keep 50. Round 2: A2 (ρ 50), voters 1–4 keep 0. Round 3:
 * A3's supporters have 0 < 200, unaffordable; B1, ρ 100 = voters 5–6's budgets. Spent 600:
 * exhaustive, no Add1 step. Four voters of six get two thirds of the money, two get one third.
 */
const majorityMinority = {
  election: budgetElection(600, { A1: 200, A2: 200, A3: 200, B1: 200 }),
  ballots: ballots(...repeat(4, ["A1", "A2", "A3"]), ...repeat(2, ["B1"])),
};

describe("greedySelection (Consul's rule)", () => {
  it("funds by votes while the project still fits", () => {
    const { election, ballots: profile } = majorityMinority;
    expect(greedySelection(election, profile)).toEqual({ selected: ["A1", "A2", "A3"], cost: 600n });
  });

  it("skips a project that no longer fits and funds a later one that does", () => {
    // votes: a 3, b 2, c 1; a 700 fits, b 400 does not (1100 > 1000), c 300 does (1000).
    const election = budgetElection(1000, { a: 700, b: 400, c: 300 });
    const profile = ballots(["a", "b", "c"], ["a", "b"], ["a"]);
    expect(greedySelection(election, profile).selected).toEqual(["a", "c"]);
  });

  it("breaks ties by lower cost, then id, and never funds a project without votes", () => {
    // b and a tie on 2 votes: a is cheaper; c and d tie on 1 vote and cost: c by id; z has none.
    const election = budgetElection(100, { b: 30, a: 20, d: 10, c: 10, z: 0 });
    const profile = ballots(["a", "b", "c"], ["a", "b", "d"]);
    expect(greedySelection(election, profile)).toEqual({ selected: ["a", "b", "c", "d"], cost: 70n });
  });

  it("needs a budget and every cost", () => {
    expect(() => greedySelection({ ...majorityMinority.election, budget: null }, [])).toThrow(RangeError);
    const uncosted: Election = { ...majorityMinority.election, priorities: [{ id: "a", cost: null }] };
    expect(() => greedySelection(uncosted, [])).toThrow(RangeError);
  });
});

describe("equalSharesSelection (approval utilities, Add1 then greedy completion)", () => {
  it("gives the minority its share where greedy does not", () => {
    const { election, ballots: profile } = majorityMinority;
    const result = equalSharesSelection(election, profile);
    expect(result.selected).toEqual(["A1", "A2", "B1"]);
    expect(result.cost).toBe(600n);
    expect(result.add1Steps).toBe(0);
    expect(result.completion).toEqual([]);
    expect(result.perVoterBudget.toString()).toBe("100");
    expect(greedySelection(election, profile).selected).not.toEqual(result.selected);
  });

  it("51 % and 49 %: five red and five blue, where greedy takes ten red (the published motivating example)", () => {
    /*
     * The Method of Equal Shares' motivating example (Wikipedia and electowiki, "Method of
     * Equal Shares", Motivation): 51 % support 10 red projects, 49 % 10 blue ones, money
     * for 10; knapsack/greedy funds the 10 red, equal shares 5 red and 5 blue.
     * Here: 100 voters, 20 projects of 100 tenge, budget 1000, so 10 each.
     * Budget 10 each: red ρ = 100/51 < blue ρ = 100/49, so red first; 5 red cost each red
     * voter 500/51 ≈ 9.80 and a sixth would need 100 of the 51 × 10/51 left; 4 blue cost
     * each blue voter 400/49 ≈ 8.16 and a fifth would need 100 of the 49 × 90/49 = 90 left.
     * Spent 900; 100 left and a project fits: Add1. At 11 each: red 561 pays for 5 (not 6),
     * blue 539 for 5; spent 1000 ≤ 1000, exhaustive. One step, 11 each.
     */
    const red = Array.from({ length: 10 }, (_, i) => `r${String(i + 1).padStart(2, "0")}`);
    const blue = red.map((id) => id.replace("r", "b"));
    const election = budgetElection(1000, Object.fromEntries([...red, ...blue].map((id) => [id, 100])));
    const profile = ballots(...repeat(51, red), ...repeat(49, blue));
    const result = equalSharesSelection(election, profile);
    expect(result.selected).toEqual([...red.slice(0, 5), ...blue.slice(0, 5)]);
    expect(result).toMatchObject({ cost: 1000n, add1Steps: 1, completion: [] });
    expect(result.perVoterBudget.toString()).toBe("11");
    expect(greedySelection(election, profile).selected).toEqual(red);
  });

  it("pays in exact fractions: three voters share 10 as 10/3 each", () => {
    const result = equalSharesWithoutCompletion(budgetElection(10, { p: 10 }), ballots(["p"], ["p"], ["p"]));
    expect(result.rounds.map((r) => [r.id, r.rho.toString()])).toEqual([["p", "10/3"]]);
  });

  it("lets poorer supporters pay all they have and richer ones the rest", () => {
    /*
     * 3 voters, budget 12: 4 each. P1 costs 4, approved by 1–2: ρ 2. P2 costs 7, approved
     * by all: ρ 7/3 > 2, so P1 first; voters keep 2, 2, 4. P2 then: equal thirds 7/3 > 2,
     * so voters 1–2 pay their 2 each and voter 3 pays the remaining 3: ρ = 3.
     */
    const result = equalSharesWithoutCompletion(
      budgetElection(12, { P1: 4, P2: 7 }),
      ballots(["P1", "P2"], ["P1", "P2"], ["P2"]),
    );
    expect(result.rounds.map((r) => [r.id, r.rho.toString()])).toEqual([
      ["P1", "2"],
      ["P2", "3"],
    ]);
  });

  it("Add1 raises each voter's budget until a project becomes affordable", () => {
    /*
     * 2 voters, budget 10: 5 each. A costs 9 (voter 1), B costs 1 (voter 2).
     * Budget 5 each: B (ρ 1); A needs 9 > 5. Spent 1, A still fits 10: not exhaustive.
     * Add1 at 6, 7, 8 each: the same {B}. At 9 each: B, then A (ρ 9); spent 10 ≤ 10 and
     * exhaustive. Four steps, 9 each.
     */
    const result = equalSharesSelection(budgetElection(10, { A: 9, B: 1 }), ballots(["A"], ["B"]));
    expect(result).toMatchObject({ selected: ["B", "A"], cost: 10n, add1Steps: 4, completion: [] });
    expect(result.perVoterBudget.toString()).toBe("9");
  });

  it("Add1 stops before the budget is exceeded and greedy completes", () => {
    /*
     * 2 voters, budget 10: 5 each. C costs 2 (both), A and B cost 6 (voter 1, voter 2).
     * At 5 each: C (ρ 1), both keep 4 < 6: {C}, spent 2, A fits: not exhaustive.
     * At 6 each: C, both keep 5 < 6: {C}, within budget, accepted; still not exhaustive.
     * At 7 each: C, both keep 6: A (ρ 6, tie with B by id) and B: spent 14 > 10, refused.
     * Greedy completion of the 8 left: A and B have 1 vote and cost 6 each, A by id fits;
     * B then does not.
     */
    const result = equalSharesSelection(budgetElection(10, { A: 6, B: 6, C: 2 }), ballots(["A", "C"], ["B", "C"]));
    expect(result).toMatchObject({
      selected: ["C", "A"],
      equalShares: ["C"],
      completion: ["A"],
      cost: 8n,
      add1Steps: 1,
    });
    expect(result.perVoterBudget.toString()).toBe("6");
  });

  it("a larger increment takes fewer, coarser steps", () => {
    const result = equalSharesSelection(budgetElection(10, { A: 9, B: 1 }), ballots(["A"], ["B"]), {
      voterBudgetIncrement: 4,
    });
    expect(result).toMatchObject({ selected: ["B", "A"], add1Steps: 1 });
    expect(() =>
      equalSharesSelection(budgetElection(10, { A: 9 }), [], { voterBudgetIncrement: 0 }),
    ).toThrow(RangeError);
  });

  it("selects nothing without ballots", () => {
    expect(equalSharesSelection(budgetElection(10, { A: 1 }), []).selected).toEqual([]);
  });
});

/* Property tests: random elections of up to 6 priorities and 12 ballots. */
const ids = ["a", "b", "c", "d", "e", "f"];
const instance = fc
  .record({
    costs: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: ids.length }),
    budget: fc.integer({ min: 0, max: 150 }),
    rawBallots: fc.array(fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }), {
      maxLength: 12,
    }),
    keys: fc.array(fc.double({ noNaN: true }), { minLength: 12, maxLength: 12 }),
  })
  .map(({ costs, budget, rawBallots, keys }) => {
    const election = budgetElection(budget, Object.fromEntries(costs.map((cost, i) => [ids[i]!, cost])));
    const profile = rawBallots.map((flags) => ballotOf(ids.slice(0, costs.length).filter((_, i) => flags[i])));
    // the same ballots in another order, by sorting on random keys
    const shuffled = profile
      .map((ballot, i) => ({ ballot, key: keys[i]! }))
      .sort((x, y) => x.key - y.key)
      .map(({ ballot }) => ballot);
    return { election, profile, shuffled };
  });

const costOf = (election: Election, selected: string[]) =>
  selected.reduce((sum, id) => sum + BigInt(election.priorities.find((p) => p.id === id)!.cost!), 0n);
const approved = (profile: Ballot[]) => new Set(profile.flatMap((b) => [...b]));
const unselectedThatFit = (election: Election, profile: Ballot[], selected: string[]) => {
  const spent = costOf(election, selected);
  return election.priorities.filter(
    (p) => approved(profile).has(p.id) && !selected.includes(p.id) && spent + BigInt(p.cost!) <= BigInt(election.budget!),
  );
};

const rules = {
  greedy: (e: Election, b: Ballot[]) => greedySelection(e, b),
  "equal shares": (e: Election, b: Ballot[]) => equalSharesSelection(e, b),
};

describe.each(Object.entries(rules))("%s: properties", (_name, count) => {
  it("never exceeds the budget, and reports its cost", () => {
    fc.assert(
      fc.property(instance, ({ election, profile }) => {
        const result = count(election, profile);
        expect(result.cost).toBe(costOf(election, result.selected));
        expect(result.cost <= BigInt(election.budget!)).toBe(true);
        expect(new Set(result.selected).size).toBe(result.selected.length);
      }),
    );
  });

  it("gives the same outcome for the same profile, in any order of ballots", () => {
    fc.assert(
      fc.property(instance, ({ election, profile, shuffled }) => {
        const first = count(election, profile);
        expect(count(election, profile.map((b) => new Set(b)))).toEqual(first);
        expect(count(election, shuffled)).toEqual(first);
      }),
    );
  });

  it("selects only projects someone approved", () => {
    fc.assert(
      fc.property(instance, ({ election, profile }) => {
        const someone = approved(profile);
        for (const id of count(election, profile).selected) expect(someone.has(id)).toBe(true);
      }),
    );
  });

  it("is exhaustive: no approved, unselected project still fits", () => {
    fc.assert(
      fc.property(instance, ({ election, profile }) => {
        expect(unselectedThatFit(election, profile, count(election, profile).selected)).toEqual([]);
      }),
    );
  });
});

describe("equal shares: properties of the equal-shares part", () => {
  it("the accepted run spends no more than the voters were given (n × per-voter budget)", () => {
    fc.assert(
      fc.property(instance, ({ election, profile }) => {
        const result = equalSharesSelection(election, profile);
        const given = result.perVoterBudget.mul(Rational.of(profile.length));
        expect(given.ge(Rational.of(costOf(election, result.equalShares)))).toBe(true);
      }),
    );
  });
});

describe("equal shares: each round checked independently of how ρ was found", () => {
  /*
   * Replays a run's rounds with budgets budget / n each. For the chosen priority, its
   * supporters pay exactly its cost, Σ min(b_i, ρ) = cost. No other priority could have been
   * paid for at a lower ρ: f_q(x) = Σ_{i supports q} min(b_i, x) is non-decreasing, so q's
   * own ρ is below ρ exactly when f_q(ρ) > cost(q). At the end, nothing is affordable.
   */
  it("pays exactly, picks the smallest ρ, and stops when nothing is affordable", () => {
    fc.assert(
      fc.property(instance, ({ election, profile }) => {
        const run = equalSharesWithoutCompletion(election, profile);
        if (profile.length === 0) return;
        const budgets = profile.map(() => Rational.of(election.budget!, profile.length));
        const supporters = (id: string) => profile.flatMap((b, i) => (b.has(id) ? [i] : []));
        const pay = (id: string, x: Rational) => Rational.sum(supporters(id).map((i) => Rational.min(budgets[i]!, x)));
        const cost = (id: string) => Rational.of(election.priorities.find((p) => p.id === id)!.cost!);
        const affordable = (id: string) =>
          supporters(id).length > 0 && Rational.sum(supporters(id).map((i) => budgets[i]!)).ge(cost(id));
        const chosen = new Set<string>();
        for (const { id, rho } of run.rounds) {
          expect(affordable(id)).toBe(true);
          expect(pay(id, rho).equals(cost(id))).toBe(true);
          for (const q of election.priorities) {
            if (q.id === id || chosen.has(q.id) || !affordable(q.id)) continue;
            expect(pay(q.id, rho).le(cost(q.id))).toBe(true);
          }
          for (const i of supporters(id)) budgets[i] = budgets[i]!.sub(Rational.min(budgets[i]!, rho));
          chosen.add(id);
        }
        for (const q of election.priorities) {
          if (!chosen.has(q.id)) expect(affordable(q.id)).toBe(false);
        }
        expect(run.selected).toEqual([...chosen]);
      }),
      { numRuns: 200 },
    );
  });
});

describe("equal shares: Add1 skipping steps whose outcome cannot change", () => {
  it("gives exactly the outcome, per-voter budget and step count of running every step", () => {
    const wide = fc
      .record({
        costs: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: ids.length }),
        budget: fc.integer({ min: 0, max: 900 }),
        rawBallots: fc.array(fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }), {
          maxLength: 9,
        }),
        increment: fc.integer({ min: 1, max: 7 }),
      })
      .map(({ costs, budget, rawBallots, increment }) => ({
        election: budgetElection(budget, Object.fromEntries(costs.map((cost, i) => [ids[i]!, cost]))),
        profile: rawBallots.map((flags) => ballotOf(ids.slice(0, costs.length).filter((_, i) => flags[i]))),
        increment,
      }));
    fc.assert(
      fc.property(wide, ({ election, profile, increment }) => {
        const fast = equalSharesSelection(election, profile, { voterBudgetIncrement: increment });
        const slow = equalSharesSelection(election, profile, {
          voterBudgetIncrement: increment,
          skipUnchangedSteps: false,
        });
        expect(fast).toEqual(slow);
      }),
      { numRuns: 500 },
    );
  });

  it("skips on the published examples too", () => {
    const election = budgetElection(10, { A: 9, B: 1 });
    const profile = ballots(["A"], ["B"]);
    expect(equalSharesSelection(election, profile)).toEqual(
      equalSharesSelection(election, profile, { skipUnchangedSteps: false }),
    );
  });
});
