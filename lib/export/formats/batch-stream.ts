import type { CellValue, ExportColumn, ExportTable } from "@/lib/export/types";

/** One row as cells in column order, numbers checked, ready for any format. */
export type Cells = CellValue[];

/** What a format adds around the rows: bytes before them, for each batch, and after them. */
export interface BatchEncoder {
  head?(): Uint8Array;
  /** May return nothing while it gathers rows (Parquet fills a row group before writing it). */
  batch(rows: Cells[]): Uint8Array | undefined;
  tail?(): Uint8Array;
}

/**
 * A byte stream that reads one batch of rows from the table each time the consumer asks
 * for more (pull), so a slow client slows the reading of rows instead of filling memory.
 * Cancelling the stream (the client went away) closes the row iterator, which ends its
 * source (the export's spool, server/export/spool.ts).
 */
export function batchStream(table: ExportTable, encoder: BatchEncoder): ReadableStream<Uint8Array> {
  const iterator = table.rows[Symbol.asyncIterator]();
  let headSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headSent) {
          headSent = true;
          const head = encoder.head?.();
          if (head?.length) return controller.enqueue(head);
        }
        // Loop until something is enqueued, or pull() would not be called again.
        try {
          for (;;) {
            const { value: batch, done } = await iterator.next();
            if (done) {
              const tail = encoder.tail?.();
              if (tail?.length) controller.enqueue(tail);
              return controller.close();
            }
            const bytes = encoder.batch(batch.map((row) => table.columns.map((column) => cellOf(column, row[column.name]))));
            if (bytes?.length) return controller.enqueue(bytes);
          }
        } catch (error) {
          // A row the writer refuses ends the export: close the rows' source instead of
          // leaving it open, then fail the stream.
          await iterator.return?.();
          throw error;
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    // Nothing read ahead, not even at construction: each batch is encoded only when the
    // consumer asks, so memory holds one batch (a Parquet row group) however slow it is.
    { highWaterMark: 0 },
  );
}

/**
 * The cell as its column's type says. Database drivers return numeric and bigint columns as
 * strings; they become numbers here once, so every format writes the same typed value.
 */
function cellOf(column: ExportColumn, value: CellValue | undefined): CellValue {
  if (value === undefined || value === null) return null;
  if (column.type === "string") return String(value);
  const number = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isFinite(number) || (column.type === "integer" && !Number.isInteger(number))) {
    throw new Error(`Column ${column.name} holds ${column.type} values, not ${JSON.stringify(value)}`);
  }
  return number;
}
