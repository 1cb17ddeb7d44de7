import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { ROLLUP_SHARDS } from "@/db/schema";

/** How many rows of each rollup disagree with the stored answers (0 everywhere when consistent). */
export interface RollupMismatches {
  answerCounts: number;
  groupCounts: number;
  stratumCounts: number;
  quotaCellCounts: number;
  townCounts: number;
}

/**
 * Recounts every rollup from the responses and answers themselves and returns, per rollup,
 * how many of its rows differ (a row counted 0 equals a row absent). As bench/faults.mjs
 * does, extended for fieldwork: rejected responses are left out of the recount (they must
 * have left every rollup), answer_group_counts is compared per respondent group and mode,
 * and the sharded rollups (answer_counts, quota_cell_counts, town_response_counts) per
 * shard, the shard following from the response id as shardOf (db/queries/responses.ts)
 * computes it, so a rejection that took counts out of the wrong shard is caught too.
 */
export async function rollupMismatches(db: Db): Promise<RollupMismatches> {
  const [row] = await rowsOf<Record<string, number>>(db, sql`
    with kept as (
      select r.id, r.wave_id, r.town_id, r.mode,
             (('x' || substr(r.id::text, 1, 2))::bit(8)::int % ${ROLLUP_SHARDS}::int) as shard,
             coalesce((select a.value from answers a where a.response_id = r.id and a.item_id = 'age_band'), 0) as age_band,
             coalesce((select a.value from answers a where a.response_id = r.id and a.item_id = 'sex'), 0) as sex,
             coalesce((select a.value from answers a where a.response_id = r.id and a.item_id = 'employment'), 0) as employment
      from responses r
      where not r.rejected
    ),
    answered as (
      select k.*, a.item_id, a.value from kept k join answers a on a.response_id = k.id
    ),
    item_recount as (select wave_id, town_id, item_id, value, shard, count(*)::int as n from answered group by 1, 2, 3, 4, 5),
    item_counts as (select wave_id, town_id, item_id, value, shard::int as shard, sum(responses)::int as n from answer_counts group by 1, 2, 3, 4, 5),
    group_recount as (select wave_id, town_id, item_id, value, age_band, sex, employment, mode, count(*)::int as n from answered group by 1, 2, 3, 4, 5, 6, 7, 8),
    group_counts as (select wave_id, town_id, item_id, value, age_band, sex, employment, mode, sum(responses)::int as n from answer_group_counts group by 1, 2, 3, 4, 5, 6, 7, 8),
    stratum_recount as (select wave_id, town_id, item_id, value, age_band, sex, count(*)::int as n from answered where age_band > 0 and sex > 0 group by 1, 2, 3, 4, 5, 6),
    stratum_counts as (select wave_id, town_id, item_id, value, age_band, sex, sum(responses)::int as n from answer_stratum_counts group by 1, 2, 3, 4, 5, 6),
    quota_recount as (select wave_id, town_id, age_band, sex, mode, shard, count(*)::int as n from kept group by 1, 2, 3, 4, 5, 6),
    quota_counts as (select wave_id, town_id, age_band, sex, mode, shard::int as shard, sum(responses)::int as n from quota_cell_counts group by 1, 2, 3, 4, 5, 6),
    town_recount as (select wave_id, town_id, shard, count(*)::int as n from kept group by 1, 2, 3),
    town_counts as (select wave_id, town_id, shard::int as shard, sum(responses)::int as n from town_response_counts group by 1, 2, 3)
    select
      (select count(*) from item_recount a full join item_counts c using (wave_id, town_id, item_id, value, shard) where coalesce(a.n, 0) <> coalesce(c.n, 0))::int as answer_counts,
      (select count(*) from group_recount a full join group_counts c using (wave_id, town_id, item_id, value, age_band, sex, employment, mode) where coalesce(a.n, 0) <> coalesce(c.n, 0))::int as group_counts,
      (select count(*) from stratum_recount a full join stratum_counts c using (wave_id, town_id, item_id, value, age_band, sex) where coalesce(a.n, 0) <> coalesce(c.n, 0))::int as stratum_counts,
      (select count(*) from quota_recount a full join quota_counts c using (wave_id, town_id, age_band, sex, mode, shard) where coalesce(a.n, 0) <> coalesce(c.n, 0))::int as quota_cell_counts,
      (select count(*) from town_recount a full join town_counts c using (wave_id, town_id, shard) where coalesce(a.n, 0) <> coalesce(c.n, 0))::int as town_counts
  `);
  return {
    answerCounts: Number(row!.answer_counts),
    groupCounts: Number(row!.group_counts),
    stratumCounts: Number(row!.stratum_counts),
    quotaCellCounts: Number(row!.quota_cell_counts),
    townCounts: Number(row!.town_counts),
  };
}

/** What rollupMismatches returns when every rollup equals its answers. */
export const NO_MISMATCHES: RollupMismatches = { answerCounts: 0, groupCounts: 0, stratumCounts: 0, quotaCellCounts: 0, townCounts: 0 };
