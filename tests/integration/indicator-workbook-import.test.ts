import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { applyImport, previewImport } from "@/app/[locale]/(staff)/staff/admin/indicators/actions";
import { getPopulationCells } from "@/db/queries/rollups";
import { auditLog, indicators, indicatorValues, populationCells, towns } from "@/db/schema";
import { seedReferenceData } from "@/scripts/seed";
import { createStaffSessions, forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

/*
 * Workbooks and statistics bureau files through the admin's import actions: preview, then
 * import all or nothing; figures stored with their source and retrieval day, withheld ones
 * as withheld; a town's population structure from the bureau's five-year groups.
 */
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => (await import("../support/next-headers")).mockNextHeaders(request));

const file = (folder: string, name: string) => new File([fs.readFileSync(path.join(import.meta.dirname, "../fixtures", folder, name))], name);
const TALDAU = "https://taldau.stat.gov.kz/ru/NewIndex/GetIndex/703035";

let database: Awaited<ReturnType<typeof freshDatabase>>;
let sessions: Awaited<ReturnType<typeof createStaffSessions>>;

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  await seedReferenceData(database.db);
  sessions = await createStaffSessions(database.db);
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});
beforeEach(async () => {
  request.headers = await sessions.headersFor("admin");
});

const count = async (table: typeof indicatorValues | typeof auditLog | typeof populationCells) =>
  (await database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
const totals = async () => ({ values: await count(indicatorValues), population: await count(populationCells), audit: await count(auditLog) });

async function stored(town: string, indicator: string, period: string) {
  const [row] = await database.db
    .select({ value: indicatorValues.value, withheld: indicatorValues.withheld, target: indicatorValues.target, source: indicatorValues.sourceCitation, address: indicatorValues.sourceUrl, retrievedOn: indicatorValues.retrievedOn })
    .from(indicatorValues)
    .innerJoin(towns, eq(towns.id, indicatorValues.townId))
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(and(eq(towns.code, town), eq(indicators.code, indicator), eq(indicatorValues.period, period)));
  return row;
}

describe("an Excel workbook", () => {
  it("previews its rows with the sheet they are on and writes nothing; then imports all of them, the withheld one as withheld", async () => {
    const before = await totals();
    const input = { kind: "values", csv: "", file: file("workbooks", "figures-ru.xlsx") };
    const preview = await previewImport(input);
    if (preview.status !== "preview") throw new Error(JSON.stringify(preview));
    expect(preview.plan.sheet?.name).toBe("Показатели");
    expect(preview.plan.rows.map(({ line, status }) => [line, status])).toEqual([[6, "added"], [7, "added"], [8, "added"], [9, "added"]]);
    expect(await totals()).toEqual(before);

    expect(await applyImport(input)).toEqual({ status: "imported", counts: { added: 4, changed: 0, unchanged: 0 } });
    expect(await totals()).toEqual({ ...before, values: before.values + 4, audit: before.audit + 1 });
    expect(await stored("ridder", "industrial_output", "2025")).toMatchObject({ value: 58912.4, target: 55081.2, withheld: false });
    expect(await stored("kurchatov", "unemployment_rate", "2025-06")).toMatchObject({ value: 4.3 });
    expect(await stored("altai", "unemployment_rate", "2025")).toMatchObject({ value: null, withheld: true, target: 5.5 });
  });

  it("writes nothing when a row is bad, and refuses a macro-enabled or password-protected file with its message", async () => {
    const before = await totals();
    // "г. Ридер" fits no town; the other two rows are good, and nothing of the file is written.
    const unknownName = await applyImport({ kind: "values", csv: "", file: file("workbooks", "bad-town-kk.xlsx") });
    expect(unknownName).toMatchObject({ status: "rejected", sheet: { name: "Жұмыссыздық" }, issues: [{ line: 5, key: "towns.unknownSuggest" }] });
    for (const [name, key] of [["macros.xlsm", "workbook.issues.macros"], ["protected.xlsx", "workbook.issues.encrypted"], ["no-header-ru.xls", "workbook.issues.oldXls"]]) {
      expect(await applyImport({ kind: "values", csv: "", file: file("workbooks", name!) })).toMatchObject({ status: "rejected", fileErrors: [{ key }] });
    }
    expect(await totals()).toEqual(before);
  });
});

describe("a statistics bureau file", () => {
  it("stores its figures with the address and day they were retrieved, 'x' as withheld, and keeps the targets already set", async () => {
    const input = { kind: "values", csv: "", file: file("bureau", "unemployment-taldau.json"), indicator: "unemployment_rate", sourceAddress: TALDAU, retrievedOn: "2026-01-15" };
    const preview = await previewImport(input);
    if (preview.status !== "preview") throw new Error(JSON.stringify(preview));
    expect(preview.plan.skipped).toEqual(["РЕСПУБЛИКА КАЗАХСТАН"]);
    // Ridder's 2025 figure came from the workbook above, with its target: the value stays, its source changes.
    const ridder2025 = preview.plan.rows.find(({ row }) => "period" in row && row.town === "ridder" && row.period === "2025")!;
    expect(ridder2025).toMatchObject({ status: "changed", previous: { value: 4.7, source: "Тестовый пример: книга Excel для проверки импорта, не официальные данные" }, row: { value: 4.7, target: 5.5 } });

    expect(await applyImport(input)).toMatchObject({ status: "imported", counts: { added: 3, changed: 1 } });
    expect(await stored("ridder", "unemployment_rate", "2025")).toEqual({ value: 4.7, withheld: false, target: 5.5, source: "Бюро национальной статистики АСПиР РК (taldau.stat.gov.kz)", address: TALDAU, retrievedOn: "2026-01-15" });
    expect(await stored("kurchatov", "unemployment_rate", "2024")).toMatchObject({ value: null, withheld: true, retrievedOn: "2026-01-15" });
  });

  it("gives a town its population structure in the survey's bands, pro rata, so its results can be weighted", async () => {
    const [ridder] = await database.db.select({ id: towns.id }).from(towns).where(eq(towns.code, "ridder"));
    await database.db.delete(populationCells).where(eq(populationCells.townId, ridder!.id));
    expect(await getPopulationCells({ db: database.db, townId: ridder!.id })).toEqual([]);

    const input = { kind: "population", csv: "", file: file("bureau", "population-taldau.json"), sourceAddress: "https://taldau.stat.gov.kz/ru/NewIndex/GetIndex/701593", retrievedOn: "2026-01-15" };
    expect(await applyImport(input)).toMatchObject({ status: "imported", counts: { added: 8 } });
    const cells = await getPopulationCells({ db: database.db, townId: ridder!.id });
    // Hand-computed from the fixture: women 2/5 × 1,203 + 2 × 1,100 = 2,681.2 in 18–29; men 2/5 × 1,000 + 2,000.
    expect(cells.map(({ ageBand, sex, population, year, retrievedOn }) => [ageBand, sex, population, year, retrievedOn])).toEqual([
      [1, 1, 2681, 2025, "2026-01-15"],
      [1, 2, 2400, 2025, "2026-01-15"],
      [2, 1, 3300, 2025, "2026-01-15"],
      [2, 2, 3000, 2025, "2026-01-15"],
      [3, 1, 3300, 2025, "2026-01-15"],
      [3, 2, 3000, 2025, "2026-01-15"],
      [4, 1, 6300, 2025, "2026-01-15"],
      [4, 2, 5500, 2025, "2026-01-15"],
    ]);
  });
});
