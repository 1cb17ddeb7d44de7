import { townCommitmentsFeed } from "@/server/commitments/public";

export const dynamic = "force-dynamic";

/**
 * A town's commitments and their updates as JSON, public and cacheable for five minutes
 * (docs/commitments.md). The address stays: /api/v1/towns/{town}/commitments.
 */
export async function GET(_request: Request, { params }: RouteContext<"/api/v1/towns/[town]/commitments">) {
  const { town } = await params;
  const feed = /^[a-z0-9-]{1,60}$/.test(town) ? await townCommitmentsFeed(town) : undefined;
  if (!feed) return Response.json({ error: "not_found", message: "No such town." }, { status: 404 });
  return Response.json(feed, {
    headers: { "Cache-Control": "public, max-age=300, stale-while-revalidate=3600", "Access-Control-Allow-Origin": "*" },
  });
}
