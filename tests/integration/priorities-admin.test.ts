import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { removePriority, saveElection, savePriority } from "@/app/[locale]/(staff)/staff/admin/priorities/actions";
import { auditLog, priorities, priorityElections, towns, waves } from "@/db/schema";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import type { ActionResult } from "@/lib/action";
import type { Role } from "@/lib/auth/permissions";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { recordResponse } from "@/server/submissions/record";
import { completeAnswers } from "../fixtures";
import { createStaffSessions, forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => (await import("../support/next-headers")).mockNextHeaders(request));

/*
 * An admin's priorities for a wave and town (issue 11): the ballot rule, the candidates, and
 * the lock once the town has responses: texts can still be corrected, but the set, the costs
 * and the rule cannot change. Every change is audited; every refusal writes nothing.
 */

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let staff: Awaited<ReturnType<typeof createStaffSessions>>;
let waveId: number;
const townId: Record<string, number> = {};
const jobsItems = questionnaire.items.filter((item) => item.area === "jobs").map((item) => item.id);
const otherItem = questionnaire.items.find((item) => item.area !== "jobs")!.id;

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 0 });
  // This file sets up its own priorities: without the demo's (scripts/seed/priorities.ts).
  await database.db.delete(priorityElections);
  staff = await createStaffSessions(database.db);
  waveId = (await database.db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG)))[0]!.id;
  for (const code of ["ridder", "altai", "kurchatov", "serebryansk"]) townId[code] = (await database.db.select().from(towns).where(eq(towns.code, code)))[0]!.id;
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});

async function actAs(role: Role | null) {
  request.headers = role ? await staff.headersFor(role) : new Headers();
}

const text = (en: string) => ({ kk: `${en} (kk)`, ru: `${en} (ru)`, en });
const priority = (townCode: string, overrides: Record<string, unknown> = {}) => ({
  waveSlug: DEMO_WAVE_SLUG,
  townCode,
  title: text("New bus route"),
  description: text("A bus from the new district to the centre"),
  cost: "",
  areaId: "jobs",
  itemIds: [],
  ...overrides,
});

/** Everything a priorities action could change. */
async function snapshot() {
  const db = database.db;
  return {
    elections: await db.select().from(priorityElections).orderBy(asc(priorityElections.townId)),
    priorities: await db.select().from(priorities).orderBy(asc(priorities.id)),
    audit: (await db.select({ n: count() }).from(auditLog))[0]!.n,
  };
}

async function expectRefused(call: () => Promise<ActionResult>, expected: ActionResult) {
  const before = await snapshot();
  expect(await call()).toEqual(expected);
  expect(await snapshot()).toEqual(before);
}

async function lastAudit() {
  return (await database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;
}

async function prioritiesOf(townCode: string) {
  return database.db
    .select()
    .from(priorities)
    .where(and(eq(priorities.waveId, waveId), eq(priorities.townId, townId[townCode]!)))
    .orderBy(asc(priorities.position), asc(priorities.id));
}

/** One resident's response in the town: from now on the town's set is locked. */
async function respond(townCode: string) {
  await recordResponse({
    db: database.db,
    submission: {
      responseId: randomUUID(),
      waveId,
      townId: townId[townCode]!,
      locale: "en",
      questionnaireVersion: latestQuestionnaireVersion,
      answers: completeAnswers(questionnaire, { employment: 1, plan_leave_2y: 1 }) as Record<string, number>,
    },
  });
}

describe("who may change priorities", () => {
  for (const role of ["official", "researcher", null] as const) {
    const httpStatus = role ? 403 : 401;
    it(`${role ?? "no session"} gets ${httpStatus} and nothing is written`, async () => {
      await actAs(role);
      const messageKey = role ? "errors.forbidden" : "errors.signInFirst";
      await expectRefused(() => saveElection({ waveSlug: DEMO_WAVE_SLUG, townCode: "altai", rule: "approval", maxChoices: "3" }), { status: "error", messageKey, httpStatus });
      await expectRefused(() => savePriority(priority("altai")), { status: "error", messageKey, httpStatus });
    });
  }
});

describe("an admin sets up a town's priorities", () => {
  it("creates the approval rule, lists priorities in kk, ru and en, corrects and removes one, all audited", async () => {
    await actAs("admin");
    expect(await savePriority(priority("ridder"))).toEqual({ status: "error", messageKey: "priorities.admin.errors.noElection", httpStatus: 409 });
    expect(await saveElection({ waveSlug: DEMO_WAVE_SLUG, townCode: "ridder", rule: "approval", maxChoices: "2", budget: "1 000 000" })).toEqual({ status: "ok" });
    expect(await lastAudit()).toMatchObject({ action: "priorityLists.rule", actorEmail: "admin@test.qala", detail: { wave: DEMO_WAVE_SLUG, town: "ridder", rule: "approval", maxChoices: 2, budget: 1_000_000 } });

    expect(await savePriority(priority("ridder", { itemIds: jobsItems.slice(0, 1), cost: "250000" }))).toEqual({ status: "ok" });
    expect(await savePriority(priority("ridder", { title: text("Clean the river") }))).toEqual({ status: "ok" });
    const [bus, river] = await prioritiesOf("ridder");
    expect(bus).toMatchObject({ title: text("New bus route"), cost: 250_000, areaId: "jobs", itemIds: jobsItems.slice(0, 1), position: 0 });
    expect(river).toMatchObject({ title: text("Clean the river"), cost: null, position: 1 });
    expect(await lastAudit()).toMatchObject({ action: "priorityLists.add", detail: { town: "ridder", id: river!.id } });

    expect(await savePriority(priority("ridder", { id: String(river!.id), title: text("Clean the Ulba river"), cost: "90000" }))).toEqual({ status: "ok" });
    expect((await prioritiesOf("ridder"))[1]).toMatchObject({ title: text("Clean the Ulba river"), cost: 90_000 });
    expect(await lastAudit()).toMatchObject({ action: "priorityLists.correct", detail: { id: river!.id, changes: { cost: { from: null, to: 90_000 } } } });

    expect(await removePriority({ waveSlug: DEMO_WAVE_SLUG, townCode: "ridder", id: river!.id })).toEqual({ status: "ok" });
    expect((await prioritiesOf("ridder")).map((row) => row.id)).toEqual([bus!.id]);
    expect(await lastAudit()).toMatchObject({ action: "priorityLists.remove", detail: { id: river!.id } });
  });

  it("refuses an area or question outside the wave's questionnaire, and a rule without its number or budget, as field errors", async () => {
    await actAs("admin");
    await saveElection({ waveSlug: DEMO_WAVE_SLUG, townCode: "altai", rule: "approval", maxChoices: "3" });
    await expectRefused(() => savePriority(priority("altai", { areaId: "weather" })), { status: "invalid", fieldErrors: { areaId: ["priorities.admin.errors.unknownArea"] } });
    await expectRefused(() => savePriority(priority("altai", { itemIds: [otherItem] })), { status: "invalid", fieldErrors: { itemIds: ["priorities.admin.errors.unknownItem"] } });
    await expectRefused(() => savePriority(priority("altai", { cost: "12.5" })), { status: "invalid", fieldErrors: { cost: ["priorities.admin.errors.amount"] } });
    await expectRefused(() => savePriority(priority("altai", { title: { kk: "", ru: "Дорога", en: "Road" } })), { status: "invalid", fieldErrors: { "title.kk": ["priorities.admin.errors.titleRequired"] } });
    await expectRefused(() => saveElection({ waveSlug: DEMO_WAVE_SLUG, townCode: "altai", rule: "approval", maxChoices: "" }), { status: "invalid", fieldErrors: { maxChoices: ["priorities.admin.errors.maxChoicesRequired"] } });
    await expectRefused(() => saveElection({ waveSlug: DEMO_WAVE_SLUG, townCode: "altai", rule: "budget", budget: "" }), { status: "invalid", fieldErrors: { budget: ["priorities.admin.errors.budgetRequired"] } });
    await expectRefused(() => savePriority(priority("pavlodar")), { status: "error", messageKey: "priorities.admin.errors.notFound", httpStatus: 404 });
  });

  it("the budget rule needs a cost on every priority", async () => {
    await actAs("admin");
    await saveElection({ waveSlug: DEMO_WAVE_SLUG, townCode: "kurchatov", rule: "approval", maxChoices: "3" });
    expect(await savePriority(priority("kurchatov"))).toEqual({ status: "ok" });
    await expectRefused(() => saveElection({ waveSlug: DEMO_WAVE_SLUG, townCode: "kurchatov", rule: "budget", budget: "500000" }), {
      status: "invalid",
      fieldErrors: { rule: ["priorities.admin.errors.costsNeeded"] },
    });
    const [costless] = await prioritiesOf("kurchatov");
    expect(await savePriority(priority("kurchatov", { id: String(costless!.id), cost: "200000" }))).toEqual({ status: "ok" });
    expect(await saveElection({ waveSlug: DEMO_WAVE_SLUG, townCode: "kurchatov", rule: "budget", budget: "500000" })).toEqual({ status: "ok" });
    expect((await database.db.select().from(priorityElections).where(eq(priorityElections.townId, townId.kurchatov!)))[0]).toMatchObject({ rule: "budget", maxChoices: null, budget: 500_000 });
    await expectRefused(() => savePriority(priority("kurchatov")), { status: "invalid", fieldErrors: { cost: ["priorities.admin.errors.costRequired"] } });
  });
});

describe("once the town has responses", () => {
  it("texts can be corrected, but adding, removing, re-costing and changing the rule are refused, nothing written", async () => {
    await actAs("admin");
    await saveElection({ waveSlug: DEMO_WAVE_SLUG, townCode: "serebryansk", rule: "approval", maxChoices: "2" });
    await savePriority(priority("serebryansk", { cost: "1000" }));
    await savePriority(priority("serebryansk", { title: text("Second") }));
    const [first, second] = await prioritiesOf("serebryansk");
    await respond("serebryansk");

    const locked = { status: "error", messageKey: "priorities.admin.errors.locked", httpStatus: 409 } as const;
    await expectRefused(() => savePriority(priority("serebryansk", { title: text("Third") })), locked);
    await expectRefused(() => removePriority({ waveSlug: DEMO_WAVE_SLUG, townCode: "serebryansk", id: second!.id }), locked);
    await expectRefused(() => savePriority(priority("serebryansk", { id: String(first!.id), cost: "2000" })), { status: "invalid", fieldErrors: { cost: ["priorities.admin.errors.locked"] } });
    await expectRefused(() => savePriority(priority("serebryansk", { id: String(first!.id), cost: "" })), { status: "invalid", fieldErrors: { cost: ["priorities.admin.errors.locked"] } });
    await expectRefused(() => saveElection({ waveSlug: DEMO_WAVE_SLUG, townCode: "serebryansk", rule: "approval", maxChoices: "3" }), locked);
    await expectRefused(() => saveElection({ waveSlug: DEMO_WAVE_SLUG, townCode: "serebryansk", rule: "budget", budget: "5000" }), locked);

    // Saving the rule unchanged is no change; correcting texts (and the area) still works.
    expect(await saveElection({ waveSlug: DEMO_WAVE_SLUG, townCode: "serebryansk", rule: "approval", maxChoices: "2" })).toEqual({ status: "ok" });
    expect(await savePriority(priority("serebryansk", { id: String(first!.id), cost: "1000", title: text("New bus route, corrected"), areaId: "services" }))).toEqual({ status: "ok" });
    expect((await prioritiesOf("serebryansk"))[0]).toMatchObject({ title: text("New bus route, corrected"), cost: 1000, areaId: "services" });
    expect(await lastAudit()).toMatchObject({ action: "priorityLists.correct", detail: { id: first!.id } });
  });

  it("another town of the same wave is not locked by them", async () => {
    await actAs("admin");
    expect(await savePriority(priority("altai", { title: text("Altai park") }))).toEqual({ status: "ok" });
  });
});
