import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamWaveResponses, type ExportRow } from "@/db/queries/export";
import { recordResponse } from "@/db/queries/responses";
import { towns, waves } from "@/db/schema";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/db/seed";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { completeAnswers } from "../fixtures";
import { freshDatabase } from "./database";

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let waveId: number;

async function exportAll(k: number): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  for await (const batch of streamWaveResponses({ db: database.db, waveId, items: questionnaire.items, k })) rows.push(...batch);
  return rows;
}

beforeAll(async () => {
  database = await freshDatabase();
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 0 });
  waveId = (await database.db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG)))[0]!.id;
  const [ridder] = await database.db.select().from(towns).where(eq(towns.code, "ridder"));
  const [altai] = await database.db.select().from(towns).where(eq(towns.code, "altai"));
  // Twelve women aged 30–44 in Ridder, one man aged 60+ in Ridder, three people in Altai.
  const send = (townId: number, answers: Record<string, number>) =>
    recordResponse({
      db: database.db,
      submission: { responseId: randomUUID(), waveId, townId, locale: "kk", questionnaireVersion: latestQuestionnaireVersion, answers },
    });
  for (let i = 0; i < 12; i++) await send(ridder!.id, completeAnswers(questionnaire, { age_band: 2, sex: 1, life_satisfaction: i % 11 }) as Record<string, number>);
  await send(ridder!.id, completeAnswers(questionnaire, { age_band: 4, sex: 2, life_satisfaction: 3, employment: 3, obstacle_finance: 4 }) as Record<string, number>);
  for (let i = 0; i < 3; i++) await send(altai!.id, completeAnswers(questionnaire, { age_band: 1, sex: 2 }) as Record<string, number>);
});
afterAll(() => database.drop());

describe("the response export", () => {
  it("has one row per response with coded answers and the month, never an id or a day", async () => {
    const rows = await exportAll(10);
    expect(rows).toHaveLength(16);
    expect(rows.every((row) => /^\d{4}-\d{2}$/.test(row.month))).toBe(true);
    expect(Object.keys(rows[0]!)).toEqual(["town", "locale", "questionnaireVersion", "month", "isDemo", "answers"]);
    expect(rows.filter((row) => row.answers.life_satisfaction === 3)).toHaveLength(2);
  });

  it("blanks quasi-identifiers on rows whose combination occurs fewer than k times, and small towns", async () => {
    const rows = await exportAll(10);
    const women = rows.filter((row) => row.answers.sex === 1);
    expect(women).toHaveLength(12);
    expect(women.every((row) => row.town === "ridder" && row.answers.age_band === 2)).toBe(true);
    const lone = rows.filter((row) => row.town === "ridder" && row.answers.sex === null);
    expect(lone).toHaveLength(1);
    expect(lone[0]!.answers.age_band).toBeNull();
    // The lone business owner: the business questions would give the blanked job away.
    expect(lone[0]!.answers.employment).toBeNull();
    expect(lone[0]!.answers.obstacle_finance).toBeNull();
    const small = rows.filter((row) => row.town === null);
    expect(small).toHaveLength(3);
    expect(small.every((row) => row.answers.age_band === null && row.answers.sex === null)).toBe(true);
  });

  it("gives the same rows in the same order every time", async () => {
    expect(JSON.stringify(await exportAll(3))).toBe(JSON.stringify(await exportAll(3)));
  });

  it("stops reading when the consumer stops early", async () => {
    const stream = streamWaveResponses({ db: database.db, waveId, items: questionnaire.items, k: 3 });
    const first = await stream.next();
    expect(first.done).toBe(false);
    await stream.return(undefined);
    // The cursor's transaction has ended: the database takes new work at once.
    expect((await exportAll(3)).length).toBe(16);
  });
});
