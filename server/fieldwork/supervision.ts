import "server-only";
import { getDb, type Db } from "@/db/client";
import {
  closeAssignment as closeAssignmentRow,
  createAssignment as createAssignmentRow,
  fieldworkMonitor,
  getAssignment,
  getPopulationCells,
  listAssignments,
  listFieldworkWaveTowns,
  listInterviewers,
  listInterviews,
  qualityReport,
} from "@/db/queries/fieldwork";
import { getWaveTownContext } from "@/db/queries/waves";
import { AppError } from "@/lib/errors";
import { drawQuotas } from "@/lib/fieldwork/quotas";
import { isWaveOpen } from "@/lib/survey/wave-rules";
import { todayInKazakhstan } from "@/lib/time";
import { requireTownScope, supervisedTowns } from "./scope";

/*
 * The supervisor's use-cases (docs/fieldwork.md, "Supervising"): each checks the caller's
 * permission ("fieldwork.supervise") and town scope itself, whatever the page or action did.
 */

type Caller = Parameters<typeof requireTownScope>[0] & { id: string };

/** The waves × towns this member runs fieldwork in. */
export async function fieldworkHome(user: Caller, { db: given }: { db?: Db } = {}) {
  const townCodes = supervisedTowns(user);
  if (townCodes !== null && townCodes.length === 0 && user.role !== "supervisor") throw new AppError("errors.forbidden", 403);
  return listFieldworkWaveTowns({ db: given ?? (await getDb()), townCodes });
}

async function waveTown(db: Db, user: Caller, slug: string, townCode: string) {
  requireTownScope(user, townCode);
  const context = await getWaveTownContext({ db, slug, townCode });
  if (!context) throw new AppError("supervision.errors.notFound", 404);
  return context;
}

/**
 * Everything the wave × town page shows: assignments, the quotas the population gives, the
 * monitor, the quality report and the interviews to review. Numbers of fieldwork only: no
 * answer and no share, so it is shown while the wave's results are hidden.
 */
export async function fieldworkTown(user: Caller, { slug, townCode, db: given, now = new Date() }: { slug: string; townCode: string; db?: Db; now?: Date }) {
  const db = given ?? (await getDb());
  const { wave, town } = await waveTown(db, user, slug, townCode);
  const [assignments, monitor, quality, interviews, interviewers, population] = await Promise.all([
    listAssignments({ db, waveId: wave.id, townId: town.id }),
    fieldworkMonitor({ db, waveId: wave.id, townId: town.id }),
    qualityReport({ db, waveId: wave.id, townId: town.id }),
    listInterviews({ db, waveId: wave.id, townId: town.id }),
    listInterviewers({ db }),
    getPopulationCells({ db, townId: town.id }),
  ]);
  return { wave, town, open: isWaveOpen(wave, todayInKazakhstan(now)), hasPopulation: population.some((cell) => cell.population > 0), assignments, monitor, quality, interviews, interviewers };
}

/** The monitor alone (what the page refreshes), read from the rollup. */
export async function fieldworkMonitorFor(user: Caller, { slug, townCode, db: given }: { slug: string; townCode: string; db?: Db }) {
  const db = given ?? (await getDb());
  const { wave, town } = await waveTown(db, user, slug, townCode);
  return fieldworkMonitor({ db, waveId: wave.id, townId: town.id });
}

/**
 * A new assignment: the interviewer, the target, and quota cells drawn from the town's
 * population (none when the town has no population structure: the page says so). Returns
 * the new assignment's id and its cells.
 */
export async function createAssignment(user: Caller, input: { waveSlug: string; townCode: string; interviewerId: string; target: number }, { db: given }: { db?: Db } = {}) {
  const db = given ?? (await getDb());
  const { wave, town } = await waveTown(db, user, input.waveSlug, input.townCode);
  if (wave.status === "closed") throw new AppError("supervision.errors.waveClosed", 409);
  const cells = drawQuotas(input.target, await getPopulationCells({ db, townId: town.id }));
  const id = await createAssignmentRow({ db, waveId: wave.id, townId: town.id, interviewerId: input.interviewerId, target: input.target, cells, createdBy: user.id });
  return { id, cells };
}

/** Closes an assignment now (its interviewer's device then refuses interviews started after). */
export async function closeAssignment(user: Caller, { assignmentId }: { assignmentId: number }, { db: given, now = new Date() }: { db?: Db; now?: Date } = {}) {
  const db = given ?? (await getDb());
  const assignment = await getAssignment({ db, id: assignmentId });
  if (!assignment) throw new AppError("supervision.errors.notFound", 404);
  requireTownScope(user, assignment.townCode);
  await closeAssignmentRow({ db, id: assignmentId, now });
}
