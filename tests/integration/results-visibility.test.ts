import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPublicTownResults } from "@/db/queries/results";
import { loadWaveComparison } from "@/db/queries/wave-results";
import { getWaveBySlug, listStaffWaves } from "@/db/queries/waves";
import { waves } from "@/db/schema";
import { DEMO_WAVE_SLUG, PREVIOUS_DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/db/seed";
import { freshDatabase } from "./database";

// What the staff index, the compare page and the public results page load: each withholds
// a wave's results (response counts included) while the rule says they are hidden.

let database: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  database = await freshDatabase();
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 12 });
});
afterAll(() => database.drop());

const hideUntilClosed = (hide: boolean) => database.db.update(waves).set({ hideResultsUntilClosed: hide }).where(eq(waves.slug, DEMO_WAVE_SLUG));
const wave = async (slug: string) => (await getWaveBySlug({ db: database.db, slug }))!;
const everyTown = () => true;

describe("an open wave that hides its results until it closes", () => {
  it("gives the staff index no response counts and no export link", async () => {
    await hideUntilClosed(true);
    const open = (await listStaffWaves({ db: database.db })).find((row) => row.slug === DEMO_WAVE_SLUG)!;
    expect(open.resultsVisible).toBe(false);
    expect(open.towns.length).toBeGreaterThan(0);
    expect(open.towns.every((town) => town.responses === null && town.demoResponses === null)).toBe(true);
  });

  it("gives the compare page nothing to compare", async () => {
    await hideUntilClosed(true);
    expect(await loadWaveComparison({ db: database.db, wave: await wave(DEMO_WAVE_SLUG), maySee: everyTown })).toBeNull();
  });
});

describe("an open wave that shows its results to staff", () => {
  it("gives the staff index the response counts and the export link", async () => {
    await hideUntilClosed(false);
    const open = (await listStaffWaves({ db: database.db })).find((row) => row.slug === DEMO_WAVE_SLUG)!;
    expect(open.resultsVisible).toBe(true);
    expect(open.towns.every((town) => (town.responses ?? 0) > 0)).toBe(true);
  });

  it("gives the compare page the counts of the towns the reader may see", async () => {
    await hideUntilClosed(false);
    const comparison = (await loadWaveComparison({ db: database.db, wave: await wave(DEMO_WAVE_SLUG), maySee: (code) => code === "ridder" }))!;
    expect(comparison.towns.map((town) => town.code)).toEqual(["ridder"]);
    expect(comparison.counts.get(comparison.towns[0]!.id)?.size).toBeGreaterThan(0);
  });

  it("still publishes nothing to the public before it closes", async () => {
    await hideUntilClosed(false);
    const results = (await loadPublicTownResults({ db: database.db, slug: DEMO_WAVE_SLUG, townCode: "ridder" }))!;
    expect(results.published).toBe(false);
    expect(Object.keys(results).sort()).toEqual(["published", "town", "wave"]);
  });
});

describe("a closed wave", () => {
  it("shows its results on the staff index, the compare page and to the public", async () => {
    const closed = (await listStaffWaves({ db: database.db })).find((row) => row.slug === PREVIOUS_DEMO_WAVE_SLUG)!;
    expect(closed.resultsVisible).toBe(true);
    expect(closed.towns.every((town) => (town.responses ?? 0) > 0)).toBe(true);
    expect(await loadWaveComparison({ db: database.db, wave: await wave(PREVIOUS_DEMO_WAVE_SLUG), maySee: everyTown })).not.toBeNull();
    const published = await loadPublicTownResults({ db: database.db, slug: PREVIOUS_DEMO_WAVE_SLUG, townCode: "ridder" });
    expect(published).toMatchObject({ published: true, responses: expect.any(Number) });
    expect(published?.published && published.counts.size).toBeGreaterThan(0);
  });

  it("is not found by the public page under a town it did not ask", async () => {
    expect(await loadPublicTownResults({ db: database.db, slug: PREVIOUS_DEMO_WAVE_SLUG, townCode: "nowhere" })).toBeUndefined();
  });
});

// Rendering the pages needs Next's request context; instead, check that each reads its
// results only through the loader tested above, never through the unguarded queries.
describe("the pages", () => {
  const pages = {
    "(staff)/staff/page.tsx": "listStaffWaves",
    "(staff)/staff/[wave]/compare/page.tsx": "loadWaveComparison",
    "(resident)/results/[wave]/[town]/page.tsx": "loadPublicTownResults",
  };
  for (const [page, loader] of Object.entries(pages)) {
    it(`${page} loads its results with ${loader}`, () => {
      const source = fs.readFileSync(path.join(import.meta.dirname, "../../app/[locale]", page), "utf8");
      expect(source).toContain(`${loader}({`);
      expect(source).not.toMatch(/\b(getItemCounts|getWaveItemCountsByTown|getWaveTowns|getWaveTownContext|getLatestIndicatorValues\w*)\b/);
    });
  }
});
