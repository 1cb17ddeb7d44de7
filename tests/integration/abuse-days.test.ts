import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as getChallenge } from "@/app/api/challenge/route";
import { POST } from "@/app/api/responses/route";
import { rowsOf } from "@/db/client";
import { addInvitationCodes, dayWindow, hashInvitationCode } from "@/db/queries/abuse";
import { invitationCodes, rateLimitCounters, rateLimitKeys, spentChallenges, towns, waves } from "@/db/schema";
import { newInvitationCode } from "@/lib/abuse/invitation-codes";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { todayInKazakhstan } from "@/lib/time";
import { forgetCachedDayKey, submissionBucket } from "@/server/abuse/address-bucket";
import { cleanUpAbuseRecords } from "@/server/abuse/cleanup";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { completeAnswers } from "../fixtures";
import { atStartOfDayInKazakhstan } from "../support/clock";
import { freshDatabase } from "./database";

// Nothing stored beside a response dates it finer than a day (docs/decisions/0015).
const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
const DAY = 86_400_000;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let waveId: number;
let ridder: number;

beforeAll(async () => {
  database = await freshDatabase();
  (globalThis as { qalaConnection?: Promise<unknown> }).qalaConnection = Promise.resolve(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 0 });
  waveId = (await database.db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG)))[0]!.id;
  ridder = (await database.db.select().from(towns).where(eq(towns.code, "ridder")))[0]!.id;
});
// Each test stays within one day of Kazakhstan, whatever the hour it runs at.
beforeEach(() => atStartOfDayInKazakhstan());
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  delete (globalThis as { qalaConnection?: unknown }).qalaConnection;
  forgetCachedDayKey();
  await database.drop();
});

async function send(extra: Record<string, unknown> = {}, address = "192.0.2.50") {
  const challenge = (await (await getChallenge()).json()) as Challenge;
  const pow = { challenge, solution: await solveChallenge({ challenge, deriveKey }) };
  const body = {
    responseId: randomUUID(),
    waveId,
    townId: ridder,
    locale: "kk",
    questionnaireVersion: latestQuestionnaireVersion,
    answers: completeAnswers(questionnaire, { employment: 1, plan_leave_2y: 1 }),
    pow,
    ...extra,
  };
  const request = new Request("http://localhost/api/responses", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify(body),
  });
  return (await POST(request)).status;
}

describe("what a submission leaves beside the response", () => {
  it("keeps no time finer than a day: spent challenges, counters, day keys and codes", async () => {
    expect(await send()).toBe(200);
    // The only time-of-day column of these tables is the counters' window, which for a
    // submission is midnight of its day in Kazakhstan.
    const columns = await rowsOf<{ table_name: string; column_name: string }>(database.db, sql`
      select table_name, column_name from information_schema.columns
      where table_name in ('spent_challenges', 'rate_limit_counters', 'rate_limit_keys', 'invitation_codes')
        and data_type not in ('date', 'text', 'integer')
    `);
    expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(["rate_limit_counters.window_start"]);
    const today = todayInKazakhstan();
    const counters = await database.db.select().from(rateLimitCounters);
    expect(counters.length).toBeGreaterThan(0);
    for (const row of counters) expect(row.windowStart).toEqual(dayWindow(today));
    const spent = await database.db.select().from(spentChallenges);
    expect(spent.length).toBeGreaterThan(0);
    // A challenge issued now expires within half an hour: today, or tomorrow just before midnight.
    for (const row of spent) expect([today, todayInKazakhstan(new Date(Date.now() + 30 * 60_000))]).toContain(row.expiresOn);
    expect((await database.db.select().from(rateLimitKeys)).map((row) => row.day)).toContain(today);
  });

  it("forgets a day's key once the day is over, so nobody can tell which bucket an address had", async () => {
    const address = "192.0.2.61";
    expect(await send({}, address)).toBe(200);
    const today = todayInKazakhstan();
    const bucket = await submissionBucket({ db: database.db, address, day: today });
    expect((await database.db.select().from(rateLimitCounters)).map((row) => row.bucket)).toContain(bucket);
    // The next day's cleanup, here or on any instance.
    const removed = await cleanUpAbuseRecords({ db: database.db, now: new Date(Date.now() + DAY) });
    expect(removed.keys).toBeGreaterThan(0);
    const keys = (await database.db.select().from(rateLimitKeys)).map((row) => row.day);
    expect(keys).not.toContain(today);
    expect(await database.db.select().from(rateLimitCounters)).toEqual([]);
    // Asked again for that day, the app makes a new random key: the old bucket is not found again.
    forgetCachedDayKey();
    expect(await submissionBucket({ db: database.db, address, day: today })).not.toBe(bucket);
    forgetCachedDayKey();
    await database.db.delete(rateLimitKeys).where(eq(rateLimitKeys.day, today));
  });

  it("removes the past days' rows at a process's first submission of a day, where no timer runs between requests", async () => {
    const now = new Date();
    const today = todayInKazakhstan(now);
    const yesterday = todayInKazakhstan(new Date(now.getTime() - DAY));
    await Promise.all([rateLimitCounters, rateLimitKeys].map((table) => database.db.delete(table)));
    await database.db.insert(rateLimitKeys).values({ day: yesterday, key: "yesterday's key" });
    await database.db.insert(rateLimitCounters).values({ bucket: "yesterday", windowStart: dayWindow(yesterday), count: 4 });
    forgetCachedDayKey();
    await submissionBucket({ db: database.db, address: "192.0.2.62", day: today });
    expect((await database.db.select().from(rateLimitKeys)).map((row) => row.day)).not.toContain(yesterday);
    expect(await database.db.select().from(rateLimitCounters)).toEqual([]);
  });

  it("removes counters, spent challenges and keys of past days, keeps today's and makes tomorrow's key", async () => {
    const now = new Date();
    const today = todayInKazakhstan(now);
    const yesterday = todayInKazakhstan(new Date(now.getTime() - DAY));
    const tomorrow = todayInKazakhstan(new Date(now.getTime() + DAY));
    await Promise.all([rateLimitCounters, spentChallenges, rateLimitKeys].map((table) => database.db.delete(table)));
    await database.db.insert(rateLimitCounters).values([
      { bucket: "old", windowStart: dayWindow(yesterday), count: 3 },
      { bucket: "new", windowStart: dayWindow(today), count: 2 },
      // A sign-in hour of yesterday evening.
      { bucket: "password:old", windowStart: new Date(dayWindow(today).getTime() - 3_600_000), count: 1 },
    ]);
    await database.db.insert(spentChallenges).values([
      { signature: "expired-yesterday", expiresOn: yesterday },
      { signature: "expires-today", expiresOn: today },
    ]);
    await database.db.insert(rateLimitKeys).values({ day: yesterday, key: "old key" });

    await cleanUpAbuseRecords({ db: database.db, now });
    expect((await database.db.select().from(rateLimitCounters)).map((row) => row.bucket)).toEqual(["new"]);
    expect((await database.db.select().from(spentChallenges)).map((row) => row.signature)).toEqual(["expires-today"]);
    expect((await database.db.select().from(rateLimitKeys)).map((row) => row.day).sort()).toEqual([today, tomorrow]);
  });
});

describe("invitation codes", () => {
  it("accept a code typed in lower case, with spaces or dashes and look-alike letters, once", async () => {
    await database.db.update(waves).set({ requiresInvitation: true }).where(eq(waves.id, waveId));
    try {
      // A printed code with a 0 and a 1 in it, typed with O and l.
      const code = newInvitationCode().replace(/^..../, "K0Q1");
      await addInvitationCodes({ db: database.db, waveId, codes: [code] });
      const stored = await database.db.select().from(invitationCodes).where(eq(invitationCodes.waveId, waveId));
      expect(stored).toEqual([{ waveId, codeHash: hashInvitationCode(code), createdOn: todayInKazakhstan() }]);
      expect(JSON.stringify(stored)).not.toContain(code.replaceAll("-", "").slice(4));
      const typed = ` ${code.toLowerCase().replace("k0q1", "koql").replaceAll("-", " ")} `;
      expect(await send({ invitationCode: typed })).toBe(200);
      expect(await send({ invitationCode: code })).toBe(422);
    } finally {
      await database.db.update(waves).set({ requiresInvitation: false }).where(eq(waves.id, waveId));
    }
  });

  it("still accept a code handed out before, stored as a plain SHA-256 hash", async () => {
    const { createHash } = await import("node:crypto");
    await database.db.update(waves).set({ requiresInvitation: true }).where(eq(waves.id, waveId));
    try {
      await database.db.insert(invitationCodes).values({ waveId, codeHash: createHash("sha256").update("ABCDE-FGH23").digest("hex") });
      expect(await send({ invitationCode: "abcde fgh23" })).toBe(200);
      expect(await database.db.select().from(invitationCodes).where(eq(invitationCodes.waveId, waveId))).toEqual([]);
    } finally {
      await database.db.update(waves).set({ requiresInvitation: false }).where(eq(waves.id, waveId));
    }
  });

  it("are stored under the invitation secret: another secret makes another hash", () => {
    const code = newInvitationCode();
    expect(hashInvitationCode(code, "one secret of sixteen")).not.toBe(hashInvitationCode(code, "another secret of 16"));
  });
});
