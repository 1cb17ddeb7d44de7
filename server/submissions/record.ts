import "server-only";
import type { Db } from "@/db/client";
import { PG, pgErrorCode } from "@/db/pg-errors";
import { returnInvitationCode, takeInvitationCode } from "@/db/queries/abuse";
import { getWaveById, insertResponse, responseExists, whyNotStored, withDeadlockRetry, type InterviewRecord } from "@/db/queries/responses";
import { MODES } from "@/lib/fieldwork/mode";
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
 *
 * The common path is that one statement and nothing else: the wave's rules (it exists,
 * is open today, asks the questionnaire version the submission declares and was validated
 * against, needs no invitation; the town takes part, by foreign key) are checked by the
 * statement that inserts. Only when it stores nothing does one more read find out why: a
 * repeat (acknowledged, even after the wave closed), an unknown wave (404), another
 * version (409), a missing invitation (403) or a wave not open today (409).
 * A ballot of the priorities step, or an invitation code, reads the wave first (more
 * statements): the ballot is checked against the election of the response's wave and town
 * (422, nothing stored) and stored in the same transaction as the response; the code is
 * taken before the response is stored and put back if it is not.
 */
export async function recordResponse({
  db,
  submission,
  day = todayInKazakhstan(),
  isDemo = false,
  acceptClosedWave = false,
  interview,
}: {
  db: Db;
  submission: ResponseSubmission;
  day?: string;
  isDemo?: boolean;
  /** Only for generating the demo history of a closed wave. */
  acceptClosedWave?: boolean;
  /** An interviewer's response (mode 2): its interviews row, written in the same statement. */
  interview?: InterviewRecord;
}): Promise<RecordOutcome> {
  const questionnaire = getQuestionnaire(submission.questionnaireVersion);
  if (!questionnaire) {
    const reason = await refusal({ db, submission, invitationTaken: false });
    if (reason === "duplicate") return reason;
    throw reason;
  }
  // Answers to questions that skip logic hid are dropped, whatever the phone sent.
  const asked = Object.entries(withoutHidden(itemRules(questionnaire), submission.answers));
  const coded = asked.filter((entry): entry is [string, number] => typeof entry[1] === "number").sort(byItem);
  const texts = asked.filter((entry): entry is [string, string] => typeof entry[1] === "string").sort(byItem);
  const choices = submission.priorities;

  let code: string | undefined;
  if (choices || submission.invitationCode) {
    const wave = await getWaveById({ db, id: submission.waveId });
    if (!wave) throw new AppError("errors.unknownWave", 404);
    if (wave.questionnaireVersion !== submission.questionnaireVersion) throw versionMismatch();
    // Refused before an invitation code is taken; checked again, under lock, where it is stored.
    if (choices) await checkBallot({ db, waveId: wave.id, townId: submission.townId, choices });
    // A repeat of a stored response is acknowledged without taking another invitation code.
    // An interview needs no code: its assignment is the invitation (the interviewer was sent).
    if (wave.requiresInvitation && !interview) {
      const isRepeat = () => responseExists({ db, id: submission.responseId });
      if (await isRepeat()) return "duplicate";
      code = submission.invitationCode;
      if (!code || !(await takeInvitationCode({ db, waveId: wave.id, code }))) {
        // The same response sent twice at once: the other request took the code and stored it.
        if (await isRepeat()) return "duplicate";
        throw new AppError("errors.invitationInvalid", 403, "invitationCode");
      }
    }
  }

  let stored: boolean;
  try {
    const insert = (tx: Db) =>
      insertResponse({
        db: tx, submission, coded, texts, day, isDemo, acceptClosedWave, invitationTaken: code !== undefined || interview !== undefined,
        ...(interview ? { interview, mode: MODES.faceToFace } : {}),
      });
    stored = await withDeadlockRetry(() =>
      choices
        ? db.transaction(async (tx) => {
            await checkBallot({ db: tx, waveId: submission.waveId, townId: submission.townId, choices, lock: true });
            const inserted = await insert(tx);
            if (inserted) await insertBallot({ db: tx, responseId: submission.responseId, choices });
            return inserted;
          })
        : insert(db),
    );
  } catch (error) {
    if (code) await returnInvitationCode({ db, waveId: submission.waveId, code });
    // A town id that no town has fails the foreign key: the same answer as a town outside the wave.
    if (pgErrorCode(error) === PG.foreignKeyViolation) throw new AppError("errors.unknownTown", 422, "townId");
    throw error;
  }
  if (stored) return "stored";
  const reason = await refusal({ db, submission, invitationTaken: code !== undefined || interview !== undefined });
  if (reason === "duplicate") return "duplicate";
  if (code) await returnInvitationCode({ db, waveId: submission.waveId, code });
  throw reason;
}

const versionMismatch = () => new AppError("errors.versionMismatch", 409, "questionnaireVersion");

/** Why a submission was not stored, read once: a repeat, or the error that refuses it. */
async function refusal({ db, submission, invitationTaken }: { db: Db; submission: ResponseSubmission; invitationTaken: boolean }): Promise<"duplicate" | AppError> {
  const { wave, repeat } = await whyNotStored({ db, waveId: submission.waveId, responseId: submission.responseId });
  if (repeat) return "duplicate";
  if (!wave) return new AppError("errors.unknownWave", 404);
  if (wave.questionnaireVersion !== submission.questionnaireVersion || !getQuestionnaire(wave.questionnaireVersion)) return versionMismatch();
  if (wave.requiresInvitation && !invitationTaken) return new AppError("errors.invitationInvalid", 403, "invitationCode");
  return new AppError("errors.waveClosed", 409);
}
