import "server-only";
import { getDb, type Db } from "@/db/client";
import { getTowns } from "@/db/queries/towns";
import { listWavesWithTowns } from "@/db/queries/waves";
import { throughGate } from "./gate";
import { loadPublicTownResults } from "./public-results";

/**
 * A town's stable public page: the town, the results of its latest wave the public may see
 * (through the gate), its other published waves (newest first), and the waves still running
 * there with the day each closes (when the next results appear). Undefined for an unknown town.
 */
export async function loadTownPage({ db: given, townCode }: { db?: Db; townCode: string }) {
  const db = given ?? (await getDb());
  const town = (await getTowns({ db })).find((candidate) => candidate.code === townCode);
  if (!town) return undefined;
  const waves = (await listWavesWithTowns({ db })).filter((wave) => wave.towns.some((member) => member.code === townCode));
  const published = waves.flatMap((wave) => {
    const visible = throughGate(wave, "public");
    return visible ? [visible] : [];
  });
  const running = waves
    .filter((wave) => wave.status === "open")
    .map(({ id, slug, name, closesOn }) => ({ id, slug, name, closesOn }))
    .sort((a, b) => a.closesOn.localeCompare(b.closesOn));
  const latest = published[0];
  const results = latest ? await loadPublicTownResults({ db, slug: latest.slug, townCode }) : undefined;
  return {
    town,
    results: results?.published ? results : null,
    earlier: published.slice(1).map(({ slug, name, closesOn }) => ({ slug, name, closesOn })),
    running,
  };
}

/** The towns of every wave residents have been asked in (open or closed), by code: the home page's list of town pages. */
export async function publicTowns({ db: given }: { db?: Db } = {}) {
  const db = given ?? (await getDb());
  const asked = new Set((await listWavesWithTowns({ db })).filter((wave) => wave.status !== "draft").flatMap((wave) => wave.towns.map((town) => town.code)));
  return (await getTowns({ db })).filter((town) => asked.has(town.code)).map(({ code, name, former }) => ({ code, name, former }));
}
