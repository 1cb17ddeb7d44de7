import { type Ballot, type Election, type PriorityId, approvalCounts } from "./types";

export interface PriorityShare {
  id: PriorityId;
  /** Ballots that chose this priority. */
  count: number;
  /** Ballots counted (every ballot of the step, empty ones included). */
  n: number;
  /** count / n, or null when there are no ballots. The caller adds interval and disclosure. */
  share: number | null;
}

/** Each priority's number and share of the ballots, in the election's order of priorities. */
export function priorityShares(election: Election, ballots: readonly Ballot[]): PriorityShare[] {
  const counts = approvalCounts(election.priorities, ballots);
  const n = ballots.length;
  return election.priorities.map((priority) => {
    const count = counts.get(priority.id) ?? 0;
    return { id: priority.id, count, n, share: n === 0 ? null : count / n };
  });
}
