"use server";

import type { ActionResult } from "@/lib/action";
import { importInputSchema } from "@/lib/indicators/import-schema";
import { staffAction } from "@/server/auth/staff-action";
import { applyImport as writeImport, previewImport as planImport, type ImportPlan, type ImportRejection } from "@/server/indicators";

export type ImportPreview = { status: "preview"; plan: ImportPlan };
export type ImportRejected = { status: "rejected"; fileErrors: ImportRejection["fileErrors"]; issues: ImportRejection["issues"]; issueCount: number };
export type ImportDone = { status: "imported"; counts: ImportPlan["counts"] };

// Enough to fix a file by; a file where every row is wrong would otherwise answer with megabytes.
const MAX_SHOWN_ISSUES = 200;

function rejected({ fileErrors, issues }: ImportRejection): ImportRejected {
  return { status: "rejected", fileErrors, issues: issues.slice(0, MAX_SHOWN_ISSUES), issueCount: issues.length };
}

/** What an import would add and change, or every problem in the file. Writes nothing. */
export const previewImport: (input: unknown) => Promise<ActionResult<object, ImportPreview | ImportRejected>> = staffAction<
  typeof importInputSchema,
  object,
  ImportPreview | ImportRejected
>("previewImport", importInputSchema, "indicators.manage", async ({ kind, csv }) => {
  const outcome = await planImport(kind, csv);
  return outcome.ok ? { status: "preview", plan: outcome.plan } : rejected(outcome);
});

/**
 * Imports the file: read and checked again (the database may have changed since the
 * preview), then written in one transaction with its audit entry, or not at all.
 */
export const applyImport: (input: unknown) => Promise<ActionResult<object, ImportDone | ImportRejected>> = staffAction<
  typeof importInputSchema,
  object,
  ImportDone | ImportRejected
>("applyImport", importInputSchema, "indicators.manage", async (input, user) => {
  const outcome = await writeImport(user, input.kind, input.csv);
  return outcome.ok ? { status: "imported", counts: outcome.plan.counts } : rejected(outcome);
});
