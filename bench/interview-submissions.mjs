// Interviewer submissions against residents', in one run on one server (the production
// build on a Postgres server with default settings, as bench/submissions.mjs). Residents
// send with a proof of work solved beforehand, each from its own address; interviewers send
// with their device credential (Authorization: Bearer qd_…), one interviewer per sender,
// each under an assignment of the open demo wave with quota cells, so each request pays
// the credential check, the interviewer's day counter, the assignment check and the
// interviews row written in the same statement. Both send varied answers (as the demo data
// is generated) to one town; the health route is the baseline.
// Usage: npx tsx --conditions=react-server bench/interview-submissions.mjs [responses=2000] [concurrency=50]
import { randomUUID } from "node:crypto";
import pg from "pg";
import { acknowledged as ok, pool as poolOf, solveProofs, variedAnswers } from "./load.mjs";
import { startServer } from "./server.mjs";

const total = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 50);
// Each interviewer sends total / concurrency interviews: under the day's limit.
process.env.INTERVIEWS_PER_DAY ||= String(Math.max(300, Math.ceil((2 * total) / concurrency)));
const server = await startServer({ port: 3293, postgresAdminUrl: process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" });
const base = server.base;
const pool = (count, worker) => poolOf(concurrency, count, worker);


const db = new pg.Client({ connectionString: server.databaseUrl });
try {
  await db.connect();
  const { rows: [target] } = await db.query("select w.id as wave_id, t.id as town_id from waves w join wave_towns wt on wt.wave_id = w.id join towns t on t.id = wt.town_id where w.slug = 'demo-2026' and t.code = 'ridder'");
  const waveId = target.wave_id;
  const townId = target.town_id;

  // One interviewer per sender, each with an assignment (target and 8 quota cells) and a device credential.
  const { hashPassword } = await import("../lib/auth/passwords.ts");
  const password = "bench interviewer password";
  const hash = await hashPassword(password);
  const interviewers = [];
  for (let lane = 0; lane < concurrency; lane++) {
    const id = randomUUID();
    const email = `bench-interviewer-${lane}@bench.qala`;
    await db.query("insert into users (id, name, email, email_verified, role) values ($1, $2, $3, true, 'interviewer')", [id, `Bench ${lane}`, email]);
    await db.query("insert into accounts (id, account_id, provider_id, user_id, password) values ($1, $2, 'credential', $2, $3)", [randomUUID(), id, hash]);
    const { rows: [assignment] } = await db.query("insert into fieldwork_assignments (wave_id, town_id, interviewer_id, target) values ($1, $2, $3, 40) returning id", [waveId, townId, id]);
    await db.query("insert into fieldwork_quotas (assignment_id, age_band, sex, target) select $1, a, s, 5 from generate_series(1, 4) a, generate_series(1, 2) s", [assignment.id]);
    const issued = await fetch(`${base}/api/fieldwork/devices`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `10.88.0.${lane}` },
      body: JSON.stringify({ email, password }),
    });
    if (issued.status !== 201) throw new Error(`device sign-in failed: ${issued.status} ${await issued.text()}`);
    interviewers.push({ credential: (await issued.json()).credential, assignmentId: assignment.id });
  }

  // Proofs of work, solved before the clock starts.
  const proofs = await solveProofs(base, total);
  const { latestQuestionnaireVersion } = await import("../lib/survey/questionnaire.ts");
  const varied = await variedAnswers(20261202, 2 * total);

  const baseline = await pool(total, () => fetch(`${base}/api/health`).then((r) => r.ok));
  const residents = await pool(total, (i, lane) =>
    fetch(`${base}/api/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `10.77.${Math.floor(lane / 250)}.${lane % 250}` },
      body: JSON.stringify({ responseId: randomUUID(), waveId, townId, locale: "ru", questionnaireVersion: latestQuestionnaireVersion, answers: varied[i], pow: proofs.pop() }),
    }).then(ok),
  );
  const startedAt = new Date(Date.now() - 1_800_000).toISOString();
  const interviews = await pool(total, (i, lane) => {
    const answers = varied[total + i];
    const { credential, assignmentId } = interviewers[lane];
    return fetch(`${base}/api/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `10.99.0.${lane}`, authorization: `Bearer ${credential}` },
      body: JSON.stringify({
        responseId: randomUUID(), waveId, townId, locale: "kk", questionnaireVersion: latestQuestionnaireVersion, answers,
        interview: { assignmentId, durationSeconds: 900, consentGiven: true, startedAt, ageBandRefused: answers.age_band === undefined, sexRefused: answers.sex === undefined },
      }),
    }).then(ok);
  });
  const { rows: [stored] } = await db.query("select count(*) filter (where mode = 1)::int as online, count(*) filter (where mode = 2)::int as face_to_face, (select count(*)::int from interviews) as interviews from responses where wave_id = $1 and town_id = $2 and not is_demo", [waveId, townId]);
  console.log(
    JSON.stringify(
      {
        benchmark: "interview-submissions",
        database: "postgres (DATABASE_URL)",
        concurrency,
        baseline: { route: "GET /api/health", ...baseline },
        residents: { route: "POST /api/responses", auth: "proof of work", ...residents },
        interviewers: { route: "POST /api/responses", auth: "device credential", senders: concurrency, ...interviews },
        interviewersToResidents: +(interviews.perSecond / residents.perSecond).toFixed(2),
        p95InterviewersToResidents: +(interviews.p95Ms / residents.p95Ms).toFixed(2),
        stored,
      },
      null,
      2,
    ),
  );
} finally {
  await db.end().catch(() => {});
  await server.stop();
}
