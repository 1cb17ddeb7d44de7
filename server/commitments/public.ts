import "server-only";
import { getDb, type Db } from "@/db/client";
import { findPriority, getTownsByCode, getUpdates, listCommitments, type CommitmentRow } from "@/db/queries/commitments";
import type { CommitmentUpdate } from "@/db/schema";
import { isOverdue, textIn, type CommitmentLinkKind, type CommitmentStatus } from "@/lib/commitments/fields";
import { env } from "@/lib/env";
import type { Locale, LocalizedText } from "@/lib/i18n/locales";
import { getQuestionnaire } from "@/lib/survey/questionnaire";
import type { Audience } from "@/lib/survey/wave-rules";
import { todayInKazakhstan } from "@/lib/time";
import { commitmentOutcomes, type CommitmentOutcome } from "@/server/results/commitment-change";

export type { CommitmentOutcome } from "@/server/results/commitment-change";

/** A text in the reader's language, or in another one when it has not been translated yet (and which). */
export type Shown = { text: string; language: Locale } | null;

export interface TimelineEntry {
  id: number;
  on: string;
  status: CommitmentStatus;
  progress: number;
  note: Shown;
  /** The fields this update changed. */
  fields: string[];
  first: boolean;
}

export interface ShownCommitment {
  id: number;
  status: CommitmentStatus;
  progress: number;
  overdue: boolean;
  dueOn: string;
  heard: Shown;
  action: Shown;
  responsibleBody: Shown;
  declineReason: Shown;
  evidenceUrls: string[];
  /** What was heard, named: the question's words, the area's id (the page names it), the priority's or indicator's name. */
  link: { kind: CommitmentLinkKind; areaId: string | null; label: Shown };
  answeredWave: { slug: string; name: string };
  updates: TimelineEntry[];
  outcome: CommitmentOutcome | null;
}

function linkLabel(row: CommitmentRow, locale: Locale): Shown {
  const { commitment } = row;
  if (commitment.linkKind === "item" && commitment.itemId) {
    const item = getQuestionnaire(row.wave.questionnaireVersion)?.items.find((candidate) => candidate.id === commitment.itemId);
    return item ? textIn(item.text, locale) : null;
  }
  if (commitment.linkKind === "priority") return textIn(row.priority?.title, locale);
  if (commitment.linkKind === "indicator") return textIn(row.indicator?.name, locale);
  return null;
}

function timeline(updates: CommitmentUpdate[], locale: Locale): TimelineEntry[] {
  return updates.map((update, index) => ({
    id: update.id,
    on: update.on,
    status: update.status,
    progress: update.progress,
    note: textIn(update.note, locale),
    fields: Object.keys(update.changes),
    first: index === 0,
  }));
}

/**
 * The commitments of these rows as a page shows them, in the reader's language, with their
 * timeline and "did it work" for the audience (through the results gate).
 */
export async function shownCommitments({ db, rows, locale, audience, today = todayInKazakhstan() }: { db: Db; rows: CommitmentRow[]; locale: Locale; audience: Audience; today?: string }): Promise<ShownCommitment[]> {
  const updates = await getUpdates({ db, commitmentIds: rows.map((row) => row.commitment.id) });
  const priorityTargets = new Map<number, { areaId: string | null; itemIds: string[] }>();
  for (const row of rows) {
    const id = row.commitment.priorityId;
    if (row.commitment.linkKind !== "priority" || id === null) continue;
    const priority = await findPriority({ db, id, waveId: row.wave.id, townId: row.town.id });
    if (priority) priorityTargets.set(id, { areaId: priority.areaId, itemIds: priority.itemIds });
  }
  const outcomes = await commitmentOutcomes({ db, rows, audience, k: env.DISCLOSURE_MIN_CELL, locale, priorityTargets });
  return rows.map((row) => {
    const { commitment } = row;
    return {
      id: commitment.id,
      status: commitment.status,
      progress: commitment.progress,
      overdue: isOverdue(commitment, today),
      dueOn: commitment.dueOn,
      heard: textIn(commitment.heard, locale),
      action: textIn(commitment.action, locale),
      responsibleBody: textIn(commitment.responsibleBody, locale),
      declineReason: textIn(commitment.declineReason, locale),
      evidenceUrls: commitment.evidenceUrls,
      link: { kind: commitment.linkKind, areaId: commitment.linkKind === "area" ? commitment.areaId : null, label: linkLabel(row, locale) },
      answeredWave: { slug: row.wave.slug, name: row.wave.name[locale] },
      updates: timeline(updates.get(commitment.id) ?? [], locale),
      outcome: outcomes.get(commitment.id) ?? null,
    };
  });
}

/**
 * A town's commitments for its public page (app/components/loop/commitment-list.tsx):
 * undefined for an unknown town. "Did it work" shows only what the gate lets the public see.
 */
export async function loadTownCommitments(townCode: string, locale: Locale, { db: given, today }: { db?: Db; today?: string } = {}) {
  const db = given ?? (await getDb());
  const [town] = await getTownsByCode({ db, codes: [townCode] });
  if (!town) return undefined;
  const rows = await listCommitments({ db, townCodes: [townCode] });
  return { town: { code: town.code, name: town.name[locale] }, commitments: await shownCommitments({ db, rows, locale, audience: "public", today }) };
}

/** The JSON feed of a town's commitments and their updates (docs/commitments.md): every language, no staff member named. */
export async function townCommitmentsFeed(townCode: string, { db: given, today = todayInKazakhstan() }: { db?: Db; today?: string } = {}) {
  const db = given ?? (await getDb());
  const [town] = await getTownsByCode({ db, codes: [townCode] });
  if (!town) return undefined;
  const rows = await listCommitments({ db, townCodes: [townCode] });
  const updates = await getUpdates({ db, commitmentIds: rows.map((row) => row.commitment.id) });
  const text = (value: LocalizedText | null) => value && { kk: value.kk || null, ru: value.ru || null, en: value.en || null };
  return {
    version: 1,
    town: { code: town.code, name: town.name },
    asOf: today,
    commitments: rows.map(({ commitment, wave, priority, indicator }) => ({
      id: commitment.id,
      wave: wave.slug,
      heard: {
        kind: commitment.linkKind,
        item: commitment.itemId,
        area: commitment.areaId,
        priority: priority?.id ?? null,
        indicator: indicator?.code ?? null,
        text: text(commitment.heard),
      },
      action: text(commitment.action),
      responsibleBody: text(commitment.responsibleBody),
      dueOn: commitment.dueOn,
      status: commitment.status,
      progress: commitment.progress,
      overdue: isOverdue(commitment, today),
      declineReason: text(commitment.declineReason),
      evidence: commitment.evidenceUrls,
      updates: (updates.get(commitment.id) ?? []).map((update) => ({
        on: update.on,
        status: update.status,
        progress: update.progress,
        note: text(update.note),
        changed: Object.keys(update.changes),
      })),
    })),
  };
}
