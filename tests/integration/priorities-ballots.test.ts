import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getChallenge } from "@/app/api/challenge/route";
import { POST } from "@/app/api/responses/route";
import { answers, priorities, priorityBallots, priorityElections, responses, towns, waves } from "@/db/schema";
import { DEMO_WAVE_SLUG, PREVIOUS_DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { completeAnswers } from "../fixtures";
import { freshDatabase } from "./database";

/*
 * The priorities step travels in the response (issue 11): a ballot is checked against the
 * election of the response's own wave and town, refused with 422 and nothing stored, or
 * stored once with the response, however often the phone sends it.
 */

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let waveId: number;
let previousWaveId: number;
const town: Record<string, number> = {};
/** Priority ids by name: ridder's (approval, up to 2), kurchatov's (budget 100), and one of ridder's in the previous wave. */
const id: Record<string, number> = {};

async function addPriority(wave: number, townId: number, name: string, cost: number | null) {
  const text = { kk: name, ru: name, en: name };
  const [row] = await database.db.insert(priorities).values({ waveId: wave, townId, title: text, description: text, cost, areaId: "jobs" }).returning({ id: priorities.id });
  id[name] = row!.id;
}

beforeAll(async () => {
  database = await freshDatabase();
  // The route reaches the database through getDb(), which reads this per-process cache.
  (globalThis as { qalaConnection?: Promise<unknown> }).qalaConnection = Promise.resolve(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 0 });
  const db = database.db;
  // This file sets up its own priorities: without the demo's (scripts/seed/priorities.ts).
  await database.db.delete(priorityElections);
  waveId = (await db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG)))[0]!.id;
  previousWaveId = (await db.select().from(waves).where(eq(waves.slug, PREVIOUS_DEMO_WAVE_SLUG)))[0]!.id;
  for (const code of ["ridder", "altai", "kurchatov", "serebryansk"]) town[code] = (await db.select().from(towns).where(eq(towns.code, code)))[0]!.id;
  await db.insert(priorityElections).values([
    { waveId, townId: town.ridder!, rule: "approval", maxChoices: 2 },
    { waveId, townId: town.altai!, rule: "approval", maxChoices: 3 },
    { waveId, townId: town.kurchatov!, rule: "budget", budget: 100 },
    { waveId: previousWaveId, townId: town.ridder!, rule: "approval", maxChoices: 3 },
  ]);
  for (const name of ["park", "road", "clinic"]) await addPriority(waveId, town.ridder!, name, null);
  await addPriority(waveId, town.altai!, "altaiSchool", null);
  await addPriority(waveId, town.kurchatov!, "bridge", 70);
  await addPriority(waveId, town.kurchatov!, "library", 40);
  await addPriority(waveId, town.kurchatov!, "bench", 30);
  await addPriority(previousWaveId, town.ridder!, "oldPark", null);
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

const response = (townCode: string, choices?: number[]) => ({
  responseId: randomUUID(),
  waveId,
  townId: town[townCode],
  locale: "ru",
  questionnaireVersion: latestQuestionnaireVersion,
  answers: completeAnswers(questionnaire, { employment: 1, plan_leave_2y: 1 }),
  ...(choices ? { priorities: choices } : {}),
});

async function send(input: object) {
  const request = new Request("http://localhost/api/responses", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "10.0.0.7" },
    body: JSON.stringify({ ...input, pow: await proofOfWork() }),
  });
  const answer = await POST(request);
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
}

/** Everything a submission could write. */
async function stored() {
  const db = database.db;
  const [r] = await db.select({ n: count() }).from(responses);
  const [a] = await db.select({ n: count() }).from(answers);
  const ballots = await db.select().from(priorityBallots);
  return { responses: r!.n, answers: a!.n, ballots: ballots.length };
}

async function ballotOf(responseId: string) {
  return (await database.db.select().from(priorityBallots).where(eq(priorityBallots.responseId, responseId)))[0];
}

describe("a ballot in the response", () => {
  it("is stored once with the response, however often the phone sends it", async () => {
    const input = response("ridder", [id.road!, id.park!]);
    const before = await stored();
    expect(await send(input)).toEqual({ status: 200, body: { status: "ok" } });
    expect(await send(input)).toEqual({ status: 200, body: { status: "ok" } });
    const after = await stored();
    expect(after.responses).toBe(before.responses + 1);
    expect(after.ballots).toBe(before.ballots + 1);
    // The chosen ids, each once, in ascending order: nothing about when or in which order they were ticked.
    expect((await ballotOf(input.responseId))?.choices).toEqual([id.park!, id.road!].sort((a, b) => a - b));
  });

  it("stores a step answered with nothing chosen as an empty ballot, and a skipped step as none", async () => {
    const none = response("ridder", []);
    const skippedStep = response("ridder");
    expect((await send(none)).status).toBe(200);
    expect((await send(skippedStep)).status).toBe(200);
    expect((await ballotOf(none.responseId))?.choices).toEqual([]);
    expect(await ballotOf(skippedStep.responseId)).toBeUndefined();
    expect((await database.db.select().from(responses).where(eq(responses.id, skippedStep.responseId))).length).toBe(1);
  });

  it("accepts a budget ballot that fits the budget exactly", async () => {
    const input = response("kurchatov", [id.bridge!, id.bench!]);
    expect((await send(input)).status).toBe(200);
    expect((await ballotOf(input.responseId))?.choices).toHaveLength(2);
  });
});

describe("a ballot that breaks the rules is refused with 422 and nothing of the response is stored", () => {
  const cases: Array<[string, () => ReturnType<typeof response>, string]> = [
    ["a priority of another town", () => response("ridder", [id.park!, id.altaiSchool!]), "priorities.errors.unknown"],
    ["a priority of another wave", () => response("ridder", [id.oldPark!]), "priorities.errors.unknown"],
    ["an id no priority has", () => response("ridder", [2_000_000_000]), "priorities.errors.unknown"],
    ["more choices than allowed", () => response("ridder", [id.park!, id.road!, id.clinic!]), "priorities.errors.tooMany"],
    ["over the budget", () => response("kurchatov", [id.bridge!, id.library!]), "priorities.errors.overBudget"],
    ["a ballot for a town with no election", () => response("serebryansk", []), "priorities.errors.noElection"],
  ];
  for (const [name, make, key] of cases) {
    it(`${name}: ${key}`, async () => {
      const input = make();
      const before = await stored();
      expect(await send(input)).toEqual({ status: 422, body: { status: "invalid", fieldErrors: { priorities: [key] } } });
      expect(await stored()).toEqual(before);
      expect((await database.db.select().from(responses).where(eq(responses.id, input.responseId))).length).toBe(0);
    });
  }

  it("ids that are not whole positive numbers fail the response's own schema", async () => {
    const before = await stored();
    const result = await send({ ...response("ridder"), priorities: ["park", -1] });
    expect(result.status).toBe(422);
    expect(Object.values(result.body.fieldErrors as Record<string, string[]>).flat()).toContain("priorities.errors.unknown");
    expect(await stored()).toEqual(before);
  });

  it("a refused ballot sent again corrected is stored, once", async () => {
    const input = response("ridder", [id.park!, id.road!, id.clinic!]);
    expect((await send(input)).status).toBe(422);
    const corrected = { ...input, priorities: [id.clinic!] };
    const before = await stored();
    expect((await send(corrected)).status).toBe(200);
    expect((await send(corrected)).status).toBe(200);
    expect(await stored()).toMatchObject({ responses: before.responses + 1, ballots: before.ballots + 1 });
    expect((await ballotOf(input.responseId))?.choices).toEqual([id.clinic!]);
  });
});
