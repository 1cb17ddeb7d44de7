import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { tableCsv } from "@/lib/csv-cells";

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
