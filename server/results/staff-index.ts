import "server-only";
import { getDb, type Db } from "@/db/client";
import { getWaveTownCounts } from "@/db/queries/rollups";
import { listWaves } from "@/db/queries/waves";
import { throughGate } from "./gate";

/**
 * The staff index: every wave, newest first, with its towns, and whether its results (and
 * exports) may be shown. A wave the gate holds back gives no response counts either: how
 * many answered is a result too.
 */
export async function listStaffWaves({ db: given }: { db?: Db } = {}) {
  const db = given ?? (await getDb());
  const allWaves = await listWaves({ db });
  return Promise.all(
    allWaves.map(async (wave) => {
      const visible = throughGate(wave, "staff") !== null;
      const members = await getWaveTownCounts({ db, waveId: wave.id });
      const towns = members.map((town) => ({ ...town, responses: visible ? town.responses : null, demoResponses: visible ? town.demoResponses : null }));
      return { ...wave, resultsVisible: visible, towns };
    }),
  );
}
