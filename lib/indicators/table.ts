import { locales, type Locale } from "@/lib/i18n/locales";
import { columns, keyColumns, normaliseHeader, type Column, type Field, type Lookups, type ReferenceData, type RowOf } from "./columns";
import { localizedNames, nameLookup } from "./fields";
import { hasUnsafeCharacters } from "@/lib/safe-text";
import { townLookup, writtenOtherwise } from "./town-names";
import type { ImportKind } from "./import-schema";

/** What is wrong, as a message key of "adminIndicators.issues" and its parameters. */
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

/** A problem in one row: its line in the file (the header is line 1; in a workbook, the row as Excel numbers it) and the column as written there. */
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

/** The sheet a workbook's rows came from, and the workbook's other sheets to choose from. */
export interface SheetChoice {
  name: string;
  names: string[];
}

export type ParseOutcome<K extends ImportKind> =
  | {
      ok: true;
      kind: K;
      rows: ParsedRow<K>[];
      sheet?: SheetChoice;
      /** Territories of a bureau file that are not towns of the register, left out. */
      skipped?: string[];
      /** Fields a row takes from the stored row it replaces (a bureau file has no targets). */
      keep?: string[];
    }
  | { ok: false; kind: K; fileErrors: Problem[]; issues: RowIssue[]; sheet?: SheetChoice };

/** A date a spreadsheet holds as a date, and how finely its cell's format shows it. */
export interface SheetDate {
  date: string;
  precision: "year" | "month" | "day";
}

/** A cell as a reader found it: text, or a typed value from a workbook or a bureau file. */
export type RawCell = string | number | boolean | SheetDate | null;

/** One record of a file: its cells and the line (or row) it starts on. */
export interface TableRecord {
  line: number;
  cells: RawCell[];
}

/**
 * What every reader (CSV, workbook, bureau file) hands to the same checks: the header's
 * names and the records under it. `maxRows` is the reader's own limit.
 */
export interface Table {
  header: { line: number; cells: string[] };
  records: TableRecord[];
  maxRows: number;
  /** Problems the reader found on its own (a CSV's broken quotes). */
  issues?: RowIssue[];
}

/**
 * A typed cell as the text the column's reader expects: a date as the period it shows
 * (a cell formatted as a year is the year), a number as plain digits with a decimal point.
 */
export function cellText(cell: RawCell, columnId: string): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell;
  if (typeof cell === "boolean") return cell ? "true" : "false";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (columnId === "year") return cell.date.slice(0, 4);
  if (columnId === "period") return cell.date.slice(0, cell.precision === "year" ? 4 : cell.precision === "month" ? 7 : 10);
  return cell.date;
}

const isBlank = (cell: RawCell | undefined) => cell === undefined || cellText(cell, "").trim() === "";

/**
 * The checks every import goes through, whatever the file's format. Every problem is
 * reported, each with its line; rows come back only when there is none, so a caller can
 * never write part of a file.
 */
export function parseTable<K extends ImportKind>(kind: K, table: Table, reference: ReferenceData): ParseOutcome<K> {
  const rejected = (fileErrors: Problem[], issues: RowIssue[] = []): ParseOutcome<K> => ({ ok: false, kind, fileErrors, issues });
  const { header: headerRecord, records: dataRecords } = table;
  const readerIssues = table.issues ?? [];
  const header = matchHeader(kind, headerRecord.cells);
  const fileErrors = [...header.errors];
  const unnamed = dataRecords.find(({ cells }) => header.unnamed.some((index) => !isBlank(cells[index])));
  if (unnamed) fileErrors.push({ key: "unnamedColumn", params: { line: unnamed.line } });
  if (dataRecords.length === 0) fileErrors.push({ key: "noRows" });
  if (dataRecords.length > table.maxRows) fileErrors.push({ key: "tooManyRows", params: { max: table.maxRows, found: dataRecords.length } });
  if (fileErrors.length > 0) return rejected(fileErrors, readerIssues);

  const lookups = lookupsFor(reference);
  const townByCode = new Map(reference.towns.map((town) => [town.code, town]));
  const issues: RowIssue[] = [...readerIssues];
  const firstLineOfKey = new Map<string, number>();
  const rows: ParsedRow<K>[] = [];
  const width = headerRecord.cells.length;
  for (const { line, cells } of dataRecords) {
    if (cells.length < width || cells.slice(width).some((cell) => !isBlank(cell))) {
      issues.push({ line, column: null, key: "fieldCount", params: { expected: width, found: cells.length } });
      continue;
    }
    const row: Record<string, Field> = {};
    const failed = new Set<string>();
    let townWritten: string | undefined;
    for (const spec of columns[kind]) {
      const index = header.positions.get(spec.id);
      const text = index === undefined ? "" : cellText(cells[index] ?? null, spec.id).trim();
      const column = index === undefined ? null : headerRecord.cells[index]!.trim();
      if (text === "") {
        row[spec.id] = null;
        if (!spec.emptyAllowed) {
          failed.add(spec.id);
          issues.push({ line, column, key: "required" });
        }
        continue;
      }
      // A bureau file's JSON may carry "\u0000" or half an emoji, which no text column can store.
      if (hasUnsafeCharacters(text)) {
        failed.add(spec.id);
        issues.push({ line, column, key: "unsafeText" });
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
    // No indicator has a figure for a period that has not begun: a year, month or day after
    // today (a typo such as 2205, or a forecast typed in as a figure).
    if (reference.today && (kind === "values" || kind === "population")) {
      const id = kind === "values" ? "period" : "year";
      const period = row[id] === null || row[id] === undefined ? null : String(row[id]);
      if (period !== null && !failed.has(id) && period > reference.today.slice(0, period.length)) {
        failed.add(id);
        const index = header.positions.get(id);
        issues.push({ line, column: index === undefined ? null : headerRecord.cells[index]!.trim(), key: "futurePeriod", params: { period, today: reference.today } });
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

export function lookupsFor(reference: ReferenceData): Lookups {
  return {
    town: townLookup(reference.towns),
    indicator: nameLookup(reference.indicators.map(({ code, name }) => ({ code, names: localizedNames(name) }))),
  };
}

/** Every name (in any language) of each column of a kind, normalised, for finding a header. */
export function headerNames(kind: ImportKind): Map<string, Column> {
  const byName = new Map<string, Column>();
  for (const spec of columns[kind]) for (const locale of locales) for (const name of spec.names[locale]) byName.set(normaliseHeader(name), spec);
  return byName;
}

/** Which column each header cell is, named in the file's own language when something is missing. */
function matchHeader(kind: ImportKind, cells: string[]) {
  const specs = columns[kind];
  const byName = headerNames(kind);

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
