import "server-only";
import type { Db } from "@/db/client";
import { aggregateCounts, quasiFrequencies, responsesQuery, waveTownLabels, withCursor, type Tx } from "@/db/queries/export";
import { aggregateColumns, aggregateRows } from "@/lib/export/aggregates";
import { planAnonymisation } from "@/lib/export/anonymise";
import { microdataColumns } from "@/lib/export/microdata-columns";
import { microdataRecords } from "@/lib/export/microdata-records";
import type { CellValue, ExportRow, ExportTable, QuasiChoice } from "@/lib/export/types";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Questionnaire } from "@/lib/survey/types";
import type { VisibleWave } from "@/server/results/gate";
import { spooled } from "./spool";

/**
 * A spool older than twice the time limit belongs to no running export; at least an hour,
 * so that an instance with a shorter limit on the same machine spares another's.
 */
const spoolMaxAgeMs = () => Math.max(2 * env.EXPORT_TIME_LIMIT_SECONDS, 3600) * 1000;

/** Rows per batch of the aggregate tables, which are small and held whole. */
const AGGREGATE_BATCH = 2_000;

/**
 * The microdata export: one row per response, the month rather than the day, coded answers,
 * and quasi-identifiers recoded to be k-anonymous (lib/export/anonymise.ts). Free text only
 * when asked for, scrubbed and flagged for review (lib/export/microdata-records.ts).
 *
 * The plan is made from the frequency table; the rows are then read through a cursor in a
 * snapshot where the same table is counted again, so a response stored or removed in
 * between cannot slip past the plan (the stream fails instead, before its first row).
 * The published records are spooled (./spool.ts): the snapshot is read as fast as the
 * database gives it, starting when the first batch is asked for, and the batches are handed
 * out as the consumer asks, so no transaction waits on a slow client. `signal` stops it all
 * (the export's time limit). `report.freeText.scrubbed` is complete after the last batch.
 */
export async function microdataTable({ db, wave, questionnaire, k, includeText, quasi, minK = env.DISCLOSURE_MIN_CELL, signal }: {
  db: Db;
  wave: VisibleWave;
  questionnaire: Questionnaire;
  k: number;
  includeText: boolean;
  /** The quasi-identifiers kept (default all); the others are blank on every row. */
  quasi?: readonly QuasiChoice[];
  minK?: number;
  signal?: AbortSignal;
}): Promise<ExportTable> {
  const frequencies = await quasiFrequencies(db, wave.id);
  // The request refuses a k below the minimum; only tests ask for one, planned on its own.
  const plan = planAnonymisation({ frequencies, k, minK: Math.min(k, minK), questionnaire, keep: quasi });
  const report = { ...plan.report, freeText: { included: includeText, scrubbed: 0 } };
  const columns = microdataColumns({ questionnaire, towns: await waveTownLabels(db, wave.id), quasiColumns: plan.columns, includeText });
  const items = questionnaire.items.filter((item) => includeText || item.kind !== "text");

  const names = columns.map((column) => column.name);

  /** The published records as cells in column order, batch by batch, straight from the cursor. */
  async function* published(): AsyncGenerator<CellValue[][]> {
    const record = microdataRecords({ plan, columns, items, freeText: report.freeText });
    const unchanged = async (tx: Tx) => {
      if (JSON.stringify(await quasiFrequencies(tx, wave.id)) !== JSON.stringify(frequencies)) {
        throw new AppError("errors.exportDataChanged", 409);
      }
    };
    for await (const batch of withCursor(db, responsesQuery(wave.id, items), unchanged)) {
      const out: CellValue[][] = [];
      for (const row of batch) {
        const publishedRow = record(row);
        if (publishedRow) out.push(names.map((name) => publishedRow[name]!));
      }
      if (out.length > 0) yield out;
    }
  }

  async function* rows(): AsyncGenerator<ExportRow[]> {
    // Every record starts as a copy of one object with all the columns (as in
    // lib/export/microdata-records.ts): filled a key at a time it would be a hash table.
    const blank: ExportRow = Object.fromEntries(names.map((name) => [name, null]));
    for await (const batch of spooled(published(), { signal, maxAgeMs: spoolMaxAgeMs() })) {
      yield batch.map((cells) => {
        const record: ExportRow = { ...blank };
        for (let index = 0; index < names.length; index++) record[names[index]!] = cells[index]!;
        return record;
      });
    }
  }
  return { columns, rows: rows(), report };
}

/**
 * The aggregate export: per town, item and breakdown, from the rollups, with primary and
 * secondary suppression across each town's groups (no all-towns rows:
 * lib/export/aggregates.ts). Small: held in memory.
 */
export async function aggregateTables({ db, wave, questionnaire, k }: {
  db: Db;
  wave: VisibleWave;
  questionnaire: Questionnaire;
  k: number;
}): Promise<ExportTable> {
  const townLabels = await waveTownLabels(db, wave.id);
  const { overall, groups } = await aggregateCounts({ db, waveId: wave.id });
  const { rows, cellsHidden } = aggregateRows({ questionnaire, towns: townLabels.map((t) => t.code), overall, groups, k });
  async function* batches() {
    for (let i = 0; i < rows.length; i += AGGREGATE_BATCH) yield rows.slice(i, i + AGGREGATE_BATCH);
  }
  return {
    columns: aggregateColumns(questionnaire, townLabels),
    rows: batches(),
    report: { k, rows: rows.length, generalised: [], suppressed: [], cellsHidden },
  };
}
