"use server";

import { getDb } from "@/db/client";
import { applyImport as writeImport, getReferenceData, planImport, type ImportPlan, type ImportRejection } from "@/db/queries/indicators";
import type { ActionResult } from "@/lib/action";
import { parseImport } from "@/lib/indicators/csv";
import { importInputSchema } from "@/lib/indicators/import-schema";
import { fieldErrorsOf } from "@/lib/survey/response-schema";
import { staffAction } from "@/app/staff-action";

export type ImportPreview = { status: "preview"; plan: ImportPlan };
export type ImportRejected = { status: "rejected"; fileErrors: ImportRejection["fileErrors"]; issues: ImportRejection["issues"]; issueCount: number };
export type ImportDone = { status: "imported"; counts: ImportPlan["counts"] };

// Enough to fix a file by; a file where every row is wrong would otherwise answer with megabytes.
const MAX_SHOWN_ISSUES = 200;

function rejected({ fileErrors, issues }: ImportRejection): ImportRejected {
  return { status: "rejected", fileErrors, issues: issues.slice(0, MAX_SHOWN_ISSUES), issueCount: issues.length };
}

/** What an import would add and change, or every problem in the file. Writes nothing. */
export async function previewImport(input: unknown): Promise<ActionResult<object, ImportPreview | ImportRejected>> {
  return staffAction<object, ImportPreview | ImportRejected>("previewImport", "indicators.manage", async () => {
    const parsed = importInputSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const { kind, csv } = parsed.data;
    const db = await getDb();
    const outcome = parseImport(kind, csv, await getReferenceData({ db }));
    if (!outcome.ok) return rejected(outcome);
    return { status: "preview", plan: await planImport({ db, kind, rows: outcome.rows }) };
  });
}

/**
 * Imports the file: read and checked again (the database may have changed since the
 * preview), then written in one transaction with its audit entry, or not at all.
 */
export async function applyImport(input: unknown): Promise<ActionResult<object, ImportDone | ImportRejected>> {
  return staffAction<object, ImportDone | ImportRejected>("applyImport", "indicators.manage", async (user) => {
    const parsed = importInputSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const outcome = await writeImport({ db: await getDb(), actor: user, ...parsed.data });
    if (!outcome.ok) return rejected(outcome);
    return { status: "imported", counts: outcome.plan.counts };
  });
}
