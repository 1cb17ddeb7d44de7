import "server-only";
import { getDb } from "@/db/client";
import type { Actor } from "@/db/queries/audit";
import { applyImport as writeImport, getIndicatorDefinitions, getLatestFigures, getPopulationStructures, getReferenceData, planImport, type ImportPlan, type ImportRejection } from "@/db/queries/indicators";
import type { ImportKind } from "@/lib/indicators/import-schema";
import { readImport, type ImportSource } from "@/lib/indicators/read-import";

export type { ImportPlan, ImportRejection, PlannedRow } from "@/db/queries/indicators";

/*
 * Official figures, indicator definitions and population structures, imported by admins
 * from files with a preview; nothing is written unless the whole file is.
 */

/** What an import would add and change, or every problem in the file. Writes nothing. */
export async function previewImport(kind: ImportKind, source: ImportSource): Promise<{ ok: true; plan: ImportPlan } | ImportRejection> {
  const db = await getDb();
  const outcome = await readImport(kind, source, await getReferenceData({ db }));
  if (!outcome.ok) return outcome;
  const plan = await planImport({ db, kind, rows: outcome.rows, keep: outcome.keep });
  return { ok: true, plan: { ...plan, ...(outcome.sheet && { sheet: outcome.sheet }), ...(outcome.skipped?.length && { skipped: outcome.skipped }) } };
}

/** Reads and checks the file again (the database may have changed since the preview), then writes it in one transaction with its audit entry. */
export async function applyImport(actor: Actor, kind: ImportKind, source: ImportSource) {
  return writeImport({ db: await getDb(), actor, kind, read: (reference) => readImport(kind, source, reference) });
}

export type { ImportSource } from "@/lib/indicators/read-import";

/** What the import page shows: the reference data a file is checked against, and what is stored now. */
export async function indicatorsPageData() {
  const db = await getDb();
  const [reference, definitions, figures, population] = await Promise.all([getReferenceData({ db }), getIndicatorDefinitions({ db }), getLatestFigures({ db }), getPopulationStructures({ db })]);
  return { reference, definitions, figures, population };
}

export type IndicatorDefinitions = Awaited<ReturnType<typeof getIndicatorDefinitions>>;
export type LatestFigures = Awaited<ReturnType<typeof getLatestFigures>>;
export type PopulationStructures = Awaited<ReturnType<typeof getPopulationStructures>>;

export type { Indicator, IndicatorValue } from "@/db/schema";
