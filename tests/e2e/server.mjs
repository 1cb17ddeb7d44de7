// Starts the production build for the end-to-end tests: a fresh embedded database in a
// temporary folder (or the Postgres server of DATABASE_URL), migrated and seeded with the
// demo data, then the production server (scripts/serve.mjs, what `npm start` runs) on E2E_PORT.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { isExpectedLogLine } from "../support/expected-logs.mjs";

const port = process.env.E2E_PORT ?? "3210";
const env = { ...process.env };
// A server database means a deployment, which refuses to start without its secrets
// (lib/deployment.ts): the test server makes fresh ones unless the caller gave some.
for (const name of ["AUTH_SECRET", "POW_HMAC_KEY", "RATE_LIMIT_SECRET", "INVITATION_SECRET"]) env[name] ||= randomBytes(32).toString("hex");
env.APP_URL ||= `http://127.0.0.1:${port}`;
if (!env.DATABASE_URL && !env.POSTGRES_URL) {
  env.PGLITE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "qala-e2e-"));
}

// A plain seed: idempotent, and unlike `--if-empty` it also seeds a Postgres server.
const seed = spawnSync("npm", ["run", "--silent", "db:seed"], { env, stdio: "inherit" });
if (seed.status !== 0) process.exit(seed.status ?? 1);

const server = spawn(process.execPath, ["scripts/serve.mjs", "-p", port, "-H", "127.0.0.1"], { env, stdio: ["inherit", "pipe", "pipe"] });
// The server's output, less the refused sign-ins that specs provoke on purpose.
for (const [from, to] of [[server.stdout, process.stdout], [server.stderr, process.stderr]]) {
  readline.createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => {
    if (!isExpectedLogLine(line)) to.write(`${line}\n`);
  });
}
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => {
  if (env.PGLITE_DIR && !process.env.PGLITE_DIR) fs.rmSync(env.PGLITE_DIR, { recursive: true, force: true });
  process.exit(code ?? 0);
});
