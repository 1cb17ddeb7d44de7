// Synthetic responses for bench/export.ts, generated inside Postgres: one INSERT … SELECT
// from generate_series per batch, so a million responses never pass through Node. Codes are
// drawn from each item's scale (taken from the questionnaire here and written into the SQL),
// skip logic holds (business items only for the self-employed, the reason for leaving only
// for those who plan to), and the demographics are skewed so that rare combinations exist
// and k-anonymity has work to do at every size.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { scaleOf } from "@/lib/survey/questionnaire";
import type { Item, Questionnaire } from "@/lib/survey/types";

/**
 * Shares of each code, in scale order (questionnaire 2026.2's scales); items not listed, or
 * whose scale has another number of codes, draw their codes uniformly.
 */
const SKEWED: Record<string, number[]> = {
  age_band: [0.45, 0.3, 0.17, 0.08],
  sex: [0.56, 0.44],
  // Town-forming enterprise, other organisation, self-employed, public body, unemployed,
  // retired, student, home or parental leave, other.
  employment: [0.33, 0.23, 0.05, 0.19, 0.07, 0.09, 0.01, 0.02, 0.01],
  // Under 5 years, 5–14, 15–29, 30 or more, since birth.
  years_in_town: [0.04, 0.16, 0.3, 0.3, 0.2],
};
/** Like the demo data: optional items left out 30% of the time, "don't know" 6%. */
const SKIP_OPTIONAL = 0.3;
const DONT_KNOW = 0.06;

/**
 * One code drawn with the given shares. Each WHEN draws afresh, so its threshold is the
 * share conditional on the earlier WHENs having failed: p_i / (1 - p_1 - … - p_{i-1}).
 */
function weighted(codes: number[], shares: number[]): string {
  let left = 1;
  const whens = codes.slice(0, -1).map((code, i) => {
    const threshold = shares[i]! / left;
    left -= shares[i]!;
    return `when random() < ${threshold.toFixed(6)} then ${code}`;
  });
  return `case ${whens.join(" ")} else ${codes.at(-1)} end`;
}

/** An answer to a choice item, or null when an optional item is left out. Numbers only: safe as raw SQL. */
function draw(questionnaire: Questionnaire, item: Item): SQL {
  const scale = scaleOf(questionnaire, item);
  const opinions = scale.options.map((o) => o.code).filter((code) => !scale.missing.includes(code));
  const shares = SKEWED[item.id]?.length === opinions.length ? SKEWED[item.id] : undefined;
  const code = shares ? weighted(opinions, shares) : `(array[${opinions.join(",")}])[1 + floor(random() * ${opinions.length})::int]`;
  const skipped = item.required ? "" : `when random() < ${SKIP_OPTIONAL} then null `;
  const dontKnow = scale.missing.length > 0 ? `when random() < ${DONT_KNOW} then ${scale.missing[0]} ` : "";
  return sql.raw(skipped || dontKnow ? `(case ${skipped}${dontKnow}else ${code} end)::smallint` : `(${code})::smallint`);
}

/** True when the item is shown, given the drawn answers of the items it depends on. */
function shown(questionnaire: Questionnaire, item: Item): SQL {
  const condition = item.showIf;
  if (!condition) return sql`true`;
  const parent = questionnaire.items.find((candidate) => candidate.id === condition.itemId)!;
  return sql`(${sql.identifier(parent.id)} = any(array[${sql.raw(condition.anyOf.join(","))}]::smallint[]) and ${shown(questionnaire, parent)})`;
}

/** Inserts `count` responses with their coded answers into the wave, spread over its towns. */
export async function generateResponses({ db, wave, questionnaire, count, batch = 50_000 }: {
  db: Db;
  wave: { id: number; questionnaireVersion: string };
  questionnaire: Questionnaire;
  count: number;
  batch?: number;
}) {
  const coded = questionnaire.items.filter((item) => item.kind !== "text");
  const drawn = sql.join(coded.map((item) => sql`${draw(questionnaire, item)} as ${sql.identifier(item.id)}`), sql`, `);
  const answered = sql.join(
    coded.map((item) => sql`(${item.id}, case when ${shown(questionnaire, item)} then ${sql.identifier(item.id)} end)`),
    sql`, `,
  );
  for (let done = 0; done < count; done += batch) {
    const size = Math.min(batch, count - done);
    // Statements in one WITH share a snapshot, but the foreign key on answers is checked at
    // the end of the statement, when the responses inserted beside them are visible.
    await db.execute(sql`
      with towns as (select array_agg(town_id order by town_id) as ids from wave_towns where wave_id = ${wave.id}),
      drawn as materialized (
        select gen_random_uuid() as id,
               ids[1 + floor(random() * cardinality(ids))::int] as town_id,
               (array['kk', 'ru', 'en'])[1 + floor(random() * 3)::int] as locale,
               current_date - floor(random() * 30)::int as submitted_on,
               ${drawn}
        from generate_series(1, ${size}), towns
      ),
      stored as (
        insert into responses (id, wave_id, town_id, locale, questionnaire_version, submitted_on, is_demo)
        select id, ${wave.id}, town_id, locale, ${wave.questionnaireVersion}, submitted_on, false from drawn
      )
      insert into answers (response_id, item_id, value)
      select drawn.id, answer.item_id, answer.value
      from drawn cross join lateral (values ${answered}) as answer(item_id, value)
      where answer.value is not null`);
  }
}
