import { type Ballot, type Election, type PriorityId, isNonNegativeInteger } from "./types";

/**
 * What is wrong with one resident's ballot, each with a message key, so the submission can
 * answer 422 and store nothing (issue 11, "Bad input and boundaries").
 */
export type BallotProblem =
  | { key: "priorities.errors.tooMany"; chosen: number; maxChoices: number }
  | { key: "priorities.errors.overBudget"; total: number; budget: number }
  | { key: "priorities.errors.unknown"; priorityId: PriorityId };

/**
 * The problems of `ballot` in `election`, in a fixed order (unknown ids first, in the order
 * given, then too many, then over budget); empty when the ballot may be stored. An empty
 * ballot is valid (the resident answered the step and chose nothing).
 *
 * A priority of another town or wave is "unknown" here: the caller passes the election of
 * the response's own wave and town.
 */
export function validateBallot(election: Election, ballot: Ballot): BallotProblem[] {
  const problems: BallotProblem[] = [];
  const costs = new Map(election.priorities.map((p) => [p.id, p.cost]));
  for (const id of ballot) {
    if (!costs.has(id)) problems.push({ key: "priorities.errors.unknown", priorityId: id });
  }
  const rule = election.rule;
  if (rule.kind === "approval") {
    if (ballot.size > rule.maxChoices) {
      problems.push({ key: "priorities.errors.tooMany", chosen: ballot.size, maxChoices: rule.maxChoices });
    }
  } else {
    if (!isNonNegativeInteger(election.budget)) {
      throw new RangeError("A budget ballot needs the election's budget in whole tenge");
    }
    let total = 0;
    for (const id of ballot) {
      if (!costs.has(id)) continue;
      const cost = costs.get(id);
      if (!isNonNegativeInteger(cost)) {
        throw new RangeError(`A budget ballot needs a cost for priority ${id}`);
      }
      total += cost;
    }
    if (total > election.budget) {
      problems.push({ key: "priorities.errors.overBudget", total, budget: election.budget });
    }
  }
  return problems;
}

/** A ballot from the ids a form or request sent (duplicates collapse: a ballot is a set). */
export function ballotOf(ids: Iterable<PriorityId>): Ballot {
  return new Set(ids);
}
