// Runs in the chart's download button as well as in tests and the research export: plain
// string work, no Node APIs. The chart imports it on click, so it costs a page nothing.

/** A table as a chart shows it beside itself: the header row and the rows, numbers as numbers. */
export interface CsvTable {
  columns: string[];
  rows: Array<Array<string | number>>;
}

/** How cells and records are separated, and how a decimal number is written. */
export interface CsvDialect {
  delimiter: "," | ";";
  recordDelimiter: "\n" | "\r\n";
  /** Excel in ru and kk locales reads "3,5" as a number and "3.5" as text. */
  decimalComma: boolean;
}

/**
 * First characters that make a spreadsheet run a text cell as a formula (OWASP "CSV
 * injection"), with their full-width forms, as csv-stringify's `escape_formulas` lists them.
 */
const FORMULA_STARTS = new Set(["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);
const NEEDS_QUOTES = /["\n\r]/;

/**
 * Records as CSV lines for spreadsheets: text cells starting with = + - @, a tab or a
 * carriage return are prefixed with a single quote so a spreadsheet never runs them as a
 * formula. The decision goes by the value's JavaScript type, so a negative number stays a
 * number while the text "-1+1" is neutralised. Null is an empty cell. A cell holding a
 * quote, the delimiter or any line break is quoted (RFC 4180): Excel and R end a record at
 * a bare CR or LF.
 *
 * Written by hand to the byte as csv-stringify wrote it with `escape_formulas` and
 * `quote_record_delimiter` (tests/unit/csv-cells.test.ts holds the two side by side):
 * csv-stringify built a few small arrays for every cell, which took about 40% of a CSV
 * export's CPU time (bench/export.ts).
 */
export function csvRecords(records: Array<Array<string | number | null>>, dialect: CsvDialect): string {
  let csv = "";
  for (const record of records) {
    for (let index = 0; index < record.length; index++) {
      if (index > 0) csv += dialect.delimiter;
      csv += csvCell(record[index]!, dialect);
    }
    csv += dialect.recordDelimiter;
  }
  return csv;
}

function csvCell(value: string | number | null, dialect: CsvDialect): string {
  if (value === null) return "";
  if (typeof value === "number") {
    const number = dialect.decimalComma ? String(value).replace(".", ",") : String(value);
    return number.includes(dialect.delimiter) ? `"${number}"` : number;
  }
  const text = FORMULA_STARTS.has(value.charAt(0)) ? `'${value}` : value;
  return NEEDS_QUOTES.test(value) || value.includes(dialect.delimiter) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The table as CSV for spreadsheets: a byte order mark so that Excel reads UTF-8 (Kazakh
 * and Russian text), CRLF line ends (RFC 4180), and cells neutralised as in `csvRecords`.
 */
export function tableCsv({ columns, rows }: CsvTable): string {
  return "\uFEFF" + csvRecords([columns, ...rows], { delimiter: ",", recordDelimiter: "\r\n", decimalComma: false });
}
