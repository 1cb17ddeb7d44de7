import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { seedIndicators } from "@/scripts/seed/indicators";
import { seedTowns } from "@/scripts/seed/towns";
import { townRegister } from "@/scripts/seed/town-register";
import { centralDirectory } from "@/lib/indicators/container";
import { MAX_WORKBOOK_BYTES, MAX_WORKBOOK_ROWS, MAX_WORKBOOK_UNZIPPED_BYTES, type ImportKind } from "@/lib/indicators/import-schema";
import { readImport } from "@/lib/indicators/read-import";
import type { ParseOutcome } from "@/lib/indicators/table";
import en from "@/messages/en.json";

/*
 * The workbook reader on files LibreOffice saved (tests/fixtures/workbooks/make.sh): the
 * header below a title block and merged over two rows, formulas, dates, decimal commas as
 * text and as numbers, the bureau's "x"; and every file the import must refuse.
 */
const reference = {
  towns: seedTowns.map(({ code, name }) => ({ code, name })),
  indicators: seedIndicators.map(({ code, name }) => ({ code, name })),
};
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve("tests/fixtures/workbooks", name)));
const bureau = { source: "BNS", address: "https://taldau.stat.gov.kz/ru/NewIndex/GetIndex/703035", retrievedOn: "2026-01-15" };
const read = <K extends ImportKind>(kind: K, bytes: Uint8Array, sheet?: string) => readImport(kind, { format: "file", bytes, sheet, bureau }, reference);

function problemKeys(outcome: ParseOutcome<ImportKind>) {
  if (outcome.ok) throw new Error("expected problems, got rows");
  return [...outcome.fileErrors, ...outcome.issues].map(({ key }) => key);
}

describe("an .xlsx saved by LibreOffice in a Russian locale", () => {
  it("finds the header under the title block, on the first sheet that has one, and reads every kind of cell", async () => {
    const outcome = await read("values", fixture("figures-ru.xlsx"));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    expect(outcome.sheet).toEqual({ name: "Показатели", names: ["Пояснения", "Показатели"] });
    const source = "Тестовый пример: книга Excel для проверки импорта, не официальные данные";
    expect(outcome.rows).toEqual([
      // Row 6 as Excel numbers it: a formula's cached value, a date formatted as a year, a number typed as a number.
      { line: 6, row: { town: "ridder", indicator: "unemployment_rate", period: "2025", value: 4.7, target: 5.5, source, address: "https://stat.gov.kz/", retrievedOn: null } },
      // Decimal commas typed as text with a no-break space and a narrow no-break space between thousands.
      { line: 7, row: { town: "ridder", indicator: "industrial_output", period: "2025", value: 58912.4, target: 55081.2, source, address: null, retrievedOn: null } },
      // A date formatted as month and year is the month; a formula over another cell of the row.
      { line: 8, row: { town: "kurchatov", indicator: "unemployment_rate", period: "2025-06", value: 4.3, target: 5.5, source, address: null, retrievedOn: null } },
      // The bureau's "x": withheld, not zero.
      { line: 9, row: { town: "altai", indicator: "unemployment_rate", period: "2025", value: null, target: 5.5, source, address: null, retrievedOn: null } },
    ]);
  });

  it("reads the sheet the admin chose, and says which sheet has no header", async () => {
    const notes = await read("values", fixture("figures-ru.xlsx"), "Пояснения");
    expect(notes.ok).toBe(false);
    if (!notes.ok) expect(notes.fileErrors).toEqual([{ key: "workbook.issues.noHeader", params: { sheets: "Пояснения" } }]);
    expect(problemKeys(await read("values", fixture("figures-ru.xlsx"), "Лист9"))).toEqual(["workbook.issues.noSuchSheet"]);
  });

  it("refuses a workbook with no recognisable header, naming its sheets", async () => {
    const outcome = await read("values", fixture("no-header-ru.xlsx"));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.fileErrors).toEqual([{ key: "workbook.issues.noHeader", params: { sheets: "Лист1" } }]);
  });

  it("reads a cell formatted as a percentage as the percent it shows (4,2 %, not 0.042)", async () => {
    // With the register's aliases, as the import has them: "Алтай" is Altai.
    const registered = { ...reference, towns: townRegister.map(({ code, name, kato, aliases }) => ({ code, name, kato, aliases })) };
    const outcome = await readImport("values", { format: "file", bytes: fixture("percent-kk.xlsx"), bureau }, registered);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    expect(outcome.rows.find(({ row }) => "town" in row && row.town === "kurchatov")!.row).toMatchObject({ value: 4.2 });
    // The other rows, plain numbers, as they are.
    expect(outcome.rows.find(({ row }) => "town" in row && row.town === "ridder")!.row).toMatchObject({ value: 4.7 });
  });

  it("reports a row's problems with the row number Excel shows", async () => {
    const outcome = await read("values", fixture("unemployment-kk.xlsx"));
    // This reference knows Altai only by its register name, not by the alias "Алтай";
    // "г. Риддер" is read as Ridder (the prefix is ignored), so only row 4 is refused.
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.sheet?.name).toBe("Жұмыссыздық");
      expect(outcome.issues).toEqual([expect.objectContaining({ line: 4, column: "Қала", key: "towns.unknownSuggest", params: expect.objectContaining({ value: "Алтай" }) })]);
    }
  });
});

describe("files the import refuses, each with its own message", () => {
  it("an old .xls, a password-protected workbook, a macro-enabled one", async () => {
    expect(problemKeys(await read("values", fixture("no-header-ru.xls")))).toEqual(["workbook.issues.oldXls"]);
    expect(problemKeys(await read("values", fixture("protected.xlsx")))).toEqual(["workbook.issues.encrypted"]);
    expect(problemKeys(await read("values", fixture("macros.xlsm")))).toEqual(["workbook.issues.macros"]);
  });

  it("a file larger than the limit, before it is opened", async () => {
    const big = new Uint8Array(MAX_WORKBOOK_BYTES + 1);
    big.set(fixture("figures-ru.xlsx"));
    expect(problemKeys(await read("values", big))).toEqual(["workbook.issues.workbookTooLarge"]);
  });

  it("a zip bomb: the sizes its directory declares are added up before anything is inflated", async () => {
    // 200 MB of zeros deflates to some 200 KB.
    const zip = await JSZip.loadAsync(fixture("figures-ru.xlsx"));
    zip.file("xl/media/padding.bin", new Uint8Array(MAX_WORKBOOK_UNZIPPED_BYTES + 1));
    const bomb = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(bomb.length).toBeLessThan(MAX_WORKBOOK_BYTES);
    expect(centralDirectory(bomb)!.find(({ name }) => name === "xl/media/padding.bin")!.size).toBe(MAX_WORKBOOK_UNZIPPED_BYTES + 1);
    expect(problemKeys(await read("values", bomb))).toEqual(["workbook.issues.zipBomb"]);
  });

  it("a zip bomb that understates its sizes: each part is inflated no further than the limit before the library sees it", async () => {
    const zip = await JSZip.loadAsync(fixture("figures-ru.xlsx"));
    zip.file("xl/media/padding.bin", new Uint8Array(MAX_WORKBOOK_UNZIPPED_BYTES + 1));
    const bomb = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    // Rewrite the part's declared size (central directory and local header) to 1 KB.
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let at = 0; at + 4 <= bomb.length; at++) {
      const signature = view.getUint32(at, true);
      if (signature !== 0x02014b50 && signature !== 0x04034b50) continue;
      const central = signature === 0x02014b50;
      const nameAt = at + (central ? 46 : 30);
      const nameLength = view.getUint16(at + (central ? 28 : 26), true);
      if (new TextDecoder().decode(bomb.subarray(nameAt, nameAt + nameLength)) !== "xl/media/padding.bin") continue;
      view.setUint32(at + (central ? 24 : 22), 1024, true);
    }
    expect(centralDirectory(bomb)!.find(({ name }) => name === "xl/media/padding.bin")!.size).toBe(1024);
    expect(problemKeys(await read("values", bomb))).toEqual(["workbook.issues.zipBomb"]);
  });

  it("more rows than the limit", async () => {
    const zip = await JSZip.loadAsync(fixture("unemployment-kk.xlsx"));
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const rows = Array.from({ length: MAX_WORKBOOK_ROWS + 1 }, (_, i) => `<row r="${i + 4}"><c r="A${i + 4}" t="inlineStr"><is><t>Курчатов</t></is></c></row>`).join("");
    zip.file("xl/worksheets/sheet1.xml", sheet.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>Қала</t></is></c><c r="B3" t="inlineStr"><is><t>Кезең</t></is></c></row>${rows}</sheetData>`).replace(/<dimension[^>]*>/, ""));
    const outcome = await read("values", await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    expect(problemKeys(outcome)).toContain("tooManyRows");
  }, 60_000);

  it("neither a workbook nor a bureau file", async () => {
    expect(problemKeys(await read("values", new TextEncoder().encode("%PDF-1.7")))).toEqual(["workbook.issues.unknownFormat"]);
    expect(problemKeys(await read("values", new TextEncoder().encode('{"rows": 1}')))).toEqual(["workbook.issues.notBureauJson"]);
  });
});

it("every message key the workbook and bureau readers report exists", () => {
  const source = ["container.ts", "workbook.ts", "bureau.ts", "read-import.ts", "age-groups.ts", "fields.ts"].map((file) => fs.readFileSync(path.resolve("lib/indicators", file), "utf8")).join("\n");
  const keys = [...source.matchAll(/"workbook\.issues\.(\w+)"/g)].map((match) => match[1]!);
  expect(keys.length).toBeGreaterThan(15);
  expect(keys.filter((key) => !(key in en.adminIndicators.workbook.issues))).toEqual([]);
});
