import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getChallenge } from "@/app/api/challenge/route";
import { POST } from "@/app/api/responses/route";
import { recordResponse } from "@/server/submissions/record";
import { responses, towns, waves } from "@/db/schema";
import { runAction } from "@/lib/action";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import type { ResponseSubmission } from "@/lib/survey/response-schema";
import { completeAnswers } from "../fixtures";
import { freshDatabase } from "./database";

/*
 * Issue 12, point 2: a NUL or half an emoji in a free-text answer used to reach Postgres,
 * which refused the statement (HTTP 500, the phone resending every half minute) and whose
 * message, answers and all, went to the log. Now the route answers 422 at the field, stores
 * nothing, and prints nothing of what the resident wrote.
 */
const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
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
afterAll(async () => {
  delete (globalThis as { qalaConnection?: unknown }).qalaConnection;
  await database.drop();
});
afterEach(() => vi.restoreAllMocks());

// Words a resident might write that must never reach a log, each distinctive enough to find.
const SECRET = "Мой сосед Иван Петров с улицы Ленина 5 QALA-CANARY-7f3a";

const submission = (oneChange: string) => ({
  responseId: randomUUID(),
  waveId,
  townId: ridder,
  locale: "ru",
  questionnaireVersion: latestQuestionnaireVersion,
  answers: completeAnswers(questionnaire, { employment: 1, plan_leave_2y: 1, one_change: oneChange }),
});

/** Sends the JSON text as a phone would, with a solved proof of work spliced in. */
async function postRaw(json: string) {
  const challenge = (await (await getChallenge()).json()) as Challenge;
  const pow = { challenge, solution: await solveChallenge({ challenge, deriveKey }) };
  const body = `${json.slice(0, -1)},"pow":${JSON.stringify(pow)}}`;
  const response = await POST(new Request("http://localhost/api/responses", { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "10.9.0.1" }, body }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Everything printed while `run` runs: console and the process's own streams. */
async function captureLogs<T>(run: () => Promise<T>): Promise<{ result: T; printed: string }> {
  const printed: string[] = [];
  const keep = (...args: unknown[]) => void printed.push(args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack} ${JSON.stringify(arg.cause ?? "")}` : typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
  for (const method of ["log", "info", "warn", "error", "debug"] as const) vi.spyOn(console, method).mockImplementation(keep);
  for (const stream of [process.stdout, process.stderr]) vi.spyOn(stream, "write").mockImplementation((chunk: unknown) => (keep(String(chunk)), true));
  const result = await run();
  return { result, printed: printed.join("\n") };
}

async function stored(responseId: string) {
  return (await database.db.select({ n: count() }).from(responses).where(eq(responses.id, responseId)))[0]!.n;
}

describe("a free-text answer Postgres cannot hold", () => {
  // As JSON text: "\u0000" and a lone "\ud83d" are what a phone's JSON.stringify sends.
  const cases: Array<[string, string]> = [
    ["a NUL character", `${SECRET}\\u0000`],
    ["a lone high surrogate (half an emoji)", `${SECRET} \\ud83d`],
    ["a lone low surrogate", `\\ude00${SECRET}`],
  ];

  it.each(cases)("with %s: 422 with the field's error, nothing stored, nothing of the answer logged", async (_name, escaped) => {
    const input = submission("PLACEHOLDER");
    const json = JSON.stringify(input).replace('"PLACEHOLDER"', `"${escaped}"`);
    const { result, printed } = await captureLogs(() => postRaw(json));
    expect(result).toEqual({ status: 422, body: { status: "invalid", fieldErrors: { "answers.one_change": ["errors.unsafeText"] } } });
    expect(await stored(input.responseId)).toBe(0);
    expect(printed).not.toContain("QALA-CANARY-7f3a");
    expect(printed).not.toContain("Иван Петров");
  });

  it("the same answer, fixed, is stored under the same response id", async () => {
    const input = submission("PLACEHOLDER");
    const refused = await postRaw(JSON.stringify(input).replace('"PLACEHOLDER"', `"${SECRET}\\u0000"`));
    expect(refused.status).toBe(422);
    const fixed = await postRaw(JSON.stringify({ ...input, answers: { ...input.answers, one_change: SECRET } }));
    expect(fixed).toEqual({ status: 200, body: { status: "ok" } });
    expect(await stored(input.responseId)).toBe(1);
  });

  it("had it slipped past the schema, the database's refusal would be logged without the answer (the capture does see logs)", async () => {
    // Straight to the store, as the route did before the check: Postgres refuses the NUL.
    const input = { ...submission(`${SECRET}\u0000`), waveId, townId: ridder } as unknown as ResponseSubmission;
    const { result, printed } = await captureLogs(() => runAction("submitResponse", () => recordResponse({ db: database.db, submission: input }).then(() => ({ status: "ok" as const }))));
    expect(result).toMatchObject({ status: "error", messageKey: "errors.unexpected", httpStatus: 500 });
    expect(printed).toContain("submitResponse failed");
    expect(printed).not.toContain("QALA-CANARY-7f3a");
    expect(printed).not.toContain("Иван Петров");
  });
});
