// Export writers: rows per second, output size and peak memory of each format at 100k and
// 1M responses shaped like questionnaire 2026.1 (one column per item), streamed from an
// in-memory generator in the database cursor's batches into a sink that only counts bytes.
// The baseline in the same run streams the same rows without encoding them. Each run is a
// child process of its own, so one run's heap does not inflate the next one's peak.
// Usage: npx tsx --conditions=react-server bench/export-formats.ts [rows ...]   (default 100000 1000000)
import { fork } from "node:child_process";
import { writeExport } from "@/lib/export/formats";
import { batchStream } from "@/lib/export/formats/batch-stream";
import { EXPORT_FORMATS, type ExportColumn, type ExportFormat, type ExportRow, type ExportTable } from "@/lib/export/types";
import { getQuestionnaire, latestQuestionnaireVersion, scaleOf } from "@/lib/survey/questionnaire";

// The batch size of the cursor in db/queries/export.ts.
const BATCH = 2000;
const TOWNS = ["ridder", "altai", "kurchatov", "serebryansk", "saran", "temirtau", "rudny", "ekibastuz"];
const title = (text: string) => ({ kk: text, ru: text, en: text });

function benchTable(rows: number): ExportTable {
  const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
  const items = questionnaire.items.map((item) => ({ item, codes: scaleOf(questionnaire, item).options.map(({ code }) => code) }));
  const columns: ExportColumn[] = [
    { name: "row", type: "integer", title: title("Row") },
    { name: "town", type: "string", title: title("Town") },
    { name: "month", type: "string", title: title("Month") },
    { name: "weight", type: "number", title: title("Weight") },
    ...items.map(({ item }) => ({ name: item.id, type: item.kind === "text" ? ("string" as const) : ("integer" as const), title: item.text })),
  ];
  // mulberry32 from a fixed seed: the same answers every run, and no short cycles in the low
  // bits (a power-of-two LCG repeats its last three bits every 8 draws, which Parquet would
  // compress to nothing).
  let seed = 42;
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  async function* batches(): AsyncGenerator<ExportRow[]> {
    for (let start = 0; start < rows; start += BATCH) {
      const batch: ExportRow[] = [];
      for (let row = start + 1; row <= Math.min(start + BATCH, rows); row++) {
        const record: ExportRow = { row, town: TOWNS[next() % TOWNS.length]!, month: "2026-05", weight: 0.5 + (next() % 1000) / 1000 };
        for (const { item, codes } of items) {
          record[item.id] = item.kind === "text" ? (next() % 10 === 0 ? "Жолдарды жөндеу керек, су құбырлары ескі" : null) : next() % 8 === 0 ? null : codes[next() % codes.length]!;
        }
        batch.push(record);
      }
      yield batch;
    }
  }
  return { columns, rows: batches(), report: { k: 10, rows, generalised: [], suppressed: [] } };
}

/** One measurement, in this process: time, bytes and the highest RSS seen between chunks. */
async function measure(mode: string, rows: number) {
  const table = benchTable(rows);
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  let bytes = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  // The baseline takes the rows through the same stream and typing, and writes one byte a batch.
  const stream = mode === "baseline" ? batchStream(table, { batch: () => new Uint8Array(1) }) : writeExport(table, mode as ExportFormat);
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.length;
    peak = Math.max(peak, process.memoryUsage.rss());
  }
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpuStarted);
  const cpuSeconds = (user + system) / 1e6;
  return {
    mode,
    rows,
    seconds: +seconds.toFixed(2),
    rowsPerSecond: Math.round(rows / seconds),
    // On a shared machine wall time waits for other processes; CPU time does not.
    cpuSeconds: +cpuSeconds.toFixed(2),
    rowsPerCpuSecond: Math.round(rows / cpuSeconds),
    outputMB: +(bytes / 2 ** 20).toFixed(2),
    peakRssDeltaMB: +((peak - rssBefore) / 2 ** 20).toFixed(1),
  };
}

function runChild(mode: string, rows: number): Promise<object> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ["--child", mode, String(rows)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.once("message", resolve);
    child.once("exit", (code) => (code ? reject(new Error(`${mode} at ${rows} rows exited with ${code}`)) : undefined));
  });
}

async function main() {
  const [flag, mode, rows] = process.argv.slice(2);
  if (flag === "--child") {
    const result = await measure(mode!, Number(rows));
    if (process.send) process.send(result);
    else console.log(JSON.stringify(result));
    return;
  }
  const sizes = process.argv.slice(2).length ? process.argv.slice(2).map(Number) : [100_000, 1_000_000];
  const results = [];
  for (const size of sizes) {
    for (const mode of ["baseline", ...EXPORT_FORMATS]) results.push(await runChild(mode, size));
  }
  console.log(JSON.stringify({ benchmark: "export-formats", columns: benchTable(0).columns.length, batchRows: BATCH, results }, null, 2));
}

void main();
