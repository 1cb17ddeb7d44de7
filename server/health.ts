import "server-only";
import { sql } from "drizzle-orm";
import { getConnection } from "@/db/client";

/** Whether the database answers, and which target it is (embedded, server, vercel). */
export async function databaseHealth(): Promise<{ ok: true; target: string } | { ok: false }> {
  try {
    const { db, target } = await getConnection();
    await db.execute(sql`select 1`);
    return { ok: true, target };
  } catch (error) {
    console.error("Health check failed:", error instanceof Error ? error.name : "unknown error");
    return { ok: false };
  }
}
