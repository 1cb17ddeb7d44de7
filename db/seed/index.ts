import { inArray, sql } from "drizzle-orm";
import { latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import type { Db } from "../client";
import { todayInKazakhstan } from "../queries/responses";
import { indicators, indicatorValues, towns, waves, waveTowns } from "../schema";
import { daysFrom, seedDemoResponses } from "./demo";
import { seedIndicators, seedIndicatorValues } from "./indicators";
import { seedTowns } from "./towns";

export const DEMO_WAVE_SLUG = "demo-2026";
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

/** An open demo wave over the four profiled towns, with generated responses. */
export async function seedDemoWave(db: Db, { perTown = 75 } = {}) {
  const today = todayInKazakhstan();
  const [wave] = await db
    .insert(waves)
    .values({
      slug: DEMO_WAVE_SLUG,
      name: { kk: "Демо толқын 2026", ru: "Демо-волна 2026", en: "Demo wave 2026" },
      questionnaireVersion: latestQuestionnaireVersion,
      opensOn: daysFrom(today, -60),
      closesOn: daysFrom(today, 60),
      status: "open",
    })
    .onConflictDoNothing({ target: waves.slug })
    .returning();
  if (!wave) return { responses: 0 };
  const waveTownRows = await db.select({ id: towns.id, code: towns.code }).from(towns).where(inArray(towns.code, DEMO_WAVE_TOWNS));
  await db.insert(waveTowns).values(waveTownRows.map((t) => ({ waveId: wave.id, townId: t.id })));
  const responses = await seedDemoResponses({ db, waveId: wave.id, towns: waveTownRows, perTown });
  return { responses };
}

export async function isEmpty(db: Db): Promise<boolean> {
  const result = await db.execute<{ count: number }>(sql`select count(*)::int as count from ${towns}`);
  const rows = (result as unknown as { rows: Array<{ count: number }> }).rows;
  return (rows[0]?.count ?? 0) === 0;
}
