import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { recordSubmissionAttempt } from "@/db/queries/abuse";
import { recordResponse, todayInKazakhstan } from "@/db/queries/responses";
import { waves } from "@/db/schema";
import { addressBucket } from "@/lib/abuse/address-bucket";
import { checkProofOfWork } from "@/lib/abuse/proof-of-work";
import { powSecret, rateLimitSecret } from "@/lib/abuse/secrets";
import { runAction, type ActionResult } from "@/lib/action";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getQuestionnaire, itemRules } from "@/lib/survey/questionnaire";
import { buildResponseSchema, fieldErrorsOf } from "@/lib/survey/response-schema";
import type { Questionnaire } from "@/lib/survey/types";

const schemas = new WeakMap<Questionnaire, ReturnType<typeof buildResponseSchema>>();

/** The response schema of a questionnaire, built once per process rather than per submission. */
function responseSchemaFor(questionnaire: Questionnaire) {
  let schema = schemas.get(questionnaire);
  if (!schema) schemas.set(questionnaire, (schema = buildResponseSchema(itemRules(questionnaire))));
  return schema;
}

/**
 * One resident's submission, from the form or from the phone's outbox. A public endpoint:
 * anything may arrive. Order of checks: proof of work, rate limit, the challenge spent once, then
 * the answers against the wave's questionnaire; nothing is stored unless all pass.
 */
export async function submitResponse(body: unknown, { address }: { address: string }): Promise<ActionResult> {
  return runAction("submitResponse", async () => {
    const db = await getDb();
    // Proof of work first: only a sender who did the work can use up an address's quota.
    const { pow, ...input } = (typeof body === "object" && body !== null ? body : {}) as { pow?: unknown; waveId?: unknown };
    const proof = await checkProofOfWork(pow, powSecret());
    if (!proof.ok || !proof.signature) throw new AppError("errors.powInvalid", 400);
    const bucket = addressBucket(address, rateLimitSecret(), todayInKazakhstan());
    const { withinLimit, firstUse } = await recordSubmissionAttempt({
      db,
      bucket,
      limit: env.RATE_LIMIT_PER_HOUR,
      signature: proof.signature,
      expiresAt: new Date((proof.expiresAt ?? 0) * 1000),
    });
    if (!withinLimit) throw new AppError("errors.rateLimited", 429);
    if (!firstUse) throw new AppError("errors.powInvalid", 400);

    const waveId = input.waveId;
    if (typeof waveId !== "number" || !Number.isInteger(waveId) || waveId < 1 || waveId > 2_147_483_647) {
      throw new AppError("errors.unknownWave", 404);
    }
    const [wave] = await db.select().from(waves).where(eq(waves.id, waveId)).limit(1);
    const questionnaire = wave && getQuestionnaire(wave.questionnaireVersion);
    if (!wave || !questionnaire) throw new AppError("errors.unknownWave", 404);

    const parsed = responseSchemaFor(questionnaire).safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    await recordResponse({ db, submission: parsed.data, wave });
    return { status: "ok" };
  });
}
