import * as z from "zod/mini";
import { safeText } from "@/lib/safe-text";

/** The longest interview taken (whole seconds): a day. */
export const MAX_INTERVIEW_SECONDS = 86_400;

/**
 * What an interviewer's device sends beside the answers (docs/fieldwork.md): the assignment,
 * the interview's length (first question to last, whole seconds), the consent recorded
 * before the first question, the refusals of age band and sex, and when it started by the
 * device's clock. `startedAt` is compared with the account's disable and the assignment's
 * closing and never stored.
 */
export const interviewSchema = z.object({
  assignmentId: z.number({ error: "fieldwork.errors.invalidInterview" }).check(z.int({ error: "fieldwork.errors.invalidInterview" }), z.positive({ error: "fieldwork.errors.invalidInterview" })),
  durationSeconds: z
    .number({ error: "fieldwork.errors.invalidDuration" })
    .check(z.int({ error: "fieldwork.errors.invalidDuration" }), z.gte(0, { error: "fieldwork.errors.invalidDuration" }), z.lte(MAX_INTERVIEW_SECONDS, { error: "fieldwork.errors.invalidDuration" })),
  consentGiven: z.boolean({ error: "fieldwork.errors.consentMissing" }),
  startedAt: z.string({ error: "fieldwork.errors.invalidStart" }).check(z.maxLength(40, { error: "fieldwork.errors.invalidStart" }), safeText(), z.iso.datetime({ offset: true, error: "fieldwork.errors.invalidStart" })),
  ageBandRefused: z.boolean({ error: "fieldwork.errors.invalidInterview" }),
  sexRefused: z.boolean({ error: "fieldwork.errors.invalidInterview" }),
});

export type InterviewInput = z.output<typeof interviewSchema>;
