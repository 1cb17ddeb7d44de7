import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { type CsvDialect, csvRecords, tableCsv } from "@/lib/csv-cells";

describe("tableCsv", () => {
  it("starts with a byte order mark and ends rows with CRLF", () => {
    const csv = tableCsv({ columns: ["Қала", "n"], rows: [["Риддер", 75]] });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1)).toBe("Қала,n\r\nРиддер,75\r\n");
  });

  it("quotes commas, quotes and line breaks so the table reads back cell for cell", () => {
    const rows = [["Heating, water", 'He said "no"', "two\nlines"]];
    const csv = tableCsv({ columns: ["a", "b", "c"], rows });
    expect(Papa.parse(csv.slice(1), { skipEmptyLines: true }).data).toEqual([["a", "b", "c"], ...rows]);
    expect(csv).toContain('"two\nlines"');
  });

  it("neutralises text cells a spreadsheet would run as a formula, and leaves numbers alone", () => {
    const csv = tableCsv({ columns: ["cell"], rows: [["=HYPERLINK(1)"], ["+1"], ["-1+1"], ["@SUM(A1)"], ["\tx"], ["\rx"], [-2.1], ["plain"]] });
    const cells = (Papa.parse(csv.slice(1), { skipEmptyLines: true }).data as string[][]).slice(1).map((row) => row[0]);
    expect(cells).toEqual(["'=HYPERLINK(1)", "'+1", "'-1+1", "'@SUM(A1)", "'\tx", "'\rx", "-2.1", "plain"]);
  });
});

describe("csvRecords", () => {
  // What the files were written with before the writer was written by hand: every export
  // and chart download must stay byte for byte as it was.
  const csvStringify = (records: Array<Array<string | number | null>>, dialect: CsvDialect) =>
    stringify(records, {
      escape_formulas: true,
      delimiter: dialect.delimiter,
      record_delimiter: dialect.recordDelimiter,
      quote_record_delimiter: true,
      ...(dialect.decimalComma ? { cast: { number: (value: number) => String(value).replace(".", ",") } } : {}),
    });
  const dialect = fc.record({
    delimiter: fc.constantFrom(",", ";"),
    recordDelimiter: fc.constantFrom("\n", "\r\n"),
    decimalComma: fc.boolean(),
  }) as fc.Arbitrary<CsvDialect>;
  // Text made of what the rules look at: formula starts (full-width ones too), quotes,
  // delimiters, line breaks, a Cyrillic letter and a digit.
  const text = fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20", '"', ",", ";", "'", " ", "a", "ж", "1", ".") });
  const cell = fc.oneof(text, fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));

  it("writes what csv-stringify wrote with the same rules, for any cells and dialect", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 5 }), dialect, (records, chosen) => {
        expect(csvRecords(records, chosen)).toBe(csvStringify(records, chosen));
      }),
      { numRuns: 2000 },
    );
  });
});
