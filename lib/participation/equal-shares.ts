import { equalSharesParametric } from "./equal-shares-parametric";
import { greedyFill, greedyOrder, type Selection } from "./greedy";
import { Rational } from "./rational";
import {
  type Ballot,
  type CostedProject,
  type Election,
  type PriorityId,
  approvalCounts,
  costedElection,
} from "./types";

/**
 * The Method of Equal Shares for approval ballots with costs (Peters & Skowron), with
 * approval ("cardinality") utilities and the Add1 completion followed by greedy
 * completion ("Add1U" on equalshares.net), in exact rational arithmetic. The variant, its
 * completion and tie-breaks are stated in docs/decisions/0014-priority-counting.md.
 */
export interface EqualSharesOptions {
  /**
   * Whole tenge added to each voter's budget per Add1 step (pabutools'
   * `voter_budget_increment`). Default 1, as equalshares.net's Add1.
   */
  voterBudgetIncrement?: number;
  /**
   * Skip, exactly, the Add1 steps at which the outcome cannot change
   * (`equalSharesParametric`). Default true; false runs every step, for tests.
   */
  skipUnchangedSteps?: boolean;
}

export interface EqualSharesResult extends Selection {
  /** Selected by the accepted equal-shares run, in order of selection. */
  equalShares: PriorityId[];
  /** Added afterwards by greedy completion, in order of selection. */
  completion: PriorityId[];
  /** Each voter's starting budget in the accepted run (budget / n for the first run). */
  perVoterBudget: Rational;
  /** Add1 steps taken (0 when the first run was exhaustive or no step stayed in budget). */
  add1Steps: number;
}

interface Round {
  id: PriorityId;
  /** ρ: what each supporter pays, or their whole remaining budget if less. */
  rho: Rational;
}

interface Candidate extends CostedProject {
  approvals: number;
  supporters: number[];
}

/**
 * One run of equal shares with a fixed total budget `total` split equally among `n`
 * voters. Repeatedly: among projects whose supporters together can still pay the cost,
 * choose the one with the smallest ρ such that Σ min(b_i, ρ) over its supporters equals
 * its cost (ties: more approvals, lower cost, id); each supporter pays min(b_i, ρ).
 */
export function equalSharesFixedBudget(
  candidates: readonly Candidate[],
  n: number,
  total: Rational,
): { selected: PriorityId[]; rounds: Round[]; cost: bigint } {
  const budgets: Rational[] = Array.from({ length: n }, () => total.div(Rational.of(n)));
  let open = [...candidates];
  const selected: PriorityId[] = [];
  const rounds: Round[] = [];
  let cost = 0n;
  for (;;) {
    let best: { candidate: Candidate; rho: Rational } | null = null;
    const stillOpen: Candidate[] = [];
    for (const candidate of open) {
      const rho = paymentPerSupporter(candidate, budgets);
      if (rho === null) continue; // budgets only shrink: never affordable again
      stillOpen.push(candidate);
      if (
        best === null ||
        rho.lt(best.rho) ||
        (rho.equals(best.rho) && greedyOrder(candidate, best.candidate) < 0)
      ) {
        best = { candidate, rho };
      }
    }
    if (best === null) break;
    for (const voter of best.candidate.supporters) {
      budgets[voter] = budgets[voter]!.sub(Rational.min(budgets[voter]!, best.rho));
    }
    selected.push(best.candidate.id);
    rounds.push({ id: best.candidate.id, rho: best.rho });
    cost += best.candidate.cost;
    open = stillOpen.filter((c) => c !== best.candidate);
  }
  return { selected, rounds, cost };
}

/**
 * The smallest ρ with Σ_{i ∈ supporters} min(b_i, ρ) = cost, or null when the supporters'
 * budgets together fall short of the cost.
 */
function paymentPerSupporter(candidate: Candidate, budgets: readonly Rational[]): Rational | null {
  const cost = Rational.of(candidate.cost);
  const own = candidate.supporters.map((voter) => budgets[voter]!);
  if (Rational.sum(own).lt(cost)) return null;
  own.sort((a, b) => a.compare(b));
  let paid = Rational.ZERO;
  let payers = own.length;
  for (const budget of own) {
    const even = cost.sub(paid).div(Rational.of(payers));
    if (even.le(budget)) return even;
    paid = paid.add(budget);
    payers -= 1;
  }
  // Only reached when the cost is zero and nobody supports it; supporters are never empty.
  return Rational.ZERO;
}

/** Method of Equal Shares with Add1 then greedy completion (see the module comment). */
export function equalSharesSelection(
  election: Election,
  ballots: readonly Ballot[],
  options: EqualSharesOptions = {},
): EqualSharesResult {
  const increment = options.voterBudgetIncrement ?? 1;
  if (!Number.isSafeInteger(increment) || increment < 1) {
    throw new RangeError(`voterBudgetIncrement must be a positive whole number, not ${increment}`);
  }
  const { projects, budget } = costedElection(election);
  const approvals = approvalCounts(projects, ballots);
  const n = ballots.length;
  if (n === 0) {
    return { selected: [], cost: 0n, equalShares: [], completion: [], perVoterBudget: Rational.ZERO, add1Steps: 0 };
  }
  const supporters = new Map<PriorityId, number[]>(projects.map((p) => [p.id, []]));
  ballots.forEach((ballot, voter) => {
    for (const id of ballot) supporters.get(id)?.push(voter);
  });
  // Projects nobody approved cannot be paid for by anyone and are left out of the count.
  const candidates: Candidate[] = projects
    .map((p) => ({ ...p, approvals: approvals.get(p.id) ?? 0, supporters: supporters.get(p.id) ?? [] }))
    .filter((p) => p.approvals > 0);

  const isExhaustive = (chosen: readonly PriorityId[], spent: bigint) => {
    const taken = new Set(chosen);
    return !candidates.some((p) => !taken.has(p.id) && spent + p.cost <= budget);
  };

  const total = Rational.of(budget);
  let accepted: { selected: PriorityId[]; cost: bigint } = equalSharesFixedBudget(candidates, n, total);
  let perVoter = total.div(Rational.of(n));
  let steps = 0;
  // Add1: from the whole-tenge floor of budget / n, raise each voter's budget by the
  // increment and run again while the outcome is not exhaustive; keep a run only if its
  // cost stays within the real budget, and stop at the first that does not.
  let whole = budget / BigInt(n);
  const step = BigInt(increment);
  const skip = options.skipUnchangedSteps ?? true;
  while (!isExhaustive(accepted.selected, accepted.cost)) {
    whole += step;
    const next = skip
      ? equalSharesParametric(candidates, n, Rational.of(whole))
      : { ...equalSharesFixedBudget(candidates, n, Rational.of(whole * BigInt(n))), stableBelow: undefined };
    if (next.cost > budget) break;
    accepted = next;
    perVoter = Rational.of(whole);
    steps += 1;
    if (!skip || isExhaustive(next.selected, next.cost)) continue;
    // Every step strictly below stableBelow has this same outcome: within budget and not
    // exhaustive, so Add1 would accept it and go on. Jump to the last of them.
    if (next.stableBelow === null || next.stableBelow === undefined) {
      throw new Error("Add1 cannot end: the outcome never changes and is not exhaustive");
    }
    const ahead = next.stableBelow.sub(Rational.of(whole)).div(Rational.of(step));
    const ceil = -Rational.of(-ahead.num, ahead.den).floor();
    const same = ceil - 1n;
    if (same > 0n) {
      whole += same * step;
      perVoter = Rational.of(whole);
      steps += Number(same);
    }
  }
  const fill = greedyFill(projects, approvals, budget - accepted.cost, new Set(accepted.selected));
  return {
    selected: [...accepted.selected, ...fill.selected],
    cost: accepted.cost + fill.spent,
    equalShares: accepted.selected,
    completion: fill.selected,
    perVoterBudget: perVoter,
    add1Steps: steps,
  };
}

/** A single equal-shares run with the election's own budget, no completion (for tests and audits). */
export function equalSharesWithoutCompletion(election: Election, ballots: readonly Ballot[]) {
  const { projects, budget } = costedElection(election);
  const approvals = approvalCounts(projects, ballots);
  const candidates: Candidate[] = projects
    .map((p) => ({ ...p, approvals: approvals.get(p.id) ?? 0, supporters: [] as number[] }))
    .filter((p) => p.approvals > 0);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  ballots.forEach((ballot, voter) => {
    for (const id of ballot) byId.get(id)?.supporters.push(voter);
  });
  if (ballots.length === 0) return { selected: [] as PriorityId[], rounds: [] as Round[], cost: 0n };
  return equalSharesFixedBudget(candidates, ballots.length, Rational.of(budget));
}
