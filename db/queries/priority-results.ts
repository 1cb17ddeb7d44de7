import "server-only";
/*
 * Reads of one town's priorities step in a wave (docs/decisions/0014): its election, its
 * candidate priorities and its ballots, for the results loader (server/results/priorities.ts)
 * and the Pabulib export (server/export/pabulib.ts), both behind the results gate.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { exportLog, priorities, priorityElections, towns } from "../schema";
import { rowsOf } from "../client";

/** The town's election in the wave with its priorities in their listed order, or null when it has none. */
export async function getPriorityElection({ db, waveId, townId }: { db: Db; waveId: number; townId: number }) {
  const [election] = await db
    .select()
    .from(priorityElections)
    .where(and(eq(priorityElections.waveId, waveId), eq(priorityElections.townId, townId)));
  if (!election) return null;
  const listed = await db
    .select()
    .from(priorities)
    .where(and(eq(priorities.waveId, waveId), eq(priorities.townId, townId)))
    .orderBy(asc(priorities.position), asc(priorities.id));
  return { ...election, priorities: listed };
}

export interface BallotRow {
  /** The chosen priority ids (empty: answered the step, chose none). */
  choices: number[];
  isDemo: boolean;
  /** The respondent's age band and sex codes, 0 when not given: the weighting strata. */
  ageBand: number;
  sex: number;
}

/**
 * Every ballot of the town's priorities step in the wave, with what weighting needs of its
 * respondent (age band and sex) and the demo flag; nothing else about the resident. In the
 * responses' id order (random UUIDs): stable, and it reveals nothing.
 */
export async function getPriorityBallots({ db, waveId, townId }: { db: Db; waveId: number; townId: number }): Promise<BallotRow[]> {
  const rows = await rowsOf<{ choices: number[] | string; is_demo: boolean; age_band: number | null; sex: number | null }>(
    db,
    sql`
      select b.choices, r.is_demo, ab.value as age_band, sx.value as sex
      from priority_ballots b
      join responses r on r.id = b.response_id
      left join answers ab on ab.response_id = r.id and ab.item_id = 'age_band'
      left join answers sx on sx.response_id = r.id and sx.item_id = 'sex'
      where r.wave_id = ${waveId} and r.town_id = ${townId} and not r.rejected
      order by r.id`,
  );
  return rows.map((row) => ({
    choices: parseIntArray(row.choices),
    isDemo: Boolean(row.is_demo),
    ageBand: Number(row.age_band ?? 0),
    sex: Number(row.sex ?? 0),
  }));
}

/** Drivers return an int[] as an array, or (some) as its text form "{1,2}". */
function parseIntArray(value: number[] | string): number[] {
  if (Array.isArray(value)) return value.map(Number);
  const inner = value.replace(/^\{|\}$/g, "");
  return inner === "" ? [] : inner.split(",").map(Number);
}

/**
 * Logs a Pabulib download of one town's priorities: who, through which door, the wave and
 * the town, and how many ballots; never a ballot.
 */
export async function logPriorityExport({ db, requester, waveId, townCode, ballots }: {
  db: Db;
  requester: { user: { id: string; email: string }; via: "page" | "token"; tokenId: number | null };
  waveId: number;
  townCode: string;
  ballots: number;
}) {
  await db.insert(exportLog).values({
    actorId: requester.user.id,
    actorEmail: requester.user.email,
    via: requester.via,
    tokenId: requester.tokenId,
    waveId,
    kind: "priorities",
    format: "pabulib",
    options: { town: townCode },
    disclosure: { ballotsOnly: true, voterIds: "sequential, shuffled per download" },
    rows: ballots,
  });
}

/** Every wave's towns that ask the priorities step, by wave id, in town code order. */
export async function listPriorityElectionTowns({ db }: { db: Db }) {
  return db
    .select({ waveId: priorityElections.waveId, code: towns.code, name: towns.name })
    .from(priorityElections)
    .innerJoin(towns, eq(towns.id, priorityElections.townId))
    .orderBy(asc(towns.code));
}
