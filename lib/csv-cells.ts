// The browser build: this module runs in the chart's download button as well as in tests,
// and the Node build needs Node's Buffer. It is imported on click, so it costs a page nothing.
import { stringify } from "csv-stringify/browser/esm/sync";

/** A table as a chart shows it beside itself: the header row and the rows, numbers as numbers. */
export interface CsvTable {
  columns: string[];
  rows: Array<Array<string | number>>;
}

/**
 * The table as CSV for spreadsheets: a byte order mark so that Excel reads UTF-8 (Kazakh
 * and Russian text), CRLF line ends (RFC 4180), and text cells starting with = + - @, a tab
 * or a carriage return prefixed with a single quote so a spreadsheet never runs them as a
 * formula (OWASP "CSV injection"). Numbers stay numbers, so a negative figure is not quoted.
 */
export function tableCsv({ columns, rows }: CsvTable): string {
  return stringify([columns, ...rows], { bom: true, escape_formulas: true, record_delimiter: "\r\n" });
}
