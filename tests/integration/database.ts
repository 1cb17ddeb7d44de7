import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { connect, type Connection } from "@/db/client";
import { migrate } from "@/db/migrate";
import { startNeonProxy } from "../support/neon-ws-proxy";

/**
 * A freshly migrated database of its own for one test file: a new database on the
 * Postgres server when DATABASE_URL is set, else embedded PGlite in a new temporary folder.
 * Refuses any server that is not on this machine.
 */
export async function freshDatabase(): Promise<Connection & { drop: () => Promise<void> }> {
  // QALA_TEST_DRIVER=vercel runs the tier through @vercel/postgres (see tests/support/neon-ws-proxy.ts).
  const viaVercel = process.env.QALA_TEST_DRIVER === "vercel";
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
  if (viaVercel) testUrl.hostname = "localhost"; // the driver allows an unpooled URL only on localhost
  const proxy = viaVercel ? await startNeonProxy({ host: url.hostname, port: Number(url.port || 5432) }) : null;
  const connection = await connect({ target: viaVercel ? "vercel" : "server", url: testUrl.toString() });
  await migrate(connection);
  return {
    ...connection,
    drop: async () => {
      await connection.close();
      await proxy?.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
