import "server-only";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { databaseTarget, env, type DatabaseTarget } from "@/lib/env";
import { describeError } from "@/lib/errors";
import * as schema from "./schema";

/** The one database handle type the rest of the app sees, whatever the driver. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The rows of a raw SQL statement: every driver (PGlite, node-postgres, Vercel) answers `execute` with `{ rows }`. */
export async function rowsOf<Row>(db: { execute(query: SQL): PromiseLike<unknown> }, query: SQL): Promise<Row[]> {
  return ((await db.execute(query)) as { rows: Row[] }).rows;
}

export interface Connection {
  db: Db;
  target: DatabaseTarget;
  close: () => Promise<void>;
}

async function connectEmbedded(dir: string): Promise<Connection> {
  const { lockDataDir } = await import("./embedded-lock");
  const release = lockDataDir(dir);
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = await PGlite.create(dir);
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    target: "embedded",
    close: async () => {
      await client.close();
      release();
    },
  };
}

async function connectServer(url: string): Promise<Connection> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  // A connection that cannot be made within 5 s fails the request (503, lib/errors.ts) rather
  // than holding it while the server is away. A client whose connection broke is dropped by
  // the pool, not handed out again, so requests succeed again as soon as the server is back.
  const pool = new Pool({ connectionString: url, max: 20, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its connection must not crash the process.
  pool.on("error", (error) => console.error(`Postgres pool error: ${describeError(error)}`));
  return { db: drizzle(pool, { schema }) as unknown as Db, target: "server", close: () => pool.end() };
}

async function connectVercel(url: string): Promise<Connection> {
  const { createPool } = await import("@vercel/postgres");
  const { drizzle } = await import("drizzle-orm/vercel-postgres");
  const pool = createPool({ connectionString: url });
  return { db: drizzle(pool, { schema }) as unknown as Db, target: "vercel", close: () => pool.end() };
}

export function connect(options: { target?: DatabaseTarget; url?: string; dir?: string } = {}) {
  const target = options.target ?? databaseTarget();
  if (target === "vercel") return connectVercel(options.url ?? env.POSTGRES_URL!);
  if (target === "server") return connectServer(options.url ?? env.DATABASE_URL!);
  return connectEmbedded(path.resolve(/*turbopackIgnore: true*/ options.dir ?? env.PGLITE_DIR));
}

// One connection per process, kept on globalThis so that hot reload in development
// reuses it instead of opening another pool (or a second handle on the PGlite folder).
const cache = globalThis as unknown as { qalaConnection?: Promise<Connection> };

export function getConnection(): Promise<Connection> {
  cache.qalaConnection ??= connect().catch((error: unknown) => {
    cache.qalaConnection = undefined;
    throw error;
  });
  return cache.qalaConnection;
}

export async function getDb(): Promise<Db> {
  return (await getConnection()).db;
}

export async function closeDb(): Promise<void> {
  const connection = cache.qalaConnection;
  cache.qalaConnection = undefined;
  if (connection) await (await connection).close();
}
