import "server-only";
import type { Db } from "@/db/client";
import { aggregateTables, microdataTable } from "./tables";
import type { VisibleWave } from "@/server/results/gate";
import type { Questionnaire } from "@/lib/survey/types";
import { codebookFiles } from "@/lib/export/codebook";
import { exportFileName, FORMAT_FILES, writeExport } from "@/lib/export/formats";
import type { CodebookFile } from "@/lib/export/request";
import type { DisclosureReport, ExportOptions, ExportRow, ExportTable } from "@/lib/export/types";
import { todayInKazakhstan } from "@/lib/time";

/*
 * The one seam between the research routes and the export engine. Everything else (auth,
 * validation, the hidden-results rule, the export log, progress headers) lives in
 * ./research-download.ts. Here: disclosure control makes the table
 * (./tables.ts), a writer streams it in the chosen format (lib/export/formats),
 * and the codebook describes it (lib/export/codebook).
 */

export interface ExportFile {
  status: "ok";
  fileName: string;
  contentType: string;
  stream: ReadableStream<Uint8Array>;
  /** What disclosure control did, as known before streaming (logged at the start). */
  report: DisclosureReport;
  /** Rows the file will hold when known in advance: the download's progress bar. */
  rows?: number;
  /** The report once the stream has ended, with the rows actually written. */
  finalReport: () => DisclosureReport;
}

export interface CodebookDownload {
  status: "ok";
  fileName: string;
  contentType: string;
  stream: ReadableStream<Uint8Array>;
}

export interface NotAvailable {
  status: "unavailable";
  message: string;
}

interface ExportInput {
  db: Db;
  wave: VisibleWave;
  questionnaire: Questionnaire;
  options: ExportOptions;
  /** Stops the export (its time limit): the spool is dropped and the stream fails. */
  signal?: AbortSignal;
}

/**
 * The export as a stream, its snapshot already being read: the first batch of rows is in
 * hand before this returns, so a refusal found in the snapshot (`errors.exportDataChanged`)
 * or the time limit is an error here, before a response is made, and not a broken file.
 * The caller must read or cancel the stream, which removes the spool.
 */
export async function runExport({ db, wave, questionnaire, options, signal }: ExportInput): Promise<ExportFile> {
  const table = await buildTable({ db, wave, questionnaire, options, signal });
  let written = 0;
  async function* counted(rows: AsyncIterable<ExportRow[]>) {
    for await (const batch of rows) {
      written += batch.length;
      yield batch;
    }
  }
  const stream = writeExport({ ...table, rows: await primed(counted(table.rows)) }, options.format);
  return {
    status: "ok",
    fileName: exportFileName(wave.slug, options, todayInKazakhstan()),
    contentType: FORMAT_FILES[options.format].mediaType,
    stream,
    report: table.report,
    // Microdata has one row per published response, known from the plan; aggregate tables
    // are small and quick, so they go without a progress total.
    rows: options.kind === "microdata" ? table.report.rows : undefined,
    // Read after the last batch: free-text scrubs are counted while rows stream.
    finalReport: () => ({ ...table.report, rows: written }),
  };
}

/** One file of the codebook that goes with the export these options would make. */
export async function runCodebook({ db, wave, questionnaire, options, file }: ExportInput & { file: CodebookFile }): Promise<CodebookDownload | NotAvailable> {
  const table = await buildTable({ db, wave, questionnaire, options });
  const files = codebookFiles({ wave: wave.slug, options, date: todayInKazakhstan(), columns: table.columns, report: table.report, questionnaire });
  const suffix = { datapackage: "datapackage.json", codebook: "_codebook.md", r: "_labels.R", spss: "_labels.sps", stata: "_labels.do" }[file];
  const chosen = files.find((candidate) => candidate.name.endsWith(suffix));
  if (!chosen) return { status: "unavailable", message: `No ${file} file for this export.` };
  return {
    status: "ok",
    fileName: chosen.name,
    contentType: chosen.mediaType,
    stream: new Blob([chosen.content]).stream(),
  };
}

/** The table of the request, its rows not yet read (the snapshot is read when they are). */
function buildTable({ db, wave, questionnaire, options, signal }: ExportInput): Promise<ExportTable> {
  return options.kind === "microdata"
    ? microdataTable({ db, wave, questionnaire, k: options.k, includeText: options.includeText, quasi: options.quasi, signal })
    : aggregateTables({ db, wave, questionnaire, k: options.k });
}

/**
 * `rows` with its first batch already read; the rest are read as they are asked for.
 * Closing it closes `rows` even before the first batch was taken (a generator that never
 * started would not run its own clean-up), so a download cancelled at once still drops the spool.
 */
async function primed<T>(rows: AsyncIterable<T>): Promise<AsyncIterableIterator<T>> {
  const iterator = rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  let firstTaken = false;
  const resumed: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => resumed,
    next() {
      if (firstTaken) return iterator.next();
      firstTaken = true;
      return Promise.resolve(first);
    },
    async return(value?: unknown) {
      await iterator.return?.();
      return { done: true, value } as IteratorReturnResult<unknown> as IteratorResult<T>;
    },
  };
  return resumed;
}
