import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { connect, type Connection } from "@/db/client";
import { migrate } from "@/db/migrate";

/**
 * A freshly migrated database of its own for one test file: a new database on the
 * Postgres server when DATABASE_URL is set, else embedded PGlite in a new temporary folder.
 * Refuses any server that is not on this machine.
 */
export async function freshDatabase(): Promise<Connection & { drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qala-test-"));
    const connection = await connect({ target: "embedded", dir });
    await migrate(connection);
    return {
      ...connection,
      drop: async () => {
        await connection.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  const url = new URL(serverUrl);
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(url.hostname)) {
    throw new Error(`Refusing to run tests against a non-local database (${url.hostname}).`);
  }
  const name = `qala_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(serverUrl);
  testUrl.pathname = `/${name}`;
  const connection = await connect({ target: "server", url: testUrl.toString() });
  await migrate(connection);
  return {
    ...connection,
    drop: async () => {
      await connection.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
