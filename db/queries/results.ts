import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { figuresForWave } from "@/lib/indicators/periods";
import { getWaveTownContext } from "./waves";
import type { Db } from "../client";
import { answerCounts, answerGroupCounts, answerStratumCounts, indicators, indicatorValues, populationCells } from "../schema";

/** Code counts per item for one town in one wave, read from the rollup (never a scan of answers). */
export async function getItemCounts({ db, waveId, townId }: { db: Db; waveId: number; townId: number }) {
  const rows = await db
    .select({ itemId: answerCounts.itemId, value: answerCounts.value, responses: sql<number>`sum(${answerCounts.responses})::int` })
    .from(answerCounts)
    .where(and(eq(answerCounts.waveId, waveId), eq(answerCounts.townId, townId)))
    .groupBy(answerCounts.itemId, answerCounts.value);
  const byItem = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const counts = byItem.get(row.itemId) ?? new Map<number, number>();
    counts.set(row.value, row.responses);
    byItem.set(row.itemId, counts);
  }
  return byItem;
}

/**
 * Every official indicator's figure for a town that a wave closing on `closesOn` is set
 * against: the latest period not after the wave, with its target and source.
 */
export async function getLatestIndicatorValues({ db, townId, closesOn }: { db: Db; townId: number; closesOn: string }) {
  const rows = await db
    .select({ indicator: indicators, value: indicatorValues })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(eq(indicatorValues.townId, townId))
    .orderBy(indicators.code);
  return figuresForWave(rows, { closesOn, key: (row) => row.indicator.code, period: (row) => row.value.period });
}

/**
 * One item's code counts per respondent group (age band, sex, employment; 0 = not said)
 * for one town in one wave: what a breakdown shows. At most codes × groups rows.
 */
export async function getGroupCounts({ db, waveId, townId, itemId }: { db: Db; waveId: number; townId: number; itemId: string }) {
  return db
    .select({
      itemId: answerGroupCounts.itemId,
      value: answerGroupCounts.value,
      ageBand: answerGroupCounts.ageBand,
      sex: answerGroupCounts.sex,
      employment: answerGroupCounts.employment,
      responses: answerGroupCounts.responses,
    })
    .from(answerGroupCounts)
    .where(and(eq(answerGroupCounts.waveId, waveId), eq(answerGroupCounts.townId, townId), eq(answerGroupCounts.itemId, itemId)));
}

/**
 * Every item's code counts per age band × sex stratum (respondents who gave both), from
 * the stratum rollup: what weighting needs, at most items × codes × 8 rows.
 */
export async function getStratumCounts({ db, waveId, townId }: { db: Db; waveId: number; townId: number }) {
  return db
    .select({
      itemId: answerStratumCounts.itemId,
      value: answerStratumCounts.value,
      ageBand: answerStratumCounts.ageBand,
      sex: answerStratumCounts.sex,
      employment: sql<number>`0`,
      responses: answerStratumCounts.responses,
    })
    .from(answerStratumCounts)
    .where(and(eq(answerStratumCounts.waveId, waveId), eq(answerStratumCounts.townId, townId)));
}

/** The town's adult population by age band × sex, when an admin has entered it. */
export async function getPopulationCells({ db, townId }: { db: Db; townId: number }) {
  return db.select().from(populationCells).where(eq(populationCells.townId, townId)).orderBy(populationCells.ageBand, populationCells.sex);
}

/**
 * A town's results for the public: undefined for an unknown wave or town, and counts and
 * figures only once the wave has closed. Published no earlier, whatever the wave allows
 * staff: figures that move while answers arrive would let anyone who knows when a
 * neighbour answered read that neighbour's answers.
 */
export async function loadPublicTownResults({ db, slug, townCode }: { db: Db; slug: string; townCode: string }) {
  const context = await getWaveTownContext({ db, slug, townCode });
  if (!context) return undefined;
  if (context.wave.status !== "closed") return { wave: context.wave, town: context.town, published: false as const };
  const [counts, figures] = await Promise.all([
    getItemCounts({ db, waveId: context.wave.id, townId: context.town.id }),
    getLatestIndicatorValues({ db, townId: context.town.id, closesOn: context.wave.closesOn }),
  ]);
  return { ...context, published: true as const, counts, figures };
}
