import {
  type Ballot,
  type CostedProject,
  type Election,
  type PriorityId,
  approvalCounts,
  compareIds,
  costedElection,
} from "./types";

export interface Selection {
  /** Selected priority ids, in the order the rule selected them. */
  selected: PriorityId[];
  /** Total cost of the selected priorities, whole tenge. */
  cost: bigint;
}

/**
 * Order of the greedy rule: more approvals first, then lower cost, then id in code-point
 * order. Total and deterministic (ids are unique).
 */
export function greedyOrder(
  a: { id: PriorityId; cost: bigint; approvals: number },
  b: { id: PriorityId; cost: bigint; approvals: number },
): number {
  if (a.approvals !== b.approvals) return b.approvals - a.approvals;
  if (a.cost !== b.cost) return a.cost < b.cost ? -1 : 1;
  return compareIds(a.id, b.id);
}

/**
 * Greedy fill of `remaining` budget from `projects` in greedyOrder, skipping projects nobody
 * approved and those in `already`: each project that still fits is funded.
 */
export function greedyFill(
  projects: readonly CostedProject[],
  approvals: ReadonlyMap<PriorityId, number>,
  remaining: bigint,
  already: ReadonlySet<PriorityId> = new Set(),
): { selected: PriorityId[]; spent: bigint } {
  const candidates = projects
    .map((p) => ({ ...p, approvals: approvals.get(p.id) ?? 0 }))
    .filter((p) => p.approvals > 0 && !already.has(p.id))
    .sort(greedyOrder);
  const selected: PriorityId[] = [];
  let spent = 0n;
  for (const project of candidates) {
    if (spent + project.cost <= remaining) {
      selected.push(project.id);
      spent += project.cost;
    }
  }
  return { selected, spent };
}

/**
 * Consul Democracy's rule: sort by approvals, descending, and fund each project that still
 * fits the remaining budget (ties: lower cost, then id). Projects no ballot approved are
 * never selected. Throws a RangeError when the budget or a cost is missing.
 */
export function greedySelection(election: Election, ballots: readonly Ballot[]): Selection {
  const { projects, budget } = costedElection(election);
  const { selected, spent } = greedyFill(projects, approvalCounts(projects, ballots), budget);
  return { selected, cost: spent };
}
