import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTownDashboard } from "@/server/results/dashboard";
import { recordResponse } from "@/server/submissions/record";
import { getTownResponseCount } from "@/db/queries/rollups";
import { getWaveTownContext } from "@/db/queries/waves";
import { throughGate } from "@/server/results/gate";
import { answerGroupCounts, answerStratumCounts, indicators, indicatorValues, populationCells, waves, waveTowns } from "@/db/schema";
import { getQuestionnaire } from "@/lib/survey/questionnaire";
import { daysFrom } from "@/scripts/seed/demo";
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

  it("sets the sample's age band × sex beside the town's population, with coverage and Kish's n_eff, hiding cells below k", async () => {
    const { context, data } = await load();
    const { sample } = data;
    expect(sample.hasPopulation).toBe(true);
    // Respondents per cell, read here from the stratum rollup's age band rows.
    const rows = await database.db
      .select({ ageBand: answerStratumCounts.ageBand, sex: answerStratumCounts.sex, total: sql<number>`sum(${answerStratumCounts.responses})::int` })
      .from(answerStratumCounts)
      .where(and(eq(answerStratumCounts.waveId, context.wave.id), eq(answerStratumCounts.townId, context.town.id), eq(answerStratumCounts.itemId, "age_band")))
      .groupBy(answerStratumCounts.ageBand, answerStratumCounts.sex);
    const expected = new Map(rows.filter((row) => row.ageBand > 0 && row.sex > 0).map((row) => [`${row.ageBand}:${row.sex}`, row.total]));
    const respondents = [...expected.values()].reduce((sum, n) => sum + n, 0);
    expect(respondents).toBeGreaterThan(0);
    expect(sample.coverage.respondents).toBe(respondents);
    expect(sample.coverage.responses).toBe((await getTownResponseCount({ db: database.db, waveId: context.wave.id, townId: context.town.id })).responses);
    expect(sample.coverage.respondentShare).toBeCloseTo(respondents / sample.coverage.responses, 10);

    // Every population cell is there, with its share of the adults.
    const population = await database.db.select().from(populationCells).where(eq(populationCells.townId, context.town.id));
    const adults = population.reduce((sum, cell) => sum + cell.population, 0);
    for (const cell of population) {
      const shown = sample.cells.find((other) => other.ageBand === cell.ageBand && other.sex === cell.sex)!;
      expect(shown.populationShare).toBeCloseTo(cell.population / adults, 10);
    }
    expect(sample.coverage.emptyCells).toBe(population.filter((cell) => !expected.has(`${cell.ageBand}:${cell.sex}`)).length);

    // Sample shares only for cells of at least k; hidden ones never alone, never below k together.
    for (const cell of sample.cells) {
      const n = expected.get(`${cell.ageBand}:${cell.sex}`) ?? 0;
      if (n > 0 && n < k) expect(cell.suppression).toBe("primary");
      if (cell.suppression) {
        expect(cell.respondents).toBeNull();
        expect(cell.sampleShare).toBeNull();
      } else {
        expect(cell.respondents).toBe(n);
        expect(cell.sampleShare).toBeCloseTo(n / respondents, 10);
      }
    }
    const hidden = sample.cells.filter((cell) => cell.suppression);
    if (hidden.length > 0) {
      expect(hidden.length).toBeGreaterThan(1);
      expect(hidden.reduce((sum, cell) => sum + expected.get(`${cell.ageBand}:${cell.sex}`)!, 0)).toBeGreaterThanOrEqual(k);
    }

    // n_eff = 1 / Σ (Pₕ / P)² / nₕ over the cells with respondents, at most the respondents.
    const covered = population.filter((cell) => expected.has(`${cell.ageBand}:${cell.sex}`));
    const coveredAdults = covered.reduce((sum, cell) => sum + cell.population, 0);
    const neff = 1 / covered.reduce((sum, cell) => sum + (cell.population / coveredAdults) ** 2 / expected.get(`${cell.ageBand}:${cell.sex}`)!, 0);
    expect(sample.effectiveN).toBeCloseTo(neff, 8);
    expect(sample.effectiveN!).toBeLessThanOrEqual(respondents + 1e-9);

    // The same with weighting on; no figure of the demo falls back while the item's n reaches k.
    const weighted = (await load({ weighted: true })).data;
    expect(weighted.sample).toEqual(sample);
    for (const itemId of weighted.weighting.unweightedFallback) {
      expect(weighted.weighting.summaries.get(itemId)!.weighted).toBeNull();
      expect(weighted.weighting.summaries.get(itemId)!.suppressed).toBe(false);
    }
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

  // Last: the closed wave it adds becomes every later load's previous wave.
  it("compares with a previous 2026.1 wave only the items asked the same way, and names the others", async () => {
    const { context } = await load();
    expect(context.wave.questionnaireVersion).toBe("2026.2");
    const v1 = getQuestionnaire("2026.1")!;
    const [previous] = await database.db
      .insert(waves)
      .values({
        slug: "previous-2026-1",
        name: { kk: "2026.1", ru: "2026.1", en: "2026.1" },
        questionnaireVersion: "2026.1",
        opensOn: daysFrom(context.wave.opensOn, -200),
        closesOn: daysFrom(context.wave.opensOn, -170),
        status: "closed",
      })
      .returning();
    await database.db.insert(waveTowns).values({ waveId: previous!.id, townId: context.town.id });
    for (let i = 0; i < 12; i++) {
      await recordResponse({
        db: database.db,
        acceptClosedWave: true,
        day: daysFrom(context.wave.opensOn, -180),
        submission: { responseId: randomUUID(), waveId: previous!.id, townId: context.town.id, locale: "kk", questionnaireVersion: "2026.1", answers: completeAnswers(v1) as Record<string, number> },
      });
    }
    const { data } = await load();
    expect(data.previousWave?.id).toBe(previous!.id);
    for (const id of ["sat_water_supply", "agree_corruption_akimat", "sat_akimat_services", "sat_service_centre", "plan_leave_2y", "compared_5y", "obstacle_finance"]) {
      expect(data.notCompared.has(id), id).toBe(true);
      expect(data.previousItems!.has(id), id).toBe(false);
    }
    for (const id of ["sat_heating", "agree_find_job", "life_satisfaction"]) {
      expect(data.notCompared.has(id), id).toBe(false);
      expect(data.previousItems!.get(id)!.n, id).toBe(12);
    }
    // The Kazakh top point changed: still compared, with the note.
    expect(data.changeNotes.get("sat_heating")!.join(" ")).toMatch(/Kazakh top point/);
    expect(data.changeNotes.has("life_satisfaction")).toBe(false);
  });
});
