import "server-only";
import { getDb } from "@/db/client";
import { finishExportLog, startExportLog } from "@/db/queries/export-log";
import { getWaveBySlug } from "@/db/queries/waves";
import { throughGate } from "@/server/results/gate";
import { apiCallerOrResponse } from "@/server/auth/api-caller";
import { rolesFor } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { parseCodebookFile, parseExportQuery } from "@/lib/export/request";
import { runCodebook, runExport } from "@/server/export/run-export";
import { getQuestionnaire } from "@/lib/survey/questionnaire";
import { AppError } from "@/lib/errors";
import { exportSlots, exportsBusy, isBusy, type ExportSlot } from "@/server/export/slots";

const problem = (status: number, error: string, message: string) => Response.json({ error, message }, { status });

/** An export refused before its file started: the snapshot disagreed with the plan, or the time limit passed. */
export function exportRefused(error: AppError): Response {
  const [code, message] =
    error.messageKey === "errors.exportDataChanged"
      ? ["data changed", "Responses changed while the export was being made; download it again."]
      : error.messageKey === "errors.exportTimedOut"
        ? ["time limit", `The export ran past its time limit of ${env.EXPORT_TIME_LIMIT_SECONDS} seconds and was stopped; try again later.`]
        : ["unexpected", "Something went wrong on our side; try again."];
  // A stopped export may be asked for again: not at once, when the instance is as busy as it was.
  const retry: Record<string, string> = error.status === 503 ? { "retry-after": "60" } : {};
  return Response.json({ error: code, message, messageKey: error.messageKey }, { status: error.status, headers: { "cache-control": "no-store", ...retry } });
}

/**
 * What every research download checks, in this order: who is asking (401/403 before
 * anything about the wave is revealed), the wave (404), the options (400), and whether the
 * wave's results may be seen yet (409: hidden until it closes, server/results/gate.ts).
 */
async function researchRequest(request: Request, slug: string, query: URLSearchParams) {
  const caller = await apiCallerOrResponse(request, rolesFor("export.download"));
  if (caller instanceof Response) return caller;
  const db = await getDb();
  const wave = await getWaveBySlug({ db, slug });
  const questionnaire = wave && getQuestionnaire(wave.questionnaireVersion);
  if (!wave || !questionnaire) return problem(404, "unknown wave", `No survey wave "${slug}".`);
  const options = parseExportQuery(query, env.DISCLOSURE_MIN_CELL);
  if (!options.ok) return problem(400, options.error, options.message);
  const visible = throughGate(wave, "staff");
  if (!visible) {
    return problem(409, "hidden until closed", `The results of "${wave.slug}" are hidden until the wave closes on ${wave.closesOn}; it cannot be exported before then.`);
  }
  return { caller, db, wave: visible, questionnaire, options: options.value };
}

const downloadHeaders = (fileName: string, contentType: string): Record<string, string> => ({
  "content-type": contentType,
  "content-disposition": `attachment; filename="${fileName}"`,
  "cache-control": "no-store",
});

/**
 * A wave's data as a file. Takes one of the instance's export slots (429 when none is free)
 * for as long as the export runs, within its time limit. The snapshot is spooled
 * (server/export/spool.ts) before the response starts, so a client that reads slowly, or not
 * at all, holds no transaction. Logged as it starts (who, via page or token, options, the
 * disclosure report) and completed with the rows sent once the stream ends, so a download
 * broken off midway or stopped at the time limit is on record with rows left empty.
 */
export async function serveExport(request: Request, slug: string, query: URLSearchParams): Promise<Response> {
  const context = await researchRequest(request, slug, query);
  if (context instanceof Response) return context;
  const slot = exportSlots.take();
  if (isBusy(slot)) return exportsBusy(slot.retryAfterSeconds);
  try {
    return await streamExport(context, slot);
  } catch (error) {
    slot.release();
    if (error instanceof AppError) return exportRefused(error);
    throw error;
  }
}

async function streamExport(context: Exclude<Awaited<ReturnType<typeof researchRequest>>, Response>, slot: ExportSlot): Promise<Response> {
  const { caller, db, wave, options } = context;
  const { signal } = slot;
  const file = await runExport({ ...context, signal });
  let logId: number;
  try {
    logId = await startExportLog({ db, requester: caller, waveId: wave.id, options, disclosure: file.report });
  } catch (error) {
    await file.stream.cancel();
    throw error;
  }
  const source = file.stream.getReader();
  let output: ReadableStreamDefaultController<Uint8Array> | undefined;
  const done = () => {
    signal.removeEventListener("abort", stopped);
    slot.release();
  };
  // The time limit: the spool is dropped and the download ends with an error, its log entry unfinished.
  function stopped() {
    console.warn(`An export was stopped at its time limit of ${env.EXPORT_TIME_LIMIT_SECONDS} s`);
    output?.error(signal.reason);
    source.cancel(signal.reason).catch(() => undefined);
    done();
  }
  signal.addEventListener("abort", stopped, { once: true });
  // Pulled as the client reads (highWaterMark 0): what waits for a slow client is the spool
  // file, never the database.
  const logged = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        output = controller;
      },
      async pull(controller) {
        try {
          const { value, done: ended } = await source.read();
          // Cancelled by the time limit, a pending read ends as if the file were complete: it is not.
          if (signal.aborted) throw signal.reason;
          if (!ended) return controller.enqueue(value);
          const report = file.finalReport();
          await finishExportLog({ db, id: logId, rows: report.rows, disclosure: report });
          controller.close();
          done();
        } catch (error) {
          done();
          throw error;
        }
      },
      cancel(reason) {
        done();
        return source.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  const headers = downloadHeaders(file.fileName, file.contentType);
  // The page's progress bar: rows expected, when the engine knows them before streaming.
  if (file.rows !== undefined) headers["x-total-rows"] = String(file.rows);
  return new Response(logged, { headers });
}

/**
 * A codebook file for the same options as the data it describes. It holds no responses, so
 * it is not logged, but it counts the wave's responses as the export does, so it takes an
 * export slot while it does.
 */
export async function serveCodebook(request: Request, slug: string, query: URLSearchParams): Promise<Response> {
  const context = await researchRequest(request, slug, query);
  if (context instanceof Response) return context;
  const file = parseCodebookFile(query);
  if (!file.ok) return problem(400, file.error, file.message);
  const slot = exportSlots.take();
  if (isBusy(slot)) return exportsBusy(slot.retryAfterSeconds);
  try {
    const download = await runCodebook({ ...context, file: file.value });
    if (download.status === "unavailable") return problem(501, "not available yet", download.message);
    return new Response(download.stream, { headers: downloadHeaders(download.fileName, download.contentType) });
  } catch (error) {
    if (error instanceof AppError) return exportRefused(error);
    throw error;
  } finally {
    // The file is made in memory: nothing is read from the database once it is.
    slot.release();
  }
}
