import "server-only";
import { eq, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { getQuestionnaire, itemRules } from "@/lib/survey/questionnaire";
import type { ResponseSubmission } from "@/lib/survey/response-schema";
import { withoutHidden } from "@/lib/survey/skip-logic";
import type { Db } from "../client";
import { answerCounts, answerGroupCounts, answers, responses, ROLLUP_SHARDS, textAnswers, townResponseCounts, waves } from "../schema";
import { returnInvitationCode, takeInvitationCode } from "./abuse";
import { isWaveOpen } from "./waves";

export type RecordOutcome = "stored" | "duplicate";

/** The code a response gave to a grouping question, or 0 when it gave none. */
function answered(coded: [string, number][], itemId: string): number {
  return coded.find(([id]) => id === itemId)?.[1] ?? 0;
}

/** Today's date in Kazakhstan (UTC+5): the finest time a response keeps. */
export function todayInKazakhstan(now = new Date()): string {
  return new Date(now.getTime() + 5 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Stores a validated submission, its answers and the rollup counts in one transaction.
 * The response id is made on the phone: a repeat is acknowledged ("duplicate") and
 * changes nothing, so retries and offline resubmission never count an answer twice.
 */
export async function recordResponse({
  db,
  submission,
  day = todayInKazakhstan(),
  isDemo = false,
  acceptClosedWave = false,
  wave: givenWave,
}: {
  db: Db;
  submission: ResponseSubmission;
  /** The wave row, when the caller has read it already. */
  wave?: typeof waves.$inferSelect;
  day?: string;
  isDemo?: boolean;
  /** Only for generating the demo history of a closed wave. */
  acceptClosedWave?: boolean;
}): Promise<RecordOutcome> {
  const wave = givenWave?.id === submission.waveId ? givenWave : (await db.select().from(waves).where(eq(waves.id, submission.waveId)).limit(1))[0];
  if (!wave) throw new AppError("errors.unknownWave", 404, "waveId");
  if (wave.questionnaireVersion !== submission.questionnaireVersion) {
    throw new AppError("errors.versionMismatch", 409, "questionnaireVersion");
  }
  const questionnaire = getQuestionnaire(wave.questionnaireVersion);
  if (!questionnaire) throw new AppError("errors.versionMismatch", 409, "questionnaireVersion");
  // Answers to questions that skip logic hid are dropped, whatever the phone sent.
  const asked = Object.entries(withoutHidden(itemRules(questionnaire), submission.answers));
  const byItem = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);
  const coded = asked.filter((entry): entry is [string, number] => typeof entry[1] === "number").sort(byItem);
  const texts = asked.filter((entry): entry is [string, string] => typeof entry[1] === "string").sort(byItem);

  // A repeat of a stored response is acknowledged without taking another code.
  if (wave.requiresInvitation) {
    const [known] = await db.select({ id: responses.id }).from(responses).where(eq(responses.id, submission.responseId)).limit(1);
    if (known) return "duplicate";
  }
  const code = wave.requiresInvitation ? submission.invitationCode : undefined;
  if (wave.requiresInvitation && (!code || !(await takeInvitationCode({ db, waveId: wave.id, code })))) {
    // The same response sent twice at once: the other request took the code and stored it.
    const [stored] = await db.select({ id: responses.id }).from(responses).where(eq(responses.id, submission.responseId)).limit(1);
    if (stored) return "duplicate";
    throw new AppError("errors.invitationInvalid", 403, "invitationCode");
  }

  const waveRow = wave;
  try {
    return await storeResponse(waveRow);
  } catch (error) {
    if (code) await returnInvitationCode({ db, waveId: waveRow.id, code });
    // A town id that no town has fails the foreign key: the same answer as a town outside the wave.
    const pgCode = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
    if (pgCode === "23503") throw new AppError("errors.unknownTown", 422, "townId");
    throw error;
  }

  function storeResponse(wave: typeof waveRow) {
    // Each submission counts into one shard of the rollups, so concurrent submissions to
    // one town rarely wait for each other's row locks.
    const shard = Math.floor(Math.random() * ROLLUP_SHARDS);
    return db.transaction(async (tx) => {
      const inserted = await tx
        .insert(responses)
        .values({
          id: submission.responseId,
          waveId: wave.id,
          townId: submission.townId,
          locale: submission.locale,
          questionnaireVersion: submission.questionnaireVersion,
          submittedOn: day,
          isDemo,
        })
        .onConflictDoNothing({ target: responses.id })
        .returning({ id: responses.id });
      if (inserted.length === 0) return "duplicate";

      // Checked after the insert has claimed the id, so that a repeat of a response that
      // was stored before the wave closed is still acknowledged as stored.
      if (!acceptClosedWave && !isWaveOpen(wave, day)) throw new AppError("errors.waveClosed", 409);
      if (texts.length > 0) {
        await tx.insert(textAnswers).values(texts.map(([itemId, text]) => ({ responseId: submission.responseId, itemId, text })));
      }

      if (coded.length > 0) {
        await tx.insert(answers).values(coded.map(([itemId, value]) => ({ responseId: submission.responseId, itemId, value })));
        // Rows are sorted by item so concurrent transactions take row locks in one order.
        await tx
          .insert(answerCounts)
          .values(coded.map(([itemId, value]) => ({ waveId: wave.id, townId: submission.townId, itemId, value, shard, responses: 1, demoResponses: isDemo ? 1 : 0 })))
          .onConflictDoUpdate({
            target: [answerCounts.waveId, answerCounts.townId, answerCounts.itemId, answerCounts.value, answerCounts.shard],
            set: {
              responses: sql`${answerCounts.responses} + 1`,
              demoResponses: sql`${answerCounts.demoResponses} + ${isDemo ? 1 : 0}`,
            },
          });
        // The same counts split by the respondent's age band, sex and employment (0: not said).
        const group = { ageBand: answered(coded, "age_band"), sex: answered(coded, "sex"), employment: answered(coded, "employment") };
        await tx
          .insert(answerGroupCounts)
          .values(coded.map(([itemId, value]) => ({ waveId: wave.id, townId: submission.townId, itemId, value, ...group, responses: 1, demoResponses: isDemo ? 1 : 0 })))
          .onConflictDoUpdate({
            target: [
              answerGroupCounts.waveId,
              answerGroupCounts.townId,
              answerGroupCounts.itemId,
              answerGroupCounts.value,
              answerGroupCounts.ageBand,
              answerGroupCounts.sex,
              answerGroupCounts.employment,
            ],
            set: {
              responses: sql`${answerGroupCounts.responses} + 1`,
              demoResponses: sql`${answerGroupCounts.demoResponses} + ${isDemo ? 1 : 0}`,
            },
          });
      }
      // Its foreign key to wave_towns refuses a town outside the wave (error 23503, below).
      await tx
        .insert(townResponseCounts)
        .values({ waveId: wave.id, townId: submission.townId, shard, responses: 1, demoResponses: isDemo ? 1 : 0 })
        .onConflictDoUpdate({
          target: [townResponseCounts.waveId, townResponseCounts.townId, townResponseCounts.shard],
          set: {
            responses: sql`${townResponseCounts.responses} + 1`,
            demoResponses: sql`${townResponseCounts.demoResponses} + ${isDemo ? 1 : 0}`,
          },
        });
      return "stored";
    });
  }
}
