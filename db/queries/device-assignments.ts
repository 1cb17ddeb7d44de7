import "server-only";
import { sql } from "drizzle-orm";
import type { SyncedAssignment } from "@/lib/fieldwork/interview";
import type { LocalizedText } from "@/lib/i18n/locales";
import { rowsOf, type Db } from "../client";

/** An assignment as the device syncs it: the wire format the device reads (lib/fieldwork/interview.ts). */
export type DeviceAssignment = SyncedAssignment;

/**
 * An interviewer's assignments as their device syncs them: each with its wave (open on
 * `day` or not), town, target and completes, and its quota cells with the completes in
 * each. Completes are the assignment's interviews not rejected, over quota included. Two
 * reads, both by the interviewer's index; nothing is written.
 */
export async function listAssignmentsOfInterviewer({ db, interviewerId, day, now = new Date() }: { db: Db; interviewerId: string; day: string; now?: Date }): Promise<DeviceAssignment[]> {
  const assignments = await rowsOf<{
    id: number; target: number; closed: boolean; completes: number;
    wave_id: number; slug: string; wave_name: LocalizedText; questionnaire_version: string; open: boolean;
    town_id: number; code: string; town_name: LocalizedText;
  }>(db, sql`
    select a.id, a.target, (a.closed_at is not null and a.closed_at <= ${now.toISOString()}::timestamptz) as closed,
           (select count(*) from interviews i where i.assignment_id = a.id and i.status <> 'rejected')::int as completes,
           w.id as wave_id, w.slug, w.name as wave_name, w.questionnaire_version,
           (w.status = 'open' and w.opens_on <= ${day}::date and w.closes_on >= ${day}::date) as open,
           t.id as town_id, t.code, t.name as town_name
    from fieldwork_assignments a
    join waves w on w.id = a.wave_id
    join towns t on t.id = a.town_id
    where a.interviewer_id = ${interviewerId}
    order by a.id
  `);
  if (assignments.length === 0) return [];
  const cells = await rowsOf<{ assignment_id: number; age_band: number; sex: number; target: number; completes: number }>(db, sql`
    select q.assignment_id, q.age_band, q.sex, q.target,
           (select count(*) from interviews i where i.assignment_id = q.assignment_id and i.age_band = q.age_band and i.sex = q.sex and i.status <> 'rejected')::int as completes
    from fieldwork_quotas q
    join fieldwork_assignments a on a.id = q.assignment_id
    where a.interviewer_id = ${interviewerId}
    order by q.assignment_id, q.age_band, q.sex
  `);
  return assignments.map((a) => ({
    id: Number(a.id),
    wave: { id: Number(a.wave_id), slug: a.slug, name: a.wave_name, questionnaireVersion: a.questionnaire_version, open: a.open },
    town: { id: Number(a.town_id), code: a.code, name: a.town_name },
    target: Number(a.target),
    completes: Number(a.completes),
    closed: a.closed,
    cells: cells
      .filter((cell) => Number(cell.assignment_id) === Number(a.id))
      .map((cell) => ({ ageBand: Number(cell.age_band), sex: Number(cell.sex), target: Number(cell.target), completes: Number(cell.completes), full: Number(cell.completes) >= Number(cell.target) })),
  }));
}

/** One assignment, as an interview sent under it is checked against it. */
export async function findAssignment({ db, id }: { db: Db; id: number }) {
  const [row] = await rowsOf<{ id: number; interviewer_id: string; wave_id: number; town_id: number; closed_at: Date | string | null }>(db, sql`
    select id, interviewer_id, wave_id, town_id, closed_at from fieldwork_assignments where id = ${id}::int
  `);
  if (!row) return undefined;
  return {
    id: Number(row.id),
    interviewerId: row.interviewer_id,
    waveId: Number(row.wave_id),
    townId: Number(row.town_id),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
  };
}
