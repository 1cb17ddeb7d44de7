import { serveCodebook } from "@/server/export/research-download";

export const dynamic = "force-dynamic";

/** The codebook of an export: `?file=datapackage|codebook|r|spss|stata` plus the export's own options. */
export async function GET(request: Request, { params }: RouteContext<"/api/v1/waves/[wave]/codebook">) {
  const { wave } = await params;
  return serveCodebook(request, wave, new URL(request.url).searchParams);
}
