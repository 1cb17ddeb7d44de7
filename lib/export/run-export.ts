import "server-only";
import { stringify } from "csv-stringify/sync";
import type { Db } from "@/db/client";
import { streamWaveResponses } from "@/db/queries/export";
import { todayInKazakhstan } from "@/db/queries/responses";
import { getWaveTowns } from "@/db/queries/waves";
import type { Wave } from "@/db/schema";
import type { Questionnaire } from "@/lib/survey/types";
import type { CodebookFile } from "./request";
import type { DisclosureReport, ExportOptions } from "./types";

/*
 * THE ONE SEAM between the research routes and the export engine. Everything else (auth,
 * validation, the hidden-results rule, the export log, progress headers) lives in
 * app/api/v1/export-handler.ts and does not change when the engine does.
 *
 * TEMPORARY BODY: the disclosure-control layer (`microdataTable`, `aggregateTables`) and
 * the format writers and codebook (lib/export/formats, lib/export/codebook.ts) are being
 * built on other branches. Until they land, only microdata as plain CSV without free text
 * is served, through the existing db/queries/export.ts stream; everything else answers
 * "not available yet" (HTTP 501). Replace the bodies of `runExport` and `runCodebook`
 * with: table = kind === "microdata" ? microdataTable(...) : aggregateTables(...);
 * stream = writer[format](countingRows(table)); fileName = exportFileName(wave, options, date).
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
  wave: Wave;
  questionnaire: Questionnaire;
  options: ExportOptions;
}

export async function runExport({ db, wave, questionnaire, options }: ExportInput): Promise<ExportFile | NotAvailable> {
  if (options.kind !== "microdata" || options.format !== "csv" || options.includeText) {
    return notYet(`${options.kind} as ${options.format}${options.includeText ? " with free text" : ""}`);
  }
  const towns = await getWaveTowns({ db, waveId: wave.id });
  const expected = towns.reduce((sum, town) => sum + town.responses, 0);
  const report: DisclosureReport = { k: options.k, rows: expected, generalised: [], suppressed: [], freeText: { included: false, scrubbed: 0 } };
  const itemIds = questionnaire.items.map((item) => item.id);
  const batches = streamWaveResponses({ db, waveId: wave.id, items: questionnaire.items, k: options.k });
  const encoder = new TextEncoder();
  let written = 0;
  let townsBlanked = 0;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(stringify([["row", "town", "language", "questionnaire_version", "month", "demo", ...itemIds]])));
    },
    async pull(controller) {
      try {
        const { value: batch, done } = await batches.next();
        if (done) return controller.close();
        const records = batch.map((row) => {
          if (row.town === null) townsBlanked += 1;
          return [++written, row.town ?? "", row.locale, row.questionnaireVersion, row.month, row.isDemo ? 1 : 0, ...itemIds.map((id) => row.answers[id] ?? "")];
        });
        controller.enqueue(encoder.encode(stringify(records)));
      } catch (error) {
        console.error("CSV export failed:", error instanceof Error ? error.message : error);
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });

  return {
    status: "ok",
    fileName: `qala-pulse_${wave.slug}_microdata_k${options.k}_${todayInKazakhstan()}.csv`,
    contentType: "text/csv; charset=utf-8",
    stream,
    report,
    rows: expected,
    // The interim stream counts only blanked towns; blanked quasi-identifiers look like
    // unanswered items in its rows, so they are not claimed here.
    finalReport: () => ({ ...report, rows: written, suppressed: townsBlanked > 0 ? [{ column: "town", values: townsBlanked }] : [] }),
  };
}

export async function runCodebook({ options, file }: ExportInput & { file: CodebookFile }): Promise<CodebookDownload | NotAvailable> {
  return notYet(`the ${file} file of the ${options.kind} codebook`);
}

function notYet(what: string): NotAvailable {
  return { status: "unavailable", message: `Not available yet: ${what}. For now, microdata as plain CSV without free text can be downloaded.` };
}
