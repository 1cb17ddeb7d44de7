import "server-only";
import path from "node:path";
import type { Connection } from "./client";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Applies the committed drizzle-kit migrations with the migrator of the connection's driver. */
export async function migrate(connection: Connection): Promise<void> {
  const config = { migrationsFolder };
  if (connection.target === "embedded") {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(connection.db as never, config);
  } else if (connection.target === "server") {
    const { migrate: run } = await import("drizzle-orm/node-postgres/migrator");
    await run(connection.db as never, config);
  } else {
    const { migrate: run } = await import("drizzle-orm/vercel-postgres/migrator");
    await run(connection.db as never, config);
  }
}
