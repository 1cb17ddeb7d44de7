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
 * anything may arrive. Order of checks: proof of work, rate limit, the challenge spent once,
 * then the wave it answers (read once) and the answers against that wave's questionnaire;
 * nothing is stored unless all pass.
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
    const wave = await getWaveById({ db, id: target.data.waveId });
    const questionnaire = wave && getQuestionnaire(wave.questionnaireVersion);
    if (!wave || !questionnaire) throw new AppError("errors.unknownWave", 404);

    const parsed = responseSchemaFor(questionnaire).safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    await recordResponse({ db, submission: parsed.data, wave });
    return { status: "ok" };
  });
}
