import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as codebookRoute } from "@/app/api/v1/waves/[wave]/codebook/route";
import { GET as exportRoute } from "@/app/api/v1/waves/[wave]/export/route";
import { GET as pabulibRoute } from "@/app/api/v1/waves/[wave]/towns/[town]/priorities.pb/route";
import { townPriorityResults } from "@/server/results/priorities";
import { findStaffUserByEmail } from "@/db/queries/staff";
import { waves } from "@/db/schema";
import { DEMO_WAVE_SLUG, PREVIOUS_DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import type { StaffUser } from "@/server/auth/session";
import { exportsPage } from "@/server/export/exports-page";
import { loadWaveComparison } from "@/server/results/comparison";
import { townDashboard } from "@/server/results/dashboard";
import { loadPublicTownResults } from "@/server/results/public-results";
import { listStaffWaves } from "@/server/results/staff-index";
import { waveBySlug } from "@/server/waves";
import { createStaffSessions, forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

// The one gate for a wave's results (server/results/gate.ts), surface by surface: each page,
// route and export withholds a hidden wave's results (response counts included) and shows a
// visible one's. Each surface is called as its page or route calls it.

let database: Awaited<ReturnType<typeof freshDatabase>>;
let sessions: Awaited<ReturnType<typeof createStaffSessions>>;
let researcher: StaffUser;

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 12 });
  sessions = await createStaffSessions(database.db);
  const row = (await findStaffUserByEmail({ db: database.db, email: "researcher@test.qala" }))!;
  researcher = { id: row.id, email: row.email, name: row.name, role: "researcher", townCodes: [], allTowns: true, passwordIsOneTime: false };
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});

const hideUntilClosed = (hide: boolean) => database.db.update(waves).set({ hideResultsUntilClosed: hide }).where(eq(waves.slug, DEMO_WAVE_SLUG));
const everyTown = () => true;

/** Every surface, asked about one wave: what each would show of its results. */
const surfaces = {
  async townDashboard(slug: string) {
    const page = (await townDashboard({ db: database.db, slug, townCode: "ridder", k: 10, locale: "en", weighted: false }))!;
    return page.visible ? { shown: true as const, responses: page.responses, items: page.items.length } : { shown: false as const, keys: Object.keys(page).sort() };
  },
  async comparison(slug: string) {
    const comparison = await loadWaveComparison({ db: database.db, wave: (await waveBySlug(slug))!, maySee: everyTown });
    return comparison ? { shown: true, towns: comparison.towns.length, counted: comparison.counts.size } : { shown: false };
  },
  async staffIndex(slug: string) {
    const wave = (await listStaffWaves({ db: database.db })).find((row) => row.slug === slug)!;
    return { shown: wave.resultsVisible, counts: wave.towns.map((town) => town.responses) };
  },
  async publicPage(slug: string) {
    const results = (await loadPublicTownResults({ db: database.db, slug, townCode: "ridder" }))!;
    return results.published ? { shown: true as const, responses: results.responses, items: results.counts.size } : { shown: false as const, keys: Object.keys(results).sort() };
  },
  async exportsPage(slug: string) {
    const wave = (await exportsPage(researcher)).waves.find((row) => row.slug === slug)!;
    return { shown: wave.exportable };
  },
  async exportApi(slug: string) {
    const request = new Request(`http://localhost/api/v1/waves/${slug}/export?kind=aggregates&format=csv`, { headers: await sessions.headersFor("researcher") });
    const response = await exportRoute(request, { params: Promise.resolve({ wave: slug }) });
    const body = await response.text();
    return { shown: response.status === 200, status: response.status, rows: body.split("\n").filter(Boolean).length };
  },
  async priorities(slug: string, audience: "staff" | "public" = "staff") {
    const page = (await townPriorityResults({ db: database.db, slug, townCode: "ridder", audience, weighted: false }))!;
    return page.visible ? { shown: true as const, ballots: page.results!.ballots } : { shown: false as const, keys: Object.keys(page).sort() };
  },
  async pabulibApi(slug: string) {
    const request = new Request(`http://localhost/api/v1/waves/${slug}/towns/ridder/priorities.pb`, { headers: await sessions.headersFor("researcher") });
    const response = await pabulibRoute(request, { params: Promise.resolve({ wave: slug, town: "ridder" }) });
    const body = await response.text();
    return { shown: response.status === 200, status: response.status, votes: body.split("VOTES\n")[1]?.split("\n").filter(Boolean).length ?? 0 };
  },
  async codebookApi(slug: string) {
    const request = new Request(`http://localhost/api/v1/waves/${slug}/codebook?kind=aggregates&file=codebook`, { headers: await sessions.headersFor("researcher") });
    const response = await codebookRoute(request, { params: Promise.resolve({ wave: slug }) });
    await response.text();
    return { shown: response.status === 200, status: response.status };
  },
};

describe("an open wave that hides its results until it closes", () => {
  beforeAll(() => hideUntilClosed(true));

  it("gives the town dashboard the wave and town, and no result", async () => {
    expect(await surfaces.townDashboard(DEMO_WAVE_SLUG)).toEqual({ shown: false, keys: ["town", "visible", "wave"] });
  });
  it("gives the compare page nothing to compare", async () => {
    expect(await surfaces.comparison(DEMO_WAVE_SLUG)).toEqual({ shown: false });
  });
  it("gives the staff index no response counts", async () => {
    const index = await surfaces.staffIndex(DEMO_WAVE_SLUG);
    expect(index.shown).toBe(false);
    expect(index.counts.length).toBeGreaterThan(0);
    expect(index.counts.every((count) => count === null)).toBe(true);
  });
  it("publishes nothing on the public page", async () => {
    expect(await surfaces.publicPage(DEMO_WAVE_SLUG)).toEqual({ shown: false, keys: ["published", "town", "wave"] });
  });
  it("offers no export on the exports page", async () => {
    expect(await surfaces.exportsPage(DEMO_WAVE_SLUG)).toEqual({ shown: false });
  });
  it("refuses the export and the codebook through the API (409)", async () => {
    expect(await surfaces.exportApi(DEMO_WAVE_SLUG)).toMatchObject({ shown: false, status: 409 });
    expect(await surfaces.codebookApi(DEMO_WAVE_SLUG)).toMatchObject({ shown: false, status: 409 });
  });
  it("gives no priority results, and refuses their Pabulib file (409)", async () => {
    expect(await surfaces.priorities(DEMO_WAVE_SLUG)).toEqual({ shown: false, keys: ["town", "visible", "wave"] });
    expect(await surfaces.priorities(DEMO_WAVE_SLUG, "public")).toEqual({ shown: false, keys: ["town", "visible", "wave"] });
    expect(await surfaces.pabulibApi(DEMO_WAVE_SLUG)).toMatchObject({ shown: false, status: 409 });
  });
});

describe("an open wave that shows its results to staff", () => {
  beforeAll(() => hideUntilClosed(false));

  it("shows them on the town dashboard, with the town's response count", async () => {
    expect(await surfaces.townDashboard(DEMO_WAVE_SLUG)).toEqual({ shown: true, responses: 12, items: expect.any(Number) });
  });
  it("shows them on the compare page", async () => {
    expect(await surfaces.comparison(DEMO_WAVE_SLUG)).toMatchObject({ shown: true, counted: expect.any(Number) });
  });
  it("gives the staff index each town's response count", async () => {
    const index = await surfaces.staffIndex(DEMO_WAVE_SLUG);
    expect(index.shown).toBe(true);
    expect(index.counts.every((count) => count === 12)).toBe(true);
  });
  it("offers the export on the exports page and serves it and its codebook through the API", async () => {
    expect(await surfaces.exportsPage(DEMO_WAVE_SLUG)).toEqual({ shown: true });
    const exported = await surfaces.exportApi(DEMO_WAVE_SLUG);
    expect(exported).toMatchObject({ shown: true, status: 200 });
    expect(exported.rows).toBeGreaterThan(1);
    expect(await surfaces.codebookApi(DEMO_WAVE_SLUG)).toMatchObject({ shown: true, status: 200 });
  });
  it("still publishes nothing to the public before it closes", async () => {
    expect(await surfaces.publicPage(DEMO_WAVE_SLUG)).toEqual({ shown: false, keys: ["published", "town", "wave"] });
    expect(await surfaces.priorities(DEMO_WAVE_SLUG, "public")).toEqual({ shown: false, keys: ["town", "visible", "wave"] });
  });
  it("shows staff its priority results and serves their Pabulib file with one line per ballot", async () => {
    const results = await surfaces.priorities(DEMO_WAVE_SLUG);
    const ballots = results.shown ? results.ballots : 0;
    expect(ballots).toBeGreaterThan(0);
    expect(await surfaces.pabulibApi(DEMO_WAVE_SLUG)).toEqual({ shown: true, status: 200, votes: ballots + 1 });
  });
});

describe("a closed wave", () => {
  it("shows its results on every surface, the public page included", async () => {
    const dashboard = await surfaces.townDashboard(PREVIOUS_DEMO_WAVE_SLUG);
    expect(dashboard.shown).toBe(true);
    expect(await surfaces.comparison(PREVIOUS_DEMO_WAVE_SLUG)).toMatchObject({ shown: true });
    expect((await surfaces.staffIndex(PREVIOUS_DEMO_WAVE_SLUG)).counts.every((count) => (count ?? 0) > 0)).toBe(true);
    const published = await surfaces.publicPage(PREVIOUS_DEMO_WAVE_SLUG);
    expect(published.shown).toBe(true);
    expect(published.shown && published.responses).toBe(dashboard.shown && dashboard.responses);
    expect(await surfaces.exportsPage(PREVIOUS_DEMO_WAVE_SLUG)).toEqual({ shown: true });
    expect(await surfaces.exportApi(PREVIOUS_DEMO_WAVE_SLUG)).toMatchObject({ shown: true, status: 200 });
    expect(await surfaces.codebookApi(PREVIOUS_DEMO_WAVE_SLUG)).toMatchObject({ shown: true, status: 200 });
    const priorities = await surfaces.priorities(PREVIOUS_DEMO_WAVE_SLUG, "public");
    expect(priorities).toMatchObject({ shown: true });
    expect(priorities).toEqual(await surfaces.priorities(PREVIOUS_DEMO_WAVE_SLUG, "staff"));
    expect(await surfaces.pabulibApi(PREVIOUS_DEMO_WAVE_SLUG)).toMatchObject({ shown: true, status: 200 });
  });

  it("is not found on the public page under a town it did not ask", async () => {
    expect(await loadPublicTownResults({ db: database.db, slug: PREVIOUS_DEMO_WAVE_SLUG, townCode: "nowhere" })).toBeUndefined();
  });
});
