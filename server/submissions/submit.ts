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
 */
export async function submitResponse(body: unknown, { address }: { address: string }): Promise<ActionResult> {
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
