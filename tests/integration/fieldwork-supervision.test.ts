import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertResponse } from "@/db/queries/responses";
import { createStaffUser, findStaffUserByEmail } from "@/db/queries/staff";
import { auditLog, fieldworkAssignments, interviews, populationCells, towns, waves, waveTowns } from "@/db/schema";
import { MODES } from "@/lib/fieldwork/mode";
import { getQuestionnaire, itemRules } from "@/lib/survey/questionnaire";
import { withoutHidden } from "@/lib/survey/skip-logic";
import { AppError } from "@/lib/errors";
import { DEMO_WAVE_SLUG, seedDemoFieldwork, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { reviewInterview } from "@/server/fieldwork/review";
import { closeAssignment, createAssignment, fieldworkHome, fieldworkMonitorFor, fieldworkTown } from "@/server/fieldwork/supervision";
import { recordResponse } from "@/server/submissions/record";
import { townDashboard } from "@/server/results/dashboard";
import { todayInKazakhstan } from "@/lib/time";
import { completeAnswers } from "../fixtures";
import { NO_MISMATCHES, rollupMismatches } from "../support/rollup-check";
import { freshDatabase } from "./database";

// Supervisors' fieldwork (docs/fieldwork.md, "Supervising"): assignments and their quotas, the
// town scope, the monitor read from the quota-cell rollup, and the review of interviews,
// whose one statement keeps every rollup equal to the answers it still counts.
let database: Awaited<ReturnType<typeof freshDatabase>>;
type Actor = { id: string; email: string; role: "admin" | "official" | "researcher" | "interviewer" | "supervisor"; townCodes: string[]; allTowns: boolean };
const actors = {} as Record<"admin" | "supervisor" | "official" | "interviewer" | "otherSupervisor", Actor>;
let interviewerId: string;
let wave: { id: number; questionnaireVersion: string };
let ridder: { id: number };
let karazhal: { id: number };

async function account(email: string, role: Actor["role"], townCodes: string[] = []): Promise<Actor> {
  await createStaffUser({ db: database.db, email, name: email.split("@")[0]!, role, password: "a long enough test password", townCodes });
  const user = await findStaffUserByEmail({ db: database.db, email });
  return { id: user!.id, email, role, townCodes, allTowns: false };
}

const codedOf = (answers: Record<string, number | string>) =>
  Object.entries(withoutHidden(itemRules(getQuestionnaire(wave.questionnaireVersion)!), answers))
    .filter((entry): entry is [string, number] => typeof entry[1] === "number")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** A face-to-face interview as the interviewer's path stores it: the response at mode 2, and its interviews row. */
async function storeInterview({ assignmentId, townId, ageBand, sex, durationSeconds = 900, speeding = false }: { assignmentId: number; townId: number; ageBand: number; sex: number; durationSeconds?: number; speeding?: boolean }) {
  const responseId = randomUUID();
  const answers = completeAnswers(getQuestionnaire(wave.questionnaireVersion)!, { age_band: ageBand, sex });
  const stored = await insertResponse({
    db: database.db,
    submission: { responseId, waveId: wave.id, townId, locale: "kk", questionnaireVersion: wave.questionnaireVersion, answers: answers as Record<string, number> },
    coded: codedOf(answers),
    texts: [],
    day: todayInKazakhstan(),
    isDemo: false,
    acceptClosedWave: false,
    mode: MODES.faceToFace,
  });
  expect(stored).toBe(true);
  await database.db.insert(interviews).values({ responseId, interviewerId, assignmentId, durationSeconds, consentGiven: true, ageBand, sex, speeding });
  return responseId;
}

async function storeOnline({ townId, ageBand, sex }: { townId: number; ageBand: number; sex: number }) {
  const questionnaire = getQuestionnaire(wave.questionnaireVersion)!;
  await recordResponse({
    db: database.db,
    submission: { responseId: randomUUID(), waveId: wave.id, townId, locale: "ru", questionnaireVersion: wave.questionnaireVersion, answers: completeAnswers(questionnaire, { age_band: ageBand, sex }) as Record<string, number> },
  });
}

const monitorCell = async (actor: Actor, ageBand: number, sex: number, townCode = "ridder") => {
  const cells = await fieldworkMonitorFor(actor, { slug: DEMO_WAVE_SLUG, townCode, db: database.db });
  return cells.find((cell) => cell.ageBand === ageBand && cell.sex === sex) ?? { target: 0, online: 0, faceToFace: 0, populationShare: null };
};

const dashboardN = async () => {
  const data = await townDashboard({ db: database.db, slug: DEMO_WAVE_SLUG, townCode: "ridder", k: 3, locale: "en", weighted: false });
  return data?.visible ? data.responses : undefined;
};

async function refusal(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, messageKey: error.messageKey };
    throw error;
  }
  return undefined;
}

beforeAll(async () => {
  database = await freshDatabase();
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 4 });
  const [open] = await database.db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG));
  wave = open!;
  ridder = (await database.db.select().from(towns).where(eq(towns.code, "ridder")))[0]!;
  karazhal = (await database.db.select().from(towns).where(eq(towns.code, "karazhal")))[0]!;
  // Karazhal joins the open wave, with no population structure.
  await database.db.insert(waveTowns).values({ waveId: wave.id, townId: karazhal.id });
  await database.db.delete(populationCells).where(eq(populationCells.townId, karazhal.id));
  actors.admin = await account("admin@test.qala", "admin");
  actors.supervisor = await account("supervisor@test.qala", "supervisor", ["ridder"]);
  actors.otherSupervisor = await account("supervisor-karazhal@test.qala", "supervisor", ["karazhal"]);
  actors.official = await account("official@test.qala", "official");
  actors.interviewer = await account("interviewer@test.qala", "interviewer");
  interviewerId = actors.interviewer.id;
});
afterAll(async () => {
  await database.drop();
});

describe("assignments and their quotas", () => {
  it("gives an interviewer a target in a town, with quota cells from its population that sum to the target", async () => {
    const { id, cells } = await createAssignment(actors.supervisor, { waveSlug: DEMO_WAVE_SLUG, townCode: "ridder", interviewerId, target: 30 }, { db: database.db });
    expect(cells.length).toBeGreaterThan(1);
    expect(cells.reduce((sum, cell) => sum + cell.target, 0)).toBe(30);
    const page = await fieldworkTown(actors.supervisor, { slug: DEMO_WAVE_SLUG, townCode: "ridder", db: database.db });
    const listed = page.assignments.find((assignment) => assignment.id === id)!;
    expect(listed).toMatchObject({ target: 30, completes: 0, closed: false, interviewer: { email: "interviewer@test.qala" } });
    expect(listed.cells.reduce((sum, cell) => sum + cell.target, 0)).toBe(30);
    expect(page.hasPopulation).toBe(true);
    // The monitor shows the quotas beside each cell's population share.
    const shares = page.monitor.filter((cell) => cell.ageBand > 0 && cell.sex > 0);
    expect(shares.reduce((sum, cell) => sum + (cell.populationShare ?? 0), 0)).toBeCloseTo(1, 6);
    expect(shares.reduce((sum, cell) => sum + cell.target, 0)).toBe(30);
  });

  it("makes an assignment without quota cells in a town with no population structure, and says so", async () => {
    const { cells } = await createAssignment(actors.admin, { waveSlug: DEMO_WAVE_SLUG, townCode: "karazhal", interviewerId, target: 10 }, { db: database.db });
    expect(cells).toEqual([]);
    const page = await fieldworkTown(actors.admin, { slug: DEMO_WAVE_SLUG, townCode: "karazhal", db: database.db });
    expect(page.hasPopulation).toBe(false);
    expect(page.assignments).toHaveLength(1);
    expect(page.assignments[0]).toMatchObject({ target: 10, cells: [] });
  });

  it("refuses an account that is not an interviewer in use", async () => {
    expect(await refusal(() => createAssignment(actors.supervisor, { waveSlug: DEMO_WAVE_SLUG, townCode: "ridder", interviewerId: actors.official.id, target: 5 }, { db: database.db }))).toEqual({ status: 400, messageKey: "supervision.errors.notAnInterviewer" });
  });

  it("closes an assignment once: closing again keeps the first day", async () => {
    const { id } = await createAssignment(actors.supervisor, { waveSlug: DEMO_WAVE_SLUG, townCode: "ridder", interviewerId, target: 2 }, { db: database.db });
    await closeAssignment(actors.supervisor, { assignmentId: id }, { db: database.db, now: new Date("2026-01-10T08:00:00Z") });
    await closeAssignment(actors.supervisor, { assignmentId: id }, { db: database.db, now: new Date("2026-02-10T08:00:00Z") });
    const [row] = await database.db.select().from(fieldworkAssignments).where(eq(fieldworkAssignments.id, id));
    expect(row!.closedAt?.toISOString()).toBe("2026-01-10T08:00:00.000Z");
    const page = await fieldworkTown(actors.supervisor, { slug: DEMO_WAVE_SLUG, townCode: "ridder", db: database.db });
    expect(page.assignments.find((assignment) => assignment.id === id)).toMatchObject({ closed: true, closedOn: "2026-01-10" });
  });
});

describe("the town scope", () => {
  it("keeps a supervisor of Ridder out of Karazhal: 403 for every page and action there", async () => {
    const [karazhalAssignment] = await database.db.select().from(fieldworkAssignments).where(eq(fieldworkAssignments.townId, karazhal.id));
    const forbidden = { status: 403, messageKey: "errors.forbidden" };
    expect(await refusal(() => fieldworkTown(actors.supervisor, { slug: DEMO_WAVE_SLUG, townCode: "karazhal", db: database.db }))).toEqual(forbidden);
    expect(await refusal(() => fieldworkMonitorFor(actors.supervisor, { slug: DEMO_WAVE_SLUG, townCode: "karazhal", db: database.db }))).toEqual(forbidden);
    expect(await refusal(() => createAssignment(actors.supervisor, { waveSlug: DEMO_WAVE_SLUG, townCode: "karazhal", interviewerId, target: 5 }, { db: database.db }))).toEqual(forbidden);
    expect(await refusal(() => closeAssignment(actors.supervisor, { assignmentId: karazhalAssignment!.id }, { db: database.db }))).toEqual(forbidden);
    const interview = await storeInterview({ assignmentId: karazhalAssignment!.id, townId: karazhal.id, ageBand: 2, sex: 1 });
    expect(await refusal(() => reviewInterview(actors.supervisor, { responseId: interview, decision: "reject", reason: "not mine" }, { db: database.db }))).toEqual(forbidden);
    // Karazhal's own supervisor may; nothing was changed by the refusals.
    expect((await database.db.select().from(interviews).where(eq(interviews.responseId, interview)))[0]!.status).toBe("pending");
    expect((await database.db.select().from(fieldworkAssignments).where(eq(fieldworkAssignments.id, karazhalAssignment!.id)))[0]!.closedAt).toBeNull();
    await expect(reviewInterview(actors.otherSupervisor, { responseId: interview, decision: "approve", reason: "" }, { db: database.db })).resolves.toEqual({ counted: true });
  });

  it("lists for a supervisor only the waves × towns of their account; an admin sees them all", async () => {
    const mine = await fieldworkHome(actors.supervisor, { db: database.db });
    expect(new Set(mine.map((row) => row.townCode))).toEqual(new Set(["ridder"]));
    const all = await fieldworkHome(actors.admin, { db: database.db });
    expect(new Set(all.map((row) => row.townCode))).toEqual(new Set(["ridder", "altai", "kurchatov", "serebryansk", "karazhal"]));
  });

  it.each(["official", "interviewer"] as const)("refuses a %s every fieldwork page and action", async (role) => {
    const forbidden = { status: 403, messageKey: "errors.forbidden" };
    const actor = actors[role];
    expect(await refusal(() => fieldworkHome(actor, { db: database.db }))).toEqual(forbidden);
    expect(await refusal(() => fieldworkTown(actor, { slug: DEMO_WAVE_SLUG, townCode: "ridder", db: database.db }))).toEqual(forbidden);
    expect(await refusal(() => createAssignment(actor, { waveSlug: DEMO_WAVE_SLUG, townCode: "ridder", interviewerId, target: 5 }, { db: database.db }))).toEqual(forbidden);
    const [any] = await database.db.select().from(interviews);
    expect(await refusal(() => reviewInterview(actor, { responseId: any!.responseId, decision: "reject", reason: "x" }, { db: database.db }))).toEqual(forbidden);
  });
});

describe("the monitor and the review", () => {
  let assignmentId: number;
  const ids: string[] = [];

  beforeAll(async () => {
    const [open] = await database.db
      .select()
      .from(fieldworkAssignments)
      .where(and(eq(fieldworkAssignments.townId, ridder.id), sql`${fieldworkAssignments.closedAt} is null`, eq(fieldworkAssignments.target, 30)));
    assignmentId = open!.id;
  });

  it("counts completes per cell and mode as they arrive, from the rollup", async () => {
    const before = { young: await monitorCell(actors.supervisor, 1, 1), old: await monitorCell(actors.supervisor, 4, 2) };
    ids.push(await storeInterview({ assignmentId, townId: ridder.id, ageBand: 1, sex: 1, durationSeconds: 600 }));
    ids.push(await storeInterview({ assignmentId, townId: ridder.id, ageBand: 1, sex: 1, durationSeconds: 120, speeding: true }));
    ids.push(await storeInterview({ assignmentId, townId: ridder.id, ageBand: 4, sex: 2, durationSeconds: 1200 }));
    await storeOnline({ townId: ridder.id, ageBand: 4, sex: 2 });
    const young = await monitorCell(actors.supervisor, 1, 1);
    const old = await monitorCell(actors.supervisor, 4, 2);
    expect(young.faceToFace - before.young.faceToFace).toBe(2);
    expect(young.online - before.young.online).toBe(0);
    expect(old.faceToFace - before.old.faceToFace).toBe(1);
    expect(old.online - before.old.online).toBe(1);
    const page = await fieldworkTown(actors.supervisor, { slug: DEMO_WAVE_SLUG, townCode: "ridder", db: database.db });
    expect(page.assignments.find((assignment) => assignment.id === assignmentId)!.completes).toBe(3);
    const quality = page.quality.find((row) => row.interviewerId === interviewerId)!;
    expect(quality).toMatchObject({ interviews: 3, speeding: 1, rejected: 0 });
    expect(quality.meanDurationSeconds).toBeCloseTo((600 + 120 + 1200) / 3, 6);
  });

  it("reads the quota-cell rollup, not the responses: a count added to the rollup alone shows", async () => {
    const before = await monitorCell(actors.supervisor, 3, 1);
    await database.db.execute(sql`insert into quota_cell_counts (wave_id, town_id, age_band, sex, mode, shard, responses) values (${wave.id}, ${ridder.id}, 3, 1, 2, 0, 5)
      on conflict (wave_id, town_id, age_band, sex, mode, shard) do update set responses = quota_cell_counts.responses + 5`);
    expect((await monitorCell(actors.supervisor, 3, 1)).faceToFace).toBe(before.faceToFace + 5);
    await database.db.execute(sql`update quota_cell_counts set responses = responses - 5 where wave_id = ${wave.id} and town_id = ${ridder.id} and age_band = 3 and sex = 1 and mode = 2 and shard = 0`);
  });

  it("takes a rejected interview out of the monitor, the dashboard's n and every rollup, and records who did it", async () => {
    const n = await dashboardN();
    const cell = await monitorCell(actors.supervisor, 1, 1);
    expect(await reviewInterview(actors.supervisor, { responseId: ids[0]!, decision: "reject", reason: "The respondent was under 18" }, { db: database.db })).toEqual({ counted: false });
    expect(await dashboardN()).toBe(n! - 1);
    expect((await monitorCell(actors.supervisor, 1, 1)).faceToFace).toBe(cell.faceToFace - 1);
    expect(await rollupMismatches(database.db)).toEqual(NO_MISMATCHES);
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, "interview.reject"));
    expect(entry).toMatchObject({ actorEmail: "supervisor@test.qala", detail: { responseId: ids[0], reason: "The respondent was under 18" } });
    const [row] = await database.db.select().from(interviews).where(eq(interviews.responseId, ids[0]!));
    expect(row).toMatchObject({ status: "rejected", reviewedBy: actors.supervisor.id, reviewedOn: todayInKazakhstan(), reviewReason: "The respondent was under 18" });
    const page = await fieldworkTown(actors.supervisor, { slug: DEMO_WAVE_SLUG, townCode: "ridder", db: database.db });
    expect(page.assignments.find((assignment) => assignment.id === assignmentId)!.completes).toBe(2);
    expect(page.quality.find((quality) => quality.interviewerId === interviewerId)!.rejected).toBe(1);
  });

  it("keeps every rollup equal to its answers after a mix of rejections, repeats, approvals and a re-approval", async () => {
    const n = await dashboardN();
    await reviewInterview(actors.supervisor, { responseId: ids[0]!, decision: "reject", reason: "again" }, { db: database.db });
    expect(await dashboardN()).toBe(n);
    await reviewInterview(actors.supervisor, { responseId: ids[1]!, decision: "reject", reason: "Too fast" }, { db: database.db });
    await reviewInterview(actors.admin, { responseId: ids[2]!, decision: "approve", reason: "" }, { db: database.db });
    expect(await dashboardN()).toBe(n! - 1);
    expect(await rollupMismatches(database.db)).toEqual(NO_MISMATCHES);
    await reviewInterview(actors.supervisor, { responseId: ids[0]!, decision: "approve", reason: "Checked by phone: the respondent is 19" }, { db: database.db });
    expect(await dashboardN()).toBe(n);
    expect(await rollupMismatches(database.db)).toEqual(NO_MISMATCHES);
    // Two supervisors rejecting the same interview at once take it out once.
    await Promise.all([
      reviewInterview(actors.supervisor, { responseId: ids[2]!, decision: "reject", reason: "one" }, { db: database.db }),
      reviewInterview(actors.admin, { responseId: ids[2]!, decision: "reject", reason: "two" }, { db: database.db }),
    ]);
    expect(await dashboardN()).toBe(n! - 1);
    expect(await rollupMismatches(database.db)).toEqual(NO_MISMATCHES);
  });

  it("refuses a rejection without a reason, and an unknown interview", async () => {
    expect(await refusal(() => reviewInterview(actors.supervisor, { responseId: ids[0]!, decision: "reject", reason: "  " }, { db: database.db }))).toEqual({ status: 400, messageKey: "supervision.errors.reasonRequired" });
    expect(await refusal(() => reviewInterview(actors.supervisor, { responseId: randomUUID(), decision: "reject", reason: "x" }, { db: database.db }))).toEqual({ status: 404, messageKey: "supervision.errors.interviewNotFound" });
  });

  it("refuses a review once the wave has closed, and changes nothing", async () => {
    const n = await dashboardN();
    await database.db.update(waves).set({ status: "closed" }).where(eq(waves.id, wave.id));
    try {
      expect(await refusal(() => reviewInterview(actors.supervisor, { responseId: ids[0]!, decision: "reject", reason: "late" }, { db: database.db }))).toEqual({ status: 409, messageKey: "supervision.errors.waveClosed" });
      expect((await database.db.select().from(interviews).where(eq(interviews.responseId, ids[0]!)))[0]!.status).toBe("approved");
      expect(await dashboardN()).toBe(n);
      expect(await database.db.select().from(auditLog).where(and(eq(auditLog.action, "interview.reject"), sql`${auditLog.detail}->>'reason' = 'late'`))).toEqual([]);
      expect(await refusal(() => createAssignment(actors.supervisor, { waveSlug: DEMO_WAVE_SLUG, townCode: "ridder", interviewerId, target: 5 }, { db: database.db }))).toEqual({ status: 409, messageKey: "supervision.errors.waveClosed" });
    } finally {
      await database.db.update(waves).set({ status: "open" }).where(eq(waves.id, wave.id));
    }
  });
});

describe("the demo's fieldwork", () => {
  it("gives the demo interviewer one assignment of 30 in Ridder's open wave, quotas drawn from Ridder's population, once", async () => {
    expect(await seedDemoFieldwork(database.db)).toBe(false);
    await createStaffUser({ db: database.db, email: "interviewer@demo.qala", name: "Demo interviewer", role: "interviewer", password: "a long enough test password" });
    expect(await seedDemoFieldwork(database.db)).toBe(true);
    expect(await seedDemoFieldwork(database.db)).toBe(false);
    const page = await fieldworkTown(actors.admin, { slug: DEMO_WAVE_SLUG, townCode: "ridder", db: database.db });
    const demo = page.assignments.filter((assignment) => assignment.interviewer.email === "interviewer@demo.qala");
    expect(demo).toHaveLength(1);
    expect(demo[0]!.target).toBe(30);
    expect(demo[0]!.cells.reduce((sum, cell) => sum + cell.target, 0)).toBe(30);
  });
});
