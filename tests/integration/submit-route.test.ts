import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getChallenge } from "@/app/api/challenge/route";
import { POST } from "@/app/api/responses/route";
import { submitResponse } from "@/server/submissions/submit";
import { hashInvitationCode } from "@/db/queries/abuse";
import { invitationCodes, responses, textAnswers, towns, waves } from "@/db/schema";
import { DEMO_WAVE_SLUG, PREVIOUS_DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { completeAnswers } from "../fixtures";
import { atStartOfDayInKazakhstan } from "../support/clock";
import { freshDatabase } from "./database";

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let waveId: number;
let ridder: number;
let saran: number;

beforeAll(async () => {
  database = await freshDatabase();
  // The route reaches the database through getDb(), which reads this per-process cache.
  (globalThis as { qalaConnection?: Promise<unknown> }).qalaConnection = Promise.resolve(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 0 });
  waveId = (await database.db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG)))[0]!.id;
  ridder = (await database.db.select().from(towns).where(eq(towns.code, "ridder")))[0]!.id;
  saran = (await database.db.select().from(towns).where(eq(towns.code, "saran")))[0]!.id;
});
afterAll(async () => {
  delete (globalThis as { qalaConnection?: unknown }).qalaConnection;
  await database.drop();
});

async function proofOfWork() {
  const challenge = (await (await getChallenge()).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  return { challenge, solution };
}

const valid = (answers: Record<string, number | string> = {}) => ({
  responseId: randomUUID(),
  waveId,
  townId: ridder,
  locale: "ru",
  questionnaireVersion: latestQuestionnaireVersion,
  answers: completeAnswers(questionnaire, { employment: 1, plan_leave_2y: 1, ...answers }),
});

async function post(body: unknown, { address = "10.0.0.1", raw }: { address?: string; raw?: string } = {}) {
  const request = new Request("http://localhost/api/responses", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: raw ?? JSON.stringify(body),
  });
  const response = await POST(request);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function send(input: object, options?: { address?: string }) {
  return post({ ...input, pow: await proofOfWork() }, options);
}

async function totalResponses() {
  return (await database.db.select({ n: count() }).from(responses))[0]!.n;
}

describe("POST /api/responses", () => {
  it("stores a valid response once, however often it is sent", async () => {
    const input = valid();
    const before = await totalResponses();
    expect(await send(input)).toEqual({ status: 200, body: { status: "ok" } });
    expect(await send(input)).toEqual({ status: 200, body: { status: "ok" } });
    expect(await totalResponses()).toBe(before + 1);
  });

  it("stores the same response sent 20 times at once exactly once", async () => {
    const input = valid();
    const before = await totalResponses();
    const proofs = await Promise.all(Array.from({ length: 20 }, proofOfWork));
    const results = await Promise.all(proofs.map((pow) => post({ ...input, pow })));
    expect(results.map((result) => result.status)).toEqual(Array(20).fill(200));
    expect(await totalResponses()).toBe(before + 1);
  });

  it("drops answers to questions that skip logic hid", async () => {
    const input = valid({ employment: 1, obstacle_finance: 4, plan_leave_2y: 1, leave_reason: 2 });
    expect((await send(input)).status).toBe(200);
    const { answers } = await import("@/db/schema");
    const stored = await database.db.select().from(answers).where(eq(answers.responseId, input.responseId));
    const ids = stored.map((row) => row.itemId);
    expect(ids).toContain("employment");
    expect(ids).not.toContain("obstacle_finance");
    expect(ids).not.toContain("leave_reason");
  });

  it("asks the business questions of business owners, and requires them then", async () => {
    const input = valid({ employment: 3 });
    delete (input.answers as Record<string, unknown>).obstacle_finance;
    const result = await send(input);
    expect(result.status).toBe(422);
    expect(result.body.fieldErrors).toMatchObject({ "answers.obstacle_finance": ["errors.required"] });
  });

  it("stores free text as text, markup and all, and refuses an over-long one", async () => {
    const script = `<script>alert("x")</script> & <b>bold</b>`;
    const input = valid({ one_change: script });
    expect((await send(input)).status).toBe(200);
    const [row] = await database.db.select().from(textAnswers).where(eq(textAnswers.responseId, input.responseId));
    expect(row!.text).toBe(script);
    const long = await send(valid({ one_change: "x".repeat(501) }));
    expect(long.status).toBe(422);
    expect(long.body.fieldErrors).toEqual({ "answers.one_change": ["errors.tooLong"] });
  });

  const badInputs: Array<[string, () => object, number, Record<string, unknown>]> = [
    ["a missing required answer", () => { const v = valid(); delete (v.answers as Record<string, unknown>).sat_heating; return v; }, 422, { fieldErrors: { "answers.sat_heating": ["errors.required"] } }],
    ["a value outside its scale", () => valid({ agree_find_job: 9 }), 422, { fieldErrors: { "answers.agree_find_job": ["errors.outOfScale"] } }],
    ["an unknown item", () => valid({ shoe_size: 3 }), 422, { fieldErrors: { "answers.shoe_size": ["errors.unknownItem"] } }],
    ["a town outside the wave", () => ({ ...valid(), townId: saran }), 422, { fieldErrors: { townId: ["errors.unknownTown"] } }],
    ["a town that does not exist", () => ({ ...valid(), townId: 987_654 }), 422, { fieldErrors: { townId: ["errors.unknownTown"] } }],
    ["a town id beyond any integer column", () => ({ ...valid(), townId: 9_999_999_999 }), 422, { fieldErrors: { townId: ["errors.unknownTown"] } }],
    ["a wave id beyond any integer column", () => ({ ...valid(), waveId: 9_999_999_999 }), 404, { messageKey: "errors.unknownWave" }],
    ["a malformed UUID", () => ({ ...valid(), responseId: "1234" }), 422, { fieldErrors: { responseId: ["errors.invalidId"] } }],
    ["a forged questionnaire version", () => ({ ...valid(), questionnaireVersion: "2030.9" }), 422, { fieldErrors: { questionnaireVersion: ["errors.versionMismatch"] } }],
    ["a questionnaire version named like an object's property", () => ({ ...valid(), questionnaireVersion: "constructor" }), 422, { fieldErrors: { questionnaireVersion: ["errors.versionMismatch"] } }],
    ["an unknown wave", () => ({ ...valid(), waveId: 424_242 }), 404, { messageKey: "errors.unknownWave" }],
  ];
  for (const [name, input, status, expected] of badInputs) {
    it(`refuses ${name} with ${status} and a message key, storing nothing`, async () => {
      const before = await totalResponses();
      const result = await send(input());
      expect(result.status).toBe(status);
      expect(result.body).toMatchObject(expected);
      expect(await totalResponses()).toBe(before);
    });
  }

  it("refuses answers to a closed wave with 409 and a clear message key", async () => {
    const [closed] = await database.db.select().from(waves).where(eq(waves.slug, PREVIOUS_DEMO_WAVE_SLUG));
    const before = await totalResponses();
    const result = await send({ ...valid(), waveId: closed!.id });
    expect(result).toMatchObject({ status: 409, body: { messageKey: "errors.waveClosed" } });
    expect(await totalResponses()).toBe(before);
  });

  it("refuses a missing, wrong or replayed proof of work", async () => {
    const before = await totalResponses();
    expect(await post(valid())).toMatchObject({ status: 400, body: { messageKey: "errors.powInvalid" } });
    const pow = await proofOfWork();
    const wrong = { ...pow, solution: { ...pow.solution, counter: pow.solution!.counter + 1 } };
    expect(await post({ ...valid(), pow: wrong })).toMatchObject({ status: 400, body: { messageKey: "errors.powInvalid" } });
    expect((await post({ ...valid(), pow })).status).toBe(200);
    expect(await post({ ...valid(), pow })).toMatchObject({ status: 400, body: { messageKey: "errors.powInvalid" } });
    expect(await totalResponses()).toBe(before + 1);
  });

  it("refuses an oversized body with 413 and malformed JSON with 400", async () => {
    const before = await totalResponses();
    expect((await post(null, { raw: JSON.stringify({ ...valid(), padding: "x".repeat(70_000) }) })).status).toBe(413);
    expect((await post(null, { raw: "{not json" })).status).toBe(400);
    expect(await totalResponses()).toBe(before);
  });

  it("limits submissions per network address with 429, without storing the address", async () => {
    const { rateLimitCounters } = await import("@/db/schema");
    const { env } = await import("@/lib/env");
    const limit = env.RATE_LIMIT_PER_DAY;
    env.RATE_LIMIT_PER_DAY = 3;
    // The limit is per day in Kazakhstan: the four submissions stay in one.
    atStartOfDayInKazakhstan();
    try {
      const address = "203.0.113.9";
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await send(valid(), { address })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await send(valid(), { address: "203.0.113.10" })).status).toBe(200);
      // Without a valid proof of work nothing counts against the address.
      expect(await submitResponse({}, { address: "198.51.100.7" })).toMatchObject({ messageKey: "errors.powInvalid" });
      const rows = await database.db.select().from(rateLimitCounters);
      expect(rows.length).toBeGreaterThan(0);
      for (const text of ["203.0.113.9", "10.0.0.1", "198.51.100.7"]) expect(JSON.stringify(rows)).not.toContain(text);
    } finally {
      env.RATE_LIMIT_PER_DAY = limit;
      vi.useRealTimers();
    }
  });

  it("refuses a chunked body past the limit while reading it", async () => {
    const big = new TextEncoder().encode(JSON.stringify({ ...valid(), padding: "x".repeat(80_000) }));
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < big.length; i += 8_192) controller.enqueue(big.slice(i, i + 8_192));
        controller.close();
      },
    });
    const request = new Request("http://localhost/api/responses", { method: "POST", body, duplex: "half" } as RequestInit);
    expect((await POST(request)).status).toBe(413);
  });

  it("takes a single-use invitation code once, and records no link to the response", async () => {
    await database.db.update(waves).set({ requiresInvitation: true }).where(eq(waves.id, waveId));
    try {
      await database.db.insert(invitationCodes).values({ waveId, codeHash: hashInvitationCode("QP-7777") });
      const without = await send(valid());
      expect(without).toMatchObject({ status: 422, body: { fieldErrors: { invitationCode: ["errors.invitationInvalid"] } } });
      expect((await send({ ...valid(), invitationCode: "qp-7777" })).status).toBe(200);
      const reused = await send({ ...valid(), invitationCode: "QP-7777" });
      expect(reused).toMatchObject({ status: 422, body: { fieldErrors: { invitationCode: ["errors.invitationInvalid"] } } });
      expect((await send({ ...valid(), invitationCode: "NOPE" })).status).toBe(422);
      // A used code leaves no row behind that could be matched to the response.
      expect(await database.db.select().from(invitationCodes).where(eq(invitationCodes.waveId, waveId))).toEqual([]);
    } finally {
      await database.db.update(waves).set({ requiresInvitation: false }).where(eq(waves.id, waveId));
    }
  });
});
