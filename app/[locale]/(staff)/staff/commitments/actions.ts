"use server";

import * as z from "zod/mini";
import type { ActionResult } from "@/lib/action";
import { createCommitmentSchema, updateCommitmentSchema } from "@/lib/commitments/fields";
import type { ImportIssue } from "@/lib/commitments/csv";
import { MAX_COMMITMENT_IMPORT_BYTES } from "@/lib/commitments/csv";
import { staffAction } from "@/server/auth/staff-action";
import { COMMITMENTS_PERMISSION, createCommitment as create, updateCommitment as update } from "@/server/commitments/manage";
import { applyCommitmentImport, previewCommitmentImport, type CommitmentImportPlan } from "@/server/commitments/transfer";

/* Commitments, for officials within their towns and admins ("dashboard.view" and the town scope). */

export const createCommitment = staffAction<typeof createCommitmentSchema, { id: number }>("createCommitment", createCommitmentSchema, COMMITMENTS_PERMISSION, async (input, user) => ({ status: "ok" as const, ...(await create(user, input)) }));

export const updateCommitment = staffAction("updateCommitment", updateCommitmentSchema, COMMITMENTS_PERMISSION, async (input, user) => {
  await update(user, input);
});

const importSchema = z.object({
  csv: z.string({ error: "commitments.import.empty" }).check(z.minLength(1, { error: "commitments.import.empty" }), z.maxLength(MAX_COMMITMENT_IMPORT_BYTES, { error: "commitments.import.tooLarge" })),
});

export type CommitmentImportPreview = { status: "preview"; plan: CommitmentImportPlan };
export type CommitmentImportRejected = { status: "rejected"; issues: ImportIssue[]; issueCount: number };
export type CommitmentImportDone = { status: "imported"; counts: CommitmentImportPlan["counts"] };

const MAX_SHOWN_ISSUES = 200;
const rejected = (issues: ImportIssue[]): CommitmentImportRejected => ({ status: "rejected", issues: issues.slice(0, MAX_SHOWN_ISSUES), issueCount: issues.length });

/** What an import would add and change, or every problem in the file. Writes nothing. */
export const previewImport: (input: unknown) => Promise<ActionResult<object, CommitmentImportPreview | CommitmentImportRejected>> = staffAction<
  typeof importSchema,
  object,
  CommitmentImportPreview | CommitmentImportRejected
>("previewCommitmentImport", importSchema, COMMITMENTS_PERMISSION, async ({ csv }, user) => {
  const outcome = await previewCommitmentImport(user, csv);
  return outcome.ok ? { status: "preview", plan: outcome.plan } : rejected(outcome.issues);
});

/** Imports the file, checked again, in one transaction: every changed commitment gains an update. */
export const applyImport: (input: unknown) => Promise<ActionResult<object, CommitmentImportDone | CommitmentImportRejected>> = staffAction<
  typeof importSchema,
  object,
  CommitmentImportDone | CommitmentImportRejected
>("applyCommitmentImport", importSchema, COMMITMENTS_PERMISSION, async ({ csv }, user) => {
  const outcome = await applyCommitmentImport(user, csv);
  return outcome.ok ? { status: "imported", counts: outcome.plan.counts } : rejected(outcome.issues);
});
