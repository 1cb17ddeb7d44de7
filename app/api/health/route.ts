import { UNAVAILABLE_RETRY_AFTER_SECONDS } from "@/lib/errors";
import { databaseHealth } from "@/server/health";

export const dynamic = "force-dynamic";

/** Ready when the database answers; used by the test harness and load balancers. */
export async function GET() {
  const health = await databaseHealth();
  if (!health.ok) return Response.json({ status: "unavailable" }, { status: 503, headers: { "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS) } });
  return Response.json({ status: "ok", database: health.target });
}
