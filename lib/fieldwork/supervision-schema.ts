import * as z from "zod/mini";
import { safeText } from "@/lib/safe-text";

/** The supervisor's forms (docs/fieldwork.md), for the form (zodResolver) and the action (safeParse). */

/** The most interviews one assignment may ask for. */
export const MAX_ASSIGNMENT_TARGET = 5000;
/** The longest reason a review may give. */
export const MAX_REVIEW_REASON = 500;

const slug = z.string({ error: "supervision.errors.notFound" }).check(z.minLength(1, { error: "supervision.errors.notFound" }), z.maxLength(100, { error: "supervision.errors.notFound" }), safeText());

export const createAssignmentSchema = z.object({
  waveSlug: slug,
  townCode: slug,
  interviewerId: z.string({ error: "supervision.errors.interviewerRequired" }).check(z.minLength(1, { error: "supervision.errors.interviewerRequired" }), z.maxLength(100, { error: "supervision.errors.notAnInterviewer" }), safeText()),
  target: z.int({ error: "supervision.errors.target" }).check(z.minimum(1, { error: "supervision.errors.target" }), z.maximum(MAX_ASSIGNMENT_TARGET, { error: "supervision.errors.target" })),
});
export type CreateAssignmentInput = z.input<typeof createAssignmentSchema>;

export const closeAssignmentSchema = z.object({
  assignmentId: z.int({ error: "supervision.errors.notFound" }).check(z.positive({ error: "supervision.errors.notFound" })),
});

export const reviewInterviewSchema = z
  .object({
    responseId: z.string({ error: "supervision.errors.interviewNotFound" }).check(z.uuid({ error: "supervision.errors.interviewNotFound" })),
    decision: z.enum(["approve", "reject"], { error: "supervision.errors.decision" }),
    reason: z.string({ error: "supervision.errors.reasonTooLong" }).check(z.trim(), z.maxLength(MAX_REVIEW_REASON, { error: "supervision.errors.reasonTooLong" }), safeText()),
  })
  .check(z.refine((value) => value.decision !== "reject" || value.reason.length > 0, { error: "supervision.errors.reasonRequired", path: ["reason"] }));
export type ReviewInterviewInput = z.input<typeof reviewInterviewSchema>;
