import { type CsvDialect, csvRecords } from "@/lib/csv-cells";
import type { ExportTable } from "@/lib/export/types";
import { batchStream } from "./batch-stream";

/** Plain CSV as R, Python and Stata read it by default: UTF-8, comma, LF. */
export const CSV_PLAIN: CsvDialect = { delimiter: ",", recordDelimiter: "\n", decimalComma: false };
/** CSV as Excel in ru and kk locales opens it with a double click: semicolon, CRLF, decimal comma. */
export const CSV_EXCEL: CsvDialect = { delimiter: ";", recordDelimiter: "\r\n", decimalComma: true };

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** The table as CSV: a header row of column names, then one record per row. */
export function csvStream(table: ExportTable, { excel }: { excel: boolean }): ReadableStream<Uint8Array> {
  const dialect = excel ? CSV_EXCEL : CSV_PLAIN;
  const encoder = new TextEncoder();
  return batchStream(table, {
    head() {
      const header = encoder.encode(csvRecords([table.columns.map((column) => column.name)], dialect));
      // Without the byte order mark Excel reads UTF-8 as the locale's code page.
      return excel ? concat(BOM, header) : header;
    },
    batch: (rows) => encoder.encode(csvRecords(rows, dialect)),
  });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(a.length + b.length);
  bytes.set(a);
  bytes.set(b, a.length);
  return bytes;
}
