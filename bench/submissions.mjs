// Submission throughput: responses per second at 50 concurrent senders, against the
// production build on a Postgres server with default settings. Each sender is a different
// resident (its own address, as a proxy would append it) with a proof of work solved
// beforehand, so the load generator measures the server, not its own hashing. The health
// route at the same concurrency is the baseline measured in the same run.
// Two runs of submissions: "varied", each resident answering differently (as the demo data
// is generated: different age bands, sexes, jobs and opinions), which is what a town sends;
// and "same", every submission identical, the worst case for the rollup rows they all update.
// Usage: npx tsx --conditions=react-server bench/submissions.mjs [responses=2000] [concurrency=50]
import { randomUUID } from "node:crypto";
import { acknowledged, pool as poolOf, solveProofs, variedAnswers } from "./load.mjs";
import { startServer } from "./server.mjs";

const total = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 50);
const server = await startServer({ port: 3292, postgresAdminUrl: process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" });
const base = server.base;
const pool = (count, worker) => poolOf(concurrency, count, worker);


try {
  const html = await (await fetch(`${base}/en/survey/demo-2026`)).text();
  const waveId = Number(html.match(/\\"waveId\\":(\d+)/)?.[1] ?? html.match(/"waveId":(\d+)/)?.[1]);
  const townId = Number(html.match(/\\"towns\\":\[\{\\"id\\":(\d+)/)?.[1] ?? html.match(/"towns":\[\{"id":(\d+)/)?.[1]);
  if (!waveId || !townId) throw new Error("could not read the wave and a town from the survey page");

  // Proofs of work, solved before the clock starts.
  const proofs = await solveProofs(base, 2 * total + 1);
  // A complete set of answers to the current questionnaire, as a resident sends it.
  const { completeAnswers } = await import("../tests/fixtures.ts");
  const { getQuestionnaire, latestQuestionnaireVersion } = await import("../lib/survey/questionnaire.ts");
  const answers = completeAnswers(getQuestionnaire(latestQuestionnaireVersion), { employment: 1, plan_leave_2y: 1 });
  const varied = await variedAnswers(20261129, total);
  const probe = await fetch(`${base}/api/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ responseId: randomUUID(), waveId, townId, locale: "ru", questionnaireVersion: latestQuestionnaireVersion, answers, pow: proofs.pop() }),
  });
  if (!probe.ok) throw new Error(`a single submission failed: ${probe.status} ${await probe.text()}`);

  const baseline = await pool(total, () => fetch(`${base}/api/health`).then((r) => r.ok));
  const submit = (answersOf) => (i, lane) =>
    fetch(`${base}/api/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `10.77.${Math.floor(lane / 250)}.${lane % 250}` },
      body: JSON.stringify({ responseId: randomUUID(), waveId, townId, locale: "ru", questionnaireVersion: latestQuestionnaireVersion, answers: answersOf(i), pow: proofs.pop() }),
    }).then(acknowledged);
  const variedRun = await pool(total, submit((i) => varied[i]));
  const sameRun = await pool(total, submit(() => answers));
  console.log(
    JSON.stringify(
      {
        benchmark: "submissions",
        database: "postgres (DATABASE_URL)",
        concurrency,
        target: { perSecond: 400, errors: 0 },
        baseline: { route: "GET /api/health", ...baseline },
        submissions: { route: "POST /api/responses", answers: "varied", ...variedRun },
        ratioToBaseline: +(variedRun.perSecond / baseline.perSecond).toFixed(2),
        sameAnswers: { route: "POST /api/responses", answers: "same", ...sameRun },
        sameAnswersRatioToBaseline: +(sameRun.perSecond / baseline.perSecond).toFixed(2),
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
}
