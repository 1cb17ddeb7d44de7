import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getChallenge } from "@/app/api/challenge/route";
import { POST } from "@/app/api/responses/route";
import { responses, towns, waves } from "@/db/schema";
import { DEMO_WAVE_SLUG, PREVIOUS_DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { completeAnswers } from "../fixtures";
import { freshDatabase } from "./database";
import { forgetCachedDayKey, submissionBucket } from "@/server/abuse/address-bucket";
import { todayInKazakhstan } from "@/lib/time";

/*
 * Capacity (issue 12, point 9): a resident's submission costs the database two statements,
 * the rate limit with the spent challenge and the write that checks the wave's rules itself.
 * Counted at the driver, whichever it is (PGlite, node-postgres, Vercel's), as every
 * statement drizzle sends goes through the client's `query`.
 */
const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let waveId: number;
let closedWaveId: number;
let ridder: number;
let statements = 0;

beforeAll(async () => {
  database = await freshDatabase();
  (globalThis as { qalaConnection?: Promise<unknown> }).qalaConnection = Promise.resolve(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 0 });
  waveId = (await database.db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG)))[0]!.id;
  closedWaveId = (await database.db.select().from(waves).where(eq(waves.slug, PREVIOUS_DEMO_WAVE_SLUG)))[0]!.id;
  ridder = (await database.db.select().from(towns).where(eq(towns.code, "ridder")))[0]!.id;
  // A process reads the day's rate-limit key once a day and keeps it: not a submission's cost.
  forgetCachedDayKey();
  await submissionBucket({ db: database.db, address: "10.9.0.1", day: todayInKazakhstan() });
  const client = (database.db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
  const query = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    statements++;
    return query(...args);
  };
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  delete (globalThis as { qalaConnection?: unknown }).qalaConnection;
  await database.drop();
});

const valid = (override: Record<string, unknown> = {}) => ({
  responseId: randomUUID(),
  waveId,
  townId: ridder,
  locale: "kk",
  questionnaireVersion: latestQuestionnaireVersion,
  answers: completeAnswers(questionnaire, { employment: 1, plan_leave_2y: 1 }),
  ...override,
});

/** Posts with a solved proof of work; returns the HTTP status and how many statements the submission ran. */
async function submit(body: object) {
  const challenge = (await (await getChallenge()).json()) as Challenge;
  const pow = { challenge, solution: await solveChallenge({ challenge, deriveKey }) };
  // The now-and-then cleanup of old rate-limit windows is not part of a submission's cost.
  vi.spyOn(Math, "random").mockReturnValue(0.5);
  const before = statements;
  const response = await POST(
    new Request("http://localhost/api/responses", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "10.9.0.1" },
      body: JSON.stringify({ ...body, pow }),
    }),
  );
  const ran = statements - before;
  vi.restoreAllMocks();
  return { status: response.status, statements: ran };
}

const storedTimes = async (id: string) => (await database.db.select({ n: count() }).from(responses).where(eq(responses.id, id)))[0]!.n;

describe("the statements one submission costs", () => {
  it("stores a new response in two statements", async () => {
    const input = valid();
    expect(await submit(input)).toEqual({ status: 200, statements: 2 });
    expect(await storedTimes(input.responseId)).toBe(1);
  });

  it("acknowledges a repeat with one read more, and stores it once", async () => {
    const input = valid();
    await submit(input);
    expect(await submit(input)).toEqual({ status: 200, statements: 3 });
    expect(await storedTimes(input.responseId)).toBe(1);
  });

  it("finds out why only when nothing was stored: a closed wave is refused with 409 in three", async () => {
    const input = valid({ waveId: closedWaveId });
    expect(await submit(input)).toEqual({ status: 409, statements: 3 });
    expect(await storedTimes(input.responseId)).toBe(0);
  });
});
