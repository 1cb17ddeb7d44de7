import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { QuotaCell } from "@/lib/fieldwork/quotas";
import { rowsOf, type Db } from "../client";
import { fieldworkAssignments, fieldworkQuotas, populationCells, towns, users, waves, waveTowns } from "../schema";

/*
 * Fieldwork as supervisors run it (docs/fieldwork.md): assignments and their quotas, the
 * monitor (read from the quota_cell_counts rollup, never a scan of responses or answers),
 * the quality report per interviewer and the list of interviews to review. Staff data: the
 * interviewer is known here and in no export or published page. Nothing read here dates an
 * interview finer than a day.
 */

/** Every wave × town of the given towns (all when `townCodes` is null), newest wave first. */
export async function listFieldworkWaveTowns({ db, townCodes }: { db: Db; townCodes: string[] | null }) {
  if (townCodes !== null && townCodes.length === 0) return [];
  return db
    .select({ waveSlug: waves.slug, waveName: waves.name, waveStatus: waves.status, townCode: towns.code, townName: towns.name })
    .from(waveTowns)
    .innerJoin(waves, eq(waves.id, waveTowns.waveId))
    .innerJoin(towns, eq(towns.id, waveTowns.townId))
    .where(townCodes === null ? undefined : inArray(towns.code, townCodes))
    .orderBy(sql`${waves.opensOn} desc`, asc(waves.id), asc(towns.code));
}

/** The town's population cells (age band × sex), what the quotas are drawn from. */
export async function getPopulationCells({ db, townId }: { db: Db; townId: number }) {
  return db.select({ ageBand: populationCells.ageBand, sex: populationCells.sex, population: populationCells.population }).from(populationCells).where(eq(populationCells.townId, townId));
}

/** The accounts that can be given an assignment: interviewers whose account is in use. */
export async function listInterviewers({ db }: { db: Db }) {
  return db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(and(eq(users.role, "interviewer"), isNull(users.disabledAt))).orderBy(asc(users.name), asc(users.email));
}

/**
 * A new assignment with its quota cells, written together. The interviewer must be an
 * interviewer whose account is in use; the town must be in the wave (its foreign key).
 */
export async function createAssignment({ db, waveId, townId, interviewerId, target, cells, createdBy }: {
  db: Db;
  waveId: number;
  townId: number;
  interviewerId: string;
  target: number;
  cells: readonly QuotaCell[];
  createdBy: string;
}): Promise<number> {
  return db.transaction(async (tx) => {
    const [interviewer] = await tx.select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, interviewerId)).limit(1);
    if (!interviewer || interviewer.role !== "interviewer" || interviewer.disabledAt !== null) throw new AppError("supervision.errors.notAnInterviewer", 400, "interviewerId");
    const [assignment] = await tx.insert(fieldworkAssignments).values({ waveId, townId, interviewerId, target, createdBy }).returning({ id: fieldworkAssignments.id });
    const withTarget = cells.filter((cell) => cell.target > 0);
    if (withTarget.length > 0) await tx.insert(fieldworkQuotas).values(withTarget.map((cell) => ({ assignmentId: assignment!.id, ageBand: cell.ageBand, sex: cell.sex, target: cell.target })));
    return assignment!.id;
  });
}

/** An assignment's wave and town, to check who may act on it. */
export async function getAssignment({ db, id }: { db: Db; id: number }) {
  const [row] = await db
    .select({ id: fieldworkAssignments.id, waveId: fieldworkAssignments.waveId, townId: fieldworkAssignments.townId, townCode: towns.code, closedAt: fieldworkAssignments.closedAt })
    .from(fieldworkAssignments)
    .innerJoin(towns, eq(towns.id, fieldworkAssignments.townId))
    .where(eq(fieldworkAssignments.id, id))
    .limit(1);
  return row;
}

/** Closes an assignment now: interviews started after this moment are refused. Closing twice keeps the first moment. */
export async function closeAssignment({ db, id, now = new Date() }: { db: Db; id: number; now?: Date }) {
  await db.update(fieldworkAssignments).set({ closedAt: now }).where(and(eq(fieldworkAssignments.id, id), isNull(fieldworkAssignments.closedAt)));
}

export interface AssignmentRow {
  id: number;
  interviewer: { id: string; name: string; email: string; disabled: boolean };
  target: number;
  completes: number;
  closed: boolean;
  closedOn: string | null;
  cells: { ageBand: number; sex: number; target: number; completes: number }[];
}

/** A wave × town's assignments, each with its completes (interviews not rejected, over quota included) per cell. */
export async function listAssignments({ db, waveId, townId }: { db: Db; waveId: number; townId: number }): Promise<AssignmentRow[]> {
  const rows = await rowsOf<{ id: number; interviewer_id: string; name: string; email: string; disabled: boolean; target: number; closed_on: string | null; cells: { ageBand: number; sex: number; target: number; completes: number }[]; completes: number }>(db, sql`
    select a.id, a.interviewer_id, u.name, u.email, u.disabled_at is not null as disabled, a.target,
      to_char((a.closed_at at time zone 'UTC') + interval '5 hours', 'YYYY-MM-DD') as closed_on,
      (select count(*)::int from interviews i where i.assignment_id = a.id and i.status <> 'rejected') as completes,
      coalesce((
        select jsonb_agg(jsonb_build_object('ageBand', q.age_band, 'sex', q.sex, 'target', q.target,
          'completes', (select count(*) from interviews i where i.assignment_id = a.id and i.status <> 'rejected' and i.age_band = q.age_band and i.sex = q.sex)) order by q.age_band, q.sex)
        from fieldwork_quotas q where q.assignment_id = a.id
      ), '[]'::jsonb) as cells
    from fieldwork_assignments a join users u on u.id = a.interviewer_id
    where a.wave_id = ${waveId}::int and a.town_id = ${townId}::int
    order by a.closed_at is not null, u.name, a.id
  `);
  return rows.map((row) => ({
    id: Number(row.id),
    interviewer: { id: row.interviewer_id, name: row.name, email: row.email, disabled: row.disabled },
    target: Number(row.target),
    completes: Number(row.completes),
    closed: row.closed_on !== null,
    closedOn: row.closed_on,
    cells: row.cells.map((cell) => ({ ageBand: Number(cell.ageBand), sex: Number(cell.sex), target: Number(cell.target), completes: Number(cell.completes) })),
  }));
}

export interface MonitorCell {
  ageBand: number;
  sex: number;
  /** The quotas of the town's assignments in this cell, summed (0 where none asks for it). */
  target: number;
  online: number;
  faceToFace: number;
  /** The cell's share of the town's adult population, or null without a population structure. */
  populationShare: number | null;
}

/**
 * The fieldwork monitor of a wave × town: completes per age band × sex cell and mode, summed
 * over the quota_cell_counts rollup's shards, beside the quotas of the town's assignments and
 * each cell's population share. One statement over the rollup, the quotas and the
 * population: never a scan of responses or answers, so it can be read every few seconds
 * while answers arrive. Cell 0 holds the completes whose age band or sex was not given.
 */
export async function fieldworkMonitor({ db, waveId, townId }: { db: Db; waveId: number; townId: number }): Promise<MonitorCell[]> {
  const rows = await rowsOf<{ age_band: number; sex: number; target: number; online: number; face: number; share: number | null }>(db, sql`
    with done as (
      select age_band, sex, sum(responses) filter (where mode = 1)::int as online, sum(responses) filter (where mode = 2)::int as face
      from quota_cell_counts where wave_id = ${waveId}::int and town_id = ${townId}::int
      group by age_band, sex
    ),
    quotas as (
      select q.age_band, q.sex, sum(q.target)::int as target
      from fieldwork_quotas q join fieldwork_assignments a on a.id = q.assignment_id
      where a.wave_id = ${waveId}::int and a.town_id = ${townId}::int
      group by q.age_band, q.sex
    ),
    people as (
      select age_band, sex, population::float8 / nullif(sum(population) over (), 0) as share
      from population_cells where town_id = ${townId}::int and population > 0
    ),
    cells as (
      select age_band, sex from done union select age_band, sex from quotas union select age_band, sex from people
    )
    select c.age_band, c.sex, coalesce(q.target, 0) as target, coalesce(d.online, 0) as online, coalesce(d.face, 0) as face, p.share
    from cells c
    left join done d using (age_band, sex)
    left join quotas q using (age_band, sex)
    left join people p using (age_band, sex)
    order by c.age_band = 0 or c.sex = 0, c.age_band, c.sex
  `);
  return rows.map((row) => ({ ageBand: Number(row.age_band), sex: Number(row.sex), target: Number(row.target), online: Number(row.online), faceToFace: Number(row.face), populationShare: row.share === null ? null : Number(row.share) }));
}

export interface InterviewerQuality {
  interviewerId: string;
  name: string;
  interviews: number;
  meanDurationSeconds: number;
  speeding: number;
  straightLining: number;
  ageBandRefused: number;
  sexRefused: number;
  overQuota: number;
  rejected: number;
  needsReview: number;
}

/** The quality report of a wave × town, one row per interviewer, every interview counted (rejected ones too, and said so). */
export async function qualityReport({ db, waveId, townId }: { db: Db; waveId: number; townId: number }): Promise<InterviewerQuality[]> {
  const rows = await rowsOf<Record<string, string | number>>(db, sql`
    select i.interviewer_id, u.name, count(*)::int as interviews, avg(i.duration_seconds)::float8 as mean_duration,
      count(*) filter (where i.speeding)::int as speeding, count(*) filter (where i.straight_lining)::int as straight_lining,
      count(*) filter (where i.age_band_refused)::int as age_band_refused, count(*) filter (where i.sex_refused)::int as sex_refused,
      count(*) filter (where i.over_quota)::int as over_quota, count(*) filter (where i.status = 'rejected')::int as rejected,
      count(*) filter (where i.needs_review and i.status = 'pending')::int as needs_review
    from interviews i
    join fieldwork_assignments a on a.id = i.assignment_id
    join users u on u.id = i.interviewer_id
    where a.wave_id = ${waveId}::int and a.town_id = ${townId}::int
    group by i.interviewer_id, u.name
    order by u.name, i.interviewer_id
  `);
  return rows.map((row) => ({
    interviewerId: String(row.interviewer_id),
    name: String(row.name),
    interviews: Number(row.interviews),
    meanDurationSeconds: Number(row.mean_duration),
    speeding: Number(row.speeding),
    straightLining: Number(row.straight_lining),
    ageBandRefused: Number(row.age_band_refused),
    sexRefused: Number(row.sex_refused),
    overQuota: Number(row.over_quota),
    rejected: Number(row.rejected),
    needsReview: Number(row.needs_review),
  }));
}

export interface InterviewRow {
  responseId: string;
  interviewer: string;
  durationSeconds: number;
  speeding: boolean;
  straightLining: boolean;
  overQuota: boolean;
  needsReview: boolean;
  status: "pending" | "approved" | "rejected";
  reviewReason: string | null;
  reviewedOn: string | null;
}

/**
 * A wave × town's interviews to review. Ordered by interviewer and response id (made at
 * random on the device), never by arrival: the list must not tell which came when.
 */
export async function listInterviews({ db, waveId, townId }: { db: Db; waveId: number; townId: number }): Promise<InterviewRow[]> {
  const rows = await rowsOf<{ response_id: string; name: string; duration_seconds: number; speeding: boolean; straight_lining: boolean; over_quota: boolean; needs_review: boolean; status: InterviewRow["status"]; review_reason: string | null; reviewed_on: string | null }>(db, sql`
    select i.response_id::text, u.name, i.duration_seconds, i.speeding, i.straight_lining, i.over_quota, i.needs_review, i.status, i.review_reason, to_char(i.reviewed_on, 'YYYY-MM-DD') as reviewed_on
    from interviews i
    join fieldwork_assignments a on a.id = i.assignment_id
    join users u on u.id = i.interviewer_id
    where a.wave_id = ${waveId}::int and a.town_id = ${townId}::int
    order by u.name, i.response_id
  `);
  return rows.map((row) => ({
    responseId: row.response_id,
    interviewer: row.name,
    durationSeconds: Number(row.duration_seconds),
    speeding: row.speeding,
    straightLining: row.straight_lining,
    overQuota: row.over_quota,
    needsReview: row.needs_review,
    status: row.status,
    reviewReason: row.review_reason,
    reviewedOn: row.reviewed_on,
  }));
}

/** The wave and town code of the interview with this response id, to check who may review it. */
export async function getInterviewScope({ db, responseId }: { db: Db; responseId: string }) {
  const [row] = await rowsOf<{ wave_id: number; town_code: string }>(db, sql`
    select a.wave_id, t.code as town_code from interviews i join fieldwork_assignments a on a.id = i.assignment_id join towns t on t.id = a.town_id
    where i.response_id = ${responseId}::uuid
  `);
  return row && { waveId: Number(row.wave_id), townCode: row.town_code };
}
