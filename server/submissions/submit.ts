import "server-only";
import { getDb } from "@/db/client";
import { recordSubmissionAttempt } from "@/db/queries/abuse";
import { getWaveById } from "@/db/queries/responses";
import { checkProofOfWork } from "@/lib/abuse/proof-of-work";
import { submissionBucket } from "@/server/abuse/address-bucket";
import { powSecret } from "@/server/secrets";
import { runAction, type ActionResult } from "@/lib/action";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import { getQuestionnaire, itemRules } from "@/lib/survey/questionnaire";
import { buildResponseSchema, submissionWaveSchema } from "@/lib/survey/response-schema";
import type { Questionnaire } from "@/lib/survey/types";
import { todayInKazakhstan } from "@/lib/time";
import { deviceCredentialOf } from "@/server/fieldwork/devices";
import { admitInterviewer, checkInterview } from "./interview";
import { recordResponse } from "./record";

const schemas = new WeakMap<Questionnaire, ReturnType<typeof buildResponseSchema>>();

/** The response schema of a questionnaire, built once per process rather than per submission. */
function responseSchemaFor(questionnaire: Questionnaire) {
  let schema = schemas.get(questionnaire);
  if (!schema) schemas.set(questionnaire, (schema = buildResponseSchema(itemRules(questionnaire))));
  return schema;
}

/**
 * One resident's submission, from the form or from the phone's outbox. A public endpoint:
 * anything may arrive. Order of checks: proof of work, rate limit, the challenge spent once
 * (one statement), then the answers against the questionnaire version the submission
 * declares, then the write (the second statement), which checks the wave's rules itself
 * (record.ts); nothing is stored unless all pass. The wave is read only to refuse: an
 * unknown wave is told as such whatever else is wrong with the submission.
 *
 * An interviewer's device sends `Authorization: Bearer qd_…` instead of a proof of work:
 * the credential and the interviewer's daily limit replace the proof and the address's
 * limit, and the `interview` part is checked after the answers (./interview.ts); the
 * response is stored face to face (mode 2) with its interviews row, in one statement.
 */
export async function submitResponse(body: unknown, { address, authorization = null }: { address: string; authorization?: string | null }): Promise<ActionResult> {
  const credential = deviceCredentialOf(authorization);
  if (credential !== null) return submitInterview(body, credential);
  return runAction("submitResponse", async () => {
    const db = await getDb();
    // Proof of work first: only a sender who did the work can use up an address's quota.
    const { pow, ...input } = (typeof body === "object" && body !== null ? body : {}) as { pow?: unknown };
    const proof = await checkProofOfWork(pow, powSecret());
    if (!proof.ok || !proof.signature) throw new AppError("errors.powInvalid", 400);
    const day = todayInKazakhstan();
    const bucket = await submissionBucket({ db, address, day });
    const { withinLimit, firstUse } = await recordSubmissionAttempt({
      db,
      bucket,
      day,
      limit: env.RATE_LIMIT_PER_DAY,
      signature: proof.signature,
      expiresOn: todayInKazakhstan(new Date((proof.expiresAt ?? 0) * 1000)),
    });
    if (!withinLimit) throw new AppError("errors.rateLimited", 429);
    if (!firstUse) throw new AppError("errors.powInvalid", 400);

    const target = submissionWaveSchema.safeParse(input);
    if (!target.success) throw new AppError("errors.unknownWave", 404);
    const { waveId, questionnaireVersion } = target.data;
    const questionnaire = typeof questionnaireVersion === "string" ? getQuestionnaire(questionnaireVersion) : undefined;
    const parsed = questionnaire && responseSchemaFor(questionnaire).safeParse(input);
    if (!parsed?.success) {
      const wave = await getWaveById({ db, id: waveId });
      if (!wave) throw new AppError("errors.unknownWave", 404);
      if (!parsed) throw new AppError("errors.versionMismatch", 409, "questionnaireVersion");
      return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    await recordResponse({ db, submission: parsed.data });
    return { status: "ok" };
  });
}

/** An interviewer's submission: the same path with the device credential (see submitResponse). */
function submitInterview(body: unknown, credential: string): Promise<ActionResult> {
  return runAction("submitInterview", async () => {
    const db = await getDb();
    const day = todayInKazakhstan();
    const interviewer = await admitInterviewer({ db, credential, day });
    const { interview, ...input } = (typeof body === "object" && body !== null ? body : {}) as { interview?: unknown };
    if (typeof interview !== "object" || interview === null) throw new AppError("fieldwork.errors.consentMissing", 422);
    const target = submissionWaveSchema.safeParse(input);
    if (!target.success) throw new AppError("errors.unknownWave", 404);
    const { waveId, questionnaireVersion } = target.data;
    const questionnaire = typeof questionnaireVersion === "string" ? getQuestionnaire(questionnaireVersion) : undefined;
    const parsed = questionnaire && responseSchemaFor(questionnaire).safeParse(input);
    if (!questionnaire || !parsed?.success) {
      const wave = await getWaveById({ db, id: waveId });
      if (!wave) throw new AppError("errors.unknownWave", 404);
      if (!parsed?.error) throw new AppError("errors.versionMismatch", 409, "questionnaireVersion");
      return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    const checked = await checkInterview({ db, interviewer, input: interview, submission: parsed.data, questionnaire });
    if (checked.status === "invalid") return checked;
    await recordResponse({ db, submission: parsed.data, day, interview: checked.record });
    return { status: "ok" };
  });
}
