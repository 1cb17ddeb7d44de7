// Research export from the database: rows per second and peak memory of a microdata export
// (runExport: frequency table, k-anonymity plan, SQL cursor, recoding, spool file, writer) as CSV and
// as Parquet at each size, on a Postgres database of its own filled with generated responses
// (bench/export-data.ts). The baseline in the same run is a plain cursor over the same
// query shape (one row per response, one column per item) with no disclosure control and
// no encoding, its batches discarded. Each measurement runs in a child process of its own,
// so its peak RSS is the export's alone: reported as the absolute peak and as the delta over
// the idle process (imported, connected, nothing read).
// Usage: npx tsx --conditions=react-server bench/export.ts [sizes=100000,1000000]
import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { sql } from "drizzle-orm";
import { connect } from "@/db/client";
import { CURSOR_BATCH_ROWS } from "@/db/queries/export";
import { migrate } from "@/db/migrate";
import { getWaveBySlug } from "@/db/queries/waves";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { runExport } from "@/server/export/run-export";
import { liveSpoolDirs } from "@/server/export/spool";
import { throughGate } from "@/server/results/gate";
import { QUASI_IDENTIFIERS } from "@/lib/export/hierarchies";
import { getQuestionnaire } from "@/lib/survey/questionnaire";
import { generateResponses } from "./export-data";

const adminUrl = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const K = 10;
const MODES = ["baseline", "csv", "parquet"] as const;
type Mode = (typeof MODES)[number];
const MB = 2 ** 20;
const mb = (bytes: number) => +(bytes / MB).toFixed(1);

// The child runs with --expose-gc: a full collection every 5 s measures the heap the export
// keeps alive, apart from the garbage V8 has not yet collected (most of the peak heap, which
// follows the collector's pace rather than what the export holds). It may lower the peaks a
// little; compare with a run where `gc` is absent (the figures are then the plain peaks).
const LIVE_EVERY_MS = 5000;
const collect = (globalThis as { gc?: () => void }).gc;

/** Peak RSS and heap, sampled every 50 ms and whenever the caller asks (between chunks). */
function memorySampler() {
  collect?.();
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  let peakLive = start.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, 50);
  const live = setInterval(() => {
    sample();
    collect?.();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
  }, LIVE_EVERY_MS);
  return {
    sample,
    stop() {
      clearInterval(timer);
      clearInterval(live);
      sample();
      collect?.();
      return {
        rssStartMB: mb(start.rss),
        peakRssMB: mb(peakRss),
        peakRssDeltaMB: mb(peakRss - start.rss),
        heapUsedStartMB: mb(start.heapUsed),
        peakHeapUsedMB: mb(peakHeap),
        ...(collect ? { peakLiveHeapMB: mb(peakLive) } : {}),
        ...(collect ? { liveHeapAtEndMB: mb(process.memoryUsage().heapUsed) } : {}),
      };
    },
  };
}

/** One measurement, in this (child) process. */
async function measure(mode: Mode, url: string) {
  const { db, close } = await connect({ target: "server", url });
  try {
    // The export of a wave whose results staff may see (the seeded demo wave shows them).
    const wave = throughGate((await getWaveBySlug({ db, slug: DEMO_WAVE_SLUG }))!, "staff")!;
    const questionnaire = getQuestionnaire(wave.questionnaireVersion)!;
    await new Promise((resolve) => setTimeout(resolve, 200)); // let start-up garbage settle
    const memory = memorySampler();
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    let rows = 0;
    let bytes = 0;
    let firstByte = 0;
    let disclosure: object | undefined;
    let responseReady = 0;
    let spoolBytes = 0;
    let spoolRead = 0;
    if (mode === "baseline") {
      // The export's query shape, through the same driver and batch size, rows discarded.
      const pivot = sql.join(
        questionnaire.items
          .filter((item) => item.kind !== "text")
          .map((item) => sql`max(a.value) filter (where a.item_id = ${item.id}) as ${sql.identifier(item.id)}`),
        sql`, `,
      );
      await db.transaction(
        async (tx) => {
          await tx.execute(sql`declare bench_cursor no scroll cursor for
            select t.code as town, r.locale, r.questionnaire_version, to_char(r.submitted_on, 'YYYY-MM') as month, r.is_demo, ${pivot}
            from responses r join towns t on t.id = r.town_id left join answers a on a.response_id = r.id
            where r.wave_id = ${wave.id} group by r.id, t.code order by r.id`);
          for (;;) {
            const { rows: batch } = (await tx.execute(sql.raw(`fetch ${CURSOR_BATCH_ROWS} from bench_cursor`))) as unknown as { rows: unknown[] };
            if (batch.length === 0) break;
            firstByte ||= performance.now() - started;
            rows += batch.length;
            memory.sample();
          }
        },
        { isolationLevel: "repeatable read", accessMode: "read only" },
      );
    } else {
      const file = await runExport({ db, wave, questionnaire, options: { kind: "microdata", format: mode, k: K, includeText: false } });
      // The response would start here: the first batch is spooled (docs/decisions/0018).
      responseReady = performance.now() - started;
      // The spool file's size every 100 ms: when it last grew is when the snapshot's
      // transaction ended (to within 0.1 s), however long the writer then takes.
      const spoolSampler = setInterval(() => {
        const size = Math.max(0, ...liveSpoolDirs().map((dir) => fs.statSync(path.join(dir, "rows"), { throwIfNoEntry: false })?.size ?? 0));
        if (size > spoolBytes) [spoolBytes, spoolRead] = [size, performance.now() - started];
      }, 100);
      const reader = file.stream.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        firstByte ||= performance.now() - started;
        bytes += value.length;
        memory.sample();
      }
      clearInterval(spoolSampler);
      const report = file.finalReport();
      rows = report.rows;
      disclosure = {
        progressTotal: file.rows,
        generalised: report.generalised.map(({ column, to }) => `${column}: ${to}`),
        suppressed: report.suppressed,
      };
    }
    const seconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(cpuStarted);
    return {
      mode,
      rows,
      seconds: +seconds.toFixed(2),
      rowsPerSecond: Math.round(rows / seconds),
      firstByteSeconds: +(firstByte / 1000).toFixed(2),
      cpuSeconds: +((user + system) / 1e6).toFixed(2),
      ...(mode === "baseline" ? {} : { outputMB: mb(bytes), responseReadySeconds: +(responseReady / 1000).toFixed(2), snapshotReadSeconds: +(spoolRead / 1000).toFixed(1), spoolPeakMB: mb(spoolBytes) }),
      ...memory.stop(),
      ...(disclosure ? { disclosure } : {}),
    };
  } finally {
    await close();
  }
}

type Measurement = Awaited<ReturnType<typeof measure>>;

function runChild(mode: Mode, url: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ["--child", mode, url], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      // BENCH_EXPORT_LIVE_HEAP=0: no forced collections, the peaks untouched.
      execArgv: process.env.BENCH_EXPORT_LIVE_HEAP === "0" ? process.execArgv : [...process.execArgv, "--expose-gc"],
    });
    child.once("message", (result) => resolve(result as Measurement));
    child.once("exit", (code) => (code ? reject(new Error(`${mode} exited with ${code}`)) : undefined));
  });
}

async function main() {
  const [flag, mode, childUrl] = process.argv.slice(2);
  if (flag === "--child") {
    const result = await measure(mode as Mode, childUrl!);
    if (process.send) process.send(result);
    else console.log(JSON.stringify(result));
    return;
  }
  const sizes = (process.argv[2] ?? "100000,1000000").split(",").map(Number);
  const name = `qala_bench_export_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const dropDatabase = () => admin.query(`drop database if exists ${name} with (force)`);
  const interrupted = () => void dropDatabase().finally(() => process.exit(130));
  process.once("SIGINT", interrupted).once("SIGTERM", interrupted);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connection = await connect({ target: "server", url: url.toString() });
  const { db } = connection;
  const log = (message: string) => console.error(`[bench/export ${new Date().toISOString().slice(11, 19)}] ${message}`);
  try {
    await migrate(connection);
    await seedReferenceData(db);
    await seedDemoWave(db, { perTown: 5 });
    const wave = (await getWaveBySlug({ db, slug: DEMO_WAVE_SLUG }))!;
    const questionnaire = getQuestionnaire(wave.questionnaireVersion)!;
    const count = async (query: ReturnType<typeof sql>) =>
      ((await db.execute(query)) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;

    let generated = 0;
    const results = [];
    for (const size of sizes) {
      const started = performance.now();
      await generateResponses({ db, wave, questionnaire, count: size - generated });
      const generateSeconds = (performance.now() - started) / 1000;
      // Hint bits and the visibility map set now, not by whichever measurement reads first.
      await db.execute(sql`vacuum analyze responses, answers`);
      const prepareSeconds = (performance.now() - started) / 1000 - generateSeconds;
      log(`${size - generated} responses generated in ${generateSeconds.toFixed(0)} s, vacuumed in ${prepareSeconds.toFixed(0)} s`);
      generated = size;

      const data = {
        responsesInWave: await count(sql`select count(*)::int as n from responses where wave_id = ${wave.id}`),
        answerRows: await count(sql`select count(*)::int as n from answers`),
        quasiCombinations: await count(sql`select count(*)::int as n from (
          select distinct r.town_id, ${sql.join(QUASI_IDENTIFIERS.map((q) => sql`max(a.value) filter (where a.item_id = ${q})`), sql`, `)}
          from responses r left join answers a on a.response_id = r.id and a.item_id in (${sql.join(QUASI_IDENTIFIERS.map((q) => sql`${q}`), sql`, `)})
          where r.wave_id = ${wave.id} group by r.id) c`),
        databaseMB: mb(await count(sql`select pg_database_size(current_database())::bigint as n`)),
      };
      const measurements: Partial<Record<Mode, Measurement>> = {};
      for (const mode of MODES) {
        measurements[mode] = await runChild(mode, url.toString());
        log(`${size}: ${mode} ${measurements[mode].rowsPerSecond} rows/s, peak RSS ${measurements[mode].peakRssMB} MB`);
      }
      const { baseline, csv, parquet } = measurements as Record<Mode, Measurement>;
      const ratios = (m: Measurement) => ({
        secondsVsBaseline: +(m.seconds / baseline.seconds).toFixed(2),
        rowsPerSecondVsBaseline: +(m.rowsPerSecond / baseline.rowsPerSecond).toFixed(2),
        peakRssDeltaVsBaseline: +(m.peakRssDeltaMB / Math.max(1, baseline.peakRssDeltaMB)).toFixed(1),
      });
      results.push({
        responses: size,
        generateSeconds: +generateSeconds.toFixed(1),
        vacuumAnalyzeSeconds: +prepareSeconds.toFixed(1),
        data,
        baseline,
        csv,
        parquet,
        ratios: { csv: ratios(csv), parquet: ratios(parquet) },
        withinBudget256MB: { csv: csv.peakRssMB <= 256, parquet: parquet.peakRssMB <= 256 },
      });
    }
    const [first, last] = [results[0]!, results.at(-1)!];
    const growth = (mode: Mode) => ({
      peakRssDeltaMB: [first[mode].peakRssDeltaMB, last[mode].peakRssDeltaMB],
      peakHeapUsedMB: [first[mode].peakHeapUsedMB, last[mode].peakHeapUsedMB],
      peakLiveHeapMB: [first[mode].peakLiveHeapMB, last[mode].peakLiveHeapMB],
    });
    console.log(
      JSON.stringify(
        {
          benchmark: "export",
          k: K,
          cursorBatchRows: CURSOR_BATCH_ROWS,
          sizes,
          results,
          // [smallest size, largest size]: flat when the export streams.
          memoryFirstVsLastSize: Object.fromEntries(MODES.map((mode) => [mode, growth(mode)])),
        },
        null,
        2,
      ),
    );
  } finally {
    await connection.close();
    await dropDatabase();
    await admin.end();
  }
}

void main();
