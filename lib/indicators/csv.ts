import Papa from "papaparse";
import type { ReferenceData } from "./columns";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportKind } from "./import-schema";
import { parseTable, type ParseOutcome, type Problem, type RowIssue } from "./table";

export type { ParsedRow, ParseOutcome, Problem, RowIssue } from "./table";

const BOM = "\uFEFF";

/**
 * Reads an import file as admins save it from a spreadsheet: UTF-8 with or without a BOM,
 * separated by semicolons (Excel in ru and kk), commas or tabs, headers in any of the three
 * languages; then the checks every format goes through (parseTable).
 */
export function parseImport<K extends ImportKind>(kind: K, csv: string, reference: ReferenceData): ParseOutcome<K> {
  const rejected = (fileErrors: Problem[], issues: RowIssue[] = []): ParseOutcome<K> => ({ ok: false, kind, fileErrors, issues });
  if (new TextEncoder().encode(csv).length > MAX_IMPORT_BYTES) return rejected([{ key: "tooLarge", params: { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 } }]);
  const { records, issues: quoteIssues } = readRecords(csv.startsWith(BOM) ? csv.slice(1) : csv);
  const [headerRecord, ...dataRecords] = records;
  if (!headerRecord) return rejected([{ key: "empty" }]);

  const header = { line: headerRecord.line, cells: headerRecord.cells };
  return parseTable(kind, { header, records: dataRecords, maxRows: MAX_IMPORT_ROWS, issues: quoteIssues }, reference);
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
