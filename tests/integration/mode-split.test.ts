import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/v1/waves/[wave]/export/route";
import { GET as codebookRoute } from "@/app/api/v1/waves/[wave]/codebook/route";
import { rowsOf } from "@/db/client";
import { insertResponse, shardOf } from "@/db/queries/responses";
import { getTownResponseCount } from "@/db/queries/rollups";
import { createStaffUser } from "@/db/queries/staff";
import { getWaveTownContext } from "@/db/queries/waves";
import { fieldworkAssignments, interviews, towns, waves, waveTowns } from "@/db/schema";
import { MODES } from "@/lib/fieldwork/mode";
import { QUASI_CHOICES, type ExportRow } from "@/lib/export/types";
import { getQuestionnaire } from "@/lib/survey/questionnaire";
import { microdataTable, aggregateTables } from "@/server/export/tables";
import { loadTownDashboard } from "@/server/results/dashboard";
import { throughGate } from "@/server/results/gate";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { completeAnswers } from "../fixtures";
import { createStaffSessions, forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

/*
 * Issue 14, point 2: every figure can be split by mode (self-completed online, face to face),
 * with the same disclosure control; mode is in the microdata as a quasi-identifier; a
 * rejected interview leaves every export, and nothing of fieldwork (interviewer,
 * assignment, duration, flags) is in any export's bytes.
 */
let database: Awaited<ReturnType<typeof freshDatabase>>;
let sessions: Awaited<ReturnType<typeof createStaffSessions>>;
const k = 10;
const PER_TOWN = 30;
/** Face-to-face interviews in Ridder (one of them rejected below) and in Altai (below k). */
const RIDDER_INTERVIEWS = 12;
const ALTAI_INTERVIEWS = 3;
const INTERVIEWER_EMAIL = "zhanar.interviewer-7q3@test.qala";
const INTERVIEWER_NAME = "Zhanar Fieldworkova";
const KEPT_TEXT = "kept-interview-text-5f1c";
const REJECTED_TEXT = "rejected-interview-text-9b2e";
let interviewerId = "";
let rejectedId = "";
let waveId = 0;
const townIds: Record<string, number> = {};

type Db = typeof database.db;

/** Stores a face-to-face response through insertResponse (mode 2), with its interviews row. */
async function interview(db: Db, { town, favourable, text, assignmentId }: { town: string; favourable: boolean; text?: string; assignmentId: number }) {
  const [wave] = await db.select().from(waves).where(eq(waves.id, waveId));
  const questionnaire = getQuestionnaire(wave!.questionnaireVersion)!;
  const textItem = questionnaire.items.find((item) => item.kind === "text")!;
  const answers = completeAnswers(questionnaire, { agree_find_job: favourable ? 4 : 1, age_band: 4, sex: 2 });
  const coded = Object.entries(answers)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number")
    .sort(([a], [b]) => a.localeCompare(b));
  const responseId = randomUUID();
  const stored = await insertResponse({
    db,
    submission: { responseId, waveId, townId: townIds[town]!, locale: "kk", questionnaireVersion: questionnaire.version, answers },
    coded,
    texts: text ? [[textItem.id, text]] : [],
    day: wave!.opensOn,
    isDemo: false,
    acceptClosedWave: true,
    mode: MODES.faceToFace,
  });
  expect(stored).toBe(true);
  await db.insert(interviews).values({ responseId, interviewerId, assignmentId, durationSeconds: 1234, consentGiven: true, ageBand: 4, sex: 2, speeding: true });
  return responseId;
}

/**
 * What C's reviewInterview does on a reject, written here as the contract says: one
 * statement marks the interview and the response and takes the response's counts out of
 * every rollup (at its shard, with its group and mode 2).
 */
async function reject(db: Db, responseId: string) {
  const shard = shardOf(responseId);
  await db.execute(sql`
    with r as (
      update responses set rejected = true where id = ${responseId}::uuid and not rejected
      returning wave_id, town_id, mode, case when is_demo then 1 else 0 end as demo
    ),
    a as (select item_id, value from answers where response_id = ${responseId}::uuid),
    g as (
      select coalesce(max(value) filter (where item_id = 'age_band'), 0) as age_band,
             coalesce(max(value) filter (where item_id = 'sex'), 0) as sex,
             coalesce(max(value) filter (where item_id = 'employment'), 0) as employment
      from answers where response_id = ${responseId}::uuid
    ),
    c as (
      update answer_counts c set responses = c.responses - 1, demo_responses = c.demo_responses - r.demo
      from r, a where c.wave_id = r.wave_id and c.town_id = r.town_id and c.item_id = a.item_id and c.value = a.value and c.shard = ${shard}
    ),
    gc as (
      update answer_group_counts c set responses = c.responses - 1, demo_responses = c.demo_responses - r.demo
      from r, a, g where c.wave_id = r.wave_id and c.town_id = r.town_id and c.item_id = a.item_id and c.value = a.value
        and c.age_band = g.age_band and c.sex = g.sex and c.employment = g.employment and c.mode = r.mode
    ),
    sc as (
      update answer_stratum_counts c set responses = c.responses - 1, demo_responses = c.demo_responses - r.demo
      from r, a, g where c.wave_id = r.wave_id and c.town_id = r.town_id and c.item_id = a.item_id and c.value = a.value
        and c.age_band = g.age_band and c.sex = g.sex
    ),
    q as (
      update quota_cell_counts c set responses = c.responses - 1, demo_responses = c.demo_responses - r.demo
      from r, g where c.wave_id = r.wave_id and c.town_id = r.town_id and c.age_band = g.age_band and c.sex = g.sex and c.mode = r.mode and c.shard = ${shard}
    ),
    t as (
      update town_response_counts c set responses = c.responses - 1, demo_responses = c.demo_responses - r.demo
      from r where c.wave_id = r.wave_id and c.town_id = r.town_id and c.shard = ${shard}
    )
    update interviews set status = 'rejected', review_reason = 'test', reviewed_on = (select opens_on from waves where id = ${waveId})
    where response_id = ${responseId}::uuid and exists (select 1 from r)`);
}

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  const { db } = database;
  await seedReferenceData(db);
  await seedDemoWave(db, { perTown: PER_TOWN });
  sessions = await createStaffSessions(db);
  const [wave] = await db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG));
  waveId = wave!.id;
  for (const row of await db.select({ id: towns.id, code: towns.code }).from(waveTowns).innerJoin(towns, eq(towns.id, waveTowns.townId)).where(eq(waveTowns.waveId, waveId))) {
    townIds[row.code] = row.id;
  }
  expect(townIds.ridder && townIds.altai).toBeTruthy();
  const interviewer: string = await createStaffUser({ db, email: INTERVIEWER_EMAIL, name: INTERVIEWER_NAME, role: "interviewer", password: "interviewer-password-long-enough" });
  interviewerId = interviewer;
  const assignments = await db
    .insert(fieldworkAssignments)
    .values([
      { waveId, townId: townIds.ridder!, interviewerId, target: 30 },
      { waveId, townId: townIds.altai!, interviewerId, target: 30 },
    ])
    .returning({ id: fieldworkAssignments.id, townId: fieldworkAssignments.townId });
  const assignmentOf = (town: string) => assignments.find((a) => a.townId === townIds[town])!.id;
  for (let i = 0; i < RIDDER_INTERVIEWS; i++) {
    const id = await interview(db, { town: "ridder", favourable: i % 2 === 0, assignmentId: assignmentOf("ridder"), text: i === 0 ? REJECTED_TEXT : i === 1 ? KEPT_TEXT : undefined });
    if (i === 0) rejectedId = id;
  }
  for (let i = 0; i < ALTAI_INTERVIEWS; i++) await interview(db, { town: "altai", favourable: i % 2 === 0, assignmentId: assignmentOf("altai") });
}, 240_000);
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});

async function dashboard(townCode: string) {
  const context = (await getWaveTownContext({ db: database.db, slug: DEMO_WAVE_SLUG, townCode }))!;
  const { responses } = await getTownResponseCount({ db: database.db, waveId, townId: context.town.id });
  const data = await loadTownDashboard({
    db: database.db,
    wave: throughGate(context.wave, "staff")!,
    townId: context.town.id,
    responses,
    k,
    locale: "en",
    weighted: false,
    breakdownItem: "agree_find_job",
  });
  return { responses, data };
}

/** agree_find_job answers with an opinion per mode, counted from the answers themselves (what the rollups must equal). */
async function scanned(townCode: string) {
  const questionnaire = getQuestionnaire((await database.db.select().from(waves).where(eq(waves.id, waveId)))[0]!.questionnaireVersion)!;
  const item = questionnaire.items.find((candidate) => candidate.id === "agree_find_job")!;
  const missing = questionnaire.scales[item.scaleId]!.missing;
  const rows = await rowsOf<{ mode: number; n: number }>(database.db, sql`
    select r.mode::int as mode, count(*)::int as n from responses r join answers a on a.response_id = r.id
    where r.wave_id = ${waveId} and r.town_id = ${townIds[townCode]} and not r.rejected and a.item_id = 'agree_find_job'
      and not (a.value = any(${`{${missing.join(",")}}`}::int[]))
    group by r.mode`);
  return new Map(rows.map((row) => [row.mode, row.n]));
}

describe("the dashboard split by mode", () => {
  it("counts responses per mode and splits the chosen item by mode, equal to the answers", async () => {
    const { responses, data } = await dashboard("ridder");
    const modes = new Map(data.modes.map((row) => [row.mode, row.responses]));
    expect(modes.get(MODES.faceToFace)).toBe(RIDDER_INTERVIEWS);
    expect(modes.get(MODES.online)).toBe(PER_TOWN);
    expect(responses).toBe(PER_TOWN + RIDDER_INTERVIEWS);
    const table = data.breakdown.tables.find((candidate) => candidate.dimension === "mode")!;
    const expected = await scanned("ridder");
    for (const code of [MODES.online, MODES.faceToFace]) expect(table.cells.find((cell) => cell.code === code)!.summary.n).toBe(expected.get(code));
    expect(table.cells.find((cell) => cell.code === MODES.faceToFace)!.suppression).toBeNull();
  });

  it("hides a mode below k, and the other mode with it (the total is published)", async () => {
    const { data } = await dashboard("altai");
    expect(data.modes.find((row) => row.mode === MODES.faceToFace)).toMatchObject({ responses: null, suppression: "primary" });
    expect(data.modes.find((row) => row.mode === MODES.online)).toMatchObject({ responses: null, suppression: "secondary" });
    const table = data.breakdown.tables.find((candidate) => candidate.dimension === "mode")!;
    expect(table.cells.find((cell) => cell.code === MODES.faceToFace)).toMatchObject({ suppression: "primary", summary: { estimate: null } });
    expect(table.cells.find((cell) => cell.code === MODES.online)!.suppression).not.toBeNull();
  });
});

describe("a rejected interview", () => {
  beforeAll(async () => {
    await reject(database.db, rejectedId);
  });

  it("leaves the dashboard's n, its mode count and the mode split", async () => {
    const { responses, data } = await dashboard("ridder");
    expect(responses).toBe(PER_TOWN + RIDDER_INTERVIEWS - 1);
    expect(data.modes.find((row) => row.mode === MODES.faceToFace)!.responses).toBe(RIDDER_INTERVIEWS - 1);
    const table = data.breakdown.tables.find((candidate) => candidate.dimension === "mode")!;
    expect(table.cells.find((cell) => cell.code === MODES.faceToFace)!.summary.n).toBe((await scanned("ridder")).get(MODES.faceToFace));
    expect((await scanned("ridder")).get(MODES.faceToFace)).toBe(RIDDER_INTERVIEWS - 1);
  });

  it("leaves the microdata: its rows, its count and its free text; mode is a column, k-anonymous with the others", async () => {
    const wave = throughGate((await database.db.select().from(waves).where(eq(waves.id, waveId)))[0]!, "staff")!;
    const questionnaire = getQuestionnaire(wave.questionnaireVersion)!;
    const table = await microdataTable({ db: database.db, wave, questionnaire, k, includeText: true, minK: k });
    const rows: ExportRow[] = [];
    for await (const batch of table.rows) rows.push(...batch);
    const [{ total }] = (await rowsOf<{ total: number }>(database.db, sql`select count(*)::int as total from responses where wave_id = ${waveId}`)) as [{ total: number }];
    expect(table.report.rows).toBe(total - 1);
    expect(rows).toHaveLength(total - 1);
    const texts = JSON.stringify(rows);
    expect(texts).toContain(KEPT_TEXT);
    expect(texts).not.toContain(REJECTED_TEXT);
    expect(table.columns.find((column) => column.name === "mode")!.valueLabels!.map((label) => label.code)).toEqual([1, 2]);
    // Every combination of town and quasi-identifiers (mode among them) is shared by k rows or more.
    const counts = new Map<string, number>();
    for (const row of rows) {
      const key = JSON.stringify(["town", ...QUASI_CHOICES].map((column) => row[column]));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(k);
    for (const row of rows) expect([1, 2, null]).toContain(row.mode);

    // Keeping mode alone: Ridder's eleven interviews reach k and show as such; Altai's three do not.
    const modeOnly = await microdataTable({ db: database.db, wave, questionnaire, k, includeText: false, quasi: ["mode"], minK: k });
    const kept: ExportRow[] = [];
    for await (const batch of modeOnly.rows) kept.push(...batch);
    expect(kept.filter((row) => row.town === "ridder" && row.mode === MODES.faceToFace)).toHaveLength(RIDDER_INTERVIEWS - 1);
    expect(kept.filter((row) => row.town === "altai" && row.mode === MODES.faceToFace)).toHaveLength(0);
  });

  it("leaves the aggregates, which split each item by mode like the other breakdowns", async () => {
    const wave = throughGate((await database.db.select().from(waves).where(eq(waves.id, waveId)))[0]!, "staff")!;
    const table = await aggregateTables({ db: database.db, wave, questionnaire: getQuestionnaire(wave.questionnaireVersion)!, k });
    const rows: ExportRow[] = [];
    for await (const batch of table.rows) rows.push(...batch);
    const expected = await scanned("ridder");
    const cell = (breakdown: string, group: string) => rows.find((row) => row.town === "ridder" && row.item === "agree_find_job" && row.breakdown === breakdown && row.group === group)!;
    expect(cell("mode", "mode_2").n).toBe(expected.get(MODES.faceToFace));
    expect(cell("mode", "mode_1").n).toBe(expected.get(MODES.online));
    expect(cell("overall", "all").n).toBe(expected.get(MODES.faceToFace)! + expected.get(MODES.online)!);
    // Altai's three interviews are hidden, and the online group with them.
    const altai = rows.filter((row) => row.town === "altai" && row.item === "agree_find_job" && row.breakdown === "mode");
    expect(altai.every((row) => row.suppressed === 1)).toBe(true);
  });
});

describe("no export carries fieldwork", () => {
  const forbidden = () => [interviewerId, INTERVIEWER_EMAIL, INTERVIEWER_NAME, REJECTED_TEXT, "1234", "duration", "interviewer_id", "assignment", "speeding", "over_quota"];

  async function bytesOf(response: Response) {
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer()).toString("utf8");
  }

  it("in any format of either kind, or any codebook file, from the research API", async () => {
    const headers = await sessions.headersFor("researcher");
    const call = (route: "export" | "codebook", query: string) => {
      const request = new Request(`http://localhost/api/v1/waves/${DEMO_WAVE_SLUG}/${route}?${query}`, { headers });
      return (route === "export" ? exportRoute : codebookRoute)(request, { params: Promise.resolve({ wave: DEMO_WAVE_SLUG }) });
    };
    let checked = 0;
    for (const kind of ["microdata", "aggregates"]) {
      for (const format of ["csv", "csv-excel", "json", "parquet"]) {
        const text = kind === "microdata" ? "&text=1" : "";
        const response = await call("export", `kind=${kind}&format=${format}${text}`);
        const body = await bytesOf(response);
        for (const value of forbidden()) expect(body, `${kind} ${format}`).not.toContain(value);
        if (kind === "microdata" && format === "csv") {
          expect(body).toContain(KEPT_TEXT); // the text column is there: the check above could fail
          expect(body.split("\n")[0]).toContain("mode");
        }
        checked += 1;
      }
      for (const file of ["datapackage", "codebook", "r", "spss", "stata"]) {
        const body = await bytesOf(await call("codebook", `kind=${kind}&file=${file}${kind === "microdata" ? "&text=1" : ""}`));
        for (const value of forbidden()) expect(body, `${kind} ${file}`).not.toContain(value);
        checked += 1;
      }
    }
    expect(checked).toBe(18);
    // The interview rows are there all the same: the exports leave them out, not the database.
    const stored = await database.db.select().from(interviews).where(and(eq(interviews.interviewerId, interviewerId), eq(interviews.speeding, true)));
    expect(stored).toHaveLength(RIDDER_INTERVIEWS + ALTAI_INTERVIEWS);
  });
});
