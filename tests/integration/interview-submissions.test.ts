import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as postDevice } from "@/app/api/fieldwork/devices/route";
import { GET as getAssignments } from "@/app/api/fieldwork/assignments/route";
import { POST as postResponse } from "@/app/api/responses/route";
import { signIn } from "@/app/[locale]/(staff)/login/actions";
import { rowsOf } from "@/db/client";
import { createStaffUser, setAccountDisabled } from "@/db/queries/staff";
import { getPriorityBallots } from "@/db/queries/priority-results";
import { fieldworkAssignments, fieldworkQuotas, interviewerDevices, interviews, priorityBallots, rateLimitCounters, responses, sessions, towns, users, waves } from "@/db/schema";
import { env } from "@/lib/env";
import { MODES } from "@/lib/fieldwork/mode";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { getAuth } from "@/server/auth/better-auth";
import { priorityElectionView } from "@/server/priorities/admin";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { completeAnswers } from "../fixtures";
import { atStartOfDayInKazakhstan } from "../support/clock";
import { NO_MISMATCHES, rollupMismatches } from "../support/rollup-check";
import { forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => (await import("../support/next-headers")).mockNextHeaders(request));
vi.mock("@/server/auth/slow-down", () => ({ slowDown: vi.fn(async () => undefined) }));

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
const PASSWORD = "a long enough test password";
let database: Awaited<ReturnType<typeof freshDatabase>>;
let waveId: number;
let ridder: number;
let altai: number;
const ids: Record<string, string> = {};

async function makeAssignment(interviewer: string, { townId = ridder, target = 30, cells = [] as [number, number, number][] } = {}) {
  const [row] = await database.db.insert(fieldworkAssignments).values({ waveId, townId, interviewerId: ids[interviewer]!, target }).returning({ id: fieldworkAssignments.id });
  if (cells.length > 0) await database.db.insert(fieldworkQuotas).values(cells.map(([ageBand, sex, cellTarget]) => ({ assignmentId: row!.id, ageBand, sex, target: cellTarget })));
  return row!.id;
}

async function issue(body: unknown, address = "10.1.0.1") {
  const response = await postDevice(new Request("http://localhost/api/fieldwork/devices", { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": address }, body: JSON.stringify(body) }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

async function credentialOf(name: string) {
  const { status, body } = await issue({ email: `${name}@test.qala`, password: PASSWORD });
  expect(status).toBe(201);
  return body.credential as string;
}

async function sync(credential: string) {
  const response = await getAssignments(new Request("http://localhost/api/fieldwork/assignments", { headers: { authorization: `Bearer ${credential}` } }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** An interview as the device sends it; the respondent 18–29, female, unless told otherwise. */
function interview(assignmentId: number, { answers = {} as Record<string, number | string | undefined>, townId = ridder, ...details }: Record<string, unknown> & { answers?: Record<string, number | string | undefined>; townId?: number } = {}) {
  const given = completeAnswers(questionnaire, { age_band: 1, sex: 1, employment: 1, plan_leave_2y: 1 }) as Record<string, number | string | undefined>;
  for (const [item, value] of Object.entries(answers)) {
    if (value === undefined) delete given[item];
    else given[item] = value;
  }
  return {
    responseId: randomUUID(),
    waveId,
    townId,
    locale: "kk",
    questionnaireVersion: latestQuestionnaireVersion,
    answers: given,
    interview: { assignmentId, durationSeconds: 1200, consentGiven: true, startedAt: new Date(Date.now() - 1_800_000).toISOString(), ageBandRefused: false, sexRefused: false, ...details },
  };
}

async function send(body: unknown, credential: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": "10.2.0.1" };
  if (credential) headers.authorization = `Bearer ${credential}`;
  const response = await postResponse(new Request("http://localhost/api/responses", { method: "POST", headers, body: JSON.stringify(body) }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, retryAfter: response.headers.get("retry-after") };
}

const stored = async (responseId: string) => (await database.db.select().from(responses).where(eq(responses.id, responseId)))[0];
const interviewRow = async (responseId: string) => (await database.db.select().from(interviews).where(eq(interviews.responseId, responseId)))[0];

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 0 });
  waveId = (await database.db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG)))[0]!.id;
  ridder = (await database.db.select().from(towns).where(eq(towns.code, "ridder")))[0]!.id;
  altai = (await database.db.select().from(towns).where(eq(towns.code, "altai")))[0]!.id;
  for (const [name, role, oneTime] of [
    ["anar", "interviewer", false],
    ["bolat", "interviewer", false],
    ["dana", "interviewer", false],
    ["ermek", "interviewer", false],
    ["fresh", "interviewer", true],
    ["official", "official", false],
    ["supervisor", "supervisor", false],
  ] as const) {
    ids[name] = await createStaffUser({ db: database.db, email: `${name}@test.qala`, name: `Test ${name}`, role, password: PASSWORD, oneTime });
  }
});
afterAll(async () => {
  vi.useRealTimers();
  forgetTestDatabase();
  await database.drop();
});
beforeEach(() => {
  // Sign-in attempts count per hour; a fresh hour per test keeps them apart.
  return database.db.delete(rateLimitCounters).then(() => undefined);
});

describe("POST /api/fieldwork/devices", () => {
  it("issues a credential once, keeping only its hash and the day, and no session", async () => {
    const sessionsBefore = (await database.db.select().from(sessions)).length;
    const { status, body, headers } = await issue({ email: "anar@test.qala", password: PASSWORD });
    expect(status).toBe(201);
    expect(body).toEqual({ status: "ok", credential: expect.stringMatching(/^qd_[A-Za-z0-9_-]{43}$/), interviewer: { name: "Test anar" } });
    expect(headers.get("set-cookie")).toBeNull();
    expect((await database.db.select().from(sessions)).length).toBe(sessionsBefore);
    const devices = await database.db.select().from(interviewerDevices).where(eq(interviewerDevices.userId, ids.anar!));
    expect(devices).toHaveLength(1);
    expect(devices[0]!.tokenHash).not.toContain((body.credential as string).slice(3));
    expect(devices[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(devices[0]!.issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("refuses a wrong password (401), another role, a one-time password and a disabled account (403)", async () => {
    expect(await issue({ email: "anar@test.qala", password: "not the password at all" })).toMatchObject({ status: 401, body: { status: "error", messageKey: "errors.loginFailed" } });
    expect(await issue({ email: "nobody@test.qala", password: PASSWORD })).toMatchObject({ status: 401, body: { status: "error", messageKey: "errors.loginFailed" } });
    expect(await issue({ email: "official@test.qala", password: PASSWORD })).toMatchObject({ status: 403, body: { messageKey: "fieldwork.errors.notInterviewer" } });
    expect(await issue({ email: "supervisor@test.qala", password: PASSWORD })).toMatchObject({ status: 403, body: { messageKey: "fieldwork.errors.notInterviewer" } });
    expect(await issue({ email: "fresh@test.qala", password: PASSWORD })).toMatchObject({ status: 403, body: { messageKey: "fieldwork.errors.changePasswordFirst" } });
    const disabled = await createStaffUser({ db: database.db, email: "gone@test.qala", name: "Gone", role: "interviewer", password: PASSWORD });
    await setAccountDisabled({ db: database.db, userId: disabled, disabled: true });
    expect(await issue({ email: "gone@test.qala", password: PASSWORD })).toMatchObject({ status: 403, body: { messageKey: "fieldwork.errors.interviewerDisabled" } });
    expect(await database.db.select().from(interviewerDevices).where(eq(interviewerDevices.userId, disabled))).toHaveLength(0);
  });

  it("slows down and then refuses wrong passwords as the staff sign-in does", async () => {
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await issue({ email: "bolat@test.qala", password: `wrong password ${i}` }, "10.9.9.9")).status;
    expect(last).toBe(429);
    // Even the right password, from that address, for that hour.
    expect((await issue({ email: "bolat@test.qala", password: PASSWORD }, "10.9.9.9")).status).toBe(429);
    expect((await issue({ email: "bolat@test.qala", password: PASSWORD }, "10.9.9.8")).status).toBe(201);
  });
});

describe("GET /api/fieldwork/assignments", () => {
  it("gives the interviewer's own assignments with cells and completes, never stored", async () => {
    const mine = await makeAssignment("ermek", { target: 10, cells: [[1, 1, 2], [1, 2, 3]] });
    await makeAssignment("dana");
    const credential = await credentialOf("ermek");
    const { status, body, headers } = await sync(credential);
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(body).toMatchObject({ status: "ok", interviewer: { name: "Test ermek" } });
    const assignments = body.assignments as Array<Record<string, unknown>>;
    expect(assignments).toHaveLength(1);
    expect(assignments[0]).toMatchObject({
      id: mine,
      wave: { id: waveId, slug: DEMO_WAVE_SLUG, questionnaireVersion: latestQuestionnaireVersion, open: true },
      town: { id: ridder, code: "ridder" },
      target: 10,
      completes: 0,
      closed: false,
      cells: [
        { ageBand: 1, sex: 1, target: 2, completes: 0, full: false },
        { ageBand: 1, sex: 2, target: 3, completes: 0, full: false },
      ],
    });
    expect((assignments[0]!.town as { name: { kk: string } }).name.kk).toBeTruthy();
  });

  it("refuses an unknown credential (401) and a disabled interviewer (403)", async () => {
    expect(await sync(`qd_${"A".repeat(43)}`)).toMatchObject({ status: 401, body: { messageKey: "fieldwork.errors.deviceUnknown" } });
    expect(await sync("not-a-credential")).toMatchObject({ status: 401, body: { messageKey: "fieldwork.errors.deviceUnknown" } });
    const id = await createStaffUser({ db: database.db, email: "hana@test.qala", name: "Hana", role: "interviewer", password: PASSWORD });
    const credential = await credentialOf("hana");
    await setAccountDisabled({ db: database.db, userId: id, disabled: true });
    expect(await sync(credential)).toMatchObject({ status: 403, body: { messageKey: "fieldwork.errors.interviewerDisabled" } });
  });
});

describe("interviews through POST /api/responses", () => {
  it("stores an interview face to face with its interviews row, once, whichever device sends it again", async () => {
    const assignment = await makeAssignment("anar", { cells: [[2, 2, 5]] });
    const first = await credentialOf("anar");
    const second = await credentialOf("anar");
    const body = interview(assignment, { answers: { age_band: 2, sex: 2 } });
    expect(await send(body, first)).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(await send(body, second)).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(await send(body, first)).toMatchObject({ status: 200, body: { status: "ok" } });
    expect((await database.db.select().from(responses).where(eq(responses.id, body.responseId))).length).toBe(1);
    const response = (await stored(body.responseId))!;
    expect(response.mode).toBe(MODES.faceToFace);
    expect(response.rejected).toBe(false);
    const row = (await interviewRow(body.responseId))!;
    expect(row).toMatchObject({ interviewerId: ids.anar, assignmentId: assignment, durationSeconds: 1200, consentGiven: true, ageBand: 2, sex: 2, overQuota: false, needsReview: false, status: "pending" });
    const quota = await rowsOf<{ n: number }>(database.db, sql`select sum(responses)::int as n from quota_cell_counts where wave_id = ${waveId} and town_id = ${ridder} and age_band = 2 and sex = 2 and mode = 2`);
    expect(Number(quota[0]!.n)).toBe(1);
    expect((await sync(first)).body.assignments).toMatchObject([{ id: assignment, completes: 1, cells: [{ ageBand: 2, sex: 2, completes: 1 }] }]);
  });

  it("takes an interview in a wave that asks residents for invitation codes: the assignment is the invitation", async () => {
    const assignment = await makeAssignment("anar");
    const credential = await credentialOf("anar");
    await database.db.update(waves).set({ requiresInvitation: true }).where(eq(waves.id, waveId));
    try {
      const body = interview(assignment);
      expect(await send(body, credential)).toMatchObject({ status: 200, body: { status: "ok" } });
      expect((await stored(body.responseId))?.mode).toBe(MODES.faceToFace);
      expect(await interviewRow(body.responseId)).toBeDefined();
    } finally {
      await database.db.update(waves).set({ requiresInvitation: false }).where(eq(waves.id, waveId));
    }
  });

  it("keeps nobody's identity beside the response: not in responses, answers or text answers", async () => {
    const assignment = await makeAssignment("anar");
    const body = interview(assignment);
    expect((await send(body, await credentialOf("anar"))).status).toBe(200);
    const [row] = await rowsOf<{ text: string }>(database.db, sql`
      select (select row_to_json(r)::text from responses r where r.id = ${body.responseId}::uuid)
        || coalesce((select string_agg(row_to_json(a)::text, '') from answers a where a.response_id = ${body.responseId}::uuid), '')
        || coalesce((select string_agg(row_to_json(t)::text, '') from text_answers t where t.response_id = ${body.responseId}::uuid), '') as text
    `);
    for (const trace of [ids.anar!, "anar@test.qala", "Test anar"]) expect(row!.text).not.toContain(trace);
    // The response carries the day only, the interviews row no time at all.
    const columns = await rowsOf<{ table_name: string; data_type: string }>(database.db, sql`
      select table_name, data_type from information_schema.columns where table_name in ('responses', 'interviews', 'interviewer_devices') and data_type like 'timestamp%'
    `);
    expect(columns).toEqual([]);
  });

  it("keeps an interview in a full cell, marked over quota", async () => {
    const assignment = await makeAssignment("dana", { cells: [[3, 1, 1]] });
    const credential = await credentialOf("dana");
    const one = interview(assignment, { answers: { age_band: 3, sex: 1 } });
    const two = interview(assignment, { answers: { age_band: 3, sex: 1 } });
    expect((await send(one, credential)).status).toBe(200);
    expect((await send(two, credential)).status).toBe(200);
    expect((await interviewRow(one.responseId))!.overQuota).toBe(false);
    expect((await interviewRow(two.responseId))!.overQuota).toBe(true);
    const synced = (await sync(credential)).body.assignments as Array<{ id: number; completes: number; cells: unknown[] }>;
    expect(synced.find((a) => a.id === assignment)).toMatchObject({ completes: 2, cells: [{ ageBand: 3, sex: 1, target: 1, completes: 2, full: true }] });
  });

  it("records refusals of age band and sex as such, in cell 0", async () => {
    const assignment = await makeAssignment("anar", { cells: [[1, 1, 5]] });
    const body = interview(assignment, { answers: { age_band: undefined, sex: undefined }, ageBandRefused: true, sexRefused: true });
    expect((await send(body, await credentialOf("anar"))).status).toBe(200);
    expect(await interviewRow(body.responseId)).toMatchObject({ ageBandRefused: true, sexRefused: true, ageBand: 0, sex: 0, overQuota: false });
    // A refusal flag that the answers contradict is refused, nothing stored.
    const contradictory = interview(assignment, { ageBandRefused: true });
    expect(await send(contradictory, await credentialOf("anar"))).toMatchObject({ status: 422, body: { status: "invalid" } });
    expect(await stored(contradictory.responseId)).toBeUndefined();
  });

  it("flags speeding and straight-lining", async () => {
    const assignment = await makeAssignment("anar");
    const fast = interview(assignment, { durationSeconds: 20 });
    expect((await send(fast, await credentialOf("anar"))).status).toBe(200);
    // completeAnswers gives every item its scale's first code: every battery one answer.
    expect(await interviewRow(fast.responseId)).toMatchObject({ speeding: true, straightLining: true });
  });

  it("refuses what is not the interviewer's to send, keeping nothing", async () => {
    const assignment = await makeAssignment("bolat");
    const others = await makeAssignment("dana");
    const credential = await credentialOf("bolat");
    const cases: [unknown, string | null, number, string][] = [
      [interview(assignment), `qd_${"B".repeat(43)}`, 401, "fieldwork.errors.deviceUnknown"],
      [interview(assignment, { townId: altai }), credential, 403, "fieldwork.errors.notAssigned"],
      [interview(others), credential, 403, "fieldwork.errors.notAssigned"],
      [interview(987_654), credential, 403, "fieldwork.errors.notAssigned"],
      [interview(assignment, { consentGiven: false }), credential, 422, "fieldwork.errors.consentMissing"],
    ];
    for (const [body, sender, status, messageKey] of cases) {
      const answer = await send(body, sender);
      expect(answer.status).toBe(status);
      expect(JSON.stringify(answer.body)).toContain(messageKey);
      expect(await stored((body as { responseId: string }).responseId)).toBeUndefined();
    }
    // Without the interview part the credential is no resident's proof of work either.
    const { interview: _omitted, ...bare } = interview(assignment);
    expect(await send(bare, credential)).toMatchObject({ status: 422, body: { status: "error", messageKey: "fieldwork.errors.consentMissing" } });
    expect(await stored(bare.responseId)).toBeUndefined();
    const badDuration = interview(assignment, { durationSeconds: 1.5 });
    expect(await send(badDuration, credential)).toMatchObject({ status: 422, body: { status: "invalid", fieldErrors: { "interview.durationSeconds": ["fieldwork.errors.invalidDuration"] } } });
  });

  it("refuses an interview started after its assignment closed (409), and takes one started before", async () => {
    const assignment = await makeAssignment("bolat");
    const closedAt = new Date(Date.now() - 600_000);
    await database.db.update(fieldworkAssignments).set({ closedAt }).where(eq(fieldworkAssignments.id, assignment));
    const credential = await credentialOf("bolat");
    const after = interview(assignment, { startedAt: new Date(closedAt.getTime() + 60_000).toISOString() });
    expect(await send(after, credential)).toMatchObject({ status: 409, body: { messageKey: "fieldwork.errors.assignmentClosed" } });
    expect(await stored(after.responseId)).toBeUndefined();
    const before = interview(assignment, { startedAt: new Date(closedAt.getTime() - 60_000).toISOString() });
    expect(await send(before, credential)).toMatchObject({ status: 200 });
    expect((await sync(credential)).body.assignments).toEqual(expect.arrayContaining([expect.objectContaining({ id: assignment, closed: true })]));
  });

  it("after an interviewer is disabled, takes what was started before it (for review) and nothing started after", async () => {
    const id = await createStaffUser({ db: database.db, email: "ilyas@test.qala", name: "Ilyas", role: "interviewer", password: PASSWORD });
    ids.ilyas = id;
    const assignment = await makeAssignment("ilyas");
    const credential = await credentialOf("ilyas");
    const beforeDisable = interview(assignment, { startedAt: new Date(Date.now() - 3_600_000).toISOString() });
    await setAccountDisabled({ db: database.db, userId: id, disabled: true, now: new Date(Date.now() - 1_800_000) });
    const afterDisable = interview(assignment, { startedAt: new Date(Date.now() - 60_000).toISOString() });
    expect(await send(afterDisable, credential)).toMatchObject({ status: 403, body: { messageKey: "fieldwork.errors.interviewerDisabled" } });
    expect(await stored(afterDisable.responseId)).toBeUndefined();
    expect(await send(beforeDisable, credential)).toMatchObject({ status: 200 });
    expect((await interviewRow(beforeDisable.responseId))!.needsReview).toBe(true);
  });

  it("limits an interviewer's interviews per day (429, Retry-After), in a row that holds only the day", async () => {
    const limit = env.INTERVIEWS_PER_DAY;
    atStartOfDayInKazakhstan();
    try {
      env.INTERVIEWS_PER_DAY = 2;
      const id = await createStaffUser({ db: database.db, email: "jan@test.qala", name: "Jan", role: "interviewer", password: PASSWORD });
      ids.jan = id;
      const assignment = await makeAssignment("jan");
      const credential = await credentialOf("jan");
      await database.db.delete(rateLimitCounters);
      expect((await send(interview(assignment), credential)).status).toBe(200);
      expect((await send(interview(assignment), credential)).status).toBe(200);
      const third = interview(assignment);
      const refused = await send(third, credential);
      expect(refused).toMatchObject({ status: 429, body: { messageKey: "fieldwork.errors.rateLimited" } });
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect(await stored(third.responseId)).toBeUndefined();
      // Another interviewer is not held back by it.
      expect((await send(interview(await makeAssignment("anar")), await credentialOf("anar"))).status).toBe(200);
      const rows = await database.db.select().from(rateLimitCounters).where(sql`${rateLimitCounters.bucket} like 'interviewer:%'`);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        // The window is the start of a day in Kazakhstan (UTC+5): 19:00 UTC, no finer time.
        expect(row.windowStart.getUTCHours()).toBe(19);
        expect(row.windowStart.getUTCMinutes() + row.windowStart.getUTCSeconds() + row.windowStart.getUTCMilliseconds()).toBe(0);
        expect(row.bucket).not.toContain(id);
      }
    } finally {
      env.INTERVIEWS_PER_DAY = limit;
      vi.useRealTimers();
    }
  });

  it("leaves every rollup equal to the answers, quota cells by mode included", async () => {
    const credential = await credentialOf("anar");
    const assignment = await makeAssignment("anar");
    for (const [age, sex] of [[1, 1], [4, 2], [2, 1]]) expect((await send(interview(assignment, { answers: { age_band: age, sex } }), credential)).status).toBe(200);
    expect(await rollupMismatches(database.db)).toEqual(NO_MISMATCHES);
    const [counted] = await rowsOf<{ online: number; face: number }>(database.db, sql`
      select coalesce(sum(responses) filter (where mode = 1), 0)::int as online, coalesce(sum(responses) filter (where mode = 2), 0)::int as face
      from quota_cell_counts where wave_id = ${waveId}
    `);
    const faceToFace = await database.db.select().from(responses).where(and(eq(responses.waveId, waveId), eq(responses.mode, MODES.faceToFace)));
    expect(Number(counted!.face)).toBe(faceToFace.length);
    expect(faceToFace.length).toBeGreaterThanOrEqual(3);
  });

  it("catches a rollup that disagrees (the check itself can fail)", async () => {
    expect((await send(interview(await makeAssignment("anar")), await credentialOf("anar"))).status).toBe(200);
    await database.db.execute(sql`update quota_cell_counts set responses = responses + 1 where ctid = (select ctid from quota_cell_counts where mode = 2 limit 1)`);
    expect((await rollupMismatches(database.db)).quotaCellCounts).toBe(1);
    await database.db.execute(sql`update quota_cell_counts set responses = responses - 1 where ctid = (select ctid from quota_cell_counts where mode = 2 limit 1)`);
  });
});

describe("readers that scan responses", () => {
  it("leave a rejected interview's ballot out of the priority results and the admin's count", async () => {
    const assignment = await makeAssignment("anar");
    const credential = await credentialOf("anar");
    const kept = interview(assignment);
    const rejected = interview(assignment);
    for (const body of [kept, rejected]) expect((await send(body, credential)).status).toBe(200);
    // Ballots as the priorities step stores them (the choices do not matter here).
    await database.db.insert(priorityBallots).values([{ responseId: kept.responseId, choices: [1] }, { responseId: rejected.responseId, choices: [1] }]);
    const before = (await getPriorityBallots({ db: database.db, waveId, townId: ridder })).length;
    const adminBefore = (await priorityElectionView(DEMO_WAVE_SLUG, "ridder"))!.ballots;
    // As the supervisor's rejection marks it (db/queries/interview-review.ts).
    await database.db.update(responses).set({ rejected: true }).where(eq(responses.id, rejected.responseId));
    expect((await getPriorityBallots({ db: database.db, waveId, townId: ridder })).length).toBe(before - 1);
    expect((await priorityElectionView(DEMO_WAVE_SLUG, "ridder"))!.ballots).toBe(adminBefore - 1);
    await database.db.update(responses).set({ rejected: false }).where(eq(responses.id, rejected.responseId));
  });
});

describe("a disabled account and the staff pages", () => {
  it("ends its sessions and refuses its sign-in with a message of its own", async () => {
    const id = await createStaffUser({ db: database.db, email: "kamila@test.qala", name: "Kamila", role: "supervisor", password: PASSWORD });
    await (await getAuth()).api.signInEmail({ body: { email: "kamila@test.qala", password: PASSWORD } });
    expect((await database.db.select().from(sessions).where(eq(sessions.userId, id))).length).toBe(1);
    await setAccountDisabled({ db: database.db, userId: id, disabled: true });
    expect((await database.db.select().from(sessions).where(eq(sessions.userId, id))).length).toBe(0);
    request.headers = new Headers({ "x-forwarded-for": "10.3.0.1" });
    expect(await signIn({ email: "kamila@test.qala", password: PASSWORD })).toEqual({ status: "error", messageKey: "fieldwork.errors.accountDisabled" });
    expect(await signIn({ email: "kamila@test.qala", password: "a wrong password here" })).toEqual({ status: "error", messageKey: "errors.loginFailed" });
    expect((await database.db.select().from(sessions).where(eq(sessions.userId, id))).length).toBe(0);
    await setAccountDisabled({ db: database.db, userId: id, disabled: false });
    expect((await database.db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, id)))[0]!.disabledAt).toBeNull();
    expect(await signIn({ email: "kamila@test.qala", password: PASSWORD })).toEqual({ status: "ok" });
  });
});
