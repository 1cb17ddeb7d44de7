// Import of the largest file the import accepts: a generated workbook of 50,000 figures
// (about 10 MB: long, barely compressible citations) read and checked as the admin's
// preview does (readImport: container checks, exceljs, the shared checks), against the same
// rows as CSV text read by the CSV path's reader and the same checks, in the same run. Each
// is measured in a child process of its own, so its peak memory (max RSS) is its own. The
// CSV baseline is read past the CSV import's own 2 MB limit, to compare readers on the same rows.
// Usage: npx tsx bench/indicator-import.ts [rows=50000]
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { readImport } from "@/lib/indicators/read-import";
import { parseTable } from "@/lib/indicators/table";
import { MAX_WORKBOOK_ROWS } from "@/lib/indicators/import-schema";
import { seedIndicators } from "@/scripts/seed/indicators";
import { seedTowns } from "@/scripts/seed/towns";

const reference = { towns: seedTowns.map(({ code, name }) => ({ code, name })), indicators: seedIndicators.map(({ code, name }) => ({ code, name })) };
const header = ["Город", "Показатель", "Период", "Значение", "Цель", "Источник", "Адрес"];

function rows(count: number): string[][] {
  // Hashes of the row number: the same file every run, and as incompressible as real citations get.
  const hash = (text: string) => createHash("sha256").update(text).digest("base64");
  const random = () => Number.parseInt(createHash("sha256").update(String(out.length)).digest("hex").slice(0, 8), 16) / 2 ** 32;
  const out: string[][] = [];
  const day = Date.UTC(1950, 0, 1);
  for (let i = 0; out.length < count; i++) {
    const town = seedTowns[i % seedTowns.length]!;
    const indicator = seedIndicators[Math.floor(i / seedTowns.length) % seedIndicators.length]!;
    const period = new Date(day + Math.floor(i / (seedTowns.length * seedIndicators.length)) * 86_400_000).toISOString().slice(0, 10);
    const noise = Array.from({ length: 4 }, (_, part) => hash(`${out.length}:${part}`)).join(" ");
    out.push([town.name.ru, indicator.name.ru, period, (random() * 1000).toFixed(1).replace(".", ","), "", `Бюро национальной статистики, бюллетень ${noise}`, `https://stat.gov.kz/ru/${encodeURIComponent(hash(`${out.length}:address`))}`]);
  }
  return out;
}

async function one(kind: "xlsx" | "csv", file: string) {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const outcome =
    kind === "xlsx"
      ? await readImport("values", { format: "file", bytes, bureau: { source: "", address: "", retrievedOn: "" } }, reference)
      : (() => {
          const [head, ...records] = Papa.parse<string[]>(new TextDecoder().decode(bytes), { delimiter: ";" }).data.filter((cells) => cells.some((cell) => cell !== ""));
          return parseTable("values", { header: { line: 1, cells: head! }, records: records.map((cells, index) => ({ line: index + 2, cells })), maxRows: MAX_WORKBOOK_ROWS }, reference);
        })();
  const ms = performance.now() - started;
  if (!outcome.ok) throw new Error(`${kind}: ${JSON.stringify(outcome).slice(0, 500)}`);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ kind, rows: outcome.rows.length, bytes: bytes.length, ms: Math.round(ms), maxRssMb: Math.round(maxRssMb), rssBeforeMb: Math.round(rssBefore / 1024 / 1024) }));
}

async function main() {
  const [mode, kind, file] = process.argv.slice(2);
  if (mode === "--one") return one(kind as "xlsx" | "csv", file!);
  const count = Number(mode ?? 50_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qala-bench-import-"));
  const data = rows(count);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Показатели");
  sheet.addRow(["Показатели моногородов (сгенерировано для замера)"]);
  sheet.addRow([]);
  sheet.addRow(header);
  for (const row of data) sheet.addRow(row);
  const xlsx = path.join(dir, "figures.xlsx");
  await workbook.xlsx.writeFile(xlsx);
  const csv = path.join(dir, "figures.csv");
  fs.writeFileSync(csv, Papa.unparse({ fields: header, data }, { delimiter: ";" }));
  const run = (kind: string, file: string) => JSON.parse(execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, "--one", kind, file], { encoding: "utf8", maxBuffer: 1 << 20 }).trim().split("\n").at(-1)!);
  const baseline = run("csv", csv);
  const workbookRun = run("xlsx", xlsx);
  fs.rmSync(dir, { recursive: true });
  console.log(JSON.stringify({ bench: "indicator-import", rows: count, baseline, workbook: workbookRun, timeRatio: +(workbookRun.ms / baseline.ms).toFixed(2), memoryRatio: +(workbookRun.maxRssMb / baseline.maxRssMb).toFixed(2) }, null, 2));
}

void main();
