import { databaseHealth } from "@/server/health";

export const dynamic = "force-dynamic";

/** Ready when the database answers; used by the test harness and load balancers. */
export async function GET() {
  const health = await databaseHealth();
  if (!health.ok) return Response.json({ status: "unavailable" }, { status: 503 });
  return Response.json({ status: "ok", database: health.target });
}
