import "server-only";
import { getDb } from "@/db/client";
import { finishExportLog, startExportLog } from "@/db/queries/export-log";
import { getWaveBySlug, resultsVisible } from "@/db/queries/waves";
import { apiCallerOrResponse } from "@/app/api-auth";
import { rolesFor } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { parseCodebookFile, parseExportQuery } from "@/lib/export/request";
import { runCodebook, runExport } from "@/lib/export/run-export";
import { getQuestionnaire } from "@/lib/survey/questionnaire";

const problem = (status: number, error: string, message: string) => Response.json({ error, message }, { status });

/**
 * What every research download checks, in this order: who is asking (401/403 before
 * anything about the wave is revealed), the wave (404), the options (400), and whether the
 * wave's results may be seen yet (409; docs/design.md, "Statistics and privacy rules":
 * results hidden until the wave closes).
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
  if (!resultsVisible(wave)) {
    return problem(409, "hidden until closed", `The results of "${wave.slug}" are hidden until the wave closes on ${wave.closesOn}; it cannot be exported before then.`);
  }
  return { caller, db, wave, questionnaire, options: options.value };
}

const downloadHeaders = (fileName: string, contentType: string): Record<string, string> => ({
  "content-type": contentType,
  "content-disposition": `attachment; filename="${fileName}"`,
  "cache-control": "no-store",
});

/**
 * A wave's data as a file. Logged as it starts (who, via page or token, options, the
 * disclosure report) and completed with the rows sent once the stream ends, so even a
 * download broken off midway is on record (with rows left empty).
 */
export async function serveExport(request: Request, slug: string, query: URLSearchParams): Promise<Response> {
  const context = await researchRequest(request, slug, query);
  if (context instanceof Response) return context;
  const { caller, db, wave, options } = context;
  const file = await runExport(context);
  const logId = await startExportLog({ db, requester: caller, waveId: wave.id, options, disclosure: file.report });
  const source = file.stream.getReader();
  // Pulled only as the client reads (highWaterMark 0): the engine's SQL cursor holds a
  // transaction open while it waits, so nothing is fetched ahead of a reader.
  const logged = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await source.read();
        if (!done) return controller.enqueue(value);
        const report = file.finalReport();
        await finishExportLog({ db, id: logId, rows: report.rows, disclosure: report });
        controller.close();
      },
      cancel: (reason) => source.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  const headers = downloadHeaders(file.fileName, file.contentType);
  // The page's progress bar: rows expected, when the engine knows them before streaming.
  if (file.rows !== undefined) headers["x-total-rows"] = String(file.rows);
  return new Response(logged, { headers });
}

/** A codebook file for the same options as the data it describes; it holds no responses, so it is not logged. */
export async function serveCodebook(request: Request, slug: string, query: URLSearchParams): Promise<Response> {
  const context = await researchRequest(request, slug, query);
  if (context instanceof Response) return context;
  const file = parseCodebookFile(query);
  if (!file.ok) return problem(400, file.error, file.message);
  const download = await runCodebook({ ...context, file: file.value });
  if (download.status === "unavailable") return problem(501, "not available yet", download.message);
  return new Response(download.stream, { headers: downloadHeaders(download.fileName, download.contentType) });
}
