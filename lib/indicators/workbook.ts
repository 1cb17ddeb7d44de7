import ExcelJS from "exceljs";
import { normaliseHeader, type ReferenceData } from "./columns";
import type { ImportKind } from "./import-schema";
import { MAX_WORKBOOK_ROWS } from "./import-schema";
import { cellText, headerNames, parseTable, type ParseOutcome, type RawCell, type SheetChoice, type TableRecord } from "./table";

/*
 * Workbooks as officials keep them: any sheet, a title block above the header, headers
 * merged over two rows or under a group title, formulas (read as the value Excel last
 * computed), dates, and numbers typed as numbers or as text with decimal commas. Server
 * only: exceljs never reaches a browser (the import form sends the file as it is).
 */

/** Rows above the header a title block may take; a header further down is not looked for. */
const HEADER_SEARCH_ROWS = 30;

interface SheetGrid {
  name: string;
  rows: Array<{ line: number; cells: RawCell[]; mergedFrom: Array<string | null> }>;
}

/** Reads the chosen sheet (or the first with a header) of a workbook whose container was already checked. */
export async function parseWorkbook<K extends ImportKind>(kind: K, bytes: Uint8Array, reference: ReferenceData, sheetName?: string): Promise<ParseOutcome<K>> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's types ask for a Node Buffer; the bytes are shared, not copied.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, kind, fileErrors: [{ key: "workbook.issues.notWorkbook" }], issues: [] };
  }
  const names = workbook.worksheets.map((sheet) => sheet.name);
  const chosen = sheetName ? workbook.worksheets.filter((sheet) => sheet.name === sheetName) : workbook.worksheets;
  if (chosen.length === 0) return { ok: false, kind, fileErrors: [{ key: "workbook.issues.noSuchSheet", params: { sheet: sheetName ?? "" } }], issues: [] };
  for (const worksheet of chosen) {
    if (worksheet.rowCount > MAX_WORKBOOK_ROWS + HEADER_SEARCH_ROWS + 1) {
      return { ok: false, kind, fileErrors: [{ key: "tooManyRows", params: { max: MAX_WORKBOOK_ROWS, found: worksheet.rowCount } }], issues: [], sheet: { name: worksheet.name, names } };
    }
    const grid = readGrid(worksheet);
    const table = findTable(kind, grid);
    if (!table) continue;
    const sheet: SheetChoice = { name: worksheet.name, names };
    const outcome = parseTable(kind, { ...table, maxRows: MAX_WORKBOOK_ROWS }, reference);
    return { ...outcome, sheet };
  }
  const sheet = sheetName ? { name: sheetName, names } : undefined;
  return { ok: false, kind, fileErrors: [{ key: "workbook.issues.noHeader", params: { sheets: (sheetName ? [sheetName] : names).join(", ") } }], issues: [], ...(sheet && { sheet }) };
}

/**
 * Columns read from a sheet. No import has more than a dozen; a cell far to the right (a
 * styled empty cell at XFD1 makes every row 16,384 wide) is not read, so a small file cannot
 * make the server build millions of empty cells.
 */
const MAX_COLUMNS = 64;

/** Every row of a sheet as typed cells, with the address of the merged range's first cell where a cell is covered by one. */
function readGrid(worksheet: ExcelJS.Worksheet): SheetGrid {
  const rows: SheetGrid["rows"] = [];
  let width = 0;
  worksheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: RawCell[] = [];
    const mergedFrom: Array<string | null> = [];
    // Only the cells the row holds (eachCell skips the empty ones, and creates none).
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (column > MAX_COLUMNS) return;
      // A covered cell reads as its merged range's value: the value applies to every cell it spans.
      const master = cell.isMerged && cell.master.address !== cell.address ? cell.master : null;
      cells[column - 1] = typedValue(master ?? cell);
      mergedFrom[column - 1] = master?.address ?? null;
    });
    width = Math.max(width, cells.length);
    rows.push({ line, cells, mergedFrom });
  });
  // Every row as wide as the widest, its gaps empty.
  for (const row of rows) {
    row.cells = Array.from({ length: width }, (_, index) => row.cells[index] ?? null);
    row.mergedFrom = Array.from({ length: width }, (_, index) => row.mergedFrom[index] ?? null);
  }
  return { name: worksheet.name, rows };
}

/**
 * A number as the cell shows it: a cell formatted as a percentage holds 0.047 and shows
 * "4,7 %", and the import's figures (an unemployment rate in %) are what it shows.
 */
function shownNumber(value: number, format: string | undefined): number {
  const unquoted = (format ?? "").replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "");
  return unquoted.includes("%") ? Number((value * 100).toPrecision(12)) : value;
}

function typedValue(cell: ExcelJS.Cell): RawCell {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return dateCell(value, cell.numFmt);
  if (typeof value === "number") return shownNumber(value, cell.numFmt);
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "object") {
    // A formula: the value Excel (or LibreOffice) computed when it saved the file.
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result instanceof Date) return dateCell(result, cell.numFmt);
      if (result === undefined || result === null || typeof result === "object") return null;
      return typeof result === "number" ? shownNumber(result, cell.numFmt) : result;
    }
    if ("richText" in value) return value.richText.map((run) => run.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("error" in value) return String(value.error);
  }
  return null;
}

/** A date cell, as precise as its format shows it: "yyyy" is a year, "mm.yyyy" a month. */
function dateCell(date: Date, format: string | undefined): RawCell {
  const iso = date.toISOString().slice(0, 10);
  const shown = (format ?? "").replace(/"[^"]*"|\[[^\]]*\]/g, "").toLowerCase();
  const precision = /d/.test(shown) || shown === "" || shown === "general" ? "day" : /m/.test(shown) ? "month" : "year";
  return { date: iso, precision };
}

/**
 * The header is the first row (within the title block's reach) where at least two cells
 * are the kind's column names. Rows right under it belong to it while each of their cells
 * is empty, covered by a merged header cell, or a column name (the second row of a header
 * whose group title is merged over several columns); of a column's header cells, the
 * lowest that is a column name names it.
 */
function findTable(kind: ImportKind, grid: SheetGrid): { header: { line: number; cells: string[] }; records: TableRecord[] } | null {
  const known = headerNames(kind);
  const isName = (cell: RawCell) => typeof cell === "string" && known.has(normaliseHeader(cell));
  const start = grid.rows.findIndex((row, index) => index < HEADER_SEARCH_ROWS && row.cells.filter(isName).length >= 2);
  if (start < 0) return null;
  let end = start;
  while (end + 1 < grid.rows.length) {
    const next = grid.rows[end + 1]!;
    const partOfHeader = next.line === grid.rows[end]!.line + 1 && next.cells.every((cell, index) => cell === null || next.mergedFrom[index] !== null || isName(cell));
    if (!partOfHeader) break;
    end += 1;
  }
  const headerRows = grid.rows.slice(start, end + 1);
  const width = grid.rows[start]!.cells.length;
  const cells = Array.from({ length: width }, (_, column) => {
    const texts = headerRows.map((row) => cellText(row.cells[column] ?? null, "").trim());
    return [...texts].reverse().find((text) => known.has(normaliseHeader(text))) ?? texts.find((text) => text !== "") ?? "";
  });
  const records = grid.rows.slice(end + 1).filter(({ cells: row }) => row.some((cell) => cellText(cell, "").trim() !== ""));
  return { header: { line: headerRows.at(-1)!.line, cells }, records: records.map(({ line, cells: row }) => ({ line, cells: row })) };
}
