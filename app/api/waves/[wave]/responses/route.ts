import { rolesFor } from "@/lib/auth/permissions";
import { stringify } from "csv-stringify/sync";
import { getDb } from "@/db/client";
import { streamWaveResponses } from "@/db/queries/export";
import { todayInKazakhstan } from "@/db/queries/responses";
import { getWaveBySlug, resultsVisible } from "@/db/queries/waves";
import { env } from "@/lib/env";
import { getQuestionnaire } from "@/lib/survey/questionnaire";
import { staffOrResponse } from "@/app/staff-session";

export const dynamic = "force-dynamic";

/**
 * A wave's responses as CSV: coded answers, one row per response, nothing identifying
 * (no response id, no day: the month at most), quasi-identifiers suppressed below k.
 */
export async function GET(request: Request, { params }: RouteContext<"/api/waves/[wave]/responses">) {
  // Microdata is for researchers (and admins); officials see aggregates on their dashboards.
  const staff = await staffOrResponse(request, rolesFor("export.download"));
  if (staff instanceof Response) return staff;
  const { wave: slug } = await params;
  const db = await getDb();
  const wave = await getWaveBySlug({ db, slug });
  const questionnaire = wave && getQuestionnaire(wave.questionnaireVersion);
  if (!wave || !questionnaire) {
    return Response.json({ error: "unknown wave", message: `No survey wave "${slug}".` }, { status: 404 });
  }

  if (!resultsVisible(wave)) {
    return Response.json(
      { error: "hidden until closed", message: `The results of "${wave.slug}" are hidden until the wave closes on ${wave.closesOn}.` },
      { status: 409 },
    );
  }

  const itemIds = questionnaire.items.map((item) => item.id);
  const header = ["row", "town", "language", "questionnaire_version", "month", "demo", ...itemIds];
  const rows = streamWaveResponses({ db, waveId: wave.id, items: questionnaire.items, k: env.DISCLOSURE_MIN_CELL });
  const encoder = new TextEncoder();
  let rowNumber = 0;

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(stringify([header])));
    },
    async pull(controller) {
      try {
        const { value: batch, done } = await rows.next();
        if (done) return controller.close();
        const records = batch.map((row) => [
          ++rowNumber,
          row.town ?? "",
          row.locale,
          row.questionnaireVersion,
          row.month,
          row.isDemo ? 1 : 0,
          ...itemIds.map((id) => row.answers[id] ?? ""),
        ]);
        controller.enqueue(encoder.encode(stringify(records)));
      } catch (error) {
        console.error("CSV export failed:", error instanceof Error ? error.message : error);
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });

  const fileName = `qala-pulse_${wave.slug}_responses_${todayInKazakhstan()}.csv`;
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}
