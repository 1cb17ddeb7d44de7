import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { CommitmentState } from "@/lib/commitments/fields";
import type { LocalizedText } from "@/lib/i18n/locales";
import type { Db } from "../client";
import { commitments, commitmentUpdates, indicators, indicatorValues, priorities, towns, waves, type Commitment, type CommitmentUpdate, type Wave, waveTowns } from "../schema";
import type { AuditAction } from "@/lib/audit-actions";
import { recordAudit, type Actor } from "./audit";

/*
 * Commitments ("you said, we did") and their append-only updates. A change of a
 * commitment and the update that records it are written by one call inside the caller's
 * transaction, with the audit entry.
 */

export interface CommitmentRow {
  commitment: Commitment;
  town: { id: number; code: string; name: LocalizedText };
  wave: Wave;
  indicator: { code: string; name: LocalizedText; unit: LocalizedText; higherIsBetter: boolean } | null;
  priority: { id: number; title: LocalizedText } | null;
}

const selection = {
  commitment: commitments,
  town: { id: towns.id, code: towns.code, name: towns.name },
  wave: waves,
  indicatorCode: indicators.code,
  indicatorName: indicators.name,
  indicatorUnit: indicators.unit,
  indicatorHigherIsBetter: indicators.higherIsBetter,
  priorityId: priorities.id,
  priorityTitle: priorities.title,
};

type Selected = { [K in keyof typeof selection]: unknown };

function shaped(row: Selected): CommitmentRow {
  const r = row as {
    commitment: Commitment;
    town: CommitmentRow["town"];
    wave: CommitmentRow["wave"];
    indicatorCode: string | null;
    indicatorName: LocalizedText | null;
    indicatorUnit: LocalizedText | null;
    indicatorHigherIsBetter: boolean | null;
    priorityId: number | null;
    priorityTitle: LocalizedText | null;
  };
  return {
    commitment: r.commitment,
    town: r.town,
    wave: r.wave,
    indicator: r.indicatorCode ? { code: r.indicatorCode, name: r.indicatorName!, unit: r.indicatorUnit!, higherIsBetter: r.indicatorHigherIsBetter ?? true } : null,
    priority: r.priorityId ? { id: r.priorityId, title: r.priorityTitle! } : null,
  };
}

function baseQuery(db: Db) {
  return db
    .select(selection)
    .from(commitments)
    .innerJoin(towns, eq(towns.id, commitments.townId))
    .innerJoin(waves, eq(waves.id, commitments.waveId))
    .leftJoin(indicators, eq(indicators.id, commitments.indicatorId))
    .leftJoin(priorities, eq(priorities.id, commitments.priorityId));
}

/** Commitments of these towns (every town when `townCodes` is null), by town, then due date. */
export async function listCommitments({ db, townCodes }: { db: Db; townCodes: string[] | null }): Promise<CommitmentRow[]> {
  if (townCodes && townCodes.length === 0) return [];
  const rows = await baseQuery(db)
    .where(townCodes ? inArray(towns.code, townCodes) : undefined)
    .orderBy(asc(towns.code), asc(commitments.dueOn), asc(commitments.id));
  return rows.map(shaped);
}

export async function getCommitment({ db, id }: { db: Db; id: number }): Promise<CommitmentRow | undefined> {
  const [row] = await baseQuery(db).where(eq(commitments.id, id)).limit(1);
  return row && shaped(row);
}

/** Locks a commitment's row until the transaction ends, so two edits cannot both start from the same old state. */
export async function lockCommitment({ db, id }: { db: Db; id: number }): Promise<boolean> {
  const rows = await db.select({ id: commitments.id }).from(commitments).where(eq(commitments.id, id)).for("update");
  return rows.length > 0;
}

/** Each commitment's updates, oldest first. */
export async function getUpdates({ db, commitmentIds }: { db: Db; commitmentIds: number[] }): Promise<Map<number, CommitmentUpdate[]>> {
  const byCommitment = new Map<number, CommitmentUpdate[]>(commitmentIds.map((id) => [id, []]));
  if (commitmentIds.length === 0) return byCommitment;
  const rows = await db.select().from(commitmentUpdates).where(inArray(commitmentUpdates.commitmentId, commitmentIds)).orderBy(asc(commitmentUpdates.on), asc(commitmentUpdates.id));
  for (const row of rows) byCommitment.get(row.commitmentId)?.push(row);
  return byCommitment;
}

/** A priority of this wave and town, or undefined. */
export async function findPriority({ db, id, waveId, townId }: { db: Db; id: number; waveId: number; townId: number }) {
  const [row] = await db
    .select({ id: priorities.id, title: priorities.title, areaId: priorities.areaId, itemIds: priorities.itemIds })
    .from(priorities)
    .where(and(eq(priorities.id, id), eq(priorities.waveId, waveId), eq(priorities.townId, townId)))
    .limit(1);
  return row;
}

/** The priorities of a wave and town, in their order: what a commitment may answer. */
export async function listPriorities({ db, waveId, townId }: { db: Db; waveId: number; townId: number }) {
  return db.select({ id: priorities.id, title: priorities.title }).from(priorities).where(and(eq(priorities.waveId, waveId), eq(priorities.townId, townId))).orderBy(asc(priorities.position), asc(priorities.id));
}

/** The official indicators that have a figure for this town. */
export async function listTownIndicators({ db, townId }: { db: Db; townId: number }) {
  return db
    .selectDistinct({ id: indicators.id, code: indicators.code, name: indicators.name })
    .from(indicators)
    .innerJoin(indicatorValues, and(eq(indicatorValues.indicatorId, indicators.id), eq(indicatorValues.townId, townId)))
    .orderBy(asc(indicators.code));
}

/** An indicator's figures for a town, newest period first (periods sort as text within one kind). */
export async function getIndicatorFigures({ db, townId, indicatorCode }: { db: Db; townId: number; indicatorCode: string }) {
  return db
    .select({ period: indicatorValues.period, value: indicatorValues.value, sourceCitation: indicatorValues.sourceCitation })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(and(eq(indicatorValues.townId, townId), eq(indicators.code, indicatorCode)))
    .orderBy(desc(indicatorValues.period))
    // A withheld figure ("x") cannot show a change, so it is not one of the figures compared.
    .then((rows) => rows.flatMap((row) => (row.value === null ? [] : [{ ...row, value: row.value }])));
}

/** Where the commitment's link points, as stored. */
export interface LinkColumns {
  itemId: string | null;
  areaId: string | null;
  priorityId: number | null;
  indicatorId: number | null;
}

export interface Change {
  actor: Actor;
  /** The day of the change in Kazakhstan. */
  on: string;
  state: CommitmentState;
  link: LinkColumns;
  note: LocalizedText | null;
  changes: Record<string, { from: unknown; to: unknown }>;
  audit: AuditAction;
}

function columnsOf(state: CommitmentState, link: LinkColumns) {
  return {
    linkKind: state.linkKind,
    ...link,
    heard: state.heard,
    action: state.action,
    responsibleBody: state.responsibleBody,
    dueOn: state.dueOn,
    status: state.status,
    progress: state.progress,
    declineReason: state.declineReason,
    evidenceUrls: state.evidenceUrls,
  };
}

async function appendUpdate(db: Db, commitmentId: number, change: Change) {
  await db.insert(commitmentUpdates).values({
    commitmentId,
    on: change.on,
    actorId: change.actor.id,
    actorEmail: change.actor.email,
    status: change.state.status,
    progress: change.state.progress,
    note: change.note,
    changes: change.changes,
  });
}

/** A new commitment with its first update and the audit entry; call inside a transaction. */
export async function insertCommitment({ db, townId, waveId, change }: { db: Db; townId: number; waveId: number; change: Change }) {
  const [row] = await db.insert(commitments).values({ townId, waveId, ...columnsOf(change.state, change.link) }).returning({ id: commitments.id });
  await appendUpdate(db, row!.id, change);
  await recordAudit({ db, actor: change.actor, action: change.audit, detail: { commitmentId: row!.id, fields: Object.keys(change.changes) } });
  return row!.id;
}

/** A changed commitment, its update and the audit entry; call inside a transaction. */
export async function changeCommitment({ db, id, change }: { db: Db; id: number; change: Change }) {
  await db
    .update(commitments)
    .set({ ...columnsOf(change.state, change.link), updatedAt: new Date() })
    .where(eq(commitments.id, id));
  await appendUpdate(db, id, change);
  await recordAudit({ db, actor: change.actor, action: change.audit, detail: { commitmentId: id, fields: Object.keys(change.changes) } });
}

/** Indicator ids by code, for resolving links. */
export async function getIndicatorByCode({ db, code }: { db: Db; code: string }) {
  const [row] = await db.select({ id: indicators.id, code: indicators.code }).from(indicators).where(eq(indicators.code, code)).limit(1);
  return row;
}

/** Whether the town has a figure for the indicator. */
export async function townHasIndicator({ db, townId, indicatorId }: { db: Db; townId: number; indicatorId: number }) {
  const [row] = await db.select({ id: indicatorValues.indicatorId }).from(indicatorValues).where(and(eq(indicatorValues.townId, townId), eq(indicatorValues.indicatorId, indicatorId))).limit(1);
  return Boolean(row);
}

/** Towns by code. */
export async function getTownsByCode({ db, codes }: { db: Db; codes: string[] | null }) {
  return db.select({ id: towns.id, code: towns.code, name: towns.name }).from(towns).where(codes ? inArray(towns.code, codes) : undefined).orderBy(asc(towns.code));
}

/** The waves a town takes part in, newest first: where "did it work" looks for a later reading. */
export async function getTownWaves({ db, townId }: { db: Db; townId: number }): Promise<Wave[]> {
  const rows = await db.select({ wave: waves }).from(waves).innerJoin(waveTowns, and(eq(waveTowns.waveId, waves.id), eq(waveTowns.townId, townId))).orderBy(desc(waves.opensOn), desc(waves.id));
  return rows.map((row) => row.wave);
}
