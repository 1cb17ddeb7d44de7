import { eq } from "drizzle-orm";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/[locale]/(staff)/staff/posters/[wave]/[town]/qr.png/route";
import { getAuth } from "@/server/auth/better-auth";
import { shortLinkTarget } from "@/server/posters/poster";
import { createStaffUser } from "@/db/queries/staff";
import { waves } from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";
import { DEMO_WAVE_SLUG, PREVIOUS_DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

let database: Awaited<ReturnType<typeof freshDatabase>>;
let openWaveId: number;
const password = "a long enough test password";

const accounts: Array<{ email: string; role: Role; townCodes?: string[]; allTowns?: boolean }> = [
  { email: "admin@test.qala", role: "admin" },
  { email: "researcher@test.qala", role: "researcher" },
  { email: "official-ridder@test.qala", role: "official", townCodes: ["ridder"] },
  { email: "official-altai@test.qala", role: "official", townCodes: ["altai"] },
  { email: "official-none@test.qala", role: "official", allTowns: false },
  { email: "supervisor-ridder@test.qala", role: "supervisor", townCodes: ["ridder"] },
  { email: "supervisor-altai@test.qala", role: "supervisor", townCodes: ["altai"] },
  { email: "interviewer@test.qala", role: "interviewer", townCodes: ["ridder"] },
];

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 2 });
  for (const account of accounts) await createStaffUser({ db: database.db, name: account.email, password, townCodes: [], ...account });
  const [open] = await database.db.select({ id: waves.id }).from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG));
  openWaveId = open!.id;
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});

async function cookieOf(email: string) {
  const { headers } = await (await getAuth()).api.signInEmail({ body: { email, password }, returnHeaders: true });
  return headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
}

async function posterPng(town: string, { as, wave = DEMO_WAVE_SLUG }: { as?: string; wave?: string } = {}) {
  const request = new Request(`http://127.0.0.1:3000/ru/staff/posters/${wave}/${town}/qr.png`, { headers: as ? { cookie: await cookieOf(as) } : {} });
  return GET(request, { params: Promise.resolve({ locale: "ru", wave, town }) });
}

function decodePng(bytes: ArrayBuffer): string | undefined {
  const png = PNG.sync.read(Buffer.from(bytes));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe("the poster's QR code (PNG for print shops)", () => {
  it("decodes to the town's short link, which leads to the survey for that town and wave", async () => {
    const response = await posterPng("ridder", { as: "official-ridder@test.qala" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="qala-pulse-ridder-${DEMO_WAVE_SLUG}.png"`);
    const link = decodePng(await response.arrayBuffer());
    expect(link).toBe(`http://127.0.0.1:3000/s/ridder-${openWaveId}`);
    const code = new URL(link!).pathname.split("/").pop()!;
    expect(await shortLinkTarget({ code, locale: "kk" })).toBe(`/kk/survey/${DEMO_WAVE_SLUG}?town=ridder`);
  });

  it("is printed by admins for any town and by officials and supervisors for their own towns only", async () => {
    const cases: Array<[string, string, number]> = [
      ["admin@test.qala", "altai", 200],
      ["supervisor-ridder@test.qala", "ridder", 200],
      ["official-ridder@test.qala", "altai", 403],
      ["supervisor-ridder@test.qala", "altai", 403],
      ["supervisor-altai@test.qala", "ridder", 403],
      ["official-none@test.qala", "ridder", 403],
      ["researcher@test.qala", "ridder", 403],
      ["interviewer@test.qala", "ridder", 403],
    ];
    for (const [email, town, status] of cases) {
      expect((await posterPng(town, { as: email })).status, `${email} → ${town}`).toBe(status);
    }
    expect((await posterPng("ridder")).status).toBe(401);
  });

  it("answers 404 for a town the wave does not ask and for an unknown wave", async () => {
    expect((await posterPng("temirtau", { as: "admin@test.qala" })).status).toBe(404);
    expect((await posterPng("ridder", { as: "admin@test.qala", wave: "no-such-wave" })).status).toBe(404);
  });
});

describe("short links", () => {
  it("name nothing when the code is malformed, the wave unknown, or the town not the wave's", async () => {
    for (const code of ["ridder", "ridder-0", `temirtau-${openWaveId}`, `ridder-${openWaveId + 1000}`, `nowhere-${openWaveId}`]) {
      expect(await shortLinkTarget({ code, locale: "ru" }), code).toBeUndefined();
    }
  });

  it("lead to the town's public page once the wave has ended", async () => {
    const [previous] = await database.db.select({ id: waves.id }).from(waves).where(eq(waves.slug, PREVIOUS_DEMO_WAVE_SLUG));
    expect(await shortLinkTarget({ code: `ridder-${previous!.id}`, locale: "ru" })).toBe("/ru/towns/ridder");
    expect(await shortLinkTarget({ code: `Ridder-${openWaveId}`, locale: "en" })).toBe(`/en/survey/${DEMO_WAVE_SLUG}?town=ridder`);
  });
});
