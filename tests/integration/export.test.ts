import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CURSOR_BATCH_ROWS } from "@/db/queries/export";
import { aggregateTables, microdataTable } from "@/server/export/tables";
import { throughGate, type VisibleWave } from "@/server/results/gate";
import { recordResponse } from "@/server/submissions/record";
import { towns, waves } from "@/db/schema";
import { DEMO_WAVE_SLUG, PREVIOUS_DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { QUASI_IDENTIFIERS } from "@/lib/export/hierarchies";
import { MIN_OUTCOME } from "@/lib/stats/disclosure";
import type { ExportRow, ExportTable } from "@/lib/export/types";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { completeAnswers } from "../fixtures";
import { freshDatabase } from "./database";

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let wave: VisibleWave;

async function collect(table: ExportTable): Promise<ExportRow[][]> {
  const batches: ExportRow[][] = [];
  for await (const batch of table.rows) batches.push(batch);
  return batches;
}
const microdata = async (k: number, includeText = false) => {
  const table = await microdataTable({ db: database.db, wave, questionnaire, k, includeText });
  return { table, rows: (await collect(table)).flat() };
};
const quasiKey = (row: ExportRow) => JSON.stringify(["town", ...QUASI_IDENTIFIERS, "language", "month"].map((c) => row[c]));

beforeAll(async () => {
  database = await freshDatabase();
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 0 });
  wave = throughGate((await database.db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG)))[0]!, "staff")!;
  const townId = async (code: string) => (await database.db.select().from(towns).where(eq(towns.code, code)))[0]!.id;
  const [ridder, altai] = [await townId("ridder"), await townId("altai")];
  const send = (town: number, answers: Record<string, number | string>) =>
    recordResponse({
      db: database.db,
      submission: { responseId: randomUUID(), waveId: wave.id, townId: town, locale: "kk", questionnaireVersion: latestQuestionnaireVersion, answers },
    });
  // Twelve women aged 30–44 in Ridder, one of them leaving a phone number in her comment;
  // one man aged 60+ who owns a business; three people in Altai.
  for (let i = 0; i < 12; i++) {
    const comment = i === 0 ? "Жолдарды жөндеу керек, хабарласыңыз +7 701 123 45 67" : i === 1 ? "Больше автобусов" : undefined;
    await send(ridder, { ...completeAnswers(questionnaire, { age_band: 2, sex: 1, life_satisfaction: i % 10 }), ...(comment ? { one_change: comment } : {}) });
  }
  await send(ridder, completeAnswers(questionnaire, { age_band: 4, sex: 2, life_satisfaction: 10, employment: 3, obstacle_finance: 4 }));
  for (let i = 0; i < 3; i++) await send(altai, completeAnswers(questionnaire, { age_band: 1, sex: 2 }));
});
afterAll(() => database.drop());

describe("the microdata export", () => {
  it("has one numbered row per response with the month, never an id or a day, and the columns it declares", async () => {
    const { table, rows } = await microdata(10);
    expect(rows).toHaveLength(16);
    expect(table.report.rows).toBe(16);
    expect(rows.map((row) => row.row)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const names = table.columns.map((column) => column.name);
    for (const row of rows) expect(Object.keys(row)).toEqual(names);
    expect(names.slice(0, 6)).toEqual(["row", "town", "language", "questionnaire_version", "month", "demo"]);
    expect(names).not.toContain("id");
    // A month shared by fewer than k is blanked like any rare quasi-identifier.
    expect(rows.every((row) => row.month === null || /^\d{4}-\d{2}$/.test(row.month as string))).toBe(true);
    // "Don't know" keeps its code and is labelled as missing.
    expect(table.columns.find((c) => c.name === "sat_heating")!.missingValues).toEqual([
      { code: -1, label: { kk: "Білмеймін", ru: "Не знаю", en: "Don't know" } },
    ]);
  });

  it("agrees with the rollups item by item when nothing needs suppressing", async () => {
    const { table, rows } = await microdata(1);
    expect(table.report).toMatchObject({ generalised: [], suppressed: [] });
    const counts = await database.db.execute(
      sql`select item_id, value, sum(responses)::int as n from answer_counts where wave_id = ${wave.id} group by item_id, value`,
    );
    const expected = (counts as unknown as { rows: Array<{ item_id: string; value: number; n: number }> }).rows;
    expect(expected.length).toBeGreaterThan(40);
    for (const { item_id, value, n } of expected) expect(rows.filter((row) => row[item_id] === value)).toHaveLength(n);
    const answered = rows.reduce((sum, row) => sum + questionnaire.items.filter((item) => item.kind !== "text" && row[item.id] !== null).length, 0);
    expect(answered).toBe(expected.reduce((sum, { n }) => sum + n, 0));
  });

  it.each([3, 5, 10])("is k-anonymous on town, the quasi-identifiers, language and month for k = %i, blanking small towns", async (k) => {
    const { table, rows } = await microdata(k);
    const combinations = new Map<string, number>();
    for (const row of rows) combinations.set(quasiKey(row), (combinations.get(quasiKey(row)) ?? 0) + 1);
    for (const count of combinations.values()) expect(count).toBeGreaterThanOrEqual(k);
    expect(rows.filter((row) => row.town === "altai")).toHaveLength(k > 3 ? 0 : 3);
    // The lone business owner's job is blanked, and the business answers that would reveal it.
    const owner = rows.find((row) => row.life_satisfaction === 10)!;
    expect(owner.employment).toBeNull();
    expect(owner.obstacle_finance).toBeNull();
    expect(table.report.suppressed.find((s) => s.column === "employment")!.values).toBeGreaterThan(0);
  });

  it("builds a release at a larger k on the minimum one: joined on the row, no group falls below the minimum", async () => {
    const [min, larger] = [(await microdataTable({ db: database.db, wave, questionnaire, k: 5, minK: 5, includeText: false })), await microdataTable({ db: database.db, wave, questionnaire, k: 8, minK: 5, includeText: false })];
    const [minRows, largerRows] = [(await collect(min)).flat(), (await collect(larger)).flat()];
    expect(larger.report.builtOn).toBe(5);
    const joined = new Map<string, number>();
    minRows.forEach((row, i) => {
      const key = quasiKey(row) + quasiKey(largerRows[i]!);
      joined.set(key, (joined.get(key) ?? 0) + 1);
    });
    for (const count of joined.values()) expect(count).toBeGreaterThanOrEqual(5);
  });

  it("leaves free text out unless asked, then scrubs it and flags every answer for review", async () => {
    const plain = await microdata(10);
    expect(plain.table.columns.map((c) => c.name)).not.toContain("one_change");
    expect(plain.table.report.freeText).toEqual({ included: false, scrubbed: 0 });

    const { table, rows } = await microdata(10, true);
    const texts = rows.filter((row) => row.one_change !== null);
    expect(texts.map((row) => [row.one_change, row.one_change_review])).toEqual([
      ["Жолдарды жөндеу керек, хабарласыңыз [removed]", 1],
      ["Больше автобусов", 1],
    ].sort((a, b) => rows.findIndex((r) => r.one_change === a[0]) - rows.findIndex((r) => r.one_change === b[0])));
    expect(rows.filter((row) => row.one_change === null).every((row) => row.one_change_review === null)).toBe(true);
    // No code says "nothing to see": a name or an address is never caught by a pattern.
    expect(table.columns.find((c) => c.name === "one_change_review")!.valueLabels!.map((l) => [l.code, l.label.en])).toEqual([
      [1, expect.stringMatching(/^Read before publishing: names and addresses are not removed/)],
    ]);
    expect(table.report.freeText).toEqual({ included: true, scrubbed: 1 });
  });

  it("gives the same rows in the same order every time", async () => {
    expect(JSON.stringify((await microdata(3, true)).rows)).toBe(JSON.stringify((await microdata(3, true)).rows));
  });
});

describe("streaming a large wave", () => {
  let previous: VisibleWave;
  beforeAll(async () => {
    previous = throughGate((await database.db.select().from(waves).where(eq(waves.slug, PREVIOUS_DEMO_WAVE_SLUG)))[0]!, "staff")!;
    const [ridder] = await database.db.select().from(towns).where(eq(towns.code, "ridder"));
    // 4,500 generated responses, written in bulk: the rollups do not matter here.
    await database.db.execute(sql`
      insert into responses (id, wave_id, town_id, locale, questionnaire_version, submitted_on, is_demo)
      select gen_random_uuid(), ${previous.id}, ${ridder!.id}, 'ru', ${latestQuestionnaireVersion}, ${previous.opensOn}::date + (i % 30), true
      from generate_series(1, 4500) as i`);
    await database.db.execute(sql`
      insert into answers (response_id, item_id, value)
      select r.id, q.item_id, q.value from responses r
      cross join (values ('age_band', 1::smallint), ('sex', 2::smallint), ('sat_heating', 3::smallint)) as q(item_id, value)
      where r.wave_id = ${previous.id}`);
  });

  it("yields batches through the cursor rather than the whole wave at once", async () => {
    const table = await microdataTable({ db: database.db, wave: previous, questionnaire, k: 10, includeText: false });
    const batches = await collect(table);
    expect(batches).toHaveLength(Math.ceil(4500 / CURSOR_BATCH_ROWS));
    expect(batches.every((batch) => batch.length <= CURSOR_BATCH_ROWS)).toBe(true);
    expect(batches.flat().at(-1)!.row).toBe(4500);
  });

  it("stops reading when the consumer stops early, and the database takes new work at once", async () => {
    const table = await microdataTable({ db: database.db, wave: previous, questionnaire, k: 10, includeText: false });
    const iterator = table.rows[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    await iterator.return!();
    expect((await microdata(3)).rows).toHaveLength(16);
  });

  it("refuses to stream when responses changed after the plan was made", async () => {
    const table = await microdataTable({ db: database.db, wave: previous, questionnaire, k: 10, includeText: false });
    const responseId = randomUUID();
    // Written without rollups, like the rows above, so removing it restores the wave.
    await database.db.execute(sql`
      insert into responses (id, wave_id, town_id, locale, questionnaire_version, submitted_on, is_demo)
      select ${responseId}, wave_id, town_id, locale, questionnaire_version, submitted_on, is_demo from responses where wave_id = ${previous.id} limit 1`);
    try {
      await expect(collect(table)).rejects.toMatchObject({ messageKey: "errors.exportDataChanged" });
    } finally {
      await database.db.execute(sql`delete from responses where id = ${responseId}`);
    }
  });
});

describe("the aggregate export", () => {
  it("publishes no cell below k, hides what totals would give away, and agrees with the rollups", async () => {
    const table = await aggregateTables({ db: database.db, wave, questionnaire, k: 10 });
    const rows = (await collect(table)).flat();
    expect(Object.keys(rows[0]!)).toEqual(table.columns.map((c) => c.name));
    for (const row of rows) expect(row.n === null || row.n === 0 || (row.n as number) >= 10).toBe(true);
    const cell = (town: string, item: string, breakdown: string, group: string) =>
      rows.find((r) => r.town === town && r.item === item && r.breakdown === breakdown && r.group === group)!;
    // Altai's three are hidden. Ridder's thirteen are published, as on the public results
    // page; with no all-towns row, nothing adds Altai back in.
    expect(rows.some((r) => r.town === "all")).toBe(false);
    expect(cell("altai", "sat_heating", "overall", "all")).toMatchObject({ n: null, suppressed: 1 });
    expect(cell("ridder", "sat_heating", "overall", "all")).toMatchObject({ n: 13, favourable: 13, suppressed: 0 });
    // Ridder's one woman is hidden, and its twelve men with her: 13 − 12 would give her away.
    expect(cell("ridder", "sat_heating", "sex", "sex_2")).toMatchObject({ n: null, suppressed: 1 });
    expect(cell("ridder", "sat_heating", "sex", "sex_1")).toMatchObject({ n: null, suppressed: 1 });
    expect(table.report.cellsHidden!.primary).toBeGreaterThan(0);
    expect(table.report.cellsHidden!.secondary).toBeGreaterThan(0);
    expect(rows.filter((r) => r.suppressed === 1)).toHaveLength(table.report.cellsHidden!.primary + table.report.cellsHidden!.group! + table.report.cellsHidden!.secondary);
    expect(JSON.stringify((await collect(await aggregateTables({ db: database.db, wave, questionnaire, k: 10 }))).flat())).toBe(JSON.stringify(rows));
  });

  it("hides a group in which all, none or all but one answered favourably (group disclosure, lib/stats/disclosure.ts)", async () => {
    const table = await aggregateTables({ db: database.db, wave, questionnaire, k: 10 });
    const rows = (await collect(table)).flat();
    for (const row of rows) {
      if (row.breakdown === "overall" || row.suppressed === 1 || row.n === 0) continue;
      expect(row.favourable as number, JSON.stringify(row)).toBeGreaterThanOrEqual(MIN_OUTCOME);
      expect((row.n as number) - (row.favourable as number), JSON.stringify(row)).toBeGreaterThanOrEqual(MIN_OUTCOME);
    }
    expect(table.report.cellsHidden!.group).toBeGreaterThan(0);
  });
});
