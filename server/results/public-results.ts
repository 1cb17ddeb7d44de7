import "server-only";
import { getDb, type Db } from "@/db/client";
import { getItemCounts, getLatestIndicatorValues, getTownResponseCount } from "@/db/queries/rollups";
import { getWaveTownContext } from "@/db/queries/waves";
import { throughGate } from "./gate";

/**
 * A town's results for the public: undefined for an unknown wave or town, and counts and
 * figures only once the gate lets the public see them (once the wave has closed, whatever
 * the wave allows staff).
 */
export async function loadPublicTownResults({ db: given, slug, townCode }: { db?: Db; slug: string; townCode: string }) {
  const db = given ?? (await getDb());
  const context = await getWaveTownContext({ db, slug, townCode });
  if (!context) return undefined;
  const wave = throughGate(context.wave, "public");
  if (!wave) return { wave: context.wave, town: context.town, published: false as const };
  const [counts, figures, { responses, demoResponses }] = await Promise.all([
    getItemCounts({ db, waveId: wave.id, townId: context.town.id }),
    getLatestIndicatorValues({ db, townId: context.town.id, closesOn: wave.closesOn }),
    getTownResponseCount({ db, waveId: wave.id, townId: context.town.id }),
  ]);
  return { ...context, wave, published: true as const, counts, figures, responses, demoResponses };
}
