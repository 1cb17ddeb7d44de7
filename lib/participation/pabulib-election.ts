import { type PabulibFile, type PabulibMeta, toPabulib } from "./pabulib";
import { type Ballot, type Election, costedElection } from "./types";

/**
 * A counted election as a `.pb` file: budget and ballot limits from the election, ballots
 * in the order given (voter ids 1..n), nothing else about the resident.
 * `meta` adds description, country, unit, instance, rule…; names map priority ids to titles.
 */
export function electionToPabulib(
  election: Election,
  ballots: readonly Ballot[],
  meta: PabulibMeta = {},
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const { projects, budget } = costedElection(election);
  const limits: PabulibMeta =
    election.rule.kind === "approval" ? { max_length: String(election.rule.maxChoices) } : { max_sum_cost: String(budget) };
  return toPabulib({
    meta: { ...meta, budget: String(budget), ...limits },
    projects: projects.map((p) => ({ id: p.id, cost: Number(p.cost), name: names.get(p.id) ?? p.id })),
    votes: ballots.map((ballot) => [...ballot]),
  });
}

/** The election and ballots of a parsed approval `.pb` file, to recount it. */
export function electionFromPabulib(file: PabulibFile): { election: Election; ballots: Ballot[] } {
  const voteType = file.meta.vote_type ?? "approval";
  if (voteType !== "approval") throw new RangeError(`Only approval ballots are counted, not ${voteType}`);
  const budget = Number(file.meta.budget);
  // Pabulib's limits on a ballot: max_length (how many projects), max_sum_cost (their cost).
  const max = file.meta.max_length;
  const election: Election = {
    priorities: file.projects.map((p) => ({ id: p.id, cost: p.cost })),
    budget,
    rule: max === undefined || file.meta.max_sum_cost !== undefined ? { kind: "budget" } : { kind: "approval", maxChoices: Number(max) },
  };
  return { election, ballots: file.votes.map((v) => new Set(v.vote)) };
}
