import "server-only";
import { getDb } from "@/db/client";
import { getWaveResponseTotals } from "@/db/queries/rollups";
import { listWavesWithTowns } from "@/db/queries/waves";

/**
 * Every wave with its towns and how many responses it has so far: the progress of fieldwork,
 * for those who run it (admins, "waves.manage"). A separate permission from reading results:
 * the count shows whether fieldwork is on track, and no share, breakdown or town's count.
 */
export async function fieldworkProgress() {
  const db = await getDb();
  const [waves, totals] = await Promise.all([listWavesWithTowns({ db }), getWaveResponseTotals({ db })]);
  return waves.map((wave) => ({ ...wave, responses: totals.find((total) => total.waveId === wave.id)?.responses ?? 0 }));
}
