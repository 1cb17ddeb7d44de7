import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { todayInKazakhstan } from "@/lib/time";
import { expect, test } from "./test";

// The production server (scripts/serve.mjs, what `npm start` runs) decides the client's
// address itself. Each group starts a server of its own, on a free port, with a limit of
// one submission per day and an empty database of its own: the shared demo server and its
// data are left alone.
let base = "";

/** A port nothing listens on now (the system's pick). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function productionServer(trustedHops: string) {
  const running: { server?: ChildProcess; dataDir?: string } = {};
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const dataDir = (running.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "qala-e2e-address-")));
    const env = { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: "", POSTGRES_URL: "", RATE_LIMIT_PER_DAY: "1", POW_MAX_NUMBER: "50", TRUSTED_PROXY_HOPS: trustedHops };
    expect(spawnSync("npm", ["run", "--silent", "db:migrate"], { env, stdio: "ignore" }).status).toBe(0);
    running.server = spawn(process.execPath, ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: "ignore" });
    for (let i = 0; i < 120; i++) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error("the production server did not start");
  });
  test.afterAll(async () => {
    await stop(running.server);
    if (running.dataDir) fs.rmSync(running.dataDir, { recursive: true, force: true });
  });
  return running;
}

async function stop(server: ChildProcess | undefined) {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

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

test.describe("reached directly (no trusted proxy)", () => {
  const running = productionServer("");

  test("a client that writes its own X-Forwarded-For gets no second allowance", async () => {
    // The day's one submission from this machine (for a wave that does not exist).
    expect((await submit()).status).not.toBe(429);
    // Claiming to be someone else does not help: still this machine, still refused.
    expect(await submit({ "x-forwarded-for": "203.0.113.77" })).toMatchObject({ status: 429, body: { messageKey: "errors.rateLimited" } });
    expect((await submit({ "x-forwarded-for": "198.51.100.1, 198.51.100.2", "x-real-ip": "198.51.100.3" })).status).toBe(429);
    expect((await submit({ "x-qala-client-address": "198.51.100.4", forwarded: "for=198.51.100.5" })).status).toBe(429);
  });

  test("removes the day's old rows on its own timer, and has made tomorrow's key", async () => {
    test.setTimeout(60_000);
    // The first run is 5 s after start; the key of tomorrow is made only by it.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await stop(running.server);
    const db = new PGlite(running.dataDir);
    try {
      const { rows } = await db.query<{ day: string }>("select day::text as day from rate_limit_keys order by day");
      expect(rows.map((row) => row.day)).toContain(todayInKazakhstan(new Date(Date.now() + 86_400_000)));
    } finally {
      await db.close();
    }
  });
});

test.describe("behind one trusted proxy", () => {
  productionServer("1");

  test("counts the address the proxy appended, not what the client wrote before it", async () => {
    expect((await submit({ "x-forwarded-for": "203.0.113.5, 192.0.2.10" })).status).not.toBe(429);
    // The same client writing something else in front: the proxy's entry is the same.
    expect((await submit({ "x-forwarded-for": "198.51.100.9, 192.0.2.10" })).status).toBe(429);
    // Another client behind the same proxy has its own allowance.
    expect((await submit({ "x-forwarded-for": "203.0.113.5, 192.0.2.11" })).status).not.toBe(429);
  });
});
