// Submission throughput: responses per second at 50 concurrent senders, against the
// production build on a Postgres server with default settings. Each sender is a different
// resident (its own address, as a proxy would append it) with a proof of work solved
// beforehand, so the load generator measures the server, not its own hashing. The health
// route at the same concurrency is the baseline measured in the same run.
// Usage: npx tsx bench/submissions.mjs [responses=2000] [concurrency=50]
import { randomUUID } from "node:crypto";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { startServer } from "./server.mjs";

const total = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 50);
const server = await startServer({ port: 3292, postgresAdminUrl: process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" });
const base = server.base;

async function pool(count, worker) {
  let next = 0;
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        const ok = await worker(i, lane).catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => +latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1);
  return { requests: count, errors, seconds: +seconds.toFixed(2), perSecond: Math.round(count / seconds), p50Ms: pct(0.5), p95Ms: pct(0.95) };
}

try {
  const html = await (await fetch(`${base}/en/survey/demo-2026`)).text();
  const waveId = Number(html.match(/\\"waveId\\":(\d+)/)?.[1] ?? html.match(/"waveId":(\d+)/)?.[1]);
  const townId = Number(html.match(/\\"towns\\":\[\{\\"id\\":(\d+)/)?.[1] ?? html.match(/"towns":\[\{"id":(\d+)/)?.[1]);
  if (!waveId || !townId) throw new Error("could not read the wave and a town from the survey page");

  // Proofs of work, solved before the clock starts.
  const proofs = [];
  for (let i = 0; i <= total; i++) {
    const challenge = await (await fetch(`${base}/api/challenge`)).json();
    proofs.push({ challenge, solution: await solveChallenge({ challenge, deriveKey }) });
  }
  // A complete set of answers to the current questionnaire, as a resident sends it.
  const { completeAnswers } = await import("../tests/fixtures.ts");
  const { getQuestionnaire, latestQuestionnaireVersion } = await import("../lib/survey/questionnaire.ts");
  const answers = completeAnswers(getQuestionnaire(latestQuestionnaireVersion), { employment: 1, plan_leave_2y: 1 });
  const probe = await fetch(`${base}/api/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ responseId: randomUUID(), waveId, townId, locale: "ru", questionnaireVersion: latestQuestionnaireVersion, answers, pow: proofs.pop() }),
  });
  if (!probe.ok) throw new Error(`a single submission failed: ${probe.status} ${await probe.text()}`);

  const baseline = await pool(total, () => fetch(`${base}/api/health`).then((r) => r.ok));
  const submissions = await pool(total, async (i, lane) => {
    const response = await fetch(`${base}/api/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `10.77.${Math.floor(lane / 250)}.${lane % 250}` },
      body: JSON.stringify({ responseId: randomUUID(), waveId, townId, locale: "ru", questionnaireVersion: latestQuestionnaireVersion, answers, pow: proofs[i] }),
    });
    const body = await response.json();
    return response.ok && body.status === "ok";
  });
  console.log(
    JSON.stringify(
      {
        benchmark: "submissions",
        database: "postgres (DATABASE_URL)",
        concurrency,
        target: { perSecond: 400, errors: 0 },
        baseline: { route: "GET /api/health", ...baseline },
        submissions: { route: "POST /api/responses", ...submissions },
        ratioToBaseline: +(submissions.perSecond / baseline.perSecond).toFixed(2),
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
}
