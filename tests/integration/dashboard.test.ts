import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTownDashboard } from "@/server/results/dashboard";
import { recordResponse } from "@/server/submissions/record";
import { getTownResponseCount } from "@/db/queries/rollups";
import { getWaveTownContext } from "@/db/queries/waves";
import { throughGate } from "@/server/results/gate";
import { answerGroupCounts, indicators, indicatorValues, populationCells } from "@/db/schema";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { completeAnswers } from "../fixtures";
import { freshDatabase } from "./database";

let database: Awaited<ReturnType<typeof freshDatabase>>;
const k = 10;

beforeAll(async () => {
  database = await freshDatabase();
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 60 });
});
afterAll(async () => {
  await database.drop();
});

async function load(options: { weighted?: boolean; item?: string; closesOn?: string } = {}) {
  const context = (await getWaveTownContext({ db: database.db, slug: DEMO_WAVE_SLUG, townCode: "ridder" }))!;
  const data = await loadTownDashboard({
    db: database.db,
    wave: throughGate({ ...context.wave, closesOn: options.closesOn ?? context.wave.closesOn }, "staff")!,
    townId: context.town.id,
    responses: (await getTownResponseCount({ db: database.db, waveId: context.wave.id, townId: context.town.id })).responses,
    k,
    locale: "en",
    weighted: options.weighted ?? false,
    breakdownItem: options.item,
  });
  return { context, data };
}

describe("loadTownDashboard", () => {
  it("splits the chosen item by age band, sex and employment; the groups add up to the item's n", async () => {
    const { data } = await load({ item: "agree_find_job" });
    expect(data.breakdown.item.id).toBe("agree_find_job");
    const total = data.items.find((item) => item.itemId === "agree_find_job")!.summary.n;
    for (const table of data.breakdown.tables) {
      expect(table.cells.reduce((sum, cell) => sum + cell.summary.n, 0)).toBe(total);
    }
  });

  it("hides every group below k, and a second group wherever one hidden group could be worked out", async () => {
    const { data } = await load({ item: "agree_find_job" });
    const employment = data.breakdown.tables.find((table) => table.dimension === "employment")!;
    const hidden = employment.cells.filter((cell) => cell.suppression);
    // Sixty residents over seven activities: some groups are small.
    expect(hidden.some((cell) => cell.suppression === "primary")).toBe(true);
    for (const table of data.breakdown.tables) {
      for (const cell of table.cells) {
        if (cell.summary.n > 0 && cell.summary.n < k) expect(cell.suppression).toBe("primary");
        if (cell.suppression) expect(cell.summary.estimate).toBeNull();
      }
      const hiddenCells = table.cells.filter((cell) => cell.suppression);
      expect(hiddenCells.length === 0 || hiddenCells.length > 1 || table.cells.every((cell) => cell.suppression || cell.summary.n === 0)).toBe(true);
    }
  });

  it("hides a group in which all, none or all but one answered favourably (group disclosure, lib/stats/disclosure.ts)", async () => {
    const { data } = await load();
    let grouped = 0;
    for (const candidate of data.breakdown.candidates) {
      const { data: one } = await load({ item: candidate.id });
      for (const table of one.breakdown.tables) {
        for (const cell of table.cells) {
          if (cell.suppression === "group") grouped += 1;
          if (cell.suppression || cell.summary.n === 0) continue;
          // A published group has at least two favourable and two other answers.
          const favourable = Math.round(cell.summary.estimate!.share * cell.summary.n);
          expect(favourable, `${candidate.id} ${table.dimension} ${cell.code}`).toBeGreaterThanOrEqual(2);
          expect(cell.summary.n - favourable).toBeGreaterThanOrEqual(2);
        }
      }
    }
    expect(grouped).toBeGreaterThan(0);
  });

  it("weights by age band × sex where the population structure is known, and keeps n", async () => {
    const unweighted = (await load()).data;
    const weighted = (await load({ weighted: true })).data;
    expect(weighted.weighting.applied).toBe(true);
    const pairs = unweighted.items
      .filter((item) => item.summary.estimate)
      .map((item) => [item.summary, weighted.items.find((other) => other.itemId === item.itemId)!.summary] as const);
    expect(pairs.length).toBeGreaterThan(10);
    for (const [plain, weightedSummary] of pairs) expect(weightedSummary.n).toBe(plain.n);
    // The demo over-samples the young, who are less content: weighting moves the shares.
    expect(pairs.some(([plain, other]) => Math.abs(plain.estimate!.share - other.estimate!.share) > 0.01)).toBe(true);
  });

  it("falls back to unweighted figures, and says so, where no population structure is entered", async () => {
    const { context } = await load();
    await database.db.delete(populationCells).where(eq(populationCells.townId, context.town.id));
    const { data } = await load({ weighted: true });
    expect(data.weighting).toMatchObject({ available: false, applied: false });
  });

  it("sets a wave against the figures of its own period, not ones imported for a later year", async () => {
    const { context } = await load();
    const [unemployment] = await database.db.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, "unemployment_rate"));
    const figure = { townId: context.town.id, indicatorId: unemployment!.id, target: 5.5, sourceCitation: "test" };
    await database.db.insert(indicatorValues).values([
      { ...figure, period: "2025", value: 4.6 },
      { ...figure, period: "2025-06", value: 4.9 },
      { ...figure, period: "2026", value: 6.1 },
    ]);
    const unemploymentRow = async (closesOn: string) => (await load({ closesOn })).data.rows.find((row) => row.code === "unemployment_rate");
    expect(await unemploymentRow("2025-10-31")).toMatchObject({ period: "2025", value: 4.6, status: "met" });
    expect(await unemploymentRow("2026-10-31")).toMatchObject({ period: "2026", value: 6.1, status: "missed" });
    await database.db.delete(indicatorValues).where(and(eq(indicatorValues.townId, context.town.id), inArray(indicatorValues.period, ["2025", "2025-06", "2026"])));
  });

  it("shows a new response at once: the rollups are reread when the response count changes", async () => {
    const before = await load({ item: "agree_find_job" });
    const questionnaire = before.data.questionnaire;
    await recordResponse({
      db: database.db,
      submission: {
        responseId: randomUUID(),
        waveId: before.context.wave.id,
        townId: before.context.town.id,
        locale: "en",
        questionnaireVersion: questionnaire.version,
        answers: completeAnswers(questionnaire, { age_band: 4, sex: 2 }) as Record<string, number>,
      },
    });
    const after = await load({ item: "agree_find_job" });
    const nOf = (result: typeof before) => result.data.items.find((item) => item.itemId === "agree_find_job")!.summary.n;
    expect(nOf(after)).toBe(nOf(before) + 1);
    const [row] = await database.db
      .select({ total: sql<number>`sum(${answerGroupCounts.responses})::int` })
      .from(answerGroupCounts)
      .where(and(eq(answerGroupCounts.townId, before.context.town.id), eq(answerGroupCounts.itemId, "age_band"), eq(answerGroupCounts.ageBand, 4), eq(answerGroupCounts.sex, 2)));
    expect(row!.total).toBeGreaterThan(0);
  });
});
