import { greedyOrder } from "./greedy";
import { Rational } from "./rational";
import type { CostedProject, PriorityId } from "./types";

/**
 * One fixed-budget equal-shares run at per-voter budget `w`, the same choices as
 * `equalSharesFixedBudget`, that also says how far `w` can grow before any choice could
 * change: `stableBelow`. Add1 uses it to skip, exactly, the per-voter budgets at which the
 * outcome is necessarily the same (docs/decisions/0014-priority-counting.md).
 *
 * With the run's choices fixed, every budget, ρ and payment is a linear function a + b·x of
 * the per-voter budget x (a voter pays either all they have or ρ, and ρ is the cost left by
 * those paying all, split among the others). The run's choices are the signs of differences
 * of such functions: affordability (Σ budgets − cost), whether a supporter pays all
 * (budget − ρ) and which ρ is smallest (ρ_q − ρ_best). Each keeps its sign until its root;
 * `stableBelow` is the smallest root at or above w (null when none), so on [w, stableBelow)
 * the run makes the same choices. A root exactly at w (a tie whose sides diverge) gives
 * stableBelow = w: nothing is skipped.
 */
class Linear {
  constructor(
    readonly a: Rational,
    readonly b: Rational,
  ) {}
  static constant(a: Rational) {
    return new Linear(a, Rational.ZERO);
  }
  add(o: Linear) {
    return new Linear(this.a.add(o.a), this.b.add(o.b));
  }
  sub(o: Linear) {
    return new Linear(this.a.sub(o.a), this.b.sub(o.b));
  }
  div(k: Rational) {
    return new Linear(this.a.div(k), this.b.div(k));
  }
}

export interface ParametricCandidate extends CostedProject {
  approvals: number;
  supporters: number[];
}

export function equalSharesParametric(
  candidates: readonly ParametricCandidate[],
  n: number,
  w: Rational,
): { selected: PriorityId[]; cost: bigint; stableBelow: Rational | null } {
  const at = (f: Linear) => f.a.add(f.b.mul(w));
  let stableBelow: Rational | null = null;
  const watch = (difference: Linear) => {
    if (difference.b.isZero()) return; // constant: never changes sign
    const root = difference.a.neg().div(difference.b);
    if (root.lt(w)) return;
    if (stableBelow === null || root.lt(stableBelow)) stableBelow = root;
  };
  const budgets: Linear[] = Array.from({ length: n }, () => new Linear(Rational.ZERO, Rational.ONE));
  let open = [...candidates];
  const selected: PriorityId[] = [];
  let cost = 0n;
  for (;;) {
    let best: { candidate: ParametricCandidate; rho: Rational; rhoLinear: Linear } | null = null;
    const priced: { candidate: ParametricCandidate; rho: Rational; rhoLinear: Linear }[] = [];
    const stillOpen: ParametricCandidate[] = [];
    for (const candidate of open) {
      const c = Rational.of(candidate.cost);
      const own = candidate.supporters.map((v) => budgets[v]!);
      const total = own.reduce((s, f) => s.add(f), Linear.constant(Rational.ZERO));
      const slack = total.sub(Linear.constant(c));
      watch(slack);
      if (at(slack).lt(Rational.ZERO)) continue;
      stillOpen.push(candidate);
      // ρ at w as in paymentPerSupporter, then its linear form from who pays all.
      const values = own.map((f) => at(f)).sort((x, y) => x.compare(y));
      let paid = Rational.ZERO;
      let payers = values.length;
      let rho = Rational.ZERO;
      for (const value of values) {
        const even = c.sub(paid).div(Rational.of(payers));
        if (even.le(value)) {
          rho = even;
          break;
        }
        paid = paid.add(value);
        payers -= 1;
      }
      let left = Linear.constant(c);
      let others = 0;
      for (const f of own) {
        if (at(f).lt(rho)) left = left.sub(f);
        else others += 1;
      }
      const rhoLinear = others === 0 ? Linear.constant(Rational.ZERO) : left.div(Rational.of(others));
      for (const f of own) watch(f.sub(rhoLinear));
      const entry = { candidate, rho, rhoLinear };
      priced.push(entry);
      if (
        best === null ||
        rho.lt(best.rho) ||
        (rho.equals(best.rho) && greedyOrder(candidate, best.candidate) < 0)
      ) {
        best = entry;
      }
    }
    if (best === null) break;
    for (const other of priced) if (other !== best) watch(other.rhoLinear.sub(best.rhoLinear));
    for (const v of best.candidate.supporters) {
      const f = budgets[v]!;
      budgets[v] = at(f).lt(best.rho) ? Linear.constant(Rational.ZERO) : f.sub(best.rhoLinear);
    }
    selected.push(best.candidate.id);
    cost += best.candidate.cost;
    const chosen = best.candidate;
    open = stillOpen.filter((c) => c !== chosen);
  }
  return { selected, cost, stableBelow };
}
