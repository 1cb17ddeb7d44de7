import { inArray, sql } from "drizzle-orm";
import { latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { rowsOf, type Db } from "@/db/client";
import { indicators, indicatorValues, populationCells, towns, waves, waveTowns } from "@/db/schema";
import { daysFrom, demoPopulationCells, seedDemoResponses } from "@/scripts/seed/demo";
import { seedIndicators, seedIndicatorValues } from "@/scripts/seed/indicators";
import { seedTowns } from "@/scripts/seed/towns";
import { todayInKazakhstan } from "@/lib/time";

export const DEMO_WAVE_SLUG = "demo-2026";
/** A closed earlier wave, for comparisons between waves and for the closed-wave rules. */
export const PREVIOUS_DEMO_WAVE_SLUG = "demo-2025";
const DEMO_WAVE_TOWNS = ["ridder", "altai", "kurchatov", "serebryansk"];

/** Towns, indicators and official figures: reference data, safe to run again (upserts). */
export async function seedReferenceData(db: Db) {
  await db.transaction(async (tx) => {
    for (const town of seedTowns) {
      await tx.insert(towns).values(town).onConflictDoUpdate({ target: towns.code, set: { ...town } });
    }
    for (const indicator of seedIndicators) {
      await tx.insert(indicators).values(indicator).onConflictDoUpdate({ target: indicators.code, set: { ...indicator } });
    }
    const townIds = new Map((await tx.select({ id: towns.id, code: towns.code }).from(towns)).map((t) => [t.code, t.id]));
    const indicatorIds = new Map(
      (await tx.select({ id: indicators.id, code: indicators.code }).from(indicators)).map((i) => [i.code, i.id]),
    );
    for (const { town, indicator, ...figure } of seedIndicatorValues) {
      const row = { townId: townIds.get(town)!, indicatorId: indicatorIds.get(indicator)!, ...figure };
      await tx
        .insert(indicatorValues)
        .values(row)
        .onConflictDoUpdate({ target: [indicatorValues.townId, indicatorValues.indicatorId, indicatorValues.period], set: figure });
    }
  });
}

/**
 * An open demo wave over the four profiled towns and a closed one a year earlier, with
 * generated responses (stored as demo data and labelled so wherever they show).
 */
export async function seedDemoWave(db: Db, { perTown = 75 } = {}) {
  const today = todayInKazakhstan();
  const demoWaves = [
    {
      slug: PREVIOUS_DEMO_WAVE_SLUG,
      name: { kk: "Демо толқын 2025", ru: "Демо-волна 2025", en: "Demo wave 2025" },
      opensOn: daysFrom(today, -425),
      closesOn: daysFrom(today, -305),
      status: "closed" as const,
      perTown: Math.round(perTown * 0.8),
    },
    {
      slug: DEMO_WAVE_SLUG,
      name: { kk: "Демо толқын 2026", ru: "Демо-волна 2026", en: "Demo wave 2026" },
      opensOn: daysFrom(today, -60),
      closesOn: daysFrom(today, 60),
      status: "open" as const,
      // The demo shows results while its wave is open; real waves hide them until they close.
      hideResultsUntilClosed: false,
      perTown,
    },
  ];
  const waveTownRows = await db.select({ id: towns.id, code: towns.code, population: towns.population }).from(towns).where(inArray(towns.code, DEMO_WAVE_TOWNS));
  await db
    .insert(populationCells)
    .values(waveTownRows.flatMap((town) => demoPopulationCells(town, Number(today.slice(0, 4)))))
    .onConflictDoNothing();
  let responses = 0;
  for (const { perTown: count, ...values } of demoWaves) {
    const [wave] = await db
      .insert(waves)
      .values({ ...values, questionnaireVersion: latestQuestionnaireVersion })
      .onConflictDoNothing({ target: waves.slug })
      .returning();
    if (!wave) continue;
    await db.insert(waveTowns).values(waveTownRows.map((t) => ({ waveId: wave.id, townId: t.id })));
    responses += await seedDemoResponses({ db, wave, towns: waveTownRows, perTown: count });
  }
  return { responses };
}

export async function isEmpty(db: Db): Promise<boolean> {
  const rows = await rowsOf<{ count: number }>(db, sql`select count(*)::int as count from ${towns}`);
  return (rows[0]?.count ?? 0) === 0;
}
