import { inArray, sql } from "drizzle-orm";
import { latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { rowsOf, type Db } from "@/db/client";
import { indicators, indicatorValues, populationCells, townAliases, towns, waves, waveTowns } from "@/db/schema";
import { normaliseTownName } from "@/lib/indicators/town-names";
import { townRegister } from "@/scripts/seed/town-register";
import { daysFrom, demoPopulationCells, seedDemoResponses } from "@/scripts/seed/demo";
import { demoIndicatorValues, seedIndicators, seedIndicatorValues } from "@/scripts/seed/indicators";
import { seedTowns } from "@/scripts/seed/towns";
import { seedDemoPriorities } from "@/scripts/seed/priorities";
import { seedDemoFieldwork } from "@/scripts/seed/fieldwork";
import { todayInKazakhstan } from "@/lib/time";

export { seedDemoFieldwork };
export const DEMO_WAVE_SLUG = "demo-2026";
/** A closed earlier wave, for comparisons between waves and for the closed-wave rules. */
export const PREVIOUS_DEMO_WAVE_SLUG = "demo-2025";
const DEMO_WAVE_TOWNS = ["ridder", "altai", "kurchatov", "serebryansk"];

/**
 * The town register (every monotown, current and former, with its КАТО code and aliases):
 * data the code ships with, so `npm run db:migrate` brings it up to date on every deploy,
 * without the demo data. Idempotent: towns by code, aliases by their normalised form.
 */
export async function seedTownRegister(db: Db) {
  await db.transaction(async (tx) => {
    for (const town of seedTowns) {
      await tx.insert(towns).values(town).onConflictDoUpdate({ target: towns.code, set: { ...town } });
    }
    const idOfTown = new Map((await tx.select({ id: towns.id, code: towns.code }).from(towns)).map((t) => [t.code, t.id]));
    for (const { code, aliases } of townRegister) {
      for (const { locale, alias } of aliases) {
        const row = { townId: idOfTown.get(code)!, locale, alias, normalised: normaliseTownName(alias) };
        await tx.insert(townAliases).values(row).onConflictDoUpdate({ target: townAliases.normalised, set: { townId: row.townId, locale, alias } });
      }
    }
  });
}

/**
 * Towns with their aliases, indicators and official figures: reference data, safe to run
 * again (upserts by code and by normalised alias); waves and responses are not touched.
 */
export async function seedReferenceData(db: Db) {
  await seedTownRegister(db);
  await db.transaction(async (tx) => {
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

/** The earliest demo wave, closed: the baseline the improving town is measured from. */
export const FIRST_DEMO_WAVE_SLUG = "demo-2024";
/** Responses per town in each closed demo wave, and in the open one so far. */
export const DEMO_CLOSED_PER_TOWN = 320;
export const DEMO_OPEN_PER_TOWN = 120;

/**
 * Three demo waves over the four profiled towns, on the latest questionnaire: two closed a
 * year apart and one open now, with generated responses (stored as demo data and labelled
 * so wherever they show), made-up population structures and made-up official figures
 * (labelled as demo figures). `perTown` sets every wave's responses per town (tests use a
 * few); without it the closed waves get DEMO_CLOSED_PER_TOWN and the open one DEMO_OPEN_PER_TOWN.
 */
export async function seedDemoWave(db: Db, { perTown, closedPerTown }: { perTown?: number; closedPerTown?: number } = {}) {
  const today = todayInKazakhstan();
  const closed = closedPerTown ?? perTown ?? DEMO_CLOSED_PER_TOWN;
  const demoWaves = [
    {
      slug: FIRST_DEMO_WAVE_SLUG,
      name: { kk: "Демо толқын 2024", ru: "Демо-волна 2024", en: "Demo wave 2024" },
      opensOn: daysFrom(today, -790),
      closesOn: daysFrom(today, -670),
      status: "closed" as const,
      perTown: closed,
    },
    {
      slug: PREVIOUS_DEMO_WAVE_SLUG,
      name: { kk: "Демо толқын 2025", ru: "Демо-волна 2025", en: "Demo wave 2025" },
      opensOn: daysFrom(today, -425),
      closesOn: daysFrom(today, -305),
      status: "closed" as const,
      perTown: closed,
    },
    {
      slug: DEMO_WAVE_SLUG,
      name: { kk: "Демо толқын 2026", ru: "Демо-волна 2026", en: "Demo wave 2026" },
      opensOn: daysFrom(today, -60),
      closesOn: daysFrom(today, 60),
      status: "open" as const,
      // The demo shows results while its wave is open; real waves hide them until they close.
      hideResultsUntilClosed: false,
      perTown: perTown ?? DEMO_OPEN_PER_TOWN,
    },
  ];
  const waveTownRows = await db.select({ id: towns.id, code: towns.code, population: towns.population }).from(towns).where(inArray(towns.code, DEMO_WAVE_TOWNS));
  await db
    .insert(populationCells)
    .values(waveTownRows.flatMap((town) => demoPopulationCells(town, Number(today.slice(0, 4)))))
    .onConflictDoNothing();
  await seedDemoFigures(db);
  let responses = 0;
  for (const [waveIndex, { perTown: count, ...values }] of demoWaves.entries()) {
    const [wave] = await db
      .insert(waves)
      .values({ ...values, questionnaireVersion: latestQuestionnaireVersion })
      .onConflictDoNothing({ target: waves.slug })
      .returning();
    if (!wave) continue;
    await db.insert(waveTowns).values(waveTownRows.map((t) => ({ waveId: wave.id, townId: t.id })));
    responses += await seedDemoResponses({ db, wave, waveIndex, towns: waveTownRows, perTown: count });
    await seedDemoPriorities({ db, wave, waveIndex, towns: waveTownRows });
  }
  await (await import("@/scripts/seed/commitments")).seedDemoCommitments(db);
  // The demo interviewer's assignment (once the demo accounts exist: see scripts/cli.ts).
  await seedDemoFieldwork(db);
  return { responses };
}

/**
 * Made-up official figures for the demo towns, where no sourced figure exists: each carries
 * the demo citation (DEMO_FIGURE_CITATION), so it is labelled wherever it shows, and none
 * replaces a sourced figure (a sourced row for the same town, indicator and period wins).
 */
async function seedDemoFigures(db: Db) {
  const townIds = new Map((await db.select({ id: towns.id, code: towns.code }).from(towns)).map((t) => [t.code, t.id]));
  const indicatorIds = new Map((await db.select({ id: indicators.id, code: indicators.code }).from(indicators)).map((i) => [i.code, i.id]));
  const rows = demoIndicatorValues.flatMap(({ town, indicator, ...figure }) => {
    const townId = townIds.get(town);
    const indicatorId = indicatorIds.get(indicator);
    return townId && indicatorId ? [{ townId, indicatorId, ...figure }] : [];
  });
  if (rows.length > 0) await db.insert(indicatorValues).values(rows).onConflictDoNothing();
}

export async function isEmpty(db: Db): Promise<boolean> {
  const rows = await rowsOf<{ count: number }>(db, sql`select count(*)::int as count from ${towns}`);
  return (rows[0]?.count ?? 0) === 0;
}
