import "server-only";
import { asc, eq, sql, type SQL } from "drizzle-orm";
import { aggregateColumns, aggregateRows, type GroupCodeCount } from "@/lib/export/aggregates";
import { planAnonymisation, type QuasiFrequency, type QuasiValues } from "@/lib/export/anonymise";
import { QUASI_IDENTIFIERS } from "@/lib/export/hierarchies";
import { microdataColumns } from "@/lib/export/microdata-columns";
import { scrubText } from "@/lib/export/scrub";
import type { ExportRow, ExportTable } from "@/lib/export/types";
import { getQuestionnaire } from "@/lib/survey/questionnaire";
import type { Item, Questionnaire } from "@/lib/survey/types";
import { rowsOf, type Db } from "../client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { towns, waves, waveTowns } from "../schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Row = Record<string, unknown>;

/** Rows per batch of the aggregate tables, which are small and held whole. */
const BATCH = 2_000;
/**
 * Rows per fetch from the export's cursor. A batch stays alive while it is recoded and
 * encoded, across young-generation collections, so V8 promotes what it holds to the old
 * generation, where it stays as garbage until the next full collection: the fewer rows in
 * hand, the less piles up. A fetch costs a round trip of well under a millisecond.
 */
export const CURSOR_BATCH_ROWS = 500;

/** How many responses share each combination of town, quasi-identifiers, language and month: small, counted in SQL. */
async function quasiFrequencies(db: Db | Tx, waveId: number): Promise<QuasiFrequency[]> {
  const pivot = sql.join(
    QUASI_IDENTIFIERS.map((id) => sql`max(a.value) filter (where a.item_id = ${id}) as ${sql.identifier(id)}`),
    sql`, `,
  );
  const columns = sql.join([sql`town`, ...QUASI_IDENTIFIERS.map((id) => sql.identifier(id)), sql`language`, sql`month`], sql`, `);
  const rows = await rowsOf<Row>(db, sql`
    select ${columns}, count(*)::int as count from (
      select t.code as town, ${pivot}, r.locale as language, ${MONTH} as month
      from responses r
      join towns t on t.id = r.town_id
      left join answers a on a.response_id = r.id and a.item_id in (${sql.join(QUASI_IDENTIFIERS.map((id) => sql`${id}`), sql`, `)})
      where r.wave_id = ${waveId}
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
    count: row.count as number,
  }));
}

const MONTH = sql`to_char(r.submitted_on, 'YYYY-MM')`;

async function waveTownLabels(db: Db, waveId: number) {
  return db
    .select({ code: towns.code, name: towns.name })
    .from(waveTowns)
    .innerJoin(towns, eq(towns.id, waveTowns.townId))
    .where(eq(waveTowns.waveId, waveId))
    .orderBy(asc(towns.code));
}

/**
 * The microdata export: one row per response (numbered 1..n, never its id), the month
 * rather than the day, coded answers, and quasi-identifiers recoded to be k-anonymous
 * (lib/export/anonymise.ts). Items asked because of a hidden quasi-identifier are blanked
 * with it. Free text only when asked for, scrubbed and flagged for review.
 *
 * The plan is made from the frequency table; the rows then stream through a cursor in a
 * snapshot where the same table is counted again, so a response stored or removed in
 * between cannot slip past the plan (the stream fails instead, before its first row).
 * `report.freeText.scrubbed` grows as the rows stream: read it after the last batch.
 */
export async function microdataTable({ db, wave, questionnaire, k, includeText, minK = env.DISCLOSURE_MIN_CELL }: {
  db: Db;
  wave: { id: number };
  questionnaire: Questionnaire;
  k: number;
  includeText: boolean;
  minK?: number;
}): Promise<ExportTable> {
  const frequencies = await quasiFrequencies(db, wave.id);
  // The request refuses a k below the minimum; only tests ask for one, planned on its own.
  const plan = planAnonymisation({ frequencies, k, minK: Math.min(k, minK), questionnaire });
  const report = { ...plan.report, freeText: { included: includeText, scrubbed: 0 } };
  const columns = microdataColumns({ questionnaire, towns: await waveTownLabels(db, wave.id), quasiColumns: plan.columns, includeText });
  const exported = questionnaire.items.filter((item) => includeText || item.kind !== "text");

  async function* rows(): AsyncGenerator<ExportRow[]> {
    let number = 0;
    const recode = plan.recoder();
    const query = responsesQuery(wave.id, exported);
    const verify = async (tx: Tx) => {
      if (JSON.stringify(await quasiFrequencies(tx, wave.id)) !== JSON.stringify(frequencies)) {
        throw new AppError("errors.exportDataChanged", 409);
      }
    };
    // Every record starts as a copy of one object that has all the columns, so it is made
    // with its final shape at once. Filled a key at a time, a record of fifty columns fell
    // into V8's dictionary mode, a hash table grown as the keys came; those tables, promoted
    // while a batch was in hand, piled up in the old generation, 150 MB and more above idle
    // (bench/export.ts).
    const blank: ExportRow = Object.fromEntries(columns.map((column) => [column.name, null]));
    // The published values are the plan's own objects, one per group of rows, so what each
    // hides is worked out once rather than on every row.
    const hiddenBy = new Map<QuasiValues, ReadonlySet<string>>();
    const code = (value: unknown) => (value as number | null | undefined) ?? null;
    for await (const batch of withCursor(db, query, verify)) {
      const out: ExportRow[] = [];
      for (const row of batch) {
        const published = recode({
          town: row.town as string,
          age_band: code(row.age_band),
          sex: code(row.sex),
          employment: code(row.employment),
          years_in_town: code(row.years_in_town),
          language: row.locale as string,
          month: row.month as string,
        } as QuasiValues);
        if (!published) continue;
        let hidden = hiddenBy.get(published);
        if (!hidden) hiddenBy.set(published, (hidden = new Set(plan.hiddenItems(published))));
        const record: ExportRow = { ...blank };
        record.row = ++number;
        record.town = published.town;
        record.language = published.language;
        record.questionnaire_version = row.questionnaire_version as string;
        record.month = published.month;
        record.demo = row.is_demo ? 1 : 0;
        for (const item of exported) {
          const value = hidden.has(item.id) ? null : ((row[item.id] as string | number | null) ?? null);
          if (item.kind === "text") {
            const scrubbed = value === null ? null : scrubText(String(value));
            report.freeText.scrubbed += scrubbed?.scrubbed ?? 0;
            record[item.id] = scrubbed?.text ?? null;
            // Names and addresses escape every pattern: each answer is for a person to read.
            record[`${item.id}_review`] = scrubbed ? 1 : null;
          } else {
            record[item.id] = (QUASI_IDENTIFIERS as readonly string[]).includes(item.id) ? published[item.id as keyof QuasiValues] : value;
          }
        }
        out.push(record);
      }
      if (out.length > 0) yield out;
    }
  }
  return { columns, rows: rows(), report };
}

/** One row per response with one column per item, pivoted in SQL, in a stable order. */
function responsesQuery(waveId: number, items: Item[]): SQL {
  const pivot = items.map((item) =>
    item.kind === "text"
      ? sql`(select ta.text from text_answers ta where ta.response_id = r.id and ta.item_id = ${item.id}) as ${sql.identifier(item.id)}`
      : sql`max(a.value) filter (where a.item_id = ${item.id}) as ${sql.identifier(item.id)}`,
  );
  return sql`
    select t.code as town, r.locale, r.questionnaire_version, ${MONTH} as month, r.is_demo
      ${pivot.length > 0 ? sql`, ${sql.join(pivot, sql`, `)}` : sql``}
    from responses r
    join towns t on t.id = r.town_id
    left join answers a on a.response_id = r.id
    where r.wave_id = ${waveId}
    group by r.id, t.code
    order by r.id`;
}

/**
 * The aggregate export: per town, item and breakdown, from the rollups (answer_counts
 * summed over shards, answer_group_counts summed per demographic), with primary and
 * secondary suppression across each town's groups (no all-towns rows: lib/export/aggregates.ts). Small: held in memory.
 */
export async function aggregateTables({ db, wave, questionnaire, k }: {
  db: Db;
  wave: { id: number };
  questionnaire: Questionnaire;
  k: number;
}): Promise<ExportTable> {
  const townLabels = await waveTownLabels(db, wave.id);
  const overall = await rowsOf<Row>(db, sql`
    select t.code as town, c.item_id, c.value, sum(c.responses)::int as responses
    from answer_counts c join towns t on t.id = c.town_id
    where c.wave_id = ${wave.id}
    group by t.code, c.item_id, c.value`);
  const grouped = await rowsOf<Row>(db, sql`
    select t.code as town, c.item_id, c.value, c.age_band, c.sex, c.employment,
           grouping(c.age_band) = 0 as by_age, grouping(c.sex) = 0 as by_sex, sum(c.responses)::int as responses
    from answer_group_counts c join towns t on t.id = c.town_id
    where c.wave_id = ${wave.id}
    group by grouping sets ((t.code, c.item_id, c.value, c.age_band), (t.code, c.item_id, c.value, c.sex), (t.code, c.item_id, c.value, c.employment))`);
  const groups: GroupCodeCount[] = grouped.map((row) => {
    const breakdown = row.by_age ? "age_band" : row.by_sex ? "sex" : "employment";
    return { town: row.town as string, itemId: row.item_id as string, value: row.value as number, breakdown, group: row[breakdown] as number, responses: row.responses as number };
  });
  const { rows, cellsHidden } = aggregateRows({
    questionnaire,
    towns: townLabels.map((t) => t.code),
    overall: overall.map((row) => ({ town: row.town as string, itemId: row.item_id as string, value: row.value as number, responses: row.responses as number })),
    groups,
    k,
  });
  async function* batches() {
    for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
  }
  return {
    columns: aggregateColumns(questionnaire, townLabels),
    rows: batches(),
    report: { k, rows: rows.length, generalised: [], suppressed: [], cellsHidden },
  };
}

/** The row shape of the CSV route, which reads the microdata through this until it moves to microdataTable. */
export interface ResponseRow {
  town: string | null;
  locale: string | null;
  questionnaireVersion: string;
  month: string | null;
  isDemo: boolean;
  answers: Record<string, number | null>;
}

export async function* streamWaveResponses({ db, waveId, items, k }: {
  db: Db;
  waveId: number;
  items: Item[];
  k: number;
}): AsyncGenerator<ResponseRow[]> {
  const [wave] = await db.select().from(waves).where(eq(waves.id, waveId));
  const questionnaire = wave && getQuestionnaire(wave.questionnaireVersion);
  if (!wave || !questionnaire) throw new AppError("errors.unknownWave", 404);
  const table = await microdataTable({ db, wave, questionnaire, k, includeText: false });
  const coded = items.filter((item) => item.kind !== "text");
  for await (const batch of table.rows) {
    yield batch.map((row) => ({
      town: row.town as string | null,
      locale: row.language as string | null,
      questionnaireVersion: row.questionnaire_version as string,
      month: row.month as string | null,
      isDemo: row.demo === 1,
      answers: Object.fromEntries(coded.map((item) => [item.id, (row[item.id] as number | null) ?? null])),
    }));
  }
}

/**
 * A SQL cursor inside a read-only repeatable-read transaction: the same on PGlite,
 * node-postgres and Vercel, unlike driver-specific streaming, and one snapshot for `before`
 * and every batch. Batches are pulled only as fast as the consumer takes them.
 */
async function* withCursor(db: Db, query: SQL, before: (tx: Tx) => Promise<void>): AsyncGenerator<Row[]> {
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
