import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { figuresForWave } from "@/lib/indicators/periods";
import type { Db } from "../client";
import { answerCounts, indicators, indicatorValues } from "../schema";
import { getWaveTowns, resultsVisible } from "./waves";

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

/**
 * What comparing a wave's towns shows: the towns the reader may see, with their counts and
 * figures; null while the wave hides its results until it closes.
 */
export async function loadWaveComparison({ db, wave, maySee }: {
  db: Db;
  wave: { id: number; status: string; hideResultsUntilClosed: boolean; closesOn: string };
  maySee: (townCode: string) => boolean;
}) {
  if (!resultsVisible(wave)) return null;
  const towns = (await getWaveTowns({ db, waveId: wave.id })).filter((town) => maySee(town.code));
  const townIds = towns.map((town) => town.id);
  const [counts, figures] = await Promise.all([getWaveItemCountsByTown({ db, waveId: wave.id, townIds }), getLatestIndicatorValuesByTown({ db, townIds, closesOn: wave.closesOn })]);
  return { towns, counts, figures };
}
