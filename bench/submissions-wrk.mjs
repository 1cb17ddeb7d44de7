// Submission throughput measured by a load generator that is not Node: wrk (`apt-get install
// wrk`), 2 threads and 50 connections, against the production build on a Postgres server.
// The Node side pre-solves the proofs of work and writes one body per line (each its own
// resident: its own address, as a proxy would append it, and its own answers); the Lua script
// (bench/wrk.lua) sends each once. The health route under the same load is the baseline
// measured in the same run. The challenges are issued easy (POW_MAX_NUMBER=1000) so solving
// thousands beforehand is quick; the server checks a solution at the same cost whatever the
// difficulty. The per-address limit is lifted, so that the run measures the write.
// Usage: npx tsx --conditions=react-server bench/submissions-wrk.mjs [seconds=8] [bodies=4000]
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { startServer } from "./server.mjs";

const seconds = Number(process.argv[2] ?? 8);
const count = Number(process.argv[3] ?? 4000);
const threads = 2;
const connections = 50;
if (spawnSync("wrk", ["--version"]).error) throw new Error("wrk is not installed (apt-get install -y wrk)");

process.env.POW_MAX_NUMBER = "1000";
process.env.RATE_LIMIT_PER_DAY = "100000000";
const server = await startServer({ port: 3293, postgresAdminUrl: process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" });
const base = server.base;
const script = path.join(import.meta.dirname, "wrk.lua");
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "qala-wrk-"));

function wrk(url, extra = []) {
  const run = spawnSync("wrk", [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, url, "--", ...extra], { encoding: "utf8" });
  const line = run.stdout.split("\n").find((text) => text.startsWith("{"));
  if (!line) throw new Error(`wrk printed no result: ${run.stderr || run.stdout}`);
  return JSON.parse(line);
}

try {
  const html = await (await fetch(`${base}/en/survey/demo-2026`)).text();
  const waveId = Number(html.match(/\\"waveId\\":(\d+)/)?.[1] ?? html.match(/"waveId":(\d+)/)?.[1]);
  const townId = Number(html.match(/\\"towns\\":\[\{\\"id\\":(\d+)/)?.[1] ?? html.match(/"towns":\[\{"id":(\d+)/)?.[1]);
  if (!waveId || !townId) throw new Error("could not read the wave and a town from the survey page");
  const { latestQuestionnaireVersion } = await import("../lib/survey/questionnaire.ts");
  const { demoAnswers } = await import("@/scripts/seed/demo.ts");
  let state = 20261202;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);

  const lines = [];
  for (let i = 0; i < count; i++) {
    const challenge = await (await fetch(`${base}/api/challenge`)).json();
    const pow = { challenge, solution: await solveChallenge({ challenge, deriveKey }) };
    const body = { responseId: randomUUID(), waveId, townId, locale: "ru", questionnaireVersion: latestQuestionnaireVersion, answers: demoAnswers(next, 0.4), pow };
    lines.push(`10.${78 + Math.floor(i / 62500)}.${Math.floor(i / 250) % 250}.${i % 250}\t${JSON.stringify(body)}`);
  }
  const bodies = path.join(folder, "bodies.tsv");
  fs.writeFileSync(bodies, lines.join("\n") + "\n");

  const baseline = wrk(`${base}/api/health`);
  const submissions = wrk(`${base}/api/responses`, [bodies, String(threads)]);
  console.log(
    JSON.stringify(
      {
        benchmark: "submissions-wrk",
        loadGenerator: `wrk -t${threads} -c${connections} -d${seconds}s`,
        database: "postgres (DATABASE_URL)",
        baseline: { route: "GET /api/health", ...baseline },
        submissions: { route: "POST /api/responses", answers: "varied", bodies: count, ...submissions },
        ratioToBaseline: +(submissions.perSecond / baseline.perSecond).toFixed(2),
      },
      null,
      2,
    ),
  );
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
  await server.stop();
}
