"use server";

import type * as z from "zod/mini";
import type { ActionResult } from "@/lib/action";
import { BUREAU_CITATION } from "@/lib/indicators/bureau";
import { importInputSchema } from "@/lib/indicators/import-schema";
import { staffAction } from "@/server/auth/staff-action";
import { applyImport as writeImport, previewImport as planImport, type ImportPlan, type ImportRejection, type ImportSource } from "@/server/indicators";

export type ImportPreview = { status: "preview"; plan: ImportPlan };
export type ImportRejected = { status: "rejected"; fileErrors: ImportRejection["fileErrors"]; issues: ImportRejection["issues"]; issueCount: number; sheet?: ImportRejection["sheet"] };
export type ImportDone = { status: "imported"; counts: ImportPlan["counts"] };

// Enough to fix a file by; a file where every row is wrong would otherwise answer with megabytes.
const MAX_SHOWN_ISSUES = 200;

function rejected({ fileErrors, issues, sheet }: ImportRejection): ImportRejected {
  return { status: "rejected", fileErrors, issues: issues.slice(0, MAX_SHOWN_ISSUES), issueCount: issues.length, ...(sheet && { sheet }) };
}

/** The form's input as the import reads it: the chosen file's bytes when there is one, else the CSV text. */
async function sourceOf(input: z.output<typeof importInputSchema>): Promise<ImportSource> {
  if (!input.file) return { format: "csv", csv: input.csv };
  return {
    format: "file",
    bytes: new Uint8Array(await input.file.arrayBuffer()),
    sheet: input.sheet,
    bureau: { indicator: input.indicator || undefined, source: BUREAU_CITATION, address: input.sourceAddress ?? "", retrievedOn: input.retrievedOn ?? "" },
  };
}

/** What an import would add and change, or every problem in the file. Writes nothing. */
export const previewImport: (input: unknown) => Promise<ActionResult<object, ImportPreview | ImportRejected>> = staffAction<
  typeof importInputSchema,
  object,
  ImportPreview | ImportRejected
>("previewImport", importInputSchema, "indicators.manage", async (input) => {
  const outcome = await planImport(input.kind, await sourceOf(input));
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
  const outcome = await writeImport(user, input.kind, await sourceOf(input));
  return outcome.ok ? { status: "imported", counts: outcome.plan.counts } : rejected(outcome);
});
