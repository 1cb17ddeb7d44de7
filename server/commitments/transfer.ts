import "server-only";
import { getDb, type Db } from "@/db/client";
import { changeCommitment, getCommitment, insertCommitment, listCommitments, type LinkColumns } from "@/db/queries/commitments";
import { getWaveTownContext } from "@/db/queries/waves";
import { commitmentsCsv, parseCommitmentsCsv, type ImportIssue, type ImportRow } from "@/lib/commitments/csv";
import { changesBetween, type CommitmentState } from "@/lib/commitments/fields";
import { AppError } from "@/lib/errors";
import type { LocalizedText } from "@/lib/i18n/locales";
import { todayInKazakhstan } from "@/lib/time";
import { maySeeTown, type StaffUser } from "@/server/auth/session";
import { linkFor, resolveLink, stateOfRow, townScope } from "./manage";

/*
 * Commitments as CSV and back, in the indicator import's way (server/indicators.ts): a
 * preview that writes nothing, with every row's problem or change (old → new), then an
 * import that checks the file again and writes all of it in one transaction, or none.
 */

/** The CSV of one town's commitments, or of every town the staff member works with. 403 for a town outside them. */
export async function exportCommitments(user: StaffUser, townCode: string | null, { db: given }: { db?: Db } = {}) {
  if (townCode !== null && !maySeeTown(user, townCode)) throw new AppError("errors.forbidden", 403);
  const db = given ?? (await getDb());
  const scope = townScope(user);
  const rows = await listCommitments({ db, townCodes: townCode !== null ? [townCode] : scope });
  return commitmentsCsv(rows.map((row) => ({ id: row.commitment.id, townCode: row.town.code, waveSlug: row.wave.slug, ...stateOfRow(row) })));
}

export interface PlannedCommitment {
  line: number;
  status: "added" | "changed" | "unchanged";
  id: number | null;
  townCode: string;
  waveSlug: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface CommitmentImportPlan {
  rows: PlannedCommitment[];
  counts: { added: number; changed: number; unchanged: number };
}

export type PlanOutcome = { ok: true; plan: CommitmentImportPlan; writes: Write[] } | { ok: false; issues: ImportIssue[] };

type Write =
  | { kind: "add"; townId: number; waveId: number; state: CommitmentState; link: LinkColumns; note: LocalizedText | null; changes: PlannedCommitment["changes"] }
  | { kind: "change"; id: number; state: CommitmentState; link: LinkColumns; note: LocalizedText | null; changes: PlannedCommitment["changes"] };

const noteOf = (note: LocalizedText): LocalizedText | null => (Object.values(note).some((text) => text) ? note : null);

/** Each row checked against the database: its town (the staff member's), its commitment, its link. */
async function plan(db: Db, user: StaffUser, rows: ImportRow[]): Promise<PlanOutcome> {
  const issues: ImportIssue[] = [];
  const planned: PlannedCommitment[] = [];
  const writes: Write[] = [];
  for (const row of rows) {
    const { line } = row;
    if (!maySeeTown(user, row.townCode)) {
      issues.push({ line, column: "town", key: "commitments.import.notYourTown", params: { town: row.townCode } });
      continue;
    }
    try {
      if (row.id === null) {
        const context = await getWaveTownContext({ db, slug: row.waveSlug, townCode: row.townCode });
        if (!context) {
          issues.push({ line, column: "wave", key: "commitments.errors.waveTown" });
          continue;
        }
        const link = await resolveLink({ db, questionnaire: context.questionnaire, waveId: context.wave.id, townId: context.town.id, state: row.state });
        const changes = changesBetween(null, row.state);
        planned.push({ line, status: "added", id: null, townCode: row.townCode, waveSlug: row.waveSlug, changes });
        writes.push({ kind: "add", townId: context.town.id, waveId: context.wave.id, state: row.state, link, note: noteOf(row.note), changes });
        continue;
      }
      const stored = await getCommitment({ db, id: row.id });
      if (!stored || !maySeeTown(user, stored.town.code)) {
        issues.push({ line, column: "id", key: "commitments.import.unknownId", params: { id: row.id } });
        continue;
      }
      if (stored.town.code !== row.townCode || stored.wave.slug !== row.waveSlug) {
        issues.push({ line, column: stored.town.code !== row.townCode ? "town" : "wave", key: "commitments.import.moved" });
        continue;
      }
      const changes = changesBetween(stateOfRow(stored), row.state);
      // A note alone adds nothing here (unlike the form): importing the same file twice must
      // not put its notes on the timeline twice.
      if (Object.keys(changes).length === 0) {
        planned.push({ line, status: "unchanged", id: row.id, townCode: row.townCode, waveSlug: row.waveSlug, changes });
        continue;
      }
      const link = await linkFor(db, stored, row.state);
      planned.push({ line, status: "changed", id: row.id, townCode: row.townCode, waveSlug: row.waveSlug, changes });
      writes.push({ kind: "change", id: row.id, state: row.state, link, note: noteOf(row.note), changes });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      issues.push({ line, column: error.field === "linkTarget" ? "link" : null, key: error.messageKey });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const count = (status: PlannedCommitment["status"]) => planned.filter((row) => row.status === status).length;
  return { ok: true, plan: { rows: planned, counts: { added: count("added"), changed: count("changed"), unchanged: count("unchanged") } }, writes };
}

/** What an import would add and change, or every problem in the file. Writes nothing. */
export async function previewCommitmentImport(user: StaffUser, csv: string, { db: given }: { db?: Db } = {}): Promise<{ ok: true; plan: CommitmentImportPlan } | { ok: false; issues: ImportIssue[] }> {
  const parsed = parseCommitmentsCsv(csv);
  if (!parsed.ok) return parsed;
  const outcome = await plan(given ?? (await getDb()), user, parsed.rows);
  return outcome.ok ? { ok: true, plan: outcome.plan } : outcome;
}

/**
 * Imports the file: read and checked again inside the transaction (the database may have
 * changed since the preview), then every added or changed commitment written with its
 * update and audit entry, or nothing at all. Unchanged rows write nothing.
 */
export async function applyCommitmentImport(user: StaffUser, csv: string, { db: given, today = todayInKazakhstan() }: { db?: Db; today?: string } = {}): Promise<{ ok: true; plan: CommitmentImportPlan } | { ok: false; issues: ImportIssue[] }> {
  const parsed = parseCommitmentsCsv(csv);
  if (!parsed.ok) return parsed;
  const db = given ?? (await getDb());
  return db.transaction(async (tx) => {
    const outcome = await plan(tx, user, parsed.rows);
    if (!outcome.ok) return outcome;
    for (const write of outcome.writes) {
      const change = { actor: user, on: today, state: write.state, link: write.link, note: write.note, changes: write.changes, audit: "commitment.import" as const };
      if (write.kind === "add") await insertCommitment({ db: tx, townId: write.townId, waveId: write.waveId, change });
      else await changeCommitment({ db: tx, id: write.id, change });
    }
    return { ok: true as const, plan: outcome.plan };
  });
}
