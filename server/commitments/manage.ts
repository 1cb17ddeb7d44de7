import "server-only";
import * as z from "zod/mini";
import { getDb, type Db } from "@/db/client";
import {
  changeCommitment,
  findPriority,
  getCommitment,
  lockCommitment,
  getIndicatorByCode,
  getTownsByCode,
  insertCommitment,
  listCommitments,
  listPriorities,
  listTownIndicators,
  townHasIndicator,
  type Change,
  type CommitmentRow,
  type LinkColumns,
} from "@/db/queries/commitments";
import { getWaveTownContext, getWaveTowns, listWaves } from "@/db/queries/waves";
import type { Permission } from "@/lib/auth/permissions";
import { changesBetween, stateOf, type CommitmentState, type createCommitmentSchema, type updateCommitmentSchema } from "@/lib/commitments/fields";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import type { Locale, LocalizedText } from "@/lib/i18n/locales";
import { scaleOf } from "@/lib/survey/questionnaire";
import type { Questionnaire } from "@/lib/survey/types";
import { todayInKazakhstan } from "@/lib/time";
import { maySeeTown, type StaffUser } from "@/server/auth/session";
import { sharesForLinking } from "@/server/results/commitment-change";

/**
 * Who publishes commitments: the roles that read town dashboards (officials and admins),
 * each official only within the towns of their account (an empty list: every town).
 */
export const COMMITMENTS_PERMISSION: Permission = "dashboard.view";

type CreateInput = z.output<typeof createCommitmentSchema>;
type UpdateInput = z.output<typeof updateCommitmentSchema>;

/** 403 for a staff member outside the town, before anything is read or written for it. */
export function assertTown(user: StaffUser, townCode: string) {
  if (!maySeeTown(user, townCode)) throw new AppError("errors.forbidden", 403);
}

/** Whose towns a staff member works with: null for every town. */
export function townScope(user: StaffUser): string[] | null {
  return user.role !== "official" || user.allTowns ? null : user.townCodes;
}

/** The item's or area's questions that have a favourable share: what a commitment can answer. */
function scaleItemsOf(questionnaire: Questionnaire) {
  return questionnaire.items.filter((item) => scaleOf(questionnaire, item).topBox.length > 0);
}

/** Where a link points, checked against the wave's questionnaire, its priorities and the town's indicators. */
export async function resolveLink({ db, questionnaire, waveId, townId, state }: { db: Db; questionnaire: Questionnaire; waveId: number; townId: number; state: Pick<CommitmentState, "linkKind" | "linkTarget"> }): Promise<LinkColumns> {
  const none: LinkColumns = { itemId: null, areaId: null, priorityId: null, indicatorId: null };
  const refuse = (): never => {
    throw new AppError(`commitments.errors.unknown.${state.linkKind}`, 422, "linkTarget");
  };
  const target = state.linkTarget;
  const items = scaleItemsOf(questionnaire);
  switch (state.linkKind) {
    case "item":
      return items.some((item) => item.id === target) ? { ...none, itemId: target } : refuse();
    case "area":
      return items.some((item) => item.area === target) ? { ...none, areaId: target } : refuse();
    case "priority": {
      const id = /^\d{1,9}$/.test(target) ? Number(target) : NaN;
      const priority = Number.isInteger(id) ? await findPriority({ db, id, waveId, townId }) : undefined;
      return priority ? { ...none, priorityId: priority.id } : refuse();
    }
    case "indicator": {
      const indicator = await getIndicatorByCode({ db, code: target });
      return indicator && (await townHasIndicator({ db, townId, indicatorId: indicator.id })) ? { ...none, indicatorId: indicator.id } : refuse();
    }
  }
}

/** The state a stored commitment is in, as the forms and the file compare it. */
export function stateOfRow({ commitment, indicator }: CommitmentRow): CommitmentState {
  const linkTarget = { item: commitment.itemId, area: commitment.areaId, priority: commitment.priorityId === null ? null : String(commitment.priorityId), indicator: indicator?.code ?? null }[commitment.linkKind] ?? "";
  return {
    linkKind: commitment.linkKind,
    linkTarget,
    heard: commitment.heard,
    action: commitment.action,
    responsibleBody: commitment.responsibleBody,
    dueOn: commitment.dueOn,
    status: commitment.status,
    progress: commitment.progress,
    declineReason: commitment.declineReason,
    evidenceUrls: commitment.evidenceUrls,
  };
}

const noteOf = (note: LocalizedText): LocalizedText | null => (Object.values(note).some((text) => text.trim()) ? { kk: note.kk.trim(), ru: note.ru.trim(), en: note.en.trim() } : null);

/** A new commitment with its first update, in one transaction; 403 outside the official's towns. */
export async function createCommitment(user: StaffUser, input: CreateInput, { db: given, today = todayInKazakhstan() }: { db?: Db; today?: string } = {}) {
  assertTown(user, input.townCode);
  const db = given ?? (await getDb());
  const context = await getWaveTownContext({ db, slug: input.waveSlug, townCode: input.townCode });
  if (!context) throw new AppError("commitments.errors.waveTown", 422, "waveSlug");
  const { townCode: _town, waveSlug: _wave, note, ...fields } = input;
  const state = stateOf(fields);
  const link = await resolveLink({ db, questionnaire: context.questionnaire, waveId: context.wave.id, townId: context.town.id, state });
  const change: Change = { actor: user, on: today, state, link, note: noteOf(note), changes: changesBetween(null, state), audit: "commitment.create" };
  const id = await db.transaction((tx) => insertCommitment({ db: tx, townId: context.town.id, waveId: context.wave.id, change }));
  return { id };
}

/**
 * A change to a commitment: the commitment row and an update with what changed (old → new),
 * in one transaction with the audit entry. 404 for an unknown one, 403 outside the
 * official's towns (nothing written), 422 when nothing changed.
 */
export async function updateCommitment(user: StaffUser, input: UpdateInput, { db: given, today = todayInKazakhstan() }: { db?: Db; today?: string } = {}) {
  const db = given ?? (await getDb());
  // Read under a row lock, in the transaction that writes: two edits at once each record
  // what they changed from the state the other left, not from the same old state.
  await db.transaction(async (tx) => {
    if (!(await lockCommitment({ db: tx, id: input.id }))) throw new AppError("commitments.errors.notFound", 404);
    const row = (await getCommitment({ db: tx, id: input.id }))!;
    assertTown(user, row.town.code);
    const { id, note, ...fields } = input;
    const state = stateOf(fields);
    const changes = changesBetween(stateOfRow(row), state);
    const noted = noteOf(note);
    if (Object.keys(changes).length === 0 && !noted) throw new AppError("commitments.errors.nothingChanged", 422);
    const link = await linkFor(tx, row, state);
    await changeCommitment({ db: tx, id, change: { actor: user, on: today, state, link, note: noted, changes, audit: "commitment.update" } });
  });
}

/** The link's columns for a commitment's new state (read again only when the link changed). */
export async function linkFor(db: Db, row: CommitmentRow, state: CommitmentState): Promise<LinkColumns> {
  const { commitment } = row;
  const before = stateOfRow(row);
  if (before.linkKind === state.linkKind && before.linkTarget === state.linkTarget) {
    return { itemId: commitment.itemId, areaId: commitment.areaId, priorityId: commitment.priorityId, indicatorId: commitment.indicatorId };
  }
  const context = await getWaveTownContext({ db, slug: row.wave.slug, townCode: row.town.code });
  if (!context) throw new AppError("commitments.errors.waveTown", 422);
  return resolveLink({ db, questionnaire: context.questionnaire, waveId: row.wave.id, townId: row.town.id, state });
}

/** The commitments a staff member may see and change, with their towns. */
export async function staffCommitments(user: StaffUser, { db: given }: { db?: Db } = {}) {
  const db = given ?? (await getDb());
  const scope = townScope(user);
  const [rows, towns] = await Promise.all([listCommitments({ db, townCodes: scope }), getTownsByCode({ db, codes: scope })]);
  return { rows, towns };
}

/** One commitment for its edit page: undefined when unknown; 403 (forbidden) is the page's to raise. */
export async function commitmentForEdit(id: number, { db: given }: { db?: Db } = {}) {
  const db = given ?? (await getDb());
  return getCommitment({ db, id });
}

/**
 * What a new commitment can answer for a wave and town: its questionnaire's questions and
 * areas, the town's priorities in that wave, the official indicators with figures for the
 * town, and the favourable shares of the questions and areas in that wave as staff may see
 * them (which areas residents rated low). Undefined when the town does not take part in the wave.
 */
export async function linkChoices({ waveSlug, townCode, locale, db: given }: { waveSlug: string; townCode: string; locale: Locale; db?: Db }) {
  const db = given ?? (await getDb());
  const context = await getWaveTownContext({ db, slug: waveSlug, townCode });
  if (!context) return undefined;
  const items = scaleItemsOf(context.questionnaire);
  const [priorities, indicators, shares] = await Promise.all([
    listPriorities({ db, waveId: context.wave.id, townId: context.town.id }),
    listTownIndicators({ db, townId: context.town.id }),
    sharesForLinking({ db, wave: context.wave, townId: context.town.id, k: env.DISCLOSURE_MIN_CELL, locale }),
  ]);
  return {
    shares,
    wave: context.wave,
    town: context.town,
    questionnaire: context.questionnaire,
    items: items.map((item) => ({ id: item.id, area: item.area, text: item.text })),
    areas: [...new Set(items.map((item) => item.area))],
    priorities,
    indicators,
  };
}

/** The waves each permitted town takes part in, newest first: the choices for a new commitment. */
export async function waveTownChoices(user: StaffUser, { db: given }: { db?: Db } = {}) {
  const db = given ?? (await getDb());
  const waves = await listWaves({ db });
  const withTowns = await Promise.all(waves.map(async (wave) => ({ wave, towns: (await getWaveTowns({ db, waveId: wave.id })).filter((town) => maySeeTown(user, town.code)) })));
  return withTowns.filter(({ towns }) => towns.length > 0);
}
