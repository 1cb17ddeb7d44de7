import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { towns, waves, waveTowns } from "../schema";

/** A wave and one of its towns, by the wave's slug or id and the town's code; undefined unless the wave asks that town. */
export async function getPosterWaveTown({ db, wave, townCode }: { db: Db; wave: { slug: string } | { id: number }; townCode: string }) {
  const [row] = await db
    .select({
      wave: { id: waves.id, slug: waves.slug, name: waves.name, status: waves.status, opensOn: waves.opensOn, closesOn: waves.closesOn },
      town: { id: towns.id, code: towns.code, name: towns.name },
    })
    .from(waves)
    .innerJoin(waveTowns, eq(waveTowns.waveId, waves.id))
    .innerJoin(towns, eq(towns.id, waveTowns.townId))
    .where(and("slug" in wave ? eq(waves.slug, wave.slug) : eq(waves.id, wave.id), eq(towns.code, townCode)))
    .limit(1);
  return row;
}
