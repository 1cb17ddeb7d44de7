import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { expect, test } from "./test";

// The production server (scripts/serve.mjs, what `npm start` runs) decides the client's
// address from the socket: with no trusted proxy, a client that writes X-Forwarded-For (or
// the app's own address header) itself is still counted as the address it connects from.
// A server of its own, on the next port, with a submission limit of one per day and an
// empty database of its own: the shared demo server is left alone.
const port = Number(process.env.E2E_PORT ?? 3210) + 1;
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "qala-e2e-address-"));
  const env = { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: "", POSTGRES_URL: "", RATE_LIMIT_PER_DAY: "1", POW_MAX_NUMBER: "50", TRUSTED_PROXY_HOPS: "" };
  expect(spawnSync("npm", ["run", "--silent", "db:migrate"], { env, stdio: "ignore" }).status).toBe(0);
  server = spawn(process.execPath, ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: "ignore" });
  for (let i = 0; i < 120; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the production server did not start");
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  await new Promise((resolve) => server?.once("exit", resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A submission with a solved proof of work; the limit is checked before the wave it names. */
async function submit(headers: Record<string, string> = {}) {
  const challenge = (await (await fetch(`${base}/api/challenge`)).json()) as Challenge;
  const pow = { challenge, solution: await solveChallenge({ challenge, deriveKey }) };
  const response = await fetch(`${base}/api/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ waveId: 999_999, pow }),
  });
  return { status: response.status, body: (await response.json()) as { messageKey?: string } };
}

test("a client that writes its own X-Forwarded-For gets no second allowance", async () => {
  // The day's one submission from this machine (for a wave that does not exist).
  expect((await submit()).status).not.toBe(429);
  // Claiming to be someone else does not help: still this machine, still refused.
  expect(await submit({ "x-forwarded-for": "203.0.113.77" })).toEqual({ status: 429, body: { status: "error", messageKey: "errors.rateLimited" } });
  expect((await submit({ "x-forwarded-for": "198.51.100.1, 198.51.100.2", "x-real-ip": "198.51.100.3" })).status).toBe(429);
  expect((await submit({ "x-qala-client-address": "198.51.100.4", forwarded: "for=198.51.100.5" })).status).toBe(429);
});
