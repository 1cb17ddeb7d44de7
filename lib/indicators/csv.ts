import Papa from "papaparse";
import { locales, type Locale } from "@/lib/i18n/locales";
import { columns, keyColumns, normaliseHeader, type Column, type Field, type Lookups, type ReferenceData, type RowOf } from "./columns";
import { localizedNames, nameLookup } from "./fields";
import { townLookup, writtenOtherwise } from "./town-names";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportKind } from "./import-schema";

/** What is wrong, as a message key of "adminIndicators.issues" and its parameters. */
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

/** A problem in one row: its line in the file (the header is line 1) and the column as written there. */
export interface RowIssue extends Problem {
  line: number;
  column: string | null;
}

export interface ParsedRow<K extends ImportKind> {
  line: number;
  row: RowOf[K];
  /** The town as the file wrote it, when that was not its code or name ("г. Риддер"), for the preview. */
  townWritten?: string;
}

export type ParseOutcome<K extends ImportKind> =
  | { ok: true; kind: K; rows: ParsedRow<K>[] }
  | { ok: false; kind: K; fileErrors: Problem[]; issues: RowIssue[] };

const BOM = "\uFEFF";

/**
 * Reads an import file as admins save it from a spreadsheet: UTF-8 with or without a BOM,
 * separated by semicolons (Excel in ru and kk), commas or tabs, headers in any of the three
 * languages. Every problem is reported, each with its line; rows come back only when there
 * is none, so a caller can never write part of a file.
 */
export function parseImport<K extends ImportKind>(kind: K, csv: string, reference: ReferenceData): ParseOutcome<K> {
  const rejected = (fileErrors: Problem[], issues: RowIssue[] = []): ParseOutcome<K> => ({ ok: false, kind, fileErrors, issues });
  if (new TextEncoder().encode(csv).length > MAX_IMPORT_BYTES) return rejected([{ key: "tooLarge", params: { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 } }]);
  const { records, issues: quoteIssues } = readRecords(csv.startsWith(BOM) ? csv.slice(1) : csv);
  const [headerRecord, ...dataRecords] = records;
  if (!headerRecord) return rejected([{ key: "empty" }]);

  const header = matchHeader(kind, headerRecord.cells);
  const fileErrors = [...header.errors];
  const unnamed = dataRecords.find(({ cells }) => header.unnamed.some((index) => (cells[index] ?? "").trim() !== ""));
  if (unnamed) fileErrors.push({ key: "unnamedColumn", params: { line: unnamed.line } });
  if (dataRecords.length === 0) fileErrors.push({ key: "noRows" });
  if (dataRecords.length > MAX_IMPORT_ROWS) fileErrors.push({ key: "tooManyRows", params: { max: MAX_IMPORT_ROWS, found: dataRecords.length } });
  if (fileErrors.length > 0) return rejected(fileErrors, quoteIssues);

  const towns = townLookup(reference.towns);
  const lookups: Lookups = { town: towns, indicator: indicatorLookup(reference) };
  const townByCode = new Map(reference.towns.map((town) => [town.code, town]));
  const issues: RowIssue[] = [...quoteIssues];
  const firstLineOfKey = new Map<string, number>();
  const rows: ParsedRow<K>[] = [];
  for (const { line, cells } of dataRecords) {
    const width = headerRecord.cells.length;
    if (cells.length < width || cells.slice(width).some((cell) => cell.trim() !== "")) {
      issues.push({ line, column: null, key: "fieldCount", params: { expected: width, found: cells.length } });
      continue;
    }
    const row: Record<string, Field> = {};
    const failed = new Set<string>();
    let townWritten: string | undefined;
    for (const spec of columns[kind]) {
      const index = header.positions.get(spec.id);
      const text = index === undefined ? "" : cells[index]!.trim();
      const column = index === undefined ? null : headerRecord.cells[index]!.trim();
      if (text === "") {
        row[spec.id] = null;
        if (!spec.emptyAllowed) {
          failed.add(spec.id);
          issues.push({ line, column, key: "required" });
        }
        continue;
      }
      const cell = spec.read(text, lookups);
      if (cell.ok && spec.id === "town" && writtenOtherwise(text, townByCode.get(String(cell.value))!)) townWritten = text;
      if (cell.ok) row[spec.id] = cell.value;
      else {
        failed.add(spec.id);
        issues.push({ line, column, key: cell.key, ...(cell.params && { params: cell.params }) });
      }
    }
    if (kind === "definitions") {
      const targets = [row.targetKk, row.targetRu, row.targetEn];
      if (targets.some((target) => target === null) && targets.some((target) => target !== null)) {
        failed.add("target");
        issues.push({ line, column: null, key: "incompleteTarget" });
      }
    }
    if (!keyColumns[kind].some((id) => failed.has(id))) {
      const key = keyColumns[kind].map((id) => String(row[id])).join("\u0000");
      const first = firstLineOfKey.get(key);
      if (first === undefined) firstLineOfKey.set(key, line);
      else {
        failed.add("key");
        issues.push({ line, column: null, key: "duplicateRow", params: { line: first } });
      }
    }
    // Every column was read by its own reader above, so the record has the row's shape.
    if (failed.size === 0) rows.push({ line, row: row as unknown as RowOf[K], ...(townWritten !== undefined && { townWritten }) });
  }
  return issues.length > 0 ? rejected([], issues) : { ok: true, kind, rows };
}

function indicatorLookup(reference: ReferenceData): Lookups["indicator"] {
  return nameLookup(reference.indicators.map(({ code, name }) => ({ code, names: localizedNames(name) })));
}

/** Non-blank records with the line each starts on; a quoted cell may span lines. */
function readRecords(text: string): { records: Array<{ line: number; cells: string[] }>; issues: RowIssue[] } {
  const result = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text), skipEmptyLines: false });
  const lineOfRow: number[] = [];
  let line = 1;
  for (const cells of result.data) {
    lineOfRow.push(line);
    line += 1 + cells.reduce((breaks, cell) => breaks + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  }
  const issues = result.errors
    .filter((error) => error.type === "Quotes")
    .map((error): RowIssue => ({ line: lineOfRow[error.row ?? 0] ?? line, column: null, key: "badQuotes" }));
  const records = result.data.map((cells, index) => ({ line: lineOfRow[index]!, cells })).filter(({ cells }) => cells.some((cell) => cell.trim() !== ""));
  return { records, issues };
}

/**
 * The separator is whichever of ";", "," and tab the header line uses most. It is decided
 * from the header, not guessed from the data, where decimal commas would mislead.
 */
function detectDelimiter(text: string): string {
  const headerLine = text.split(/\r\n|\r|\n/).find((line) => line.trim() !== "") ?? "";
  const outsideQuotes = headerLine.replace(/"[^"]*"/g, "");
  const counts = [";", ",", "\t"].map((delimiter) => ({ delimiter, count: outsideQuotes.split(delimiter).length - 1 }));
  const best = counts.reduce((a, b) => (b.count > a.count ? b : a));
  return best.count > 0 ? best.delimiter : ",";
}

/** Which column each header cell is, named in the file's own language when something is missing. */
function matchHeader(kind: ImportKind, cells: string[]) {
  const specs = columns[kind];
  const byName = new Map<string, Column>();
  for (const spec of specs) for (const locale of locales) for (const name of spec.names[locale]) byName.set(normaliseHeader(name), spec);

  const positions = new Map<string, number>();
  const unnamed: number[] = [];
  const unknown: string[] = [];
  const errors: Problem[] = [];
  const hits: Record<Locale, number> = { kk: 0, ru: 0, en: 0 };
  cells.forEach((cell, index) => {
    const name = cell.trim();
    if (name === "") return void unnamed.push(index);
    const spec = byName.get(normaliseHeader(name));
    if (!spec) return void unknown.push(name);
    if (positions.has(spec.id)) return void errors.push({ key: "duplicateColumn", params: { column: name } });
    positions.set(spec.id, index);
    for (const locale of locales) if (spec.names[locale].some((alias) => normaliseHeader(alias) === normaliseHeader(name))) hits[locale] += 1;
  });

  // Ties go to Russian, the language most spreadsheets from akimats are in.
  const language = (["ru", "kk", "en"] as const).reduce((a, b) => (hits[b] > hits[a] ? b : a));
  const nameOf = (spec: Column) => spec.names[language][0]!;
  const missing = specs.filter((spec) => spec.required && !positions.has(spec.id)).map(nameOf);
  if (missing.length > 0) errors.push({ key: "missingColumns", params: { columns: missing.join(", ") } });
  if (unknown.length > 0) errors.push({ key: "unknownColumns", params: { columns: unknown.join(", "), expected: specs.map(nameOf).join(", ") } });
  return { positions, unnamed, errors };
}
