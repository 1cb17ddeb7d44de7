import "server-only";
import type { Db } from "@/db/client";
import { countDaySubmission } from "@/db/queries/abuse";
import { findAssignment } from "@/db/queries/device-assignments";
import type { InterviewRecord } from "@/db/queries/responses";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import { interviewSchema } from "@/lib/fieldwork/interview-schema";
import { qualityFlags } from "@/lib/fieldwork/quality";
import type { ResponseSubmission } from "@/lib/survey/response-schema";
import type { Questionnaire } from "@/lib/survey/types";
import { interviewerBucket } from "@/server/abuse/address-bucket";
import { authenticateDevice } from "@/server/fieldwork/devices";

/**
 * The interviewer behind a device credential, counted against their day's limit
 * (INTERVIEWS_PER_DAY): what replaces the proof of work and the address's limit for an
 * interview (docs/fieldwork.md). 401 for an unknown or revoked credential, 429 past the
 * day's limit (Retry-After: the next day in Kazakhstan).
 */
export async function admitInterviewer({ db, credential, day }: { db: Db; credential: string; day: string }) {
  const interviewer = await authenticateDevice(credential);
  const count = await countDaySubmission({ db, bucket: await interviewerBucket({ db, interviewerId: interviewer.userId, day }), day });
  if (count > env.INTERVIEWS_PER_DAY) throw new AppError("fieldwork.errors.rateLimited", 429);
  return interviewer;
}

export type InterviewCheck = { status: "ok"; record: InterviewRecord } | { status: "invalid"; fieldErrors: Record<string, string[]> };

/**
 * What an interview adds to a resident's submission, checked before anything is stored:
 * its fields (422), the consent (422), the assignment (this interviewer's, the same wave and
 * town: else 403), its closing (started after it: 409), the account's disable (started after
 * it: 403; started before it: taken, flagged for review). The refusals of age band and sex
 * must agree with the answers (a refused answer is absent). Then the quality flags.
 */
export async function checkInterview({ db, interviewer, input, submission, questionnaire }: {
  db: Db;
  interviewer: { userId: string; disabledAt: Date | null };
  input: unknown;
  submission: ResponseSubmission;
  questionnaire: Questionnaire;
}): Promise<InterviewCheck> {
  const consent = (input as { consentGiven?: unknown } | null)?.consentGiven;
  if (typeof input === "object" && input !== null && consent !== true) throw new AppError("fieldwork.errors.consentMissing", 422);
  const parsed = interviewSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(Object.entries(fieldErrorsOf(parsed.error)).map(([field, errors]) => [`interview.${field}`, errors]));
    return { status: "invalid", fieldErrors: Object.keys(fieldErrors).length > 0 ? fieldErrors : { interview: ["fieldwork.errors.invalidInterview"] } };
  }
  const interview = parsed.data;
  const answers = submission.answers as Record<string, unknown>;
  if (interview.ageBandRefused === (answers.age_band !== undefined)) return { status: "invalid", fieldErrors: { "interview.ageBandRefused": ["fieldwork.errors.invalidInterview"] } };
  if (interview.sexRefused === (answers.sex !== undefined)) return { status: "invalid", fieldErrors: { "interview.sexRefused": ["fieldwork.errors.invalidInterview"] } };

  const assignment = await findAssignment({ db, id: interview.assignmentId });
  if (!assignment || assignment.interviewerId !== interviewer.userId || assignment.waveId !== submission.waveId || assignment.townId !== submission.townId) {
    throw new AppError("fieldwork.errors.notAssigned", 403);
  }
  const startedAt = new Date(interview.startedAt);
  if (assignment.closedAt !== null && assignment.closedAt <= startedAt) throw new AppError("fieldwork.errors.assignmentClosed", 409);
  if (interviewer.disabledAt !== null && interviewer.disabledAt <= startedAt) throw new AppError("fieldwork.errors.interviewerDisabled", 403);

  const flags = qualityFlags({ questionnaire, answers, durationSeconds: interview.durationSeconds });
  return {
    status: "ok",
    record: {
      interviewerId: interviewer.userId,
      assignmentId: assignment.id,
      durationSeconds: interview.durationSeconds,
      ageBandRefused: interview.ageBandRefused,
      sexRefused: interview.sexRefused,
      speeding: flags.speeding,
      straightLining: flags.straightLining,
      needsReview: interviewer.disabledAt !== null,
    },
  };
}
