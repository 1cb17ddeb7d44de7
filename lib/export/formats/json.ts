import type { ExportTable } from "@/lib/export/types";
import { batchStream } from "./batch-stream";

/**
 * The table as one JSON document, `{"columns":[names],"rows":[[cells],…]}`, one row a line.
 * Arrays rather than an object per row: the names are written once, so the file is about
 * half the size, and pandas (`DataFrame(doc["rows"], columns=doc["columns"])`) and R
 * (`jsonlite::fromJSON`) read it as a table. Null is a missing value.
 */
export function jsonStream(table: ExportTable): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  return batchStream(table, {
    head: () => encoder.encode(`{"columns":${JSON.stringify(table.columns.map((column) => column.name))},"rows":[`),
    batch(rows) {
      let text = "";
      for (const row of rows) {
        text += (first ? "\n" : ",\n") + JSON.stringify(row);
        first = false;
      }
      return encoder.encode(text);
    },
    tail: () => encoder.encode(first ? "]}\n" : "\n]}\n"),
  });
}
