import { ByteWriter, ParquetWriter, schemaFromColumnData } from "hyparquet-writer";
import type { CellValue, ExportTable } from "@/lib/export/types";
import { batchStream, type Cells } from "./batch-stream";

/**
 * Rows per row group: memory holds one group as column arrays while it is encoded. At a
 * million responses, groups of 50 000 rows took the export process to about 396 MB peak
 * (bench/export.ts), over the 256 MB an export may use; groups of 10 000 rows hold a fifth
 * as much, at the cost of slightly slower scans in readers.
 */
export const PARQUET_ROW_GROUP_SIZE = 10_000;

const PARQUET_TYPES = { integer: "INT32", number: "DOUBLE", string: "STRING" } as const;

/**
 * The table as Parquet, written one row group at a time: each group is encoded when it is
 * full and its bytes leave at once, so memory holds one group and the footer's metadata,
 * never the file. The bytes depend on the rows alone: no timestamp is written, and
 * `created_by` is fixed.
 */
export function parquetStream(
  table: ExportTable,
  { rowGroupSize = PARQUET_ROW_GROUP_SIZE }: { rowGroupSize?: number } = {},
): ReadableStream<Uint8Array> {
  const { columns } = table;
  const writer = new ByteWriter();
  const parquet = new ParquetWriter({
    writer,
    schema: schemaFromColumnData({
      columnData: columns.map((column) => ({ name: column.name, data: [], type: PARQUET_TYPES[column.type] })),
    }),
    createdBy: "qala-pulse",
  });
  // One set of column arrays, sized for a full group and refilled for each: arrays grown a
  // row at a time were copied as they grew, and lived long enough to be promoted, so every
  // group left megabytes of garbage in V8's old generation.
  const group: Cells[] = columns.map(() => new Array<CellValue>(rowGroupSize).fill(null));
  let groupRows = 0;

  // A ByteWriter has no async flush, so write() and finish() complete before they return;
  // the writer copies the cells it encodes, so the arrays can be refilled afterwards.
  /** Encodes the gathered rows as one row group; they may be fewer than a full group. */
  function writeGroup() {
    if (groupRows === 0) return;
    void parquet.write({
      columnData: columns.map((column, index) => ({
        name: column.name,
        data: groupRows === rowGroupSize ? group[index]! : group[index]!.slice(0, groupRows),
      })),
      rowGroupSize: groupRows,
    });
    groupRows = 0;
  }

  /** The bytes written since the last call; the writer's offsets keep counting. */
  function drain(): Uint8Array {
    const bytes = writer.getBytes().slice();
    writer.index = 0;
    return bytes;
  }

  return batchStream(table, {
    batch(rows: Cells[]) {
      for (const row of rows) {
        for (let index = 0; index < row.length; index++) group[index]![groupRows] = row[index]!;
        if (++groupRows === rowGroupSize) writeGroup();
      }
      return drain();
    },
    tail() {
      writeGroup();
      void parquet.finish();
      return drain();
    },
  });
}
