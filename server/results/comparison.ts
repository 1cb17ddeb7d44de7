import "server-only";
import { getDb, type Db } from "@/db/client";
import { getLatestIndicatorValuesByTown, getWaveItemCountsByTown, getWaveTownCounts } from "@/db/queries/rollups";
import type { Wave } from "@/db/schema";
import { throughGate } from "./gate";

/**
 * What comparing a wave's towns shows: the towns the reader may see, with their counts and
 * figures; null while the wave hides its results until it closes.
 */
export async function loadWaveComparison({ db: given, wave, maySee }: { db?: Db; wave: Wave; maySee: (townCode: string) => boolean }) {
  const db = given ?? (await getDb());
  const visible = throughGate(wave, "staff");
  if (!visible) return null;
  const towns = (await getWaveTownCounts({ db, waveId: visible.id })).filter((town) => maySee(town.code));
  const townIds = towns.map((town) => town.id);
  const [counts, figures] = await Promise.all([
    getWaveItemCountsByTown({ db, waveId: visible.id, townIds }),
    getLatestIndicatorValuesByTown({ db, townIds, closesOn: visible.closesOn }),
  ]);
  return { towns, counts, figures };
}
