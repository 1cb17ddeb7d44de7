import "server-only";
import type { Db } from "@/db/client";
import { PG, pgErrorCode } from "@/db/pg-errors";
import { returnInvitationCode, takeInvitationCode } from "@/db/queries/abuse";
import { getWaveById, insertResponse, responseExists, withDeadlockRetry } from "@/db/queries/responses";
import type { Wave } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { getQuestionnaire, itemRules } from "@/lib/survey/questionnaire";
import type { ResponseSubmission } from "@/lib/survey/response-schema";
import { withoutHidden } from "@/lib/survey/skip-logic";
import { checkBallot, insertBallot } from "@/server/priorities/ballots";
import { todayInKazakhstan } from "@/lib/time";

export type RecordOutcome = "stored" | "duplicate";

const byItem = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Stores a validated submission, its answers and the rollup counts in one statement.
 * The response id is made on the phone: a repeat is acknowledged ("duplicate") and
 * changes nothing, so retries and offline resubmission never count an answer twice.
 * The submission was validated against this wave's questionnaire (its version included)
 * by the caller; the wave is read once, by the caller or here. A ballot of the priorities
 * step is checked against the election of the response's wave and town first (422, nothing
 * stored) and stored in the same transaction as the response.
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
  wave?: Wave;
  day?: string;
  isDemo?: boolean;
  /** Only for generating the demo history of a closed wave. */
  acceptClosedWave?: boolean;
}): Promise<RecordOutcome> {
  const wave = givenWave?.id === submission.waveId ? givenWave : await getWaveById({ db, id: submission.waveId });
  if (!wave) throw new AppError("errors.unknownWave", 404, "waveId");
  const questionnaire = getQuestionnaire(wave.questionnaireVersion);
  if (!questionnaire || wave.questionnaireVersion !== submission.questionnaireVersion) {
    throw new AppError("errors.versionMismatch", 409, "questionnaireVersion");
  }
  // Answers to questions that skip logic hid are dropped, whatever the phone sent.
  const asked = Object.entries(withoutHidden(itemRules(questionnaire), submission.answers));
  const coded = asked.filter((entry): entry is [string, number] => typeof entry[1] === "number").sort(byItem);
  const texts = asked.filter((entry): entry is [string, string] => typeof entry[1] === "string").sort(byItem);
  const isRepeat = () => responseExists({ db, id: submission.responseId });
  const choices = submission.priorities;
  // Refused before an invitation code is taken; checked again, under lock, where it is stored.
  if (choices) await checkBallot({ db, waveId: wave.id, townId: submission.townId, choices });

  // A repeat of a stored response is acknowledged without taking another invitation code.
  const code = wave.requiresInvitation ? submission.invitationCode : undefined;
  if (wave.requiresInvitation) {
    if (await isRepeat()) return "duplicate";
    if (!code || !(await takeInvitationCode({ db, waveId: wave.id, code }))) {
      // The same response sent twice at once: the other request took the code and stored it.
      if (await isRepeat()) return "duplicate";
      throw new AppError("errors.invitationInvalid", 403, "invitationCode");
    }
  }

  let stored: boolean;
  try {
    const insert = (tx: Db) => insertResponse({ db: tx, wave, submission, coded, texts, day, isDemo, acceptClosedWave });
    stored = await withDeadlockRetry(() =>
      choices
        ? db.transaction(async (tx) => {
            await checkBallot({ db: tx, waveId: wave.id, townId: submission.townId, choices, lock: true });
            const inserted = await insert(tx);
            if (inserted) await insertBallot({ db: tx, responseId: submission.responseId, choices });
            return inserted;
          })
        : insert(db),
    );
  } catch (error) {
    if (code) await returnInvitationCode({ db, waveId: wave.id, code });
    // A town id that no town has fails the foreign key: the same answer as a town outside the wave.
    if (pgErrorCode(error) === PG.foreignKeyViolation) throw new AppError("errors.unknownTown", 422, "townId");
    throw error;
  }
  if (stored) return "stored";
  // Nothing was inserted: the id was stored before (a repeat, acknowledged even after the
  // wave closed), or the wave is not open today.
  if (await isRepeat()) return "duplicate";
  if (code) await returnInvitationCode({ db, waveId: wave.id, code });
  throw new AppError("errors.waveClosed", 409);
}
