import "server-only";
import { sql } from "drizzle-orm";
import type { Item } from "@/lib/survey/types";
import type { Db } from "../client";

/** Quasi-identifiers that, with the town, could single out a resident (DESIGN.md). */
export const QUASI_IDENTIFIERS = ["age_band", "sex", "employment", "years_in_town"];

export interface ExportRow {
  town: string | null;
  locale: string;
  questionnaireVersion: string;
  month: string;
  isDemo: boolean;
  answers: Record<string, number | null>;
}

const BATCH = 2_000;

/**
 * Streams a wave's responses, one row per response with one column per item, through a
 * server-side cursor: memory stays flat however many responses there are. Rows come in a
 * stable order (by response id), so the same data always gives the same file.
 *
 * Disclosure control: when a combination of town and the quasi-identifiers occurs fewer
 * than k times, those quasi-identifiers, and the items asked because of them, are blanked
 * on the row (local suppression); a town with fewer than k responses is blanked as well.
 */
/** Items asked only for some answers of `parent` (skip logic): their presence reveals the parent. */
function dependentsOf(items: Item[], parent: string): string[] {
  const direct = items.filter((item) => item.showIf?.itemId === parent).map((item) => item.id);
  return [...direct, ...direct.flatMap((id) => dependentsOf(items, id))];
}

export async function* streamWaveResponses({ db, waveId, items, k }: {
  db: Db;
  waveId: number;
  items: Item[];
  k: number;
}): AsyncGenerator<ExportRow[]> {
  const itemIds = items.map((item) => item.id);
  const quasi = QUASI_IDENTIFIERS.filter((id) => itemIds.includes(id));
  // Blanking a quasi-identifier blanks what skip logic asked because of it: business
  // questions are asked only of business owners, so answering them gives the job away.
  const blankTogether = [...quasi, ...quasi.flatMap((id) => dependentsOf(items, id))];
  const pivot = sql.join(
    itemIds.map((id) => sql`max(a.value) filter (where a.item_id = ${id}) as ${sql.identifier(id)}`),
    sql`, `,
  );
  const partition = sql.join([sql`town`, ...quasi.map((id) => sql.identifier(id))], sql`, `);
  const query = sql`
    with pivoted as (
      select r.id, t.code as town, r.locale, r.questionnaire_version, to_char(r.submitted_on, 'YYYY-MM') as month,
             r.is_demo, ${pivot}
      from responses r
      join towns t on t.id = r.town_id
      left join answers a on a.response_id = r.id
      where r.wave_id = ${waveId}
      group by r.id, t.code
    )
    select *, count(*) over (partition by ${partition})::int as qi_count, count(*) over (partition by town)::int as town_count
    from pivoted order by id`;

  const rows = await withCursor(db, query);
  for await (const batch of rows) {
    yield batch.map((row) => {
      const answers: Record<string, number | null> = {};
      for (const id of itemIds) answers[id] = (row[id] as number | null) ?? null;
      if ((row.qi_count as number) < k) for (const id of blankTogether) answers[id] = null;
      return {
        town: (row.town_count as number) < k ? null : (row.town as string),
        locale: row.locale as string,
        questionnaireVersion: row.questionnaire_version as string,
        month: row.month as string,
        isDemo: row.is_demo as boolean,
        answers,
      };
    });
  }
}

/**
 * A SQL cursor inside a transaction: the same on PGlite, node-postgres and Vercel, unlike
 * driver-specific streaming. Batches are pulled only as fast as the consumer takes them.
 */
async function* withCursor(db: Db, query: ReturnType<typeof sql>): AsyncGenerator<Array<Record<string, unknown>>> {
  const batches: Array<Array<Record<string, unknown>> | null> = [];
  let wake: (() => void) | null = null;
  let wantMore: (() => void) | null = null;
  let failure: unknown = null;
  let cancelled = false;

  const producer = db
    .transaction(async (tx) => {
      await tx.execute(sql`declare export_cursor no scroll cursor for ${query}`);
      for (;;) {
        const result = await tx.execute(sql.raw(`fetch ${BATCH} from export_cursor`));
        const rows = (result as unknown as { rows: Array<Record<string, unknown>> }).rows;
        if (rows.length === 0 || cancelled) break;
        batches.push(rows);
        wake?.();
        // Wait until the consumer has taken this batch before fetching the next.
        await new Promise<void>((resolve) => (wantMore = resolve));
        if (cancelled) break;
      }
      await tx.execute(sql`close export_cursor`);
    })
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
