import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { ROLLUP_SHARDS } from "../schema";

export type ReviewDecision = "approve" | "reject";

export type ReviewOutcome =
  /** The review is stored; `counted` says whether the response now counts in the figures. */
  | { status: "reviewed"; counted: boolean; waveId: number; townId: number }
  /** No interview has this response id. */
  | { status: "unknown" }
  /** The interview's wave is not open that day: reviews happen while fieldwork runs. */
  | { status: "waveClosed" };

// The shard a response counts in (shardOf in ./responses.ts), computed from its id in SQL.
const shardSql = (id: string) => sql`(('x' || substr(${id}::text, 1, 2))::bit(8)::int % ${ROLLUP_SHARDS}::int)::smallint`;

/**
 * A supervisor's decision on an interview, in ONE statement (data-modifying CTEs): the
 * interview's status, reviewer, day and reason, the response's `rejected` mark, and the
 * response's counts taken out of (reject) or put back into (approving a rejected one) every
 * rollup it went into — answer_counts and town_response_counts and quota_cell_counts at its
 * shard, answer_group_counts at its mode, answer_stratum_counts — so no figure ever counts a
 * rejected interview, not even for a moment. Only while the wave is open on `day`. The
 * response row is locked first, so two supervisors deciding at once change counts once each
 * way: the second sees the first's `rejected`.
 */
export async function reviewInterview({ db, responseId, decision, reason, reviewerId, day }: {
  db: Db;
  responseId: string;
  decision: ReviewDecision;
  reason: string | null;
  reviewerId: string;
  day: string;
}): Promise<ReviewOutcome> {
  const reject = decision === "reject";
  const shard = shardSql(responseId);
  const [row] = await rowsOf<{ reviewed: number; known: boolean; counted: boolean | null; wave_id: number | null; town_id: number | null }>(db, sql`
    with target as (
      select r.id, r.wave_id, r.town_id, r.is_demo, r.mode, r.rejected,
        -- +1 puts a rejected response back, -1 takes a counted one out, 0 changes no count
        case when ${reject}::boolean and not r.rejected then -1 when not ${reject}::boolean and r.rejected then 1 else 0 end as delta
      from responses r
      join interviews i on i.response_id = r.id
      join waves w on w.id = r.wave_id
      where r.id = ${responseId}::uuid
        and w.status = 'open' and w.opens_on <= ${day}::date and w.closes_on >= ${day}::date
      for update of r, i
    ),
    groups as (
      select t.*,
        coalesce((select value from answers a where a.response_id = t.id and a.item_id = 'age_band'), 0)::smallint as age_band,
        coalesce((select value from answers a where a.response_id = t.id and a.item_id = 'sex'), 0)::smallint as sex,
        coalesce((select value from answers a where a.response_id = t.id and a.item_id = 'employment'), 0)::smallint as employment
      from target t
    ),
    moved as (
      select g.*, a.item_id, a.value from groups g join answers a on a.response_id = g.id where g.delta <> 0
    ),
    interview_row as (
      update interviews set status = ${reject ? "rejected" : "approved"}::interview_status, reviewed_by = ${reviewerId}, reviewed_on = ${day}::date, review_reason = ${reason}
      where response_id in (select id from target)
      returning response_id
    ),
    response_row as (
      update responses set rejected = ${reject}::boolean where id in (select id from target where delta <> 0) returning id
    ),
    counts as (
      insert into answer_counts as c (wave_id, town_id, item_id, value, shard, responses, demo_responses)
      select wave_id, town_id, item_id, value, ${shard}, delta, case when is_demo then delta else 0 end from moved
      order by item_id
      on conflict (wave_id, town_id, item_id, value, shard)
      do update set responses = c.responses + excluded.responses, demo_responses = c.demo_responses + excluded.demo_responses
    ),
    group_counts as (
      insert into answer_group_counts as g (wave_id, town_id, item_id, value, age_band, sex, employment, mode, responses, demo_responses)
      select wave_id, town_id, item_id, value, age_band, sex, employment, mode, delta, case when is_demo then delta else 0 end from moved
      order by item_id
      on conflict (wave_id, town_id, item_id, value, age_band, sex, employment, mode)
      do update set responses = g.responses + excluded.responses, demo_responses = g.demo_responses + excluded.demo_responses
    ),
    stratum_counts as (
      insert into answer_stratum_counts as s (wave_id, town_id, item_id, value, age_band, sex, responses, demo_responses)
      select wave_id, town_id, item_id, value, age_band, sex, delta, case when is_demo then delta else 0 end from moved
      where age_band > 0 and sex > 0
      order by item_id
      on conflict (wave_id, town_id, item_id, value, age_band, sex)
      do update set responses = s.responses + excluded.responses, demo_responses = s.demo_responses + excluded.demo_responses
    ),
    quota_count as (
      insert into quota_cell_counts as q (wave_id, town_id, age_band, sex, mode, shard, responses, demo_responses)
      select wave_id, town_id, age_band, sex, mode, ${shard}, delta, case when is_demo then delta else 0 end from groups where delta <> 0
      on conflict (wave_id, town_id, age_band, sex, mode, shard)
      do update set responses = q.responses + excluded.responses, demo_responses = q.demo_responses + excluded.demo_responses
    ),
    town_revision as (
      -- the rollups' new version, so every instance's dashboard cache sees the change
      update wave_towns set revision = revision + 1
      where (wave_id, town_id) in (select wave_id, town_id from groups where delta <> 0)
    ),
    town_count as (
      insert into town_response_counts as t (wave_id, town_id, shard, responses, demo_responses)
      select wave_id, town_id, ${shard}, delta, case when is_demo then delta else 0 end from groups where delta <> 0
      on conflict (wave_id, town_id, shard)
      do update set responses = t.responses + excluded.responses, demo_responses = t.demo_responses + excluded.demo_responses
    )
    select (select count(*)::int from interview_row) as reviewed,
      exists (select 1 from interviews where response_id = ${responseId}::uuid) as known,
      (select not ${reject}::boolean from target) as counted,
      (select wave_id from target) as wave_id, (select town_id from target) as town_id
  `);
  if (row && Number(row.reviewed) === 1) return { status: "reviewed", counted: row.counted === true, waveId: Number(row.wave_id), townId: Number(row.town_id) };
  return row?.known ? { status: "waveClosed" } : { status: "unknown" };
}
