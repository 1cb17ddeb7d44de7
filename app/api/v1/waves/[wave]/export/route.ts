import { serveExport } from "@/server/export/research-download";

export const dynamic = "force-dynamic";

/**
 * A wave's anonymised data: `?kind=microdata|aggregates&format=csv|csv-excel|json|parquet&k=10&text=1`.
 * Signed-in researchers and admins, or `Authorization: Bearer <personal access token>`.
 */
export async function GET(request: Request, { params }: RouteContext<"/api/v1/waves/[wave]/export">) {
  const { wave } = await params;
  return serveExport(request, wave, new URL(request.url).searchParams);
}
