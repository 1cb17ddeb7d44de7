import { randomUUID } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { recordResponse } from "@/server/submissions/record";
import { getItemCounts } from "@/db/queries/rollups";
import { getWaveTownCounts as getWaveTowns } from "@/db/queries/rollups";
import { answers, responses, towns, waves, waveTowns } from "@/db/schema";
import { daysFrom, demoAnswers } from "@/scripts/seed/demo";
import { getQuestionnaire, itemRules, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { withoutHidden } from "@/lib/survey/skip-logic";
import { completeAnswers, uniqueName } from "../fixtures";
import { freshDatabase } from "./database";
import { todayInKazakhstan } from "@/lib/time";

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
// Items a complete answer set leaves asked: skip logic hides the rest, and the server drops them.
const askedItems = Object.keys(withoutHidden(itemRules(questionnaire), completeAnswers(questionnaire))).length;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let db: Db;
let openWave: number;
let closedWave: number;
let memberTown: number;
let otherTown: number;

async function makeTown() {
  const code = uniqueName("town");
  const [town] = await db
    .insert(towns)
    .values({ code, name: { kk: code, ru: code, en: code }, region: { kk: "", ru: "", en: "" }, mainIndustry: { kk: "", ru: "", en: "" } })
    .returning();
  return town!.id;
}

async function makeWave(status: "open" | "closed", townIds: number[], questionnaireVersion = latestQuestionnaireVersion) {
  const today = todayInKazakhstan();
  const [wave] = await db
    .insert(waves)
    .values({
      slug: uniqueName("wave"),
      name: { kk: "w", ru: "w", en: "w" },
      questionnaireVersion,
      opensOn: daysFrom(today, -10),
      closesOn: daysFrom(today, status === "open" ? 10 : -1),
      status,
    })
    .returning();
  await db.insert(waveTowns).values(townIds.map((townId) => ({ waveId: wave!.id, townId })));
  return wave!.id;
}

const submission = (overrides: Partial<Parameters<typeof recordResponse>[0]["submission"]> = {}) => ({
  responseId: randomUUID(),
  waveId: openWave,
  townId: memberTown,
  locale: "ru" as const,
  questionnaireVersion: latestQuestionnaireVersion,
  answers: completeAnswers(questionnaire, { agree_find_job: 2 }) as Record<string, number>,
  ...overrides,
});

async function storedCount(responseId: string) {
  const [row] = await db.select({ n: count() }).from(responses).where(eq(responses.id, responseId));
  const [answerRow] = await db.select({ n: count() }).from(answers).where(eq(answers.responseId, responseId));
  return { responses: row!.n, answers: answerRow!.n };
}

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  memberTown = await makeTown();
  otherTown = await makeTown();
  openWave = await makeWave("open", [memberTown]);
  closedWave = await makeWave("closed", [memberTown]);
});
afterAll(() => database.drop());

describe("recordResponse", () => {
  it("stores the response, its answers and the rollup counts; no time of day is kept", async () => {
    const input = submission();
    const before = (await getItemCounts({ db, waveId: openWave, townId: memberTown })).get("agree_find_job")?.get(2) ?? 0;
    expect(await recordResponse({ db, submission: input })).toBe("stored");
    expect(await storedCount(input.responseId)).toEqual({ responses: 1, answers: askedItems });
    const after = (await getItemCounts({ db, waveId: openWave, townId: memberTown })).get("agree_find_job")?.get(2);
    expect(after).toBe(before + 1);
    const [row] = await db.select().from(responses).where(eq(responses.id, input.responseId));
    expect(row!.submittedOn).toBe(todayInKazakhstan());
    expect(row!.locale).toBe("ru");
  });

  it("acknowledges the same response sent again and stores it once", async () => {
    const input = submission();
    expect(await recordResponse({ db, submission: input })).toBe("stored");
    expect(await recordResponse({ db, submission: input })).toBe("duplicate");
    expect(await storedCount(input.responseId)).toEqual({ responses: 1, answers: askedItems });
  });

  it("stores a response sent 20 times at once exactly once, and counts it once", async () => {
    const input = submission({ townId: memberTown });
    const townCount = async () => (await getWaveTowns({ db, waveId: openWave })).find((town) => town.id === memberTown)!.responses;
    const before = await townCount();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => recordResponse({ db, submission: input })));
    expect(outcomes.filter((o) => o === "stored")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(19);
    expect(await storedCount(input.responseId)).toEqual({ responses: 1, answers: askedItems });
    expect(await townCount()).toBe(before + 1);
  });

  it("stores 60 different residents sent at once, with every rollup adding up to the stored answers", async () => {
    // Overlapping rollup rows in different combinations: the case where concurrent
    // statements could wait on, or deadlock over, each other's row locks.
    const town = await makeTown();
    const wave = await makeWave("open", [town]);
    let state = 7;
    const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    const inputs = Array.from({ length: 60 }, () => submission({ waveId: wave, townId: town, answers: demoAnswers(next, 0.4) }));
    const outcomes = await Promise.all(inputs.map((input) => recordResponse({ db, submission: input })));
    expect(outcomes.every((outcome) => outcome === "stored")).toBe(true);

    const totals = async (query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: Array<{ item_id: string; value: number; n: number }> }).rows.map((row) => `${row.item_id}=${row.value}:${row.n}`).sort();
    const fromAnswers = await totals(sql`select a.item_id, a.value, count(*)::int as n from answers a join responses r on r.id = a.response_id where r.wave_id = ${wave} group by 1, 2`);
    expect(fromAnswers.length).toBeGreaterThan(50);
    expect(await totals(sql`select item_id, value, sum(responses)::int as n from answer_counts where wave_id = ${wave} group by 1, 2`)).toEqual(fromAnswers);
    expect(await totals(sql`select item_id, value, sum(responses)::int as n from answer_group_counts where wave_id = ${wave} group by 1, 2`)).toEqual(fromAnswers);
    // The weighting's stratum rollup: the breakdown rollup summed over employment, for respondents who gave age and sex.
    const strata = (query: ReturnType<typeof sql>) => totals(query);
    expect(await strata(sql`select item_id || '/' || age_band || '/' || sex as item_id, value, responses as n from answer_stratum_counts where wave_id = ${wave}`)).toEqual(
      await strata(sql`select item_id || '/' || age_band || '/' || sex as item_id, value, sum(responses)::int as n from answer_group_counts where wave_id = ${wave} and age_band > 0 and sex > 0 group by 1, 2`),
    );
    expect((await getWaveTowns({ db, waveId: wave })).find((row) => row.id === town)!.responses).toBe(60);
  });

  it("refuses a closed wave, a town outside the wave, an unknown wave and a forged version, storing nothing", async () => {
    const cases: Array<[Partial<ReturnType<typeof submission>>, string]> = [
      [{ waveId: closedWave }, "errors.waveClosed"],
      [{ townId: otherTown }, "errors.unknownTown"],
      [{ waveId: 999_999 }, "errors.unknownWave"],
      [{ questionnaireVersion: "1999.9" }, "errors.versionMismatch"],
    ];
    for (const [override, messageKey] of cases) {
      const input = submission(override);
      await expect(recordResponse({ db, submission: input })).rejects.toMatchObject({ messageKey });
      expect(await storedCount(input.responseId)).toEqual({ responses: 0, answers: 0 });
    }
  });

  it("keeps a 2026.1 wave taking 2026.1 answers, and refuses a 2026.2 answer there (and a 2026.1 one on a 2026.2 wave) with 409, storing nothing", async () => {
    const v1 = getQuestionnaire("2026.1")!;
    const v2 = getQuestionnaire("2026.2")!;
    expect(latestQuestionnaireVersion).toBe("2026.2");
    const oldWave = await makeWave("open", [memberTown], "2026.1");
    const accepted = submission({ waveId: oldWave, questionnaireVersion: "2026.1", answers: completeAnswers(v1) as Record<string, number> });
    await expect(recordResponse({ db, submission: accepted })).resolves.toBe("stored");
    expect((await storedCount(accepted.responseId)).responses).toBe(1);
    // 2026.1 answers are read against 2026.1: its split item is stored, 2026.2's new ones are not asked.
    const [stored] = (await db.execute(sql`select count(*)::int as n from answers where response_id = ${accepted.responseId} and item_id = 'sat_admin_services'`) as unknown as { rows: Array<{ n: number }> }).rows;
    expect(stored!.n).toBe(1);

    const cases = [
      submission({ waveId: oldWave, questionnaireVersion: "2026.2", answers: completeAnswers(v2) as Record<string, number> }),
      submission({ waveId: openWave, questionnaireVersion: "2026.1", answers: completeAnswers(v1) as Record<string, number> }),
    ];
    for (const input of cases) {
      await expect(recordResponse({ db, submission: input })).rejects.toMatchObject({ messageKey: "errors.versionMismatch", status: 409, field: "questionnaireVersion" });
      expect(await storedCount(input.responseId)).toEqual({ responses: 0, answers: 0 });
    }
  });

  it("leaves no half-written response when an answer cannot be stored", async () => {
    const input = submission({ answers: { ...completeAnswers(questionnaire), sat_heating: 70_000 } });
    await expect(recordResponse({ db, submission: input })).rejects.toThrow();
    expect(await storedCount(input.responseId)).toEqual({ responses: 0, answers: 0 });
    const result = await db.execute(sql`select count(*)::int as total from answer_counts where value = 70000`);
    expect((result as unknown as { rows: Array<{ total: number }> }).rows[0]!.total).toBe(0);
  });
});
