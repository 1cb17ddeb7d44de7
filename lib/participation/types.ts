/**
 * Residents' priorities for the town's money (issue 11, point 1): the pure counting core.
 * Rules and their tie-breaks are in docs/decisions/0014-priority-counting.md.
 */
export type PriorityId = string;

export interface Priority {
  id: PriorityId;
  /** Cost estimate in whole tenge (a non-negative integer), or null when not estimated. */
  cost: number | null;
}

export type BallotRule =
  /** Choose up to `maxChoices` priorities. */
  | { kind: "approval"; maxChoices: number }
  /** Choose any priorities whose costs add up to at most the election's budget. */
  | { kind: "budget" };

export interface Election {
  priorities: readonly Priority[];
  /** Whole tenge, or null when the wave has no budget (then nothing can be selected). */
  budget: number | null;
  rule: BallotRule;
}

/** One resident's choice: the set of priorities they approve. */
export type Ballot = ReadonlySet<PriorityId>;

/** Election whose every cost and budget is known, as greedy and equal shares need. */
export interface CostedProject {
  id: PriorityId;
  cost: bigint;
}

export function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/**
 * The projects and budget to count with, or a RangeError naming what is missing: a budget
 * and every cost must be whole, non-negative tenge.
 */
export function costedElection(election: Election): { projects: CostedProject[]; budget: bigint } {
  if (!isNonNegativeInteger(election.budget)) {
    throw new RangeError(`Counting needs a budget in whole tenge, not ${election.budget}`);
  }
  const seen = new Set<PriorityId>();
  const projects = election.priorities.map((priority) => {
    if (seen.has(priority.id)) throw new RangeError(`Duplicate priority id ${priority.id}`);
    seen.add(priority.id);
    if (!isNonNegativeInteger(priority.cost)) {
      throw new RangeError(`Counting needs a cost in whole tenge for priority ${priority.id}`);
    }
    return { id: priority.id, cost: BigInt(priority.cost) };
  });
  return { projects, budget: BigInt(election.budget) };
}

/** Code-point order of ids, the same in every locale and runtime (the last tie-break). */
export function compareIds(a: PriorityId, b: PriorityId): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Number of ballots approving each priority id (ids not in the election are ignored). */
export function approvalCounts(
  priorities: readonly { id: PriorityId }[],
  ballots: readonly Ballot[],
): Map<PriorityId, number> {
  const counts = new Map<PriorityId, number>(priorities.map((p) => [p.id, 0]));
  for (const ballot of ballots) {
    for (const id of ballot) {
      const count = counts.get(id);
      if (count !== undefined) counts.set(id, count + 1);
    }
  }
  return counts;
}
