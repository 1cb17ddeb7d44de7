import { describe, expect, it } from "vitest";
import { seedIndicators } from "@/scripts/seed/indicators";
import { seedTowns } from "@/scripts/seed/towns";
import { template } from "@/lib/indicators/columns";
import { readNumber } from "@/lib/indicators/fields";
import { parseImport, type ParseOutcome } from "@/lib/indicators/csv";
import { MAX_IMPORT_ROWS, importKinds, type ImportKind } from "@/lib/indicators/import-schema";
import { locales } from "@/lib/i18n/locales";
import en from "@/messages/en.json";

const reference = {
  towns: seedTowns.map(({ code, name }) => ({ code, name })),
  indicators: seedIndicators.map(({ code, name }) => ({ code, name })),
};
const BOM = "\uFEFF";

function rowsOf<K extends ImportKind>(outcome: ParseOutcome<K>) {
  if (!outcome.ok) throw new Error(`expected rows, got ${JSON.stringify(outcome)}`);
  return outcome.rows;
}
const reportedKeys = new Set<string>();
function problemsOf<K extends ImportKind>(outcome: ParseOutcome<K>) {
  if (outcome.ok) throw new Error("expected problems, got rows");
  for (const { key } of [...outcome.fileErrors, ...outcome.issues]) reportedKeys.add(key);
  return { fileErrors: outcome.fileErrors, issues: outcome.issues };
}

describe("values import", () => {
  const russian = [
    "Город;Показатель;Период;Значение;Цель;Источник;Адрес",
    "Риддер;Уровень безработицы;2025;4,6;5,5;Бюро национальной статистики;https://stat.gov.kz/",
    "Алтай (бывш. Зыряновск);Объём промышленного производства;2025-06;\"1 234,5\";;Бюро;",
  ].join("\r\n");
  const expected = [
    { line: 2, row: { town: "ridder", indicator: "unemployment_rate", period: "2025", value: 4.6, target: 5.5, source: "Бюро национальной статистики", address: "https://stat.gov.kz/", retrievedOn: null } },
    { line: 3, row: { town: "altai", indicator: "industrial_output", period: "2025-06", value: 1234.5, target: null, source: "Бюро", address: null, retrievedOn: null } },
  ];

  it("reads semicolons, Cyrillic names and decimal commas, with a BOM and without", () => {
    expect(rowsOf(parseImport("values", russian, reference))).toEqual(expected);
    expect(rowsOf(parseImport("values", BOM + russian, reference))).toEqual(expected);
  });

  it("refuses a cell holding a NUL character or half an emoji, which no text column can store (a workbook's _x0000_, a bureau file's \\u0000)", () => {
    const csv = ["town,indicator,period,value,target,source", "ridder,unemployment_rate,2025,4.6,5.5,Bureau\u0000", "ridder,unemployment_rate,2024,4.9,5.5,Bureau \ud83d"].join("\n");
    expect(problemsOf(parseImport("values", csv, reference)).issues).toEqual([
      { line: 2, column: "source", key: "unsafeText" },
      { line: 3, column: "source", key: "unsafeText" },
    ]);
  });

  it("refuses a period that has not begun on the day of the import, and takes the current year, month and day", () => {
    const onTheDay = { ...reference, today: "2026-03-15" };
    const csv = ["town,indicator,period,value,target,source", "ridder,unemployment_rate,2027,4.6,5.5,Bureau", "ridder,unemployment_rate,2026-04,4.6,5.5,Bureau", "ridder,unemployment_rate,2026-03-16,4.6,5.5,Bureau"].join("\n");
    expect(problemsOf(parseImport("values", csv, onTheDay)).issues).toEqual([2, 3, 4].map((line) => expect.objectContaining({ line, column: "period", key: "futurePeriod" })));
    const current = ["town,indicator,period,value,target,source", "ridder,unemployment_rate,2026,4.6,5.5,Bureau", "ridder,unemployment_rate,2026-03,4.6,5.5,Bureau", "ridder,unemployment_rate,2026-03-15,4.6,5.5,Bureau"].join("\n");
    expect(rowsOf(parseImport("values", current, onTheDay))).toHaveLength(3);
  });

  it("reads commas and English headers, codes, points and thousand spaces (non-breaking too)", () => {
    const csv = ["town,indicator,period,value,target,source", 'RIDDER , industrial_output ,2014-08-01,"51\u00a0378.0",55 081.2,"Slide 11, talk"'].join("\n");
    expect(rowsOf(parseImport("values", csv, reference))).toEqual([
      { line: 2, row: { town: "ridder", indicator: "industrial_output", period: "2014-08-01", value: 51378, target: 55081.2, source: "Slide 11, talk", address: null, retrievedOn: null } },
    ]);
  });

  it("reads Kazakh headers and names, with headers in any case and spacing", () => {
    const csv = ["  ҚАЛА ;Көрсеткіш;кезең;мәні;мақсат;дереккөз;мекенжай", "Курчатов;Жұмыссыздық деңгейі;2025;4,4;5,5;ҰСБ;"].join("\n");
    expect(rowsOf(parseImport("values", csv, reference))[0]!.row).toMatchObject({ town: "kurchatov", indicator: "unemployment_rate", value: 4.4 });
  });

  it("names missing and unknown columns in the file's language", () => {
    const { fileErrors } = problemsOf(parseImport("values", "город;показатель;значение;примечание\nРиддер;x;1;y\n", reference));
    expect(fileErrors).toEqual([
      { key: "missingColumns", params: { columns: "период, цель, источник" } },
      { key: "unknownColumns", params: { columns: "примечание", expected: "город, показатель, период, значение, цель, источник, адрес, дата_получения" } },
    ]);
  });

  it("reports every bad row with its line, column and value", () => {
    const csv = [
      "town;indicator;period;value;target;source;address",
      "",
      "Москва;ridder_output;2025;4,6;;src;",
      "ridder;unemployment_rate;2025-13;четыре;5,5 %;src;ftp://x",
      "ridder;unemployment_rate;2025;4;;;",
      "ridder;unemployment_rate;2025;4,1;;src;",
      "ridder;unemployment_rate",
    ].join("\n");
    expect(problemsOf(parseImport("values", csv, reference)).issues).toEqual([
      { line: 3, column: "town", key: "unknownTown", params: { value: "Москва" } },
      { line: 3, column: "indicator", key: "unknownIndicator", params: { value: "ridder_output" } },
      { line: 4, column: "period", key: "badPeriod", params: { value: "2025-13" } },
      { line: 4, column: "value", key: "notNumber", params: { value: "четыре" } },
      { line: 4, column: "target", key: "notNumber", params: { value: "5,5 %" } },
      { line: 4, column: "address", key: "badAddress", params: { value: "ftp://x" } },
      { line: 5, column: "source", key: "required" },
      { line: 6, column: null, key: "duplicateRow", params: { line: 5 } },
      { line: 7, column: null, key: "fieldCount", params: { expected: 7, found: 2 } },
    ]);
  });

  it("counts lines inside quoted cells, so later rows keep their line in the file", () => {
    const csv = ['town,indicator,period,value,target,source', 'ridder,unemployment_rate,2025,4,,"two', 'lines"', "ridder,unemployment_rate,2024,four,,s"].join("\n");
    expect(problemsOf(parseImport("values", csv, reference)).issues).toEqual([{ line: 4, column: "value", key: "notNumber", params: { value: "four" } }]);
  });

  it("reports a column named twice, a value under an unnamed column, an open quote, a long cell and an ambiguous name", () => {
    const header = "town;indicator;period;value;target;source";
    expect(problemsOf(parseImport("values", `${header};Town\nridder;unemployment_rate;2025;1;;s;x`, reference)).fileErrors).toEqual([
      { key: "duplicateColumn", params: { column: "Town" } },
    ]);
    expect(problemsOf(parseImport("values", `${header};\nridder;unemployment_rate;2025;1;;s;\nridder;unemployment_rate;2024;1;;s;note`, reference)).fileErrors).toEqual([
      { key: "unnamedColumn", params: { line: 3 } },
    ]);
    expect(problemsOf(parseImport("values", `${header}\nridder;unemployment_rate;2025;1;;"open`, reference)).issues).toContainEqual({ line: 2, column: null, key: "badQuotes" });
    expect(problemsOf(parseImport("values", `${header}\nridder;unemployment_rate;2025;1;;${"x".repeat(1_001)}`, reference)).issues).toEqual([
      { line: 2, column: "source", key: "tooLong", params: { max: 1_000 } },
    ]);
    const clash = { ...reference, towns: [...reference.towns, { code: "ridder_old", name: { kk: "Риддер", ru: "Риддер", en: "Ridder" } }] };
    expect(problemsOf(parseImport("values", `${header}\nРиддер;unemployment_rate;2025;1;;s`, clash)).issues).toEqual([
      { line: 2, column: "town", key: "towns.ambiguous", params: { value: "Риддер", towns: "Риддер (ridder), Риддер (ridder_old)" } },
    ]);
  });

  it("refuses an empty file, a header without rows, too many rows and too many bytes", () => {
    const header = "town;indicator;period;value;target;source";
    expect(problemsOf(parseImport("values", `${BOM}\r\n`, reference)).fileErrors).toEqual([{ key: "empty" }]);
    expect(problemsOf(parseImport("values", header, reference)).fileErrors).toEqual([{ key: "noRows" }]);
    const many = [header, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `ridder;unemployment_rate;${1900 + (i % 200)};1;;s`)].join("\n");
    expect(problemsOf(parseImport("values", many, reference)).fileErrors).toEqual([{ key: "tooManyRows", params: { max: MAX_IMPORT_ROWS, found: MAX_IMPORT_ROWS + 1 } }]);
    expect(problemsOf(parseImport("values", "я".repeat(1_100_000), reference)).fileErrors).toEqual([{ key: "tooLarge", params: { maxMb: 2 } }]);
  });
});

describe("numbers", () => {
  const value = (text: string) => {
    const cell = readNumber(text);
    return cell.ok ? cell.value : cell.key;
  };

  it("reads decimal commas and points, thousand spaces and signs", () => {
    expect(["58,9", "0,125", "1 234,5", "1.5", "-3,2", "\u22123,2", "1234,567", "12,3456", "1234"].map(value)).toEqual([
      58.9, 0.125, 1234.5, 1.5, -3.2, -3.2, 1234.567, 12.3456, 1234,
    ]);
  });

  it("reads several commas as thousand separators", () => {
    expect(["1,234,567", "-12,345,678.5", "250,000,000"].map(value)).toEqual([1234567, "notNumber", 250000000]);
  });

  it("refuses one comma before three digits, which could be thousands or decimals", () => {
    expect(["1,234", "250,000", "-1,500", "12 345,678"].map(value)).toEqual(["ambiguousComma", "ambiguousComma", "ambiguousComma", 12345.678]);
    expect(readNumber("250,000")).toEqual({ ok: false, key: "ambiguousComma", params: { value: "250,000" } });
  });

  it("refuses commas that are neither a decimal comma nor thousand groups", () => {
    expect(["1,23,456", "1,2345,678", "1,234.5", "1.234,5", ","].map(value)).toEqual(Array(5).fill("notNumber"));
  });

  it("reports an ambiguous comma with the row's line and column", () => {
    const csv = ["town;indicator;period;value;target;source", "ridder;unemployment_rate;2025;58,9;;s", "ridder;industrial_output;2025;250,000;1,234;s"].join("\n");
    expect(problemsOf(parseImport("values", csv, reference)).issues).toEqual([
      { line: 3, column: "value", key: "ambiguousComma", params: { value: "250,000" } },
      { line: 3, column: "target", key: "ambiguousComma", params: { value: "1,234" } },
    ]);
  });
});

describe("definitions import", () => {
  const header = "код;название_kk;название_ru;название_en;единица_kk;единица_ru;единица_en;больше_лучше;цель_kk;цель_ru;цель_en";
  it("reads a new indicator and an existing one with a target in words", () => {
    const csv = [
      header,
      "youth_unemployment;Жастар жұмыссыздығы;Безработица среди молодёжи;Youth unemployment;%;%;%;нет;;;",
      "unemployment_rate;Жұмыссыздық деңгейі;Уровень безработицы;Unemployment rate;%;%;%;ЖОҚ;5,5 %-дан аспауы;Не более 5,5 %;At most 5.5 %",
    ].join("\n");
    expect(rowsOf(parseImport("definitions", BOM + csv, reference)).map(({ row }) => [row.code, row.higherIsBetter, row.targetRu])).toEqual([
      ["youth_unemployment", false, null],
      ["unemployment_rate", false, "Не более 5,5 %"],
    ]);
  });

  it("accepts English headers with commas, and yes/no in every language", () => {
    const csv = ["code,name_kk,name_ru,name_en,unit_kk,unit_ru,unit_en,higher_is_better", ...["yes", "1", "да", "иә", "true"].map((yes, i) => `c${i},а,б,c,%,%,%,${yes}`)].join("\n");
    expect(rowsOf(parseImport("definitions", csv, reference)).map(({ row }) => row.higherIsBetter)).toEqual([true, true, true, true, true]);
  });

  it("reports wrong columns, bad codes and flags, part-translated targets and duplicates", () => {
    expect(problemsOf(parseImport("definitions", "code;name\nx;y", reference)).fileErrors.map((e) => e.key)).toEqual(["missingColumns", "unknownColumns"]);
    const csv = [
      header,
      "Youth Unemployment;а;б;c;%;%;%;нет;;;",
      "youth;а;б;c;%;%;%;может быть;;;",
      "jobs;а;б;c;%;%;%;да;;цель;",
      "youth;а;б;c;%;%;%;да;;;",
    ].join("\n");
    expect(problemsOf(parseImport("definitions", csv, reference)).issues).toEqual([
      { line: 2, column: "код", key: "badCode", params: { value: "Youth Unemployment" } },
      { line: 3, column: "больше_лучше", key: "badBoolean", params: { value: "может быть" } },
      { line: 4, column: null, key: "incompleteTarget" },
      { line: 5, column: null, key: "duplicateRow", params: { line: 3 } },
    ]);
  });
});

describe("population import", () => {
  it("reads age bands and sexes by code or label in any language, Cyrillic towns and thousand spaces", () => {
    const csv = [
      "Город;Возраст;Пол;Численность;Год;Источник;Адрес",
      "Риддер;18-29;Женский;4 812;2025;БНС;",
      "Риддер;60+;мужчины;3 020;2025;БНС;",
      "Курчатов;2;1;1\u00a0100;2025;БНС;",
      "Серебрянск;60 және одан жоғары;Ер;900;2025;БНС;",
    ].join("\r\n");
    expect(rowsOf(parseImport("population", BOM + csv, reference)).map(({ row }) => [row.town, row.ageBand, row.sex, row.population])).toEqual([
      ["ridder", 1, 1, 4812],
      ["ridder", 4, 2, 3020],
      ["kurchatov", 2, 1, 1100],
      ["serebryansk", 4, 2, 900],
    ]);
  });

  it("reads Kazakh and English headers with commas", () => {
    const kazakh = ["қала;жас_тобы;жынысы;халық_саны;жыл;дереккөз", "Риддер;30–44;Әйел;5000;2024;ҰСБ"].join("\n");
    const english = ["town,age_band,sex,population,year,source", "ridder,45–59,Male,4500,2024,BNS"].join("\n");
    expect(rowsOf(parseImport("population", kazakh, reference))[0]!.row).toMatchObject({ ageBand: 2, sex: 1, population: 5000, year: 2024 });
    expect(rowsOf(parseImport("population", english, reference))[0]!.row).toMatchObject({ ageBand: 3, sex: 2, population: 4500 });
  });

  it("reports wrong columns, unknown towns, bad bands, sexes, counts and years, and duplicates", () => {
    expect(problemsOf(parseImport("population", "town,sex,population\nridder,1,2", reference)).fileErrors[0]).toEqual({
      key: "missingColumns",
      params: { columns: "age_band, year, source" },
    });
    const csv = [
      "town;age_band;sex;population;year;source",
      "Атлантида;1;1;10;2025;s",
      "ridder;16–17;other;-5;25;s",
      "ridder;1;1;12,5;2025;s",
      "ridder;18–29;female;10;2025;s",
    ].join("\n");
    expect(problemsOf(parseImport("population", csv, reference)).issues).toEqual([
      { line: 2, column: "town", key: "unknownTown", params: { value: "Атлантида" } },
      { line: 3, column: "age_band", key: "badAgeBand", params: { value: "16–17" } },
      { line: 3, column: "sex", key: "badSex", params: { value: "other" } },
      { line: 3, column: "population", key: "notCount", params: { value: "-5" } },
      { line: 3, column: "year", key: "badYear", params: { value: "25" } },
      { line: 4, column: "population", key: "notCount", params: { value: "12,5" } },
      { line: 5, column: null, key: "duplicateRow", params: { line: 4 } },
    ]);
  });
});

describe("templates", () => {
  for (const kind of importKinds) {
    for (const locale of locales) {
      it(`the ${locale} ${kind} template reads back as one row`, () => {
        expect(rowsOf(parseImport(kind, template(kind, locale), reference))).toHaveLength(1);
      });
    }
  }
});

// Runs last: every problem the tests above met must have a message to show (the messages
// test checks that ru and kk have the same keys as en).
it("has a message for every problem reported above", () => {
  expect(reportedKeys.size).toBeGreaterThan(20);
  // Keys with a dot are looked up from adminIndicators itself (the town matching's own).
  const has = (key: string) =>
    key.includes(".") ? key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en.adminIndicators) !== undefined : key in en.adminIndicators.issues;
  expect([...reportedKeys].filter((key) => !has(key))).toEqual([]);
});
