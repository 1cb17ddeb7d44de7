import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waves } from "@/db/schema";
import { DEMO_WAVE_SLUG, FIRST_DEMO_WAVE_SLUG, PREVIOUS_DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { loadPublicTownResults } from "@/server/results/public-results";
import { loadTownPage, publicTowns } from "@/server/results/town-page";
import { freshDatabase } from "./database";

// A town's stable public page (server/results/town-page.ts): the latest wave the gate lets
// the public see, earlier ones, and the waves still running with their closing day.
let database: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  database = await freshDatabase();
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 12 });
});
afterAll(async () => {
  await database.drop();
});

describe("a town's stable page", () => {
  it("shows the latest closed wave, lists the earlier one, and names the open wave with its closing day", async () => {
    const page = (await loadTownPage({ db: database.db, townCode: "ridder" }))!;
    expect(page.town.code).toBe("ridder");
    expect(page.results?.wave.slug).toBe(PREVIOUS_DEMO_WAVE_SLUG);
    expect(page.results?.responses).toBeGreaterThan(0);
    expect(page.earlier.map((wave) => wave.slug)).toEqual([FIRST_DEMO_WAVE_SLUG]);
    const open = (await database.db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG)))[0]!;
    expect(page.running).toEqual([{ id: open.id, slug: DEMO_WAVE_SLUG, name: open.name, closesOn: open.closesOn }]);
  });

  it("never shows an open wave's results to the public, even one that shows them to staff", async () => {
    await database.db.update(waves).set({ hideResultsUntilClosed: false }).where(eq(waves.slug, DEMO_WAVE_SLUG));
    const page = (await loadTownPage({ db: database.db, townCode: "ridder" }))!;
    expect(page.results?.wave.slug).not.toBe(DEMO_WAVE_SLUG);
    expect([page.results?.wave.slug, ...page.earlier.map((wave) => wave.slug)]).not.toContain(DEMO_WAVE_SLUG);
  });

  it("gives a town no wave has closed in its page without results, and an unknown town none", async () => {
    const page = (await loadTownPage({ db: database.db, townCode: "saran" }))!;
    expect(page).toMatchObject({ results: null, earlier: [], running: [] });
    expect(await loadTownPage({ db: database.db, townCode: "nowhere" })).toBeUndefined();
  });

  it("lists on the home page only the towns residents have been asked in", async () => {
    const codes = (await publicTowns({ db: database.db })).map((town) => town.code);
    expect(codes).toContain("ridder");
    expect(codes).not.toContain("saran");
  });

  it("compares a wave's results with the town's previous closed wave, and the first wave with none", async () => {
    const latest = await loadPublicTownResults({ db: database.db, slug: PREVIOUS_DEMO_WAVE_SLUG, townCode: "ridder" });
    expect(latest?.published && latest.previous?.wave.slug).toBe(FIRST_DEMO_WAVE_SLUG);
    expect(latest?.published && latest.previous!.counts.size).toBeGreaterThan(0);
    const first = await loadPublicTownResults({ db: database.db, slug: FIRST_DEMO_WAVE_SLUG, townCode: "ridder" });
    expect(first?.published && first.previous).toBeNull();
  });
});
