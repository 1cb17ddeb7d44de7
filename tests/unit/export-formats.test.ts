import { parquetMetadata, parquetReadObjects } from "hyparquet";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { exportFileName, writeExport } from "@/lib/export/formats";
import { parquetStream } from "@/lib/export/formats/parquet";
import { EXPORT_FORMATS, type ExportRow, type ExportTable } from "@/lib/export/types";
import { readBytes, sampleColumns, sampleRows, sampleTable } from "@/tests/support/export-table";

const names = sampleColumns.map((column) => column.name);
const text = (bytes: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);

/** The sample as a spreadsheet shows it: neutralised text, numbers as written, empty for null. */
function expectedCells(number: (value: number) => string): string[][] {
  return sampleRows.map((row) =>
    names.map((name) => {
      const value = row[name];
      if (value === null || value === undefined) return "";
      if (typeof value === "number") return number(value);
      return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    }),
  );
}

describe("CSV", () => {
  it("reads back with a CSV parser as the rows, under a header of column names, LF line ends", async () => {
    const csv = text(await readBytes(writeExport(sampleTable(), "csv")));
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv.startsWith("row,town,sat_public_transport,weight,one_change\n1,ridder,4,1.25,")).toBe(true);
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([names, ...expectedCells(String)]);
  });

  it("for Excel: a byte order mark, semicolons, CRLF and decimal commas", async () => {
    const bytes = await readBytes(writeExport(sampleTable(), "csv-excel"));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = text(bytes.slice(3));
    expect(csv.startsWith("row;town;sat_public_transport;weight;one_change\r\n1;ridder;4;1,25;")).toBe(true);
    expect(csv).toContain("\r\n2;kurchatov;-1;-0,5;");
    const parsed = Papa.parse<string[]>(csv, { delimiter: ";", newline: "\r\n", skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([names, ...expectedCells((value) => String(value).replace(".", ","))]);
  });

  it("neutralises text cells starting with = + - @ tab or CR, and leaves negative numbers alone", async () => {
    for (const format of ["csv", "csv-excel"] as const) {
      const csv = text(await readBytes(writeExport(sampleTable(), format)));
      const delimiter = format === "csv" ? "," : ";";
      const cells = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { delimiter, skipEmptyLines: true }).data.slice(1);
      expect(cells.map((row) => row[4])).toEqual([
        "Жолдарды жөндеу",
        "'=HYPERLINK(\"http://x\")",
        "'+1",
        "'-1+1",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        'Heating, water; "now"\nplease',
      ]);
      // A bare CR ends a record in R and Excel, so a cell holding one is quoted.
      expect(csv).toContain(`${delimiter}"'\rx"`);
      // The coded answer -1 ("don't know") and the weight -0.5 are numbers, not text.
      expect(cells[1]!.slice(2, 4)).toEqual(format === "csv" ? ["-1", "-0.5"] : ["-1", "-0,5"]);
    }
  });
});

describe("JSON", () => {
  it("parses back as the column names and the rows as arrays, null for an empty cell", async () => {
    const document = JSON.parse(text(await readBytes(writeExport(sampleTable(), "json"))));
    expect(document).toEqual({ columns: names, rows: sampleRows.map((row) => names.map((name) => row[name])) });
  });

  it("is a valid document when there are no rows", async () => {
    expect(JSON.parse(text(await readBytes(writeExport(sampleTable([]), "json"))))).toEqual({ columns: names, rows: [] });
  });
});

describe("Parquet", () => {
  it("reads back with a Parquet reader as the rows, with integer, double and UTF-8 columns", async () => {
    const bytes = await readBytes(writeExport(sampleTable(), "parquet"));
    const file = bytes.buffer as ArrayBuffer;
    expect(await parquetReadObjects({ file })).toEqual(sampleRows);
    const metadata = parquetMetadata(file);
    expect(metadata.schema.slice(1).map(({ name, type, repetition_type }) => [name, type, repetition_type])).toEqual([
      ["row", "INT32", "OPTIONAL"],
      ["town", "BYTE_ARRAY", "OPTIONAL"],
      ["sat_public_transport", "INT32", "OPTIONAL"],
      ["weight", "DOUBLE", "OPTIONAL"],
      ["one_change", "BYTE_ARRAY", "OPTIONAL"],
    ]);
    expect(metadata.created_by).toBe("qala-pulse");
  });

  it("writes full row groups as they fill, and the rest at the end", async () => {
    const file = (await readBytes(parquetStream(sampleTable(), { rowGroupSize: 3 }))).buffer as ArrayBuffer;
    expect(parquetMetadata(file).row_groups.map((group) => Number(group.num_rows))).toEqual([3, 3, 2]);
    expect(await parquetReadObjects({ file })).toEqual(sampleRows);
  });

  it("is a readable file when there are no rows", async () => {
    const file = (await readBytes(writeExport(sampleTable([]), "parquet"))).buffer as ArrayBuffer;
    expect(Number(parquetMetadata(file).num_rows)).toBe(0);
  });
});

describe("every format", () => {
  it("gives byte-identical files for the same rows", async () => {
    for (const format of EXPORT_FORMATS) {
      const first = await readBytes(writeExport(sampleTable(), format));
      const second = await readBytes(writeExport(sampleTable(sampleRows, 5), format));
      expect(Buffer.from(second).equals(Buffer.from(first)), format).toBe(true);
    }
  });

  it("pulls batches as the reader asks for bytes, and closes the rows when the reader goes away", async () => {
    // Parquet holds a row group back until it is full: a group of one batch shows the same pull.
    const streamOf = (table: ExportTable, format: (typeof EXPORT_FORMATS)[number]) =>
      format === "parquet" ? parquetStream(table, { rowGroupSize: sampleRows.length }) : writeExport(table, format);
    for (const format of EXPORT_FORMATS) {
      let pulled = 0;
      let closed = false;
      const table: ExportTable = {
        ...sampleTable(),
        rows: (async function* () {
          try {
            for (let batch = 0; batch < 1000; batch++) {
              pulled++;
              yield sampleRows;
            }
          } finally {
            closed = true;
          }
        })(),
      };
      const reader = streamOf(table, format).getReader();
      await reader.read();
      await reader.read();
      expect(pulled, format).toBeLessThan(5);
      await reader.cancel();
      expect(closed, format).toBe(true);
    }
  });

  it("takes numbers that a database driver returned as text, and fails on text in a number column, closing the rows", async () => {
    const asText: ExportRow[] = [{ row: "1", town: "ridder", sat_public_transport: "4", weight: "1.25", one_change: null }];
    const document = JSON.parse(text(await readBytes(writeExport(sampleTable(asText), "json"))));
    expect(document.rows).toEqual([[1, "ridder", 4, 1.25, null]]);
    const broken: ExportRow[] = [{ row: 1, town: null, sat_public_transport: "very", weight: null, one_change: null }];
    let closed = false;
    const table: ExportTable = {
      ...sampleTable(),
      rows: (async function* () {
        try {
          yield broken;
        } finally {
          closed = true;
        }
      })(),
    };
    await expect(readBytes(writeExport(table, "csv"))).rejects.toThrow(/sat_public_transport holds integer values/);
    expect(closed).toBe(true);
  });
});

describe("exportFileName", () => {
  it("carries the wave, the kind, the date, k and the options", () => {
    expect(exportFileName("demo-2026", { kind: "microdata", format: "csv", k: 10, includeText: false }, "2026-05-02")).toBe(
      "qala-pulse_demo-2026_microdata_2026-05-02_k10.csv",
    );
    expect(exportFileName("demo-2026", { kind: "microdata", format: "csv-excel", k: 15, includeText: true }, "2026-05-02")).toBe(
      "qala-pulse_demo-2026_microdata_2026-05-02_k15_text_excel.csv",
    );
    expect(exportFileName("w1", { kind: "aggregates", format: "parquet", k: 10, includeText: false }, "2026-01-31")).toBe(
      "qala-pulse_w1_aggregates_2026-01-31_k10.parquet",
    );
    expect(exportFileName("w1", { kind: "aggregates", format: "json", k: 10, includeText: false }, "2026-01-31")).toMatch(/\.json$/);
  });

  it("refuses a date or a wave that would make an odd file name", () => {
    const options = { kind: "microdata", format: "csv", k: 10, includeText: false } as const;
    expect(() => exportFileName("demo-2026", options, "2.5.2026")).toThrow();
    expect(() => exportFileName("../etc", options, "2026-05-02")).toThrow();
  });
});
