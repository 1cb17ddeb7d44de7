import "server-only";
import { asc, eq, sql, type SQL } from "drizzle-orm";
import type { CodeCount, GroupCodeCount } from "@/lib/export/aggregates";
import type { QuasiFrequency } from "@/lib/export/anonymise";
import { QUASI_IDENTIFIERS } from "@/lib/export/hierarchies";
import type { Item } from "@/lib/survey/types";
import { rowsOf, type Db } from "../client";
import { towns, waveTowns } from "../schema";

/*
 * The research export's SQL: frequencies of the quasi-identifiers, the rows pivoted one per
 * response and read through a cursor, and the aggregate counts from the rollups. What is
 * made of them (k-anonymity, records, suppression) is server/export/tables.ts with the
 * rules of lib/export.
 */

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Row = Record<string, unknown>;

/**
 * Rows per fetch from the export's cursor. A batch stays alive while it is recoded and
 * encoded, across young-generation collections, so V8 promotes what it holds to the old
 * generation, where it stays as garbage until the next full collection: the fewer rows in
 * hand, the less piles up. A fetch costs a round trip of well under a millisecond.
 */
export const CURSOR_BATCH_ROWS = 500;

/**
 * How many responses share each combination of town, quasi-identifiers, language, month and
 * mode: small, counted in SQL. Rejected interviews are left out here as in every export.
 */
export async function quasiFrequencies(db: Db | Tx, waveId: number): Promise<QuasiFrequency[]> {
  const pivot = sql.join(
    QUASI_IDENTIFIERS.map((id) => sql`max(a.value) filter (where a.item_id = ${id}) as ${sql.identifier(id)}`),
    sql`, `,
  );
  const columns = sql.join([sql`town`, ...QUASI_IDENTIFIERS.map((id) => sql.identifier(id)), sql`language`, sql`month`, sql`mode`], sql`, `);
  const rows = await rowsOf<Row>(db, sql`
    select ${columns}, count(*)::int as count from (
      select t.code as town, ${pivot}, r.locale as language, ${MONTH} as month, r.mode::int as mode
      from responses r
      join towns t on t.id = r.town_id
      left join answers a on a.response_id = r.id and a.item_id in (${sql.join(QUASI_IDENTIFIERS.map((id) => sql`${id}`), sql`, `)})
      where r.wave_id = ${waveId} and not r.rejected
      group by r.id, t.code
    ) per_response
    group by ${columns} order by ${columns}`);
  return rows.map((row) => ({
    town: row.town as string,
    age_band: (row.age_band as number | null) ?? null,
    sex: (row.sex as number | null) ?? null,
    employment: (row.employment as number | null) ?? null,
    years_in_town: (row.years_in_town as number | null) ?? null,
    language: row.language as string,
    month: row.month as string,
    mode: (row.mode as number | null) ?? null,
    count: row.count as number,
  }));
}

const MONTH = sql`to_char(r.submitted_on, 'YYYY-MM')`;

export async function waveTownLabels(db: Db, waveId: number) {
  return db
    .select({ code: towns.code, name: towns.name })
    .from(waveTowns)
    .innerJoin(towns, eq(towns.id, waveTowns.townId))
    .where(eq(waveTowns.waveId, waveId))
    .orderBy(asc(towns.code));
}

/**
 * One row per response with one column per item, pivoted in SQL, in a stable order; rejected
 * interviews left out. Only the response's own columns: nothing of fieldwork (interviewer,
 * assignment, duration, flags) is ever read for an export.
 */
export function responsesQuery(waveId: number, items: Item[]): SQL {
  const pivot = items.map((item) =>
    item.kind === "text"
      ? sql`(select ta.text from text_answers ta where ta.response_id = r.id and ta.item_id = ${item.id}) as ${sql.identifier(item.id)}`
      : sql`max(a.value) filter (where a.item_id = ${item.id}) as ${sql.identifier(item.id)}`,
  );
  return sql`
    select t.code as town, r.locale, r.questionnaire_version, ${MONTH} as month, r.is_demo, r.mode::int as mode
      ${pivot.length > 0 ? sql`, ${sql.join(pivot, sql`, `)}` : sql``}
    from responses r
    join towns t on t.id = r.town_id
    left join answers a on a.response_id = r.id
    where r.wave_id = ${waveId} and not r.rejected
    group by r.id, t.code
    order by r.id`;
}

/**
 * A SQL cursor inside a read-only repeatable-read transaction: the same on PGlite,
 * node-postgres and Vercel, unlike driver-specific streaming, and one snapshot for `before`
 * and every batch. Batches are pulled only as fast as the consumer takes them, so the
 * consumer must be quick: the export's is a spool file (server/export/spool.ts), never a client.
 */
export async function* withCursor(db: Db, query: SQL, before: (tx: Tx) => Promise<void>): AsyncGenerator<Row[]> {
  const batches: Array<Row[] | null> = [];
  let wake: (() => void) | null = null;
  let wantMore: (() => void) | null = null;
  let failure: unknown = null;
  let cancelled = false;

  const producer = db
    .transaction(
      async (tx) => {
        await before(tx);
        await tx.execute(sql`declare export_cursor no scroll cursor for ${query}`);
        for (;;) {
          const rows = await rowsOf<Row>(tx, sql.raw(`fetch ${CURSOR_BATCH_ROWS} from export_cursor`));
          if (rows.length === 0 || cancelled) break;
          batches.push(rows);
          wake?.();
          // Wait until the consumer has taken this batch before fetching the next.
          await new Promise<void>((resolve) => (wantMore = resolve));
          if (cancelled) break;
        }
        await tx.execute(sql`close export_cursor`);
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    )
    .catch((error: unknown) => (failure = error))
    .finally(() => {
      batches.push(null);
      wake?.();
    });

  try {
    for (;;) {
      if (batches.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const batch = batches.shift();
      if (batch === undefined) continue;
      if (batch === null) break;
      yield batch;
      const resume = wantMore as (() => void) | null;
      wantMore = null;
      resume?.();
    }
  } finally {
    cancelled = true;
    (wantMore as (() => void) | null)?.();
    await producer;
  }
  if (failure) throw failure;
}

/**
 * The counts the aggregate export is made from: per town, item and code (answer_counts
 * summed over shards), and per town, item, code and group of each breakdown
 * (answer_group_counts summed per demographic or mode, one grouping set per breakdown).
 * Rejected interviews are already out of both rollups (taken out in the statement that
 * rejects them).
 */
export async function aggregateCounts({ db, waveId }: { db: Db; waveId: number }): Promise<{ overall: CodeCount[]; groups: GroupCodeCount[] }> {
  const overall = await rowsOf<Row>(db, sql`
    select t.code as town, c.item_id, c.value, sum(c.responses)::int as responses
    from answer_counts c join towns t on t.id = c.town_id
    where c.wave_id = ${waveId}
    group by t.code, c.item_id, c.value`);
  const grouped = await rowsOf<Row>(db, sql`
    select t.code as town, c.item_id, c.value, c.age_band, c.sex, c.employment, c.mode,
           grouping(c.age_band) = 0 as by_age, grouping(c.sex) = 0 as by_sex, grouping(c.mode) = 0 as by_mode, sum(c.responses)::int as responses
    from answer_group_counts c join towns t on t.id = c.town_id
    where c.wave_id = ${waveId}
    group by grouping sets ((t.code, c.item_id, c.value, c.age_band), (t.code, c.item_id, c.value, c.sex), (t.code, c.item_id, c.value, c.employment), (t.code, c.item_id, c.value, c.mode))`);
  return {
    overall: overall.map((row) => ({ town: row.town as string, itemId: row.item_id as string, value: row.value as number, responses: row.responses as number })),
    groups: grouped.map((row) => {
      const breakdown = row.by_age ? "age_band" : row.by_sex ? "sex" : row.by_mode ? "mode" : "employment";
      return { town: row.town as string, itemId: row.item_id as string, value: row.value as number, breakdown, group: row[breakdown] as number, responses: row.responses as number };
    }),
  };
}
