import "server-only";
import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import { getQuestionnaire } from "@/lib/survey/questionnaire";
import type { Db } from "../client";
import { townResponseCounts, towns, waves, waveTowns } from "../schema";

export async function getOpenWaves({ db }: { db: Db }) {
  return db.select().from(waves).where(eq(waves.status, "open")).orderBy(asc(waves.opensOn));
}

export async function getWaveBySlug({ db, slug }: { db: Db; slug: string }) {
  const [wave] = await db.select().from(waves).where(eq(waves.slug, slug)).limit(1);
  return wave;
}

// Response counts of a wave's towns, summed over the rollup's shards.
const counts = {
  responses: sql<number>`coalesce(sum(${townResponseCounts.responses}), 0)::int`,
  demoResponses: sql<number>`coalesce(sum(${townResponseCounts.demoResponses}), 0)::int`,
};
const countsJoin = and(eq(townResponseCounts.waveId, waveTowns.waveId), eq(townResponseCounts.townId, waveTowns.townId));

export async function getWaveTowns({ db, waveId }: { db: Db; waveId: number }) {
  return db
    .select({ id: towns.id, code: towns.code, name: towns.name, ...counts })
    .from(waveTowns)
    .innerJoin(towns, eq(towns.id, waveTowns.townId))
    .leftJoin(townResponseCounts, countsJoin)
    .where(eq(waveTowns.waveId, waveId))
    .groupBy(towns.id)
    .orderBy(asc(towns.code));
}

export async function getWaveTown({ db, waveId, townCode }: { db: Db; waveId: number; townCode: string }) {
  const [row] = await db
    .select({ town: towns, ...counts })
    .from(waveTowns)
    .innerJoin(towns, eq(towns.id, waveTowns.townId))
    .leftJoin(townResponseCounts, countsJoin)
    .where(and(eq(waveTowns.waveId, waveId), eq(towns.code, townCode)))
    .groupBy(towns.id);
  return row;
}

/** Whether a wave takes answers on the given day (status open and the day within its dates). */
export function isWaveOpen(wave: { status: string; opensOn: string; closesOn: string }, day: string): boolean {
  return wave.status === "open" && wave.opensOn <= day && day <= wave.closesOn;
}

/** A wave, its questionnaire and one of its towns by slug and code; undefined if any is missing. */
export async function getWaveTownContext({ db, slug, townCode }: { db: Db; slug: string; townCode: string }) {
  const wave = await getWaveBySlug({ db, slug });
  const questionnaire = wave && getQuestionnaire(wave.questionnaireVersion);
  const member = wave && (await getWaveTown({ db, waveId: wave.id, townCode }));
  return wave && questionnaire && member ? { wave, questionnaire, town: member.town, responses: member.responses, demoResponses: member.demoResponses } : undefined;
}

/** The latest closed wave before this one that asked the same town: what "change since" compares with. */
export async function getPreviousWave({ db, wave, townId }: { db: Db; wave: { id: number; opensOn: string }; townId: number }) {
  const [previous] = await db
    .select({ wave: waves })
    .from(waves)
    .innerJoin(waveTowns, and(eq(waveTowns.waveId, waves.id), eq(waveTowns.townId, townId)))
    .where(and(eq(waves.status, "closed"), lt(waves.opensOn, wave.opensOn)))
    .orderBy(desc(waves.opensOn))
    .limit(1);
  return previous?.wave;
}

/** Whether a wave's results may be shown yet: always once closed, before only if the wave allows it. */
export function resultsVisible(wave: { status: string; hideResultsUntilClosed: boolean }): boolean {
  return wave.status === "closed" || !wave.hideResultsUntilClosed;
}
