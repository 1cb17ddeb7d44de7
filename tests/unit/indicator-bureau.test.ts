import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seedIndicators } from "@/scripts/seed/indicators";
import { seedTowns } from "@/scripts/seed/towns";
import { countsByBand, readAgeGroup, shareInBand, SURVEY_BANDS, type AgeRange } from "@/lib/indicators/age-groups";
import { parseBureau } from "@/lib/indicators/bureau";
import type { ImportKind } from "@/lib/indicators/import-schema";
import type { ParseOutcome } from "@/lib/indicators/table";

/*
 * Files saved from the statistics bureau (Taldau's JSON: records of terms, term names and
 * periods dated dd.mm.yyyy), and the five-year age groups summed into the survey's bands.
 */
const reference = {
  towns: seedTowns.map(({ code, name }) => ({ code, name })),
  indicators: seedIndicators.map(({ code, name }) => ({ code, name })),
};
const fixture = (name: string) => fs.readFileSync(path.resolve("tests/fixtures/bureau", name), "utf8");
const options = { indicator: "unemployment_rate", source: "BNS", address: "https://taldau.stat.gov.kz/ru/NewIndex/GetIndex/703035", retrievedOn: "2026-01-15" };

function rowsOf<K extends ImportKind>(outcome: ParseOutcome<K>) {
  if (!outcome.ok) throw new Error(`expected rows, got ${JSON.stringify(outcome)}`);
  return outcome.rows;
}

describe("figures from a bureau file", () => {
  it("says how a territory was named when it was not by the town's own name (the bureau's «РИДДЕР Г.А.»)", () => {
    const renamed = fixture("unemployment-taldau.json").replace('"Риддер"', '"РИДДЕР Г.А."');
    const rows = rowsOf(parseBureau("values", renamed, reference, options));
    expect(rows.filter(({ row }) => row.town === "ridder").map(({ townWritten }) => townWritten)).toEqual(["РИДДЕР Г.А.", "РИДДЕР Г.А."]);
    expect(rows.filter(({ row }) => row.town === "kurchatov").map(({ townWritten }) => townWritten)).toEqual([undefined, undefined]);
  });

  it("reports a territory name that fits two towns, naming both, and writes nothing", () => {
    const clash = { ...reference, towns: [...reference.towns, { code: "ridder-2", name: { kk: "Риддер", ru: "Риддер", en: "Ridder" } }] };
    const outcome = parseBureau("values", fixture("unemployment-taldau.json"), clash, options);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues).toEqual([expect.objectContaining({ key: "towns.ambiguous", params: expect.objectContaining({ value: "Риддер", towns: expect.stringContaining("ridder-2") }) })]);
  });

  it("matches territories to towns by name, reads years, keeps 'x' as withheld and records source and retrieval day", () => {
    const outcome = parseBureau("values", fixture("unemployment-taldau.json"), reference, options);
    const cited = { target: null, source: "BNS", address: options.address, retrievedOn: "2026-01-15" };
    expect(rowsOf(outcome)).toEqual([
      { line: 2, row: { town: "ridder", indicator: "unemployment_rate", period: "2024", value: 4.9, ...cited } },
      { line: 2, row: { town: "ridder", indicator: "unemployment_rate", period: "2025", value: 4.7, ...cited } },
      { line: 3, row: { town: "kurchatov", indicator: "unemployment_rate", period: "2024", value: null, ...cited } },
      { line: 3, row: { town: "kurchatov", indicator: "unemployment_rate", period: "2025", value: 4.2, ...cited } },
    ]);
    // The republic is not a town: left out and said so. A bureau file sets no targets: the stored ones stay.
    expect(outcome.ok && outcome.skipped).toEqual(["РЕСПУБЛИКА КАЗАХСТАН"]);
    expect(outcome.ok && outcome.keep).toEqual(["target"]);
  });

  it("matches a territory code (КАТО) of the register, and a period that is not a bare year by its day", () => {
    const withKato = { ...reference, towns: reference.towns.map((town) => (town.code === "altai" ? { ...town, kato: "634030000" } : town)) };
    const json = JSON.stringify([{ terms: [634030000, 5], termNames: ["г.Алтай", "Уровень безработицы"], periods: [{ name: "Июнь 2025", date: "30.06.2025", value: 5.1 }] }]);
    expect(rowsOf(parseBureau("values", json, withKato, options)).map(({ row }) => [row.town, row.period, row.value])).toEqual([["altai", "2025-06-30", 5.1]]);
  });

  it("refuses a file that is not the bureau's, one with no town, and an unreadable date; asks for the indicator", () => {
    const keys = (outcome: ParseOutcome<"values">) => (outcome.ok ? [] : [...outcome.fileErrors, ...outcome.issues].map(({ key }) => key));
    expect(keys(parseBureau("values", '[{"name": "x"}]', reference, options))).toEqual(["workbook.issues.notBureauJson"]);
    expect(keys(parseBureau("values", "not json", reference, options))).toEqual(["workbook.issues.notBureauJson"]);
    const republic = JSON.stringify([{ terms: [1], termNames: ["РЕСПУБЛИКА КАЗАХСТАН"], periods: [{ name: "2025", date: "31.12.2025", value: 4.6 }] }]);
    expect(keys(parseBureau("values", republic, reference, options))).toEqual(["workbook.issues.noTowns"]);
    const badDate = JSON.stringify([{ terms: [1], termNames: ["Риддер"], periods: [{ name: "2025", date: "2025-12-31", value: 4.6 }] }]);
    expect(keys(parseBureau("values", badDate, reference, options))).toEqual(["badPeriod"]);
    expect(keys(parseBureau("values", fixture("unemployment-taldau.json"), reference, { ...options, indicator: undefined }))).toEqual(["workbook.issues.bureauIndicator"]);
  });
});

describe("five-year age groups into the survey's bands", () => {
  it("reads the bureau's age groups in Russian, Kazakh and English", () => {
    expect(readAgeGroup("15-19")).toEqual({ from: 15, to: 19 });
    expect(readAgeGroup("15–19 лет")).toEqual({ from: 15, to: 19 });
    expect(readAgeGroup("85 и старше")).toEqual({ from: 85, to: null });
    expect(readAgeGroup("85 және одан жоғары")).toEqual({ from: 85, to: null });
    expect(readAgeGroup("70+")).toEqual({ from: 70, to: null });
    expect(readAgeGroup("Всего")).toBe("total");
    expect(readAgeGroup("Риддер")).toBeNull();
  });

  it("splits a group across a band boundary by its years in each band", () => {
    const [youngest, , middle, oldest] = SURVEY_BANDS;
    expect(SURVEY_BANDS.map(({ from, to }) => [from, to])).toEqual([[18, 29], [30, 44], [45, 59], [60, null]]);
    // 15–19 against 18–29: 18 and 19, two years of five.
    expect(shareInBand({ from: 15, to: 19 }, youngest!)).toBe(2 / 5);
    expect(shareInBand({ from: 25, to: 29 }, youngest!)).toBe(1);
    expect(shareInBand({ from: 55, to: 59 }, middle!)).toBe(1);
    expect(shareInBand({ from: 85, to: null }, oldest!)).toBe(1);
    expect(shareInBand({ from: 55, to: null }, middle!)).toBeNull();
  });

  it("sums hand-computed bands, rounding once at the end", () => {
    const groups = (counts: Record<string, number>) => Object.entries(counts).map(([text, count]) => ({ group: readAgeGroup(text) as { from: number; to: number | null }, count }));
    const everyGroup = Object.fromEntries([...Array.from({ length: 17 }, (_, i) => [`${i * 5}-${i * 5 + 4}`, 1100]), ["85+", 800]]);
    const banded = countsByBand(groups({ ...everyGroup, "15-19": 1203 }));
    // 18–29: 2/5 × 1203 + 1100 + 1100 = 2681.2; 30–44 and 45–59: 3 × 1100; 60+: 5 × 1100 + 800.
    expect(banded).toEqual({ ok: true, bands: new Map([[1, 2681], [2, 3300], [3, 3300], [4, 6300]]) });
  });

  it("refuses groups that share ages, which would count their people twice", () => {
    const fiveYear: Array<{ group: AgeRange; count: number }> = [...Array.from({ length: 17 }, (_, i) => ({ group: { from: i * 5, to: i * 5 + 4 }, count: 10 })), { group: { from: 85, to: null }, count: 5 }];
    // A broad group beside the five-year ones.
    expect(countsByBand([...fiveYear, { group: { from: 16, to: 62 }, count: 470 }])).toEqual({ ok: false, key: "workbook.issues.groupsOverlap", params: { first: "15–19", second: "16–62" } });
    // One group twice (an urban and a rural row, say).
    expect(countsByBand([...fiveYear, { group: { from: 20, to: 24 }, count: 10 }])).toMatchObject({ ok: false, key: "workbook.issues.groupsOverlap" });
    expect(countsByBand([...fiveYear, { group: { from: 80, to: null }, count: 7 }])).toMatchObject({ ok: false, key: "workbook.issues.groupsOverlap" });
    expect(countsByBand(fiveYear)).toMatchObject({ ok: true });
  });

  it("refuses ages no group covers and an open group it cannot place", () => {
    const without = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`${i * 5}-${i * 5 + 4}`, 10]));
    expect(countsByBand(Object.entries(without).map(([text, count]) => ({ group: readAgeGroup(text) as never, count })))).toEqual({ ok: false, key: "workbook.issues.agesMissing", params: { age: "85" } });
    expect(countsByBand([{ group: { from: 18, to: 54 }, count: 10 }, { group: { from: 55, to: null }, count: 5 }])).toEqual({ ok: false, key: "workbook.issues.openGroupStraddles", params: { group: "55+" } });
  });
});

describe("population structures from a bureau file", () => {
  it("gives each town's bands by sex for its latest year, totals and regions left out", () => {
    const outcome = parseBureau("population", fixture("population-taldau.json"), reference, options);
    const cells = rowsOf(outcome).map(({ row }) => [row.town, row.sex, row.ageBand, row.population, row.year]);
    // Men: every group 1,000, 85+ 500. Women: 1,100, 15–19 1,203, 85+ 800 (see tests/fixtures/bureau).
    expect(cells).toEqual([
      ["ridder", 2, 1, 2400, 2025],
      ["ridder", 2, 2, 3000, 2025],
      ["ridder", 2, 3, 3000, 2025],
      ["ridder", 2, 4, 5500, 2025],
      ["ridder", 1, 1, 2681, 2025],
      ["ridder", 1, 2, 3300, 2025],
      ["ridder", 1, 3, 3300, 2025],
      ["ridder", 1, 4, 6300, 2025],
    ]);
    expect(outcome.ok && outcome.skipped).toEqual(["Восточно-Казахстанская область"]);
  });

  it("refuses a structure with a withheld count rather than guessing it", () => {
    const records = JSON.parse(fixture("population-taldau.json")) as Array<{ termNames: string[]; periods: Array<{ value: unknown }> }>;
    records.find((record) => record.termNames.join() === "Риддер,Женщины,40-44")!.periods[0]!.value = "x";
    const outcome = parseBureau("population", JSON.stringify(records), reference, options);
    expect(outcome.ok ? [] : outcome.issues.map(({ key, params }) => [key, params?.value])).toEqual([["workbook.issues.withheldPopulation", "Риддер / Женщины / 40-44"]]);
  });
});

describe("a withheld figure on the dashboard", () => {
  it("meets or misses no target, and is shown as withheld rather than as a number", async () => {
    const { targetsVsPeople } = await import("@/lib/stats/targets-vs-people");
    const { getQuestionnaire, latestQuestionnaireVersion } = await import("@/lib/survey/questionnaire");
    const indicator = seedIndicators.find(({ code }) => code === "unemployment_rate")!;
    const [row] = targetsVsPeople({
      questionnaire: getQuestionnaire(latestQuestionnaireVersion)!,
      counts: new Map(),
      figures: [{ indicator, value: { period: "2024", value: null, target: 5.5, sourceCitation: "BNS", sourceUrl: null } }],
      k: 10,
      locale: "en",
    });
    expect(row).toMatchObject({ value: null, status: "withheld" });
    expect(row!.linked.every(({ verdict }) => verdict === "unknown")).toBe(true);
  });
});
