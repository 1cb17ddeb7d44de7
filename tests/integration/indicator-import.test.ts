import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { applyImport, previewImport } from "@/app/[locale]/(staff)/staff/admin/indicators/actions";
import { getLatestIndicatorValues } from "@/db/queries/rollups";
import { getLatestIndicatorValuesByTown } from "@/db/queries/rollups";
import { auditLog, indicators, indicatorValues, populationCells, towns } from "@/db/schema";
import { seedReferenceData } from "@/scripts/seed";
import type { DefinitionRow, ValueRow } from "@/lib/indicators/columns";
import { createStaffSessions, forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => (await import("../support/next-headers")).mockNextHeaders(request));

const fixture = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/indicators-ru.csv"), "utf8");
const SLIDE_11 = "Junussova M., Beimisheva A. Monotowns of Kazakhstan, slide 11: programme indicators as of 1 Aug 2014 and 1 Aug 2013";

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

const count = async (table: typeof indicatorValues | typeof auditLog | typeof populationCells) =>
  (await database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

async function storedValue(town: string, indicator: string, period: string) {
  const [row] = await database.db
    .select({ value: indicatorValues.value, target: indicatorValues.target, source: indicatorValues.sourceCitation })
    .from(indicatorValues)
    .innerJoin(towns, eq(towns.id, indicatorValues.townId))
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(and(eq(towns.code, town), eq(indicators.code, indicator), eq(indicatorValues.period, period)));
  return row;
}

describe("indicator import as an admin", () => {
  beforeEach(async () => {
    request.headers = await sessions.headersFor("admin");
  });

  it("previews the Russian sample as ten added rows and writes nothing", async () => {
    const before = { values: await count(indicatorValues), audit: await count(auditLog) };
    const result = await previewImport({ kind: "values", csv: fixture });
    expect(result.status).toBe("preview");
    if (result.status !== "preview") return;
    expect(result.plan.counts).toEqual({ added: 10, changed: 0, unchanged: 0 });
    expect(result.plan.rows[0]).toMatchObject({
      line: 2,
      status: "added",
      previous: null,
      row: { town: "ridder", indicator: "industrial_output", period: "2025", value: 58912.4, target: 55081.2 },
    });
    expect(result.plan.rows.find((row) => (row.row as ValueRow).town === "altai")?.row).toMatchObject({ value: 9104.7, target: 8068.8 });
    expect({ values: await count(indicatorValues), audit: await count(auditLog) }).toEqual(before);
  });

  it("previews a changed figure with its old value, and an unchanged one", async () => {
    const csv = [
      "town,indicator,period,value,target,source,address",
      `ridder,unemployment_rate,2014-08-01,4.9,5.5,"${SLIDE_11}",https://www.slideserve.com/rhona-mccall/7025005`,
      `ridder,unemployment_rate,2013-08-01,5.0,5.5,"${SLIDE_11}",https://www.slideserve.com/rhona-mccall/7025005`,
    ].join("\n");
    const result = await previewImport({ kind: "values", csv });
    if (result.status !== "preview") throw new Error(JSON.stringify(result));
    expect(result.plan.counts).toEqual({ added: 0, changed: 1, unchanged: 1 });
    expect(result.plan.rows[0]).toMatchObject({ status: "changed", previous: { value: 4.8, target: 5.5 }, row: { value: 4.9 } });
    expect(result.plan.rows[1]!.status).toBe("unchanged");
  });

  it("imports every row of the sample and one audit entry with the rows; the dashboard's latest figure changes", async () => {
    const ridder = (await database.db.select({ id: towns.id }).from(towns).where(eq(towns.code, "ridder")))[0]!;
    const latestOutput = async () =>
      (await getLatestIndicatorValues({ db: database.db, townId: ridder.id, closesOn: "2025-12-31" })).find((row) => row.indicator.code === "industrial_output")?.value;
    expect(await latestOutput()).toMatchObject({ period: "2014-08-01", value: 51378 });
    const auditBefore = await count(auditLog);

    expect(await applyImport({ kind: "values", csv: fixture })).toEqual({ status: "imported", counts: { added: 10, changed: 0, unchanged: 0 } });

    expect(await storedValue("ridder", "average_monthly_salary", "2025")).toEqual({ value: 412.7, target: null, source: expect.stringContaining("не официальные") });
    expect(await storedValue("serebryansk", "unemployment_rate", "2025")).toMatchObject({ value: 5.6, target: 5.5 });
    expect(await latestOutput()).toMatchObject({ period: "2025", value: 58912.4, target: 55081.2 });
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.action, "indicators.import.values"));
    expect(await count(auditLog)).toBe(auditBefore + 1);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorEmail: "admin@test.qala", detail: { kind: "values", added: 10, changed: 0, unchanged: 0 } });
    expect(entries[0]!.detail.rows).toHaveLength(10);

    // The same file again changes nothing, and says so.
    const again = await previewImport({ kind: "values", csv: fixture });
    expect(again.status === "preview" && again.plan.counts).toEqual({ added: 0, changed: 0, unchanged: 10 });
  });

  it("writes nothing, not even an audit entry, when one row is bad", async () => {
    const before = { values: await count(indicatorValues), audit: await count(auditLog) };
    const csv = fixture.replace("2025;58 912,4", "2026;58 912,4") + "Риддер;Уровень безработицы;2026;пять;5,5;Бюро;\r\n";
    const expected = { status: "rejected", fileErrors: [], issues: [{ line: 12, column: "Значение", key: "notNumber", params: { value: "пять" } }], issueCount: 1 };
    expect(await previewImport({ kind: "values", csv })).toEqual(expected);
    expect(await applyImport({ kind: "values", csv })).toEqual(expected);
    expect(await storedValue("ridder", "industrial_output", "2026")).toBeUndefined();
    expect({ values: await count(indicatorValues), audit: await count(auditLog) }).toEqual(before);
  });

  it("sets each wave against the latest figure not after it, whatever is imported later", async () => {
    const csv = [
      "town;indicator;period;value;target;source",
      "ridder;industrial_output;2025-06;30 000;;s",
      "ridder;industrial_output;2026;61 000,5;60 000;s",
      "altai;industrial_output;2026;9 500;;s",
    ].join("\n");
    expect(await applyImport({ kind: "values", csv })).toMatchObject({ status: "imported" });
    const [ridder, altai] = await Promise.all(
      ["ridder", "altai"].map(async (code) => (await database.db.select({ id: towns.id }).from(towns).where(eq(towns.code, code)))[0]!.id),
    );
    const outputFor = async (closesOn: string) =>
      (await getLatestIndicatorValues({ db: database.db, townId: ridder!, closesOn })).find((row) => row.indicator.code === "industrial_output")?.value;
    const outputByTown = async (closesOn: string) =>
      (await getLatestIndicatorValuesByTown({ db: database.db, townIds: [ridder!, altai!], closesOn }))
        .filter((row) => row.indicator.code === "industrial_output")
        .map((row) => [row.value.townId, row.value.period, row.value.value]);

    // The year 2025 ends after its June: the annual figure, not the month's, for a 2025 wave.
    expect(await outputFor("2025-11-30")).toMatchObject({ period: "2025", value: 58912.4 });
    expect(await outputFor("2026-10-15")).toMatchObject({ period: "2026", value: 61000.5 });
    expect(await outputFor("2014-12-31")).toMatchObject({ period: "2014-08-01", value: 51378 });
    expect(await outputByTown("2025-11-30")).toEqual([[ridder, "2025", 58912.4], [altai, "2025", 9104.7]]);
    expect(await outputByTown("2026-10-15")).toEqual([[ridder, "2026", 61000.5], [altai, "2026", 9500]]);
  });

  it("imports indicator definitions: a new indicator and a changed target in words", async () => {
    const csv = [
      "code;name_kk;name_ru;name_en;unit_kk;unit_ru;unit_en;higher_is_better;target_kk;target_ru;target_en",
      "youth_unemployment;Жастар жұмыссыздығы;Безработица среди молодёжи;Youth unemployment;%;%;%;нет;;;",
      "net_migration;Көші-қон сальдосы;Сальдо миграции;Net migration;тұрғындардың %;% населения;% of residents;да;Оң сальдо;Положительное сальдо;Positive balance",
    ].join("\n");
    const preview = await previewImport({ kind: "definitions", csv });
    expect(preview.status === "preview" && preview.plan.rows.map((row) => [row.status, (row.previous as DefinitionRow | null)?.targetEn ?? null])).toEqual([
      ["added", null],
      ["changed", null],
    ]);
    expect(await applyImport({ kind: "definitions", csv })).toEqual({ status: "imported", counts: { added: 1, changed: 1, unchanged: 0 } });
    const stored = await database.db.select().from(indicators).where(eq(indicators.code, "net_migration"));
    expect(stored[0]!.programmeTarget).toEqual({ kk: "Оң сальдо", ru: "Положительное сальдо", en: "Positive balance" });
    expect((await database.db.select().from(indicators).where(eq(indicators.code, "youth_unemployment")))[0]).toMatchObject({ higherIsBetter: false });
  });

  it("imports a population structure, then updates one cell", async () => {
    const bands = ["18–29", "30–44", "45–59", "60+"];
    const rows = bands.flatMap((band, i) => [`Риддер;${band};Женский;${5000 + i};2024;БНС;`, `Риддер;${band};Мужской;${4000 + i};2024;БНС;`]);
    const csv = ["Город;Возраст;Пол;Численность;Год;Источник;Адрес", ...rows].join("\r\n");
    expect(await applyImport({ kind: "population", csv })).toEqual({ status: "imported", counts: { added: 8, changed: 0, unchanged: 0 } });
    const update = await applyImport({ kind: "population", csv: csv.replace("Риддер;60+;Мужской;4003;2024", "Риддер;60+;Мужской;4100;2025") });
    expect(update).toEqual({ status: "imported", counts: { added: 0, changed: 1, unchanged: 7 } });
    const [cell] = await database.db.select().from(populationCells).where(and(eq(populationCells.ageBand, 4), eq(populationCells.sex, 2)));
    expect(cell).toMatchObject({ population: 4100, year: 2025 });
    expect(await count(populationCells)).toBe(8);
  });

  it("answers a form error for an empty file or an unknown kind", async () => {
    expect(await previewImport({ kind: "values", csv: "  " })).toEqual({ status: "invalid", fieldErrors: { csv: ["adminIndicators.form.csvRequired"] } });
    expect(await applyImport({ kind: "towns", csv: fixture })).toEqual({ status: "invalid", fieldErrors: { kind: ["adminIndicators.form.kindRequired"] } });
  });
});

describe("indicator import refused", () => {
  for (const role of ["official", "researcher"] as const) {
    it(`answers 403 to ${role}, from both actions, and writes nothing`, async () => {
      request.headers = await sessions.headersFor(role);
      const before = { values: await count(indicatorValues), audit: await count(auditLog) };
      const forbidden = { status: "error", messageKey: "errors.forbidden", httpStatus: 403 };
      expect(await previewImport({ kind: "values", csv: fixture })).toEqual(forbidden);
      expect(await applyImport({ kind: "values", csv: fixture.replaceAll("2025", "2027") })).toEqual(forbidden);
      expect({ values: await count(indicatorValues), audit: await count(auditLog) }).toEqual(before);
    });
  }

  it("answers 401 without a session", async () => {
    request.headers = new Headers();
    const signIn = { status: "error", messageKey: "errors.signInFirst", httpStatus: 401 };
    expect(await previewImport({ kind: "values", csv: fixture })).toEqual(signIn);
    expect(await applyImport({ kind: "values", csv: fixture.replaceAll("2025", "2027") })).toEqual(signIn);
    expect(await storedValue("ridder", "industrial_output", "2027")).toBeUndefined();
  });
});
