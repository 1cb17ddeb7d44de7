"use server";

import { getDb } from "@/db/client";
import { recordResponse } from "@/db/queries/responses";
import { runAction, type ActionResult } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { getQuestionnaire, itemRules } from "@/lib/survey/questionnaire";
import { buildResponseSchema, fieldErrorsOf } from "@/lib/survey/response-schema";
import { waves } from "@/db/schema";
import { eq } from "drizzle-orm";

/**
 * A public endpoint: anyone can call it with anything. The wave decides which questionnaire
 * the answers are checked against; nothing is stored unless every answer is valid.
 */
export async function submitResponse(input: unknown): Promise<ActionResult> {
  return runAction("submitResponse", async () => {
    const waveId = (input as { waveId?: unknown } | null)?.waveId;
    if (typeof waveId !== "number" || !Number.isSafeInteger(waveId)) throw new AppError("errors.unknownWave", 404);
    const db = await getDb();
    const [wave] = await db.select().from(waves).where(eq(waves.id, waveId)).limit(1);
    const questionnaire = wave && getQuestionnaire(wave.questionnaireVersion);
    if (!wave || !questionnaire) throw new AppError("errors.unknownWave", 404);

    const parsed = buildResponseSchema(itemRules(questionnaire)).safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    await recordResponse({ db, submission: parsed.data });
    return { status: "ok" };
  });
}
