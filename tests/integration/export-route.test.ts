import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/waves/[wave]/responses/route";
import { getAuth } from "@/server/auth/better-auth";
import { createStaffUser } from "@/db/queries/staff";
import { waves } from "@/db/schema";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { freshDatabase } from "./database";

let database: Awaited<ReturnType<typeof freshDatabase>>;
const password = "a long enough test password";

beforeAll(async () => {
  database = await freshDatabase();
  (globalThis as { qalaConnection?: Promise<unknown> }).qalaConnection = Promise.resolve(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 12 });
  await createStaffUser({ db: database.db, email: "researcher@test.qala", name: "R", role: "researcher", password });
});
afterAll(async () => {
  delete (globalThis as { qalaConnection?: unknown }).qalaConnection;
  delete (globalThis as { qalaAuth?: unknown }).qalaAuth;
  await database.drop();
});

/** A session cookie, as the sign-in page's action would set it. */
async function sessionCookie(email: string) {
  const { headers } = await (await getAuth()).api.signInEmail({ body: { email, password }, returnHeaders: true });
  return headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
}

async function exportWave(slug: string, cookie?: string) {
  const request = new Request(`http://localhost/api/waves/${slug}/responses`, { headers: cookie ? { cookie } : {} });
  return GET(request, { params: Promise.resolve({ wave: slug }) });
}

describe("GET /api/waves/:wave/responses", () => {
  it("answers 401 without a session", async () => {
    expect((await exportWave(DEMO_WAVE_SLUG)).status).toBe(401);
  });

  it("gives a signed-in researcher the wave's CSV", async () => {
    const response = await exportWave(DEMO_WAVE_SLUG, await sessionCookie("researcher@test.qala"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const lines = (await response.text()).trim().split("\n");
    expect(lines[0]).toMatch(/^row,town,language,questionnaire_version,month,demo,/);
    expect(lines).toHaveLength(1 + 4 * 12);
  });

  it("refuses with 409 while a wave that hides its results is open, and serves it once closed", async () => {
    const cookie = await sessionCookie("researcher@test.qala");
    await database.db.update(waves).set({ hideResultsUntilClosed: true }).where(eq(waves.slug, DEMO_WAVE_SLUG));
    try {
      const hidden = await exportWave(DEMO_WAVE_SLUG, cookie);
      expect(hidden.status).toBe(409);
      expect(await hidden.json()).toMatchObject({ error: "hidden until closed" });
      await database.db.update(waves).set({ status: "closed" }).where(eq(waves.slug, DEMO_WAVE_SLUG));
      expect((await exportWave(DEMO_WAVE_SLUG, cookie)).status).toBe(200);
    } finally {
      await database.db.update(waves).set({ hideResultsUntilClosed: false, status: "open" }).where(eq(waves.slug, DEMO_WAVE_SLUG));
    }
  });

  it("answers 404 with a message for an unknown wave", async () => {
    const response = await exportWave("no-such-wave", await sessionCookie("researcher@test.qala"));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "unknown wave" });
  });
});
