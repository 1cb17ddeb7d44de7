import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { type Wave } from "@/db/schema";
import { shardOf } from "@/db/queries/responses";
import { getQuestionnaire, itemRules } from "@/lib/survey/questionnaire";
import type { Locale } from "@/lib/i18n/locales";
import { withoutHidden } from "@/lib/survey/skip-logic";

export interface DemoSubmission {
  responseId: string;
  townId: number;
  locale: Locale;
  day: string;
  answers: Record<string, number>;
}

/**
 * Stores many generated demo responses of one closed wave in one statement: the same rows
 * recordResponse (server/submissions/record.ts) writes for each — the response, its coded
 * answers and every rollup (answer_counts, answer_group_counts, answer_stratum_counts,
 * quota_cell_counts, town_response_counts) — summed per rollup row, so seeding the demo's history takes seconds.
 * Only for the demo's closed waves (whose answers arrive all at once, never from a phone);
 * tests/integration/demo.test.ts holds it to the same rollups as recordResponse.
 * Coded answers only (the demo writes no free text); skip logic applied as recordResponse does.
 */
export async function storeDemoResponses({ db, wave, submissions }: { db: Db; wave: Wave; submissions: DemoSubmission[] }): Promise<number> {
  if (submissions.length === 0) return 0;
  const rules = itemRules(getQuestionnaire(wave.questionnaireVersion)!);
  const input = submissions.map((submission) => {
    const coded = Object.entries(withoutHidden(rules, submission.answers)).filter((entry): entry is [string, number] => typeof entry[1] === "number");
    const group = (itemId: string) => coded.find(([id]) => id === itemId)?.[1] ?? 0;
    return {
      id: submission.responseId,
      town: submission.townId,
      locale: submission.locale,
      day: submission.day,
      shard: shardOf(submission.responseId),
      age_band: group("age_band"),
      sex: group("sex"),
      employment: group("employment"),
      answers: coded.map(([item, value]) => ({ item, value })),
    };
  });
  const rows = await rowsOf<{ stored: number }>(db, sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
        as r(id uuid, town int, locale text, day date, shard smallint, age_band smallint, sex smallint, employment smallint, answers jsonb)
    ),
    stored as (
      insert into responses (id, wave_id, town_id, locale, questionnaire_version, submitted_on, is_demo)
      select id, ${wave.id}::int, town, locale, ${wave.questionnaireVersion}, day, true from input
      on conflict (id) do nothing
      returning id
    ),
    coded as (
      select input.*, a.item, a.value
      from input join stored on stored.id = input.id
      cross join jsonb_to_recordset(input.answers) as a(item text, value smallint)
    ),
    coded_rows as (
      insert into answers (response_id, item_id, value) select id, item, value from coded
    ),
    counts as (
      insert into answer_counts as c (wave_id, town_id, item_id, value, shard, responses, demo_responses)
      select ${wave.id}::int, town, item, value, shard, count(*), count(*) from coded
      group by town, item, value, shard
      on conflict (wave_id, town_id, item_id, value, shard)
      do update set responses = c.responses + excluded.responses, demo_responses = c.demo_responses + excluded.demo_responses
    ),
    group_counts as (
      insert into answer_group_counts as g (wave_id, town_id, item_id, value, age_band, sex, employment, responses, demo_responses)
      select ${wave.id}::int, town, item, value, age_band, sex, employment, count(*), count(*) from coded
      group by town, item, value, age_band, sex, employment
      on conflict (wave_id, town_id, item_id, value, age_band, sex, employment, mode)
      do update set responses = g.responses + excluded.responses, demo_responses = g.demo_responses + excluded.demo_responses
    ),
    stratum_counts as (
      insert into answer_stratum_counts as s (wave_id, town_id, item_id, value, age_band, sex, responses, demo_responses)
      select ${wave.id}::int, town, item, value, age_band, sex, count(*), count(*) from coded
      where age_band > 0 and sex > 0
      group by town, item, value, age_band, sex
      on conflict (wave_id, town_id, item_id, value, age_band, sex)
      do update set responses = s.responses + excluded.responses, demo_responses = s.demo_responses + excluded.demo_responses
    ),
    quota_count as (
      insert into quota_cell_counts as q (wave_id, town_id, age_band, sex, mode, shard, responses, demo_responses)
      select ${wave.id}::int, input.town, input.age_band, input.sex, 1, input.shard, count(*), count(*)
      from input join stored on stored.id = input.id
      group by input.town, input.age_band, input.sex, input.shard
      on conflict (wave_id, town_id, age_band, sex, mode, shard)
      do update set responses = q.responses + excluded.responses, demo_responses = q.demo_responses + excluded.demo_responses
    ),
    town_count as (
      insert into town_response_counts as t (wave_id, town_id, shard, responses, demo_responses)
      select ${wave.id}::int, input.town, input.shard, count(*), count(*)
      from input join stored on stored.id = input.id
      group by input.town, input.shard
      on conflict (wave_id, town_id, shard)
      do update set responses = t.responses + excluded.responses, demo_responses = t.demo_responses + excluded.demo_responses
    )
    select count(*)::int as stored from stored
  `);
  return Number(rows[0]?.stored ?? 0);
}
