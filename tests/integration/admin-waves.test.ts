import { asc, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeWave, createWave, openWave, setWaveHideResults } from "@/app/[locale]/(staff)/staff/admin/waves/actions";
import { GET as exportResponses } from "@/app/api/waves/[wave]/responses/route";
import { daysFrom } from "@/scripts/seed/demo";
import { createWave as insertWave, getWaveBySlug, getWaveTowns } from "@/db/queries/waves";
import { auditLog, users, waves, waveTowns } from "@/db/schema";
import { DEMO_WAVE_SLUG, PREVIOUS_DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import type { ActionResult } from "@/lib/action";
import type { Role } from "@/lib/auth/permissions";
import { latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { uniqueName } from "../fixtures";
import { createStaffSessions, forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";
import { todayInKazakhstan } from "@/lib/time";
import { resultsVisible } from "@/lib/survey/wave-rules";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => (await import("../support/next-headers")).mockNextHeaders(request));

let database: Awaited<ReturnType<typeof freshDatabase>>;
let staff: Awaited<ReturnType<typeof createStaffSessions>>;
const today = todayInKazakhstan();
let admin: { id: string; email: string };

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 2 });
  staff = await createStaffSessions(database.db);
  admin = (await database.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, "admin@test.qala")))[0]!;
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});

async function actAs(role: Role | null) {
  request.headers = role ? await staff.headersFor(role) : new Headers();
}

function newWave(overrides: Record<string, unknown> = {}) {
  return {
    slug: uniqueName("spring"),
    name: { kk: "Көктем толқыны", ru: "Весенняя волна", en: "Spring wave" },
    questionnaireVersion: latestQuestionnaireVersion,
    opensOn: today,
    closesOn: daysFrom(today, 30),
    townCodes: ["ridder", "altai"],
    requiresInvitation: false,
    hideResultsUntilClosed: true,
    ...overrides,
  };
}

/** A wave put straight into the database in the given status, for the transitions to act on. */
async function existingWave(status: "draft" | "open" | "closed", overrides: Record<string, unknown> = {}) {
  const wave = newWave(overrides);
  await insertWave({ db: database.db, actor: admin, wave });
  await database.db.update(waves).set({ status }).where(eq(waves.slug, wave.slug));
  return wave.slug;
}

/** Everything a wave action could change: waves, their towns, the audit log. */
async function snapshot() {
  const db = database.db;
  return {
    waves: await db.select().from(waves).orderBy(asc(waves.id)),
    waveTowns: await db.select({ waveId: waveTowns.waveId, townId: waveTowns.townId }).from(waveTowns).orderBy(asc(waveTowns.waveId), asc(waveTowns.townId)),
    audit: (await db.select({ n: count() }).from(auditLog))[0]!.n,
  };
}

async function lastAudit() {
  const [entry] = await database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return entry!;
}

async function expectRefused(call: () => Promise<ActionResult>, expected: ActionResult) {
  const before = await snapshot();
  expect(await call()).toEqual(expected);
  expect(await snapshot()).toEqual(before);
}

// Each action with a valid input against a wave in the status it needs.
const validCalls: Record<string, () => Promise<() => Promise<ActionResult>>> = {
  createWave: async () => () => createWave(newWave()),
  openWave: async () => {
    const slug = await existingWave("draft");
    return () => openWave({ slug });
  },
  closeWave: async () => {
    const slug = await existingWave("open");
    return () => closeWave({ slug });
  },
  setWaveHideResults: async () => {
    const slug = await existingWave("open");
    return () => setWaveHideResults({ slug, hideResultsUntilClosed: false });
  },
};

describe("wave actions refuse whoever may not manage waves", () => {
  for (const [name, prepare] of Object.entries(validCalls)) {
    for (const role of ["official", "researcher", null] as const) {
      const httpStatus = role ? 403 : 401;
      it(`${name}: ${role ?? "no session"} gets ${httpStatus} and nothing is written`, async () => {
        const call = await prepare();
        await actAs(role);
        await expectRefused(call, { status: "error", messageKey: role ? "errors.forbidden" : "errors.signInFirst", httpStatus });
      });
    }
  }
});

describe("createWave", () => {
  it("creates a draft over the chosen towns, results hidden by default, and audits it", async () => {
    await actAs("admin");
    const input = newWave({ slug: `  ${uniqueName("autumn")}  `, townCodes: ["kurchatov", "ridder", "kurchatov"] });
    expect(await createWave(input)).toEqual({ status: "ok" });
    const slug = input.slug.trim();
    const wave = await getWaveBySlug({ db: database.db, slug });
    expect(wave).toMatchObject({ slug, status: "draft", hideResultsUntilClosed: true, requiresInvitation: false, name: input.name, opensOn: input.opensOn, closesOn: input.closesOn });
    expect((await getWaveTowns({ db: database.db, waveId: wave!.id })).map((town) => town.code)).toEqual(["kurchatov", "ridder"]);
    expect(await lastAudit()).toMatchObject({
      actorEmail: "admin@test.qala",
      action: "waves.create",
      detail: { slug, townCodes: ["kurchatov", "ridder"], hideResultsUntilClosed: true, requiresInvitation: false, questionnaireVersion: latestQuestionnaireVersion },
    });
  });

  it("keeps an invitation-only wave that shows results while open when asked to", async () => {
    await actAs("admin");
    const input = newWave({ requiresInvitation: true, hideResultsUntilClosed: false });
    expect(await createWave(input)).toEqual({ status: "ok" });
    expect(await getWaveBySlug({ db: database.db, slug: input.slug })).toMatchObject({ requiresInvitation: true, hideResultsUntilClosed: false });
  });

  const refusals: Array<[string, Record<string, unknown>, Record<string, string[]>]> = [
    ["a slug with capitals and spaces", { slug: "Spring 2027" }, { slug: ["adminWaves.errors.slugFormat"] }],
    ["a slug with a trailing hyphen", { slug: "spring-" }, { slug: ["adminWaves.errors.slugFormat"] }],
    ["an empty slug", { slug: "" }, { slug: ["adminWaves.errors.slugRequired"] }],
    ["the reserved slug admin", { slug: "admin" }, { slug: ["adminWaves.errors.slugReserved"] }],
    ["the reserved slug compare", { slug: "compare" }, { slug: ["adminWaves.errors.slugReserved"] }],
    ["a taken slug", { slug: DEMO_WAVE_SLUG }, { slug: ["adminWaves.errors.slugTaken"] }],
    ["a closing day before the opening day", { opensOn: "2027-05-01", closesOn: "2027-04-30" }, { closesOn: ["adminWaves.errors.closesBeforeOpens"] }],
    ["a date that is no date", { opensOn: "2027-02-30" }, { opensOn: ["adminWaves.errors.date"] }],
    ["no towns", { townCodes: [] }, { townCodes: ["adminWaves.errors.noTowns"] }],
    ["an unknown town", { townCodes: ["ridder", "atlantis"] }, { townCodes: ["adminWaves.errors.unknownTown"] }],
    ["an unknown questionnaire version", { questionnaireVersion: "1999.1" }, { questionnaireVersion: ["adminWaves.errors.questionnaireVersion"] }],
    ["a missing name", { name: { kk: " ", ru: "Волна", en: "Wave" } }, { "name.kk": ["adminWaves.errors.nameRequired"] }],
  ];
  for (const [what, overrides, fieldErrors] of refusals) {
    it(`refuses ${what}`, async () => {
      await actAs("admin");
      await expectRefused(() => createWave(newWave(overrides)), { status: "invalid", fieldErrors });
    });
  }
});

describe("openWave, closeWave", () => {
  it("opens a draft and closes it, each with an audit entry", async () => {
    const slug = await existingWave("draft");
    await actAs("admin");
    expect(await openWave({ slug })).toEqual({ status: "ok" });
    expect(await getWaveBySlug({ db: database.db, slug })).toMatchObject({ status: "open" });
    expect(await lastAudit()).toMatchObject({ action: "waves.open", detail: { slug, from: "draft", to: "open" } });
    expect(await closeWave({ slug })).toEqual({ status: "ok" });
    expect(await getWaveBySlug({ db: database.db, slug })).toMatchObject({ status: "closed" });
    expect(await lastAudit()).toMatchObject({ action: "waves.close", detail: { slug, from: "open", to: "closed" } });
  });

  it("refuses transitions that cannot happen", async () => {
    await actAs("admin");
    const refused = (messageKey: string) => ({ status: "error", messageKey, httpStatus: 409 }) as const;
    const draft = await existingWave("draft");
    const open = await existingWave("open");
    const ended = await existingWave("draft", { opensOn: daysFrom(today, -30), closesOn: daysFrom(today, -1) });
    await expectRefused(() => closeWave({ slug: draft }), refused("adminWaves.errors.closeDraft"));
    await expectRefused(() => openWave({ slug: PREVIOUS_DEMO_WAVE_SLUG }), refused("adminWaves.errors.reopenClosed"));
    await expectRefused(() => closeWave({ slug: PREVIOUS_DEMO_WAVE_SLUG }), refused("adminWaves.errors.alreadyClosed"));
    await expectRefused(() => openWave({ slug: open }), refused("adminWaves.errors.alreadyOpen"));
    await expectRefused(() => openWave({ slug: ended }), refused("adminWaves.errors.alreadyEnded"));
    await expectRefused(() => openWave({ slug: "no-such-wave" }), { status: "error", messageKey: "adminWaves.errors.notFound", httpStatus: 404 });
    await expectRefused(() => closeWave({}), { status: "invalid", fieldErrors: { slug: ["adminWaves.errors.notFound"] } });
  });
});

describe("setWaveHideResults", () => {
  it("hides an open wave's results, audits it, and the export is refused until the wave closes", async () => {
    const researcher = await staff.headersFor("researcher");
    const exportWave = () => exportResponses(new Request(`http://localhost/api/waves/${DEMO_WAVE_SLUG}/responses`, { headers: researcher }), { params: Promise.resolve({ wave: DEMO_WAVE_SLUG }) });
    expect((await exportWave()).status).toBe(200);

    await actAs("admin");
    expect(await setWaveHideResults({ slug: DEMO_WAVE_SLUG, hideResultsUntilClosed: true })).toEqual({ status: "ok" });
    const wave = await getWaveBySlug({ db: database.db, slug: DEMO_WAVE_SLUG });
    expect(resultsVisible(wave!)).toBe(false);
    expect(await lastAudit()).toMatchObject({ action: "waves.hideResults", detail: { slug: DEMO_WAVE_SLUG, status: "open", hideResultsUntilClosed: true } });
    expect((await exportWave()).status).toBe(409);

    expect(await closeWave({ slug: DEMO_WAVE_SLUG })).toEqual({ status: "ok" });
    expect((await exportWave()).status).toBe(200);
  });

  it("writes nothing when the setting is already so, and refuses a closed wave, whose results are always shown", async () => {
    const slug = await existingWave("open");
    await actAs("admin");
    await expectRefused(() => setWaveHideResults({ slug, hideResultsUntilClosed: true }), { status: "ok" });
    await expectRefused(() => setWaveHideResults({ slug: PREVIOUS_DEMO_WAVE_SLUG, hideResultsUntilClosed: false }), { status: "error", messageKey: "adminWaves.errors.hideClosed", httpStatus: 409 });
    await expectRefused(() => setWaveHideResults({ slug, hideResultsUntilClosed: "no" }), { status: "invalid", fieldErrors: { hideResultsUntilClosed: ["adminWaves.errors.invalid"] } });
  });
});
