import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { priorities, priorityBallots, priorityElections } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { ballotOf, validateBallot } from "@/lib/participation/ballot";
import type { Election } from "@/lib/participation/types";

/*
 * The resident's side of the priorities (issue 11, point 1): the ballot travels in the same
 * submission as the answers, is checked against the election of the response's own wave and
 * town, and is stored in the same transaction as the response, or not at all.
 */

/**
 * The election of one wave and town as lib/participation counts it, or undefined when the
 * town has none. `lock` takes a share lock on the election's row, so an admin's change to
 * the set (which locks it for update) waits for the ballot's transaction, and the other way round.
 */
export async function electionOf({ db, waveId, townId, lock = false }: { db: Db; waveId: number; townId: number; lock?: boolean }): Promise<Election | undefined> {
  const query = db
    .select({ rule: priorityElections.rule, maxChoices: priorityElections.maxChoices, budget: priorityElections.budget })
    .from(priorityElections)
    .where(and(eq(priorityElections.waveId, waveId), eq(priorityElections.townId, townId)));
  const [election] = lock ? await query.for("share") : await query;
  if (!election) return undefined;
  const candidates = await db
    .select({ id: priorities.id, cost: priorities.cost })
    .from(priorities)
    .where(and(eq(priorities.waveId, waveId), eq(priorities.townId, townId)))
    .orderBy(asc(priorities.position), asc(priorities.id));
  return {
    priorities: candidates.map((candidate) => ({ id: String(candidate.id), cost: candidate.cost })),
    budget: election.budget,
    // No limit set: any number of the list, as the results count it (server/results/priorities.ts).
    rule: election.rule === "budget" ? { kind: "budget" } : { kind: "approval", maxChoices: election.maxChoices ?? candidates.length },
  };
}

/**
 * Refuses (422, field "priorities", nothing stored) a ballot that names a priority outside
 * this wave's and town's election, chooses more than allowed or goes over the budget, or is
 * given for a town that has no election. The first problem is the one named.
 */
export async function checkBallot({ db, waveId, townId, choices, lock = false }: { db: Db; waveId: number; townId: number; choices: readonly number[]; lock?: boolean }) {
  const election = await electionOf({ db, waveId, townId, lock });
  if (!election) throw new AppError("priorities.errors.noElection", 422, "priorities");
  const [problem] = validateBallot(election, ballotOf(choices.map(String)));
  if (problem) throw new AppError(problem.key, 422, "priorities");
}

/** The ballot's row: the chosen ids, each once, in ascending order (no time column, like the response). */
export async function insertBallot({ db, responseId, choices }: { db: Db; responseId: string; choices: readonly number[] }) {
  const ids = [...new Set(choices)].sort((a, b) => a - b);
  await db.insert(priorityBallots).values({ responseId, choices: ids });
}
