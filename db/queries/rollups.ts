import "server-only";
/*
 * Reads of a wave's results from the rollups (answer counts, breakdown and stratum counts,
 * response counts), and the official figures and population set beside them. Only the
 * results gate's loaders (server/results) and the export (server/export) call these: every
 * reader of results goes through the gate (lint holds it).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { figuresForWave } from "@/lib/indicators/periods";
import type { Db } from "../client";
import { answerCounts, answerGroupCounts, answerStratumCounts, indicators, indicatorValues, populationCells, quotaCellCounts, townResponseCounts, towns, waveTowns } from "../schema";

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
 * One item's code counts per respondent group (age band, sex, employment; 0 = not said) and
 * mode for one town in one wave: what a breakdown shows. At most codes × groups × 2 rows.
 */
export async function getGroupCounts({ db, waveId, townId, itemId }: { db: Db; waveId: number; townId: number; itemId: string }) {
  return db
    .select({
      itemId: answerGroupCounts.itemId,
      value: answerGroupCounts.value,
      ageBand: answerGroupCounts.ageBand,
      sex: answerGroupCounts.sex,
      employment: answerGroupCounts.employment,
      mode: answerGroupCounts.mode,
      responses: answerGroupCounts.responses,
    })
    .from(answerGroupCounts)
    .where(and(eq(answerGroupCounts.waveId, waveId), eq(answerGroupCounts.townId, townId), eq(answerGroupCounts.itemId, itemId)));
}

/**
 * Every item's code counts per age band × sex stratum (respondents who gave both), from
 * the stratum rollup: what weighting needs, at most items × codes × 8 rows.
 */
export async function getStratumCounts({ db, waveId, townId, itemId }: { db: Db; waveId: number; townId: number; itemId?: string }) {
  return db
    .select({
      itemId: answerStratumCounts.itemId,
      value: answerStratumCounts.value,
      ageBand: answerStratumCounts.ageBand,
      sex: answerStratumCounts.sex,
      employment: sql<number>`0`,
      // Weighting is over both modes together: the stratum rollup does not split them.
      mode: sql<number>`0`,
      responses: answerStratumCounts.responses,
    })
    .from(answerStratumCounts)
    .where(and(eq(answerStratumCounts.waveId, waveId), eq(answerStratumCounts.townId, townId), itemId === undefined ? undefined : eq(answerStratumCounts.itemId, itemId)));
}

/**
 * Responses per mode (1 self-completed online, 2 face to face) for one town in one wave, from
 * the quota-cell rollup summed over its cells and shards (never a scan of responses). A
 * rejected interview is already out of it.
 */
export async function getModeCounts({ db, waveId, townId }: { db: Db; waveId: number; townId: number }) {
  return db
    .select({ mode: quotaCellCounts.mode, responses: sql<number>`coalesce(sum(${quotaCellCounts.responses}), 0)::int` })
    .from(quotaCellCounts)
    .where(and(eq(quotaCellCounts.waveId, waveId), eq(quotaCellCounts.townId, townId)))
    .groupBy(quotaCellCounts.mode)
    .orderBy(quotaCellCounts.mode);
}

/** The town's adult population by age band × sex, when an admin has entered it. */
export async function getPopulationCells({ db, townId }: { db: Db; townId: number }) {
  return db.select().from(populationCells).where(eq(populationCells.townId, townId)).orderBy(populationCells.ageBand, populationCells.sex);
}


export type TownItemCounts = Map<number, Map<string, Map<number, number>>>;

/**
 * Code counts per town and item for the given towns of a wave, in one read of the rollup
 * (summed over its shards): what comparing towns needs, without a query per town.
 */
export async function getWaveItemCountsByTown({ db, waveId, townIds }: { db: Db; waveId: number; townIds: number[] }): Promise<TownItemCounts> {
  const byTown: TownItemCounts = new Map();
  if (townIds.length === 0) return byTown;
  const rows = await db
    .select({
      townId: answerCounts.townId,
      itemId: answerCounts.itemId,
      value: answerCounts.value,
      responses: sql<number>`sum(${answerCounts.responses})::int`,
    })
    .from(answerCounts)
    .where(and(eq(answerCounts.waveId, waveId), inArray(answerCounts.townId, townIds)))
    .groupBy(answerCounts.townId, answerCounts.itemId, answerCounts.value);
  for (const row of rows) {
    const items = byTown.get(row.townId) ?? new Map<string, Map<number, number>>();
    const counts = items.get(row.itemId) ?? new Map<number, number>();
    counts.set(row.value, row.responses);
    items.set(row.itemId, counts);
    byTown.set(row.townId, items);
  }
  return byTown;
}

/** For each of the given towns, what getLatestIndicatorValues gives for one, in one query. */
export async function getLatestIndicatorValuesByTown({ db, townIds, closesOn }: { db: Db; townIds: number[]; closesOn: string }) {
  if (townIds.length === 0) return [];
  const rows = await db
    .select({ indicator: indicators, value: indicatorValues })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(inArray(indicatorValues.townId, townIds))
    .orderBy(asc(indicators.code), asc(indicatorValues.townId));
  return figuresForWave(rows, { closesOn, key: (row) => `${row.indicator.code}/${row.value.townId}`, period: (row) => row.value.period });
}


// Response counts of a wave's towns, summed over the rollup's shards.
const counts = {
  responses: sql<number>`coalesce(sum(${townResponseCounts.responses}), 0)::int`,
  demoResponses: sql<number>`coalesce(sum(${townResponseCounts.demoResponses}), 0)::int`,
};
const countsJoin = and(eq(townResponseCounts.waveId, waveTowns.waveId), eq(townResponseCounts.townId, waveTowns.townId));

/** A wave's towns with their response counts (all and demo). */
export async function getWaveTownCounts({ db, waveId }: { db: Db; waveId: number }) {
  return db
    .select({ id: towns.id, code: towns.code, name: towns.name, ...counts })
    .from(waveTowns)
    .innerJoin(towns, eq(towns.id, waveTowns.townId))
    .leftJoin(townResponseCounts, countsJoin)
    .where(eq(waveTowns.waveId, waveId))
    .groupBy(towns.id)
    .orderBy(asc(towns.code));
}

/**
 * One town's response count in a wave, the n a page shows, and with it the version of its
 * rollups (`revision`: how many reviews changed its counts, wave_towns.revision).
 */
export async function getTownResponseCount({ db, waveId, townId }: { db: Db; waveId: number; townId: number }) {
  const [row] = await db
    .select({ ...counts, revision: sql<number>`coalesce((select revision from wave_towns where wave_id = ${waveId}::int and town_id = ${townId}::int), 0)::int` })
    .from(townResponseCounts)
    .where(and(eq(townResponseCounts.waveId, waveId), eq(townResponseCounts.townId, townId)));
  return { responses: row?.responses ?? 0, demoResponses: row?.demoResponses ?? 0, revision: row?.revision ?? 0 };
}

/** Responses per wave, all towns together: how far each wave's fieldwork has come. */
export async function getWaveResponseTotals({ db }: { db: Db }) {
  return db.select({ waveId: townResponseCounts.waveId, ...counts }).from(townResponseCounts).groupBy(townResponseCounts.waveId);
}
