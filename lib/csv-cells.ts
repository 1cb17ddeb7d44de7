// The browser build: this module runs in the chart's download button as well as in tests
// and the research export, and the Node build needs Node's Buffer. The chart imports it on
// click, so it costs a page nothing.
import { stringify } from "csv-stringify/browser/esm/sync";

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
 * Records as CSV lines for spreadsheets: text cells starting with = + - @, a tab or a
 * carriage return are prefixed with a single quote so a spreadsheet never runs them as a
 * formula (OWASP "CSV injection"). csv-stringify decides by the value's JavaScript type, so
 * a negative number stays a number while the text "-1+1" is neutralised. Null is an empty cell.
 * A cell holding any line break is quoted (RFC 4180): csv-stringify quotes only the record
 * delimiter by default, and Excel and R end a record at a bare CR or LF.
 */
export function csvRecords(records: Array<Array<string | number | null>>, dialect: CsvDialect): string {
  return stringify(records, {
    escape_formulas: true,
    delimiter: dialect.delimiter,
    record_delimiter: dialect.recordDelimiter,
    quote_record_delimiter: true,
    ...(dialect.decimalComma ? { cast: { number: (value: number) => String(value).replace(".", ",") } } : {}),
  });
}

/**
 * The table as CSV for spreadsheets: a byte order mark so that Excel reads UTF-8 (Kazakh
 * and Russian text), CRLF line ends (RFC 4180), and cells neutralised as in `csvRecords`.
 */
export function tableCsv({ columns, rows }: CsvTable): string {
  return "\uFEFF" + csvRecords([columns, ...rows], { delimiter: ",", recordDelimiter: "\r\n", decimalComma: false });
}
