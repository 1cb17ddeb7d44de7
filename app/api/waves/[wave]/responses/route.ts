import { serveExport } from "@/server/export/research-download";

export const dynamic = "force-dynamic";

/**
 * The first export address, kept for links and scripts that use it: microdata as CSV at the
 * configured k, with the same checks and export log as /api/v1/waves/:wave/export.
 */
export async function GET(request: Request, { params }: RouteContext<"/api/waves/[wave]/responses">) {
  const { wave } = await params;
  return serveExport(request, wave, new URLSearchParams({ kind: "microdata", format: "csv" }));
}
