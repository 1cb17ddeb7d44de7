// Faults survived, on record (docs/decisions/0019-failure-modes.md). Starts a Postgres
// cluster of its own (initdb in a temporary folder, its own port; never a shared server),
// migrates and seeds it, starts the production build (`npm run build` first) and sends
// submissions from clients that resend until acknowledged, each keeping its response id
// across resends as the phone's outbox does. While requests are in flight it stops Postgres
// at once (`pg_ctl stop -m immediate`) and starts it again, then kills the app (SIGKILL)
// and starts it again. Then every acknowledged response must be stored exactly once and
// every rollup must equal the answers it counts. Prints JSON; exits 1 when a check fails.
// Usage: npx tsx --conditions=react-server bench/faults.mjs [submissions=800] [clients=40]
// (CI runs the short form, 200 20, from .ci/run.)
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import pg from "pg";

const total = Number(process.argv[2] ?? 800);
const clients = Number(process.argv[3] ?? 40);
const appPort = 3400 + Math.floor(Math.random() * 400);
const dbPort = 55433 + Math.floor(Math.random() * 1000);

/** The production server, as `npm start` runs it (scripts/serve.mjs). */
const appCommand = (port) => ["node", ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"]];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const started = performance.now();
const elapsed = () => +((performance.now() - started) / 1000).toFixed(1);

// --- Postgres of our own -------------------------------------------------------------------
function postgresBin() {
  const candidates = [];
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim());
  } catch {}
  candidates.push(...fs.readdirSync("/usr/lib/postgresql").map((v) => `/usr/lib/postgresql/${v}/bin`).sort().reverse(), "/usr/local/bin");
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl")));
  if (!found) throw new Error("no initdb/pg_ctl found (pg_config --bindir, /usr/lib/postgresql/*/bin, /usr/local/bin)");
  return found;
}
const bin = postgresBin();
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "qala-faults-"));
const dataDir = path.join(folder, "data");
const asRoot = process.getuid?.() === 0;
// initdb refuses to run as root: the cluster then belongs to the postgres user.
if (asRoot) {
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
  fs.chownSync(folder, uid, gid);
}
function pgTool(tool, args) {
  const [command, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
  const run = spawnSync(command, argv, { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${tool} failed: ${run.stderr || run.stdout}`);
}
const startPostgres = () =>
  pgTool("pg_ctl", ["start", "-w", "-D", dataDir, "-l", path.join(folder, "postgres.log"), "-o", `-p ${dbPort} -k ${folder} -c listen_addresses=127.0.0.1 -c max_connections=100`]);
const stopPostgres = (mode) => pgTool("pg_ctl", ["stop", "-D", dataDir, "-m", mode]);

// --- the app -------------------------------------------------------------------------------
const databaseUrl = `postgres://postgres@127.0.0.1:${dbPort}/qala`;
const appEnv = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  POSTGRES_URL: "",
  // The same keys across the app's restart, as on any real deployment: a challenge solved
  // before the restart is still good after it.
  POW_HMAC_KEY: randomBytes(32).toString("hex"),
  RATE_LIMIT_SECRET: randomBytes(32).toString("hex"),
  INVITATION_SECRET: randomBytes(32).toString("hex"),
  AUTH_SECRET: randomBytes(32).toString("hex"),
  APP_URL: `http://127.0.0.1:${appPort}`,
  // Easy challenges, so the clients' hashing does not set the pace; the server's check is the same.
  POW_MAX_NUMBER: "1000",
  // The clients share a few addresses; the limit is not what this measures.
  RATE_LIMIT_PER_DAY: "100000000",
};
const appLog = fs.openSync(path.join(folder, "app.log"), "a");
let app;
async function startApp() {
  const [command, args] = appCommand(appPort);
  app = spawn(command, args, { env: appEnv, stdio: ["ignore", appLog, appLog] });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await sleep(250);
  }
  throw new Error("the app did not become healthy");
}
const base = `http://127.0.0.1:${appPort}`;

// --- clients that resend until acknowledged ------------------------------------------------
const counts = { attempts: 0, acknowledged: 0, http503: 0, retryAfterMissing: 0, other: {}, rejected: 0 };
const otherError = (kind) => (counts.other[kind] = (counts.other[kind] ?? 0) + 1);
/** Submissions posted and not yet answered. */
let inFlight = 0;
const acknowledgedIds = [];

async function sendUntilAcknowledged(body, lane) {
  for (;;) {
    counts.attempts++;
    let wait = 200;
    let posting = false;
    try {
      const challenge = await (await fetch(`${base}/api/challenge`, { signal: AbortSignal.timeout(15_000) })).json();
      const pow = { challenge, solution: await solveChallenge({ challenge, deriveKey }) };
      inFlight++;
      posting = true;
      const response = await fetch(`${base}/api/responses`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `10.91.0.${lane % 250}` },
        body: JSON.stringify({ ...body, pow }),
        signal: AbortSignal.timeout(30_000),
      });
      const result = await response.json().catch(() => ({}));
      if (response.ok && result.status === "ok") {
        counts.acknowledged++;
        acknowledgedIds.push(body.responseId);
        return;
      }
      if (response.status === 503) {
        counts.http503++;
        const asked = Number(response.headers.get("retry-after"));
        if (!asked) counts.retryAfterMissing++;
        // What the outbox does, scaled down so the run stays short: a tenth of what was asked.
        wait = Math.min(10_000, Math.max(200, (asked || 1) * 100));
      } else if (response.status >= 400 && response.status < 500 && response.status !== 400 && response.status !== 429) {
        // Refused for good (the outbox would show it to the resident): a bug in this test or the app.
        counts.rejected++;
        otherError(`${response.status} ${result.messageKey ?? ""}`.trim());
        return;
      } else {
        // A 200 without the acknowledgement: the answer was cut off when the app was killed.
        otherError(response.ok ? "200 cut off" : String(response.status));
      }
    } catch (error) {
      otherError(error?.cause?.code ?? error?.name ?? "network");
    } finally {
      if (posting) inFlight--;
    }
    await sleep(wait + Math.random() * 100);
  }
}

/** Waits until some requests are in flight (at most 5 s), then runs the fault; reports how many were. */
async function faultWhileBusy(kind, run) {
  for (let i = 0; i < 500 && inFlight === 0; i++) await sleep(10);
  const fault = { kind, atSeconds: elapsed(), inFlight, acknowledgedBefore: counts.acknowledged };
  await run();
  fault.recoveredAtSeconds = elapsed();
  return fault;
}

const checks = {};
let exitCode = 1;
let report;
try {
  pgTool("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync"]);
  startPostgres();
  pgTool("createdb", ["-h", "127.0.0.1", "-p", String(dbPort), "-U", "postgres", "qala"]);
  const seed = spawnSync("npm", ["run", "--silent", "db:seed"], { env: appEnv, encoding: "utf8" });
  if (seed.status !== 0) throw new Error(`seeding failed: ${seed.stderr}`);
  await startApp();

  // The open demo wave and its towns, as the survey page offers them.
  const setup = new pg.Client({ connectionString: databaseUrl });
  await setup.connect();
  const towns = (await setup.query("select wt.wave_id, wt.town_id from wave_towns wt join waves w on w.id = wt.wave_id where w.slug = 'demo-2026' order by wt.town_id")).rows;
  await setup.end();
  const waveId = towns[0]?.wave_id;
  const townIds = towns.map((row) => row.town_id);
  if (!waveId) throw new Error("the seeded database has no demo-2026 wave");
  const { latestQuestionnaireVersion } = await import("../lib/survey/questionnaire.ts");
  const { demoAnswers } = await import("@/scripts/seed/demo.ts");
  let state = 20261202;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const bodies = Array.from({ length: total }, (_, i) => ({
    responseId: randomUUID(),
    waveId,
    townId: townIds[i % townIds.length],
    locale: ["kk", "ru", "en"][i % 3],
    questionnaireVersion: latestQuestionnaireVersion,
    answers: demoAnswers(next, 0.4),
  }));

  let nextBody = 0;
  let finished = false;
  const sending = Promise.all(
    Array.from({ length: clients }, async (_, lane) => {
      for (let i = nextBody++; i < total; i = nextBody++) await sendUntilAcknowledged(bodies[i], lane);
    }),
  ).finally(() => (finished = true));
  const faults = [];
  const until = async (share) => {
    while (!finished && counts.acknowledged < total * share) await sleep(20);
  };
  await until(0.25);
  faults.push(
    await faultWhileBusy("postgres: pg_ctl stop -m immediate, start", async () => {
      stopPostgres("immediate");
      await sleep(3_000);
      startPostgres();
    }),
  );
  await until(0.6);
  faults.push(
    await faultWhileBusy("app: SIGKILL, start", async () => {
      app.kill("SIGKILL");
      await new Promise((resolve) => (app.exitCode !== null ? resolve() : app.once("exit", resolve)));
      await startApp();
    }),
  );
  await Promise.race([
    sending,
    sleep(600_000).then(() => {
      throw new Error("not every submission was acknowledged within 10 minutes");
    }),
  ]);

  // --- what was stored ---------------------------------------------------------------------
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const one = async (text, params) => (await db.query(text, params)).rows[0];
  const stored = await one("select count(*)::int as rows, count(distinct id)::int as ids from responses where id = any($1::uuid[])", [acknowledgedIds]);
  const sentIds = bodies.map((body) => body.responseId);
  const storedOfSent = await one("select count(*)::int as n from responses where id = any($1::uuid[])", [sentIds]);
  // Every rollup equals the answers it counts (over every wave, the seeded ones included).
  const mismatches = await one(`
    with answered as (
      select r.wave_id, r.town_id, a.item_id, a.value, count(*)::int as n
      from answers a join responses r on r.id = a.response_id group by 1, 2, 3, 4
    ),
    item_counts as (select wave_id, town_id, item_id, value, sum(responses)::int as n from answer_counts group by 1, 2, 3, 4),
    group_counts as (select wave_id, town_id, item_id, value, sum(responses)::int as n from answer_group_counts group by 1, 2, 3, 4),
    strata as (select wave_id, town_id, item_id, value, age_band, sex, sum(responses)::int as n from answer_stratum_counts group by 1, 2, 3, 4, 5, 6),
    groups_by_stratum as (
      select wave_id, town_id, item_id, value, age_band, sex, sum(responses)::int as n
      from answer_group_counts where age_band > 0 and sex > 0 group by 1, 2, 3, 4, 5, 6
    ),
    towns_counted as (select wave_id, town_id, sum(responses)::int as n from town_response_counts group by 1, 2),
    towns_stored as (select wave_id, town_id, count(*)::int as n from responses group by 1, 2)
    select
      (select count(*) from answered full join item_counts c using (wave_id, town_id, item_id, value) where coalesce(answered.n, 0) <> coalesce(c.n, 0))::int as answer_counts,
      (select count(*) from answered full join group_counts g using (wave_id, town_id, item_id, value) where coalesce(answered.n, 0) <> coalesce(g.n, 0))::int as group_counts,
      (select count(*) from strata s full join groups_by_stratum g using (wave_id, town_id, item_id, value, age_band, sex) where coalesce(s.n, 0) <> coalesce(g.n, 0))::int as stratum_counts,
      (select count(*) from towns_counted t full join towns_stored s using (wave_id, town_id) where coalesce(t.n, 0) <> coalesce(s.n, 0))::int as town_counts
  `);
  await db.end();

  const rollupMismatches = mismatches.answer_counts + mismatches.group_counts + mismatches.stratum_counts + mismatches.town_counts;
  const http500 = counts.other["500"] ?? 0;
  Object.assign(checks, {
    everyAcknowledgedStoredOnce: stored.rows === acknowledgedIds.length && stored.ids === acknowledgedIds.length,
    everySubmissionAcknowledged: counts.acknowledged === total,
    nothingStoredUnacknowledged: storedOfSent.n === counts.acknowledged,
    rollupsEqualAnswers: rollupMismatches === 0,
    requestsInFlightAtEachFault: faults.every((fault) => fault.inFlight > 0),
    outageAnswered503: counts.http503 > 0 && counts.retryAfterMissing === 0,
    no500: http500 === 0,
    nothingRefused: counts.rejected === 0,
  });
  report = {
    benchmark: "faults",
    database: `own Postgres cluster (${bin}), port ${dbPort}`,
    app: appCommand(appPort).flat().join(" "),
    clients,
    sent: total,
    attempts: counts.attempts,
    acknowledged: counts.acknowledged,
    stored: stored.ids,
    duplicates: stored.rows - stored.ids,
    http503: counts.http503,
    otherErrors: counts.other,
    faults,
    rollupMismatches: mismatches,
    seconds: elapsed(),
    checks,
  };
  exitCode = Object.values(checks).every(Boolean) ? 0 : 1;
} catch (error) {
  report = { benchmark: "faults", error: String(error?.stack ?? error), counts, logs: folder };
} finally {
  try {
    app?.kill("SIGKILL");
  } catch {}
  try {
    stopPostgres("fast");
  } catch {}
  console.log(JSON.stringify(report, null, 2));
  if (exitCode === 0) fs.rmSync(folder, { recursive: true, force: true });
  else console.error(`Logs kept in ${folder} (app.log, postgres.log).`);
  process.exit(exitCode);
}
