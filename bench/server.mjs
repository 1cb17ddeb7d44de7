// Starts the production build (`npm run build` first) for a benchmark: a fresh database
// (embedded PGlite in a temporary folder, or a new database on the Postgres server of
// `postgresAdminUrl`), seeded with the demo data, served on `port` once healthy.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export async function startServer({ port, postgresAdminUrl }) {
  let env;
  let dropDatabase = () => {};
  if (postgresAdminUrl) {
    const dbName = `qala_bench_${process.pid}_${Date.now()}`;
    spawnSync("psql", [postgresAdminUrl, "-qc", `create database ${dbName}`], { stdio: "inherit" });
    env = { ...process.env, DATABASE_URL: postgresAdminUrl.replace(/\/[^/]*$/, `/${dbName}`), POSTGRES_URL: "" };
    dropDatabase = () => spawnSync("psql", [postgresAdminUrl, "-qc", `drop database if exists ${dbName} with (force)`], { stdio: "inherit" });
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "qala-bench-"));
    env = { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: "", POSTGRES_URL: "" };
    dropDatabase = () => fs.rmSync(dataDir, { recursive: true, force: true });
  }
  // A server database means a deployment, which refuses to start without these (lib/deployment.ts).
  for (const name of ["AUTH_SECRET", "POW_HMAC_KEY", "RATE_LIMIT_SECRET", "INVITATION_SECRET"]) env[name] ||= randomBytes(32).toString("hex");
  env.APP_URL ||= `http://127.0.0.1:${port}`;
  // The load generators play the proxy that appends each resident's address (bench/submissions.mjs).
  env.TRUSTED_PROXY_HOPS = "1";
  spawnSync("npm", ["run", "--silent", "db:seed"], { env, stdio: "ignore" });
  const server = spawn("node", ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    base,
    pid: server.pid,
    /** The database the server uses (a Postgres URL; undefined for embedded PGlite). */
    databaseUrl: env.DATABASE_URL || undefined,
    stop: async () => {
      server.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      dropDatabase();
    },
  };
}
