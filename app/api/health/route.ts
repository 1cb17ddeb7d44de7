import { sql } from "drizzle-orm";
import { getConnection } from "@/db/client";

export const dynamic = "force-dynamic";

/** Ready when the database answers; used by the test harness and load balancers. */
export async function GET() {
  try {
    const { db, target } = await getConnection();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: target });
  } catch (error) {
    console.error("Health check failed:", error instanceof Error ? error.message : error);
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
