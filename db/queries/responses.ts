import "server-only";
import { eq, sql } from "drizzle-orm";
import type { ResponseSubmission } from "@/lib/survey/response-schema";
import { rowsOf, type Db } from "../client";
import { PG, pgErrorCode } from "../pg-errors";
import { responses, ROLLUP_SHARDS, waves } from "../schema";
import { MODES, type ModeCode } from "@/lib/fieldwork/mode";

/** The rollup shard a response counts in: from its id, so its counts can be found again. */
export function shardOf(responseId: string): number {
  return Number.parseInt(responseId.slice(0, 2), 16) % ROLLUP_SHARDS;
}

/** The code a response gave to a grouping question, or 0 when it gave none. */
function answered(coded: [string, number][], itemId: string): number {
  return coded.find(([id]) => id === itemId)?.[1] ?? 0;
}

/** Whether a response with this id is stored already (a repeat is acknowledged, never stored twice). */
export async function responseExists({ db, id }: { db: Db; id: string }): Promise<boolean> {
  const [known] = await db.select({ id: responses.id }).from(responses).where(eq(responses.id, id)).limit(1);
  return known !== undefined;
}

export async function getWaveById({ db, id }: { db: Db; id: number }) {
  const [wave] = await db.select().from(waves).where(eq(waves.id, id)).limit(1);
  return wave;
}

/**
 * For a submission the insert did not store, in one read: whether its id is stored already,
 * and the wave's rules (undefined when no wave has that id).
 */
export async function whyNotStored({ db, waveId, responseId }: { db: Db; waveId: number; responseId: string }) {
  const [row] = await rowsOf<{ repeat: boolean; questionnaire_version: string | null; requires_invitation: boolean | null }>(db, sql`
    select exists (select 1 from responses where id = ${responseId}::uuid) as repeat, w.questionnaire_version, w.requires_invitation
    from (select 1) as one left join waves w on w.id = ${waveId}::int
  `);
  const wave = row?.questionnaire_version == null ? undefined : { questionnaireVersion: row.questionnaire_version, requiresInvitation: row.requires_invitation === true };
  return { repeat: row?.repeat === true, wave };
}

/** What fieldwork stores of an interview (the interviews row), written with its response. */
export interface InterviewRecord {
  interviewerId: string;
  assignmentId: number;
  durationSeconds: number;
  ageBandRefused: boolean;
  sexRefused: boolean;
  speeding: boolean;
  straightLining: boolean;
  /** Started before the interviewer's account was disabled, arrived after it. */
  needsReview: boolean;
}

/**
 * The response, its answers and every rollup count it changes (answer_counts, the breakdown
 * and stratum rollups, town_response_counts), written by one SQL statement
 * (data-modifying CTEs): one round trip, and the rollup rows' locks are held for the
 * statement alone rather than across a chain of round trips, which is what limits how many
 * submissions to one town can be stored per second. The insert happens only while the wave
 * is open that day; true when the response was stored, false when nothing was written.
 * A town outside the wave fails town_response_counts' foreign key (error 23503) and the
 * whole statement with it. The wave's other rules are checked here too, so that the common
 * submission needs no read before it: the wave asks the questionnaire version the answers
 * were validated against, and needs no invitation unless one was taken for this response.
 * An interviewer's response (`interview`) writes its interviews row in the same statement,
 * over_quota computed there from the assignment's quota for the respondent's cell and the
 * assignment's interviews in that cell not rejected; no time column is written.
 */
export async function insertResponse({ db, submission, coded, texts, day, isDemo, acceptClosedWave, invitationTaken = false, mode = MODES.online, interview }: {
  db: Db;
  submission: ResponseSubmission;
  coded: [string, number][];
  texts: [string, string][];
  day: string;
  isDemo: boolean;
  acceptClosedWave: boolean;
  /** An invitation code of this wave was taken for this response. */
  invitationTaken?: boolean;
  /** How it was collected (lib/fieldwork/mode.ts). */
  mode?: ModeCode;
  /** An interviewer's response: the interviews row to write with it. */
  interview?: InterviewRecord;
}): Promise<boolean> {
  const waveId = submission.waveId;
  // Each submission counts into one shard of answer_counts, so concurrent submissions to
  // one town rarely wait for each other's row locks; the shard follows from the response id,
  // so the statement that rejects an interview takes its counts out of the rows they went into.
  const shard = shardOf(submission.responseId);
  const demo = isDemo ? 1 : 0;
  // The respondent's group for the breakdown rollup (0: not said).
  const group = { ageBand: answered(coded, "age_band"), sex: answered(coded, "sex"), employment: answered(coded, "employment") };
  // Rows sorted by item (the caller sorted them), so concurrent statements lock rollup rows in one order.
  const codedJson = JSON.stringify(coded.map(([item, value]) => ({ item, value })));
  const textJson = JSON.stringify(texts.map(([item, text]) => ({ item, text })));
  const rows = await rowsOf<{ stored: number }>(db, sql`
    with open_wave as (
      -- isWaveOpen (lib/survey/wave-rules.ts) and the wave's rules, checked by the statement that inserts
      select id from waves
      where id = ${waveId}::int
        and questionnaire_version = ${submission.questionnaireVersion}
        and (${invitationTaken}::boolean or not requires_invitation)
        and (${acceptClosedWave}::boolean or (status = 'open' and opens_on <= ${day}::date and closes_on >= ${day}::date))
    ),
    stored as (
      insert into responses (id, wave_id, town_id, locale, questionnaire_version, submitted_on, is_demo, mode)
      select ${submission.responseId}::uuid, open_wave.id, ${submission.townId}::int, ${submission.locale}, ${submission.questionnaireVersion}, ${day}::date, ${isDemo}::boolean, ${mode}::smallint
      from open_wave
      on conflict (id) do nothing
      returning id
    ),
    coded as (
      select item, value from jsonb_to_recordset(${codedJson}::jsonb) as c(item text, value smallint)
    ),
    texts as (
      select item, text from jsonb_to_recordset(${textJson}::jsonb) as t(item text, text text)
    ),
    coded_rows as (
      insert into answers (response_id, item_id, value)
      select stored.id, coded.item, coded.value from stored cross join coded
    ),
    text_rows as (
      insert into text_answers (response_id, item_id, text)
      select stored.id, texts.item, texts.text from stored cross join texts
    ),
    counts as (
      insert into answer_counts as c (wave_id, town_id, item_id, value, shard, responses, demo_responses)
      select ${waveId}::int, ${submission.townId}::int, coded.item, coded.value, ${shard}::smallint, 1, ${demo}::int
      from stored cross join coded
      order by coded.item
      on conflict (wave_id, town_id, item_id, value, shard)
      do update set responses = c.responses + 1, demo_responses = c.demo_responses + excluded.demo_responses
    ),
    group_counts as (
      insert into answer_group_counts as g (wave_id, town_id, item_id, value, age_band, sex, employment, mode, responses, demo_responses)
      select ${waveId}::int, ${submission.townId}::int, coded.item, coded.value, ${group.ageBand}::smallint, ${group.sex}::smallint, ${group.employment}::smallint, ${mode}::smallint, 1, ${demo}::int
      from stored cross join coded
      order by coded.item
      on conflict (wave_id, town_id, item_id, value, age_band, sex, employment, mode)
      do update set responses = g.responses + 1, demo_responses = g.demo_responses + excluded.demo_responses
    ),
    stratum_counts as (
      insert into answer_stratum_counts as s (wave_id, town_id, item_id, value, age_band, sex, responses, demo_responses)
      select ${waveId}::int, ${submission.townId}::int, coded.item, coded.value, ${group.ageBand}::smallint, ${group.sex}::smallint, 1, ${demo}::int
      from stored cross join coded
      where ${group.ageBand > 0 && group.sex > 0}::boolean
      order by coded.item
      on conflict (wave_id, town_id, item_id, value, age_band, sex)
      do update set responses = s.responses + 1, demo_responses = s.demo_responses + excluded.demo_responses
    ),
    quota_count as (
      insert into quota_cell_counts as q (wave_id, town_id, age_band, sex, mode, shard, responses, demo_responses)
      select ${waveId}::int, ${submission.townId}::int, ${group.ageBand}::smallint, ${group.sex}::smallint, ${mode}::smallint, ${shard}::smallint, 1, ${demo}::int
      from stored
      on conflict (wave_id, town_id, age_band, sex, mode, shard)
      do update set responses = q.responses + 1, demo_responses = q.demo_responses + excluded.demo_responses
    ),
    interview_row as (
      insert into interviews (response_id, interviewer_id, assignment_id, duration_seconds, consent_given, age_band_refused, sex_refused, age_band, sex, over_quota, speeding, straight_lining, needs_review)
      select stored.id, ${interview?.interviewerId ?? null}::text, ${interview?.assignmentId ?? null}::int, ${interview?.durationSeconds ?? null}::int, true,
             ${interview?.ageBandRefused ?? false}::boolean, ${interview?.sexRefused ?? false}::boolean, ${group.ageBand}::smallint, ${group.sex}::smallint,
             coalesce((
               select q.target <= (
                 select count(*) from interviews i
                 where i.assignment_id = q.assignment_id and i.age_band = q.age_band and i.sex = q.sex and i.status <> 'rejected'
               )
               from fieldwork_quotas q
               where q.assignment_id = ${interview?.assignmentId ?? null}::int and q.age_band = ${group.ageBand}::smallint and q.sex = ${group.sex}::smallint
             ), false),
             ${interview?.speeding ?? false}::boolean, ${interview?.straightLining ?? false}::boolean, ${interview?.needsReview ?? false}::boolean
      from stored
      where ${interview !== undefined}::boolean
    ),
    town_count as (
      insert into town_response_counts as t (wave_id, town_id, shard, responses, demo_responses)
      select ${waveId}::int, ${submission.townId}::int, ${shard}::smallint, 1, ${demo}::int
      from stored
      on conflict (wave_id, town_id, shard)
      do update set responses = t.responses + 1, demo_responses = t.demo_responses + excluded.demo_responses
    )
    select count(*)::int as stored from stored
  `);
  return Number(rows[0]?.stored ?? 0) === 1;
}

/**
 * Two submissions whose rollup rows overlap can still, rarely, lock them in opposite
 * orders across the CTEs; Postgres then cancels one (40P01). Nothing of it was written, so
 * it is simply run again.
 */
export async function withDeadlockRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (pgErrorCode(error) !== PG.deadlockDetected || attempt >= attempts) throw error;
    }
  }
}
