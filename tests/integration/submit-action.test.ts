import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitResponse } from "@/app/[locale]/(resident)/survey/[wave]/actions";
import { responses, towns, waves } from "@/db/schema";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/db/seed";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { completeAnswers } from "../fixtures";
import { freshDatabase } from "./database";

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let waveId: number;
let ridder: number;
let saran: number;

beforeAll(async () => {
  database = await freshDatabase();
  // The action reaches the database through getDb(), which reads this per-process cache.
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

const valid = () => ({
  responseId: randomUUID(),
  waveId,
  townId: ridder,
  locale: "ru",
  questionnaireVersion: latestQuestionnaireVersion,
  answers: completeAnswers(questionnaire),
});

async function totalResponses() {
  return (await database.db.select({ n: count() }).from(responses))[0]!.n;
}

describe("the submitResponse server action", () => {
  it("stores a valid response once, however often it is sent", async () => {
    const input = valid();
    const before = await totalResponses();
    expect(await submitResponse(input)).toEqual({ status: "ok" });
    expect(await submitResponse(input)).toEqual({ status: "ok" });
    expect(await totalResponses()).toBe(before + 1);
  });

  const badInputs: Array<[string, () => unknown, Record<string, string[]> | string]> = [
    ["a missing required answer", () => { const v = valid(); delete (v.answers as Record<string, number>).sat_heating; return v; }, { "answers.sat_heating": ["errors.required"] }],
    ["a value outside its scale", () => ({ ...valid(), answers: { ...valid().answers, agree_find_job: 9 } }), { "answers.agree_find_job": ["errors.outOfScale"] }],
    ["an unknown item", () => ({ ...valid(), answers: { ...valid().answers, shoe_size: 3 } }), { "answers.shoe_size": ["errors.unknownItem"] }],
    ["a town outside the wave", () => ({ ...valid(), townId: saran }), { townId: ["errors.unknownTown"] }],
    ["a town that does not exist", () => ({ ...valid(), townId: 987_654 }), { townId: ["errors.unknownTown"] }],
    ["a malformed UUID", () => ({ ...valid(), responseId: "1234" }), { responseId: ["errors.invalidId"] }],
    ["a forged questionnaire version", () => ({ ...valid(), questionnaireVersion: "2030.9" }), { questionnaireVersion: ["errors.versionMismatch"] }],
    ["an unknown wave", () => ({ ...valid(), waveId: 424_242 }), "errors.unknownWave"],
    ["no object at all", () => "DROP TABLE responses", "errors.unknownWave"],
  ];

  for (const [name, input, expected] of badInputs) {
    it(`refuses ${name} with a message key and stores nothing`, async () => {
      const before = await totalResponses();
      const result = await submitResponse(input());
      if (typeof expected === "string") expect(result).toEqual({ status: "error", messageKey: expected });
      else expect(result).toEqual({ status: "invalid", fieldErrors: expected });
      expect(await totalResponses()).toBe(before);
    });
  }
});
