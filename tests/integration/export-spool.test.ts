import { execFileSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/v1/waves/[wave]/export/route";
import { GET as codebookRoute } from "@/app/api/v1/waves/[wave]/codebook/route";
import { GET as pabulibRoute } from "@/app/api/v1/waves/[wave]/towns/[town]/priorities.pb/route";
import { towns, waves } from "@/db/schema";
import { townDashboard } from "@/server/results/dashboard";
import { liveSpoolDirs, sweepLeftoverSpools } from "@/server/export/spool";
import { recordResponse } from "@/server/submissions/record";
import { DEMO_WAVE_SLUG, FIRST_DEMO_WAVE_SLUG, PREVIOUS_DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { todayInKazakhstan } from "@/lib/time";
import en from "@/messages/en.json";
import kk from "@/messages/kk.json";
import ru from "@/messages/ru.json";
import { completeAnswers } from "../fixtures";
import { createStaffSessions, forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

/*
 * Exports are spooled (docs/decisions/0018): a download that the client stops reading holds
 * a file, never the database; at most two run at once; the spool is removed however the
 * download ends; the files are byte for byte what they were before spooling.
 */

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let sessions: Awaited<ReturnType<typeof createStaffSessions>>;
let researcher: Headers;
/** Responses in the large wave: several cursor batches, so a stalled cursor would still be open. */
const LARGE = 2_000;

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 0 });
  sessions = await createStaffSessions(database.db);
  researcher = await sessions.headersFor("researcher");
  const waveOf = async (slug: string) => (await database.db.select().from(waves).where(eq(waves.slug, slug)))[0]!;
  const townId = async (code: string) => (await database.db.select().from(towns).where(eq(towns.code, code)))[0]!.id;
  const [ridder, altai] = [await townId("ridder"), await townId("altai")];

  // The small wave, fixed to the day: fourteen in Ridder (two with a comment, one a phone
  // number), three in Altai.
  const small = await waveOf(FIRST_DEMO_WAVE_SLUG);
  // Fixed ids: the export is in response id order.
  let sent = 0;
  const send = (town: number, day: string, answers: Record<string, number | string>) =>
    recordResponse({
      db: database.db,
      day,
      acceptClosedWave: true,
      submission: { responseId: `00000000-0000-4000-8000-${String(++sent).padStart(12, "0")}`, waveId: small.id, townId: town, locale: "ru", questionnaireVersion: latestQuestionnaireVersion, answers },
    });
  for (let i = 0; i < 14; i++) {
    const comment = i === 0 ? "Жолдарды жөндеу керек, хабарласыңыз +7 701 123 45 67" : i === 1 ? "=Больше автобусов; \"сейчас\"" : undefined;
    await send(ridder, `2024-0${3 + (i % 2)}-1${i % 10}`, {
      ...completeAnswers(questionnaire, { age_band: 1 + (i % 3), sex: 1 + (i % 2), life_satisfaction: i % 11, sat_heating: 1 + (i % 4) }),
      ...(comment ? { one_change: comment } : {}),
    });
  }
  for (let i = 0; i < 3; i++) await send(altai, "2024-03-20", completeAnswers(questionnaire, { age_band: 1, sex: 2 }));

  // The large wave, written in bulk (its rollups do not matter here).
  const large = await waveOf(PREVIOUS_DEMO_WAVE_SLUG);
  await database.db.execute(sql`
    insert into responses (id, wave_id, town_id, locale, questionnaire_version, submitted_on, is_demo)
    select gen_random_uuid(), ${large.id}, ${ridder}, 'kk', ${latestQuestionnaireVersion}, ${large.opensOn}::date + (i % 30), false
    from generate_series(1, ${LARGE}) as i`);
  await database.db.execute(sql`
    insert into answers (response_id, item_id, value)
    select r.id, q.item_id, q.value from responses r
    cross join (values ('age_band', 1::smallint), ('sex', 2::smallint), ('sat_heating', 3::smallint)) as q(item_id, value)
    where r.wave_id = ${large.id}`);
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});

function callExport(slug: string, query: string, headers = researcher) {
  return exportRoute(new Request(`http://localhost/api/v1/waves/${slug}/export?${query}`, { headers }), { params: Promise.resolve({ wave: slug }) });
}
function callCodebook(slug: string, query: string, headers = researcher) {
  return codebookRoute(new Request(`http://localhost/api/v1/waves/${slug}/codebook?${query}`, { headers }), { params: Promise.resolve({ wave: slug }) });
}

/** Reads until the first data row after the header has arrived, then stops: a client that stalls. */
async function readFirstRows(response: Response) {
  const reader = response.body!.getReader();
  let text = "";
  while (text.split("\n").length < 3) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the file ended before its first rows");
    text += new TextDecoder().decode(value);
  }
  return reader;
}

/** What the promise gives, or a failure naming what was still waiting after `seconds`. */
async function within<T>(seconds: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} still waited after ${seconds} s`)), seconds * 1000)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

describe("a download the client stops reading", () => {
  it("holds no transaction: a resident's submission and an official's dashboard complete while it waits", async () => {
    const response = await callExport(PREVIOUS_DEMO_WAVE_SLUG, "format=csv");
    expect(response.status).toBe(200);
    const reader = await readFirstRows(response);
    try {
      const open = (await database.db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG)))[0]!;
      const ridder = (await database.db.select().from(towns).where(eq(towns.code, "ridder")))[0]!;
      const dashboard = () => townDashboard({ db: database.db, slug: DEMO_WAVE_SLUG, townCode: "ridder", k: 10, locale: "en", weighted: false });
      const before = await within(5, "the dashboard", dashboard());
      const stored = await within(
        5,
        "the submission",
        recordResponse({
          db: database.db,
          submission: { responseId: randomUUID(), waveId: open.id, townId: ridder.id, locale: "kk", questionnaireVersion: latestQuestionnaireVersion, answers: completeAnswers(questionnaire) },
        }),
      );
      expect(stored).toBe("stored");
      const after = await within(5, "the dashboard", dashboard());
      expect(after?.visible && after.responses).toBe((before?.visible ? before.responses : -1) + 1);
    } finally {
      await reader.cancel();
    }
  });
});

describe("the spool file", () => {
  it("exists while a download is sent and is gone once the last byte has been read", async () => {
    const response = await callExport(PREVIOUS_DEMO_WAVE_SLUG, "format=json");
    const dirs = liveSpoolDirs();
    expect(dirs).toHaveLength(1);
    expect(fs.readdirSync(dirs[0]!)).toEqual(["rows"]);
    // Readable by the server's user only.
    expect(fs.statSync(dirs[0]!).mode & 0o077).toBe(0);
    const document = JSON.parse(await response.text()) as { rows: unknown[] };
    expect(document.rows).toHaveLength(LARGE);
    expect(fs.existsSync(dirs[0]!)).toBe(false);
    expect(liveSpoolDirs()).toEqual([]);
  });

  it("is gone once the client breaks the download off", async () => {
    const response = await callExport(PREVIOUS_DEMO_WAVE_SLUG, "format=csv");
    const reader = await readFirstRows(response);
    const [dir] = liveSpoolDirs();
    expect(fs.existsSync(dir!)).toBe(true);
    await reader.cancel();
    expect(fs.existsSync(dir!)).toBe(false);
    expect(liveSpoolDirs()).toEqual([]);
  });

  it("is gone when the client breaks off before reading anything", async () => {
    const response = await callExport(PREVIOUS_DEMO_WAVE_SLUG, "format=parquet");
    const [dir] = liveSpoolDirs();
    expect(fs.existsSync(dir!)).toBe(true);
    await response.body!.cancel();
    expect(fs.existsSync(dir!)).toBe(false);
  });

  it("of a process that has gone, or too old for any running export, is swept; a fresh one of a running process stays", async () => {
    const made = (owner: number, ageMs: number) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `qala-export-${owner}-`));
      fs.writeFileSync(path.join(dir, "rows"), "left over");
      const when = new Date(Date.now() - ageMs);
      fs.utimesSync(dir, when, when);
      return dir;
    };
    // A process id that was in use a moment ago and no longer is.
    const gone = Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).toString());
    const [crashed, old, running] = [made(gone, 0), made(process.ppid, 3_600_000), made(process.ppid, 0)];
    try {
      const removed = await sweepLeftoverSpools({ maxAgeMs: 600_000 });
      expect(removed).toEqual(expect.arrayContaining([crashed, old]));
      expect(fs.existsSync(crashed)).toBe(false);
      expect(fs.existsSync(old)).toBe(false);
      expect(fs.existsSync(running)).toBe(true);
    } finally {
      for (const dir of [crashed, old, running]) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("at most two exports at once", () => {
  it("answers a third with 429, Retry-After and a translated message, also for a codebook or a .pb file, until one ends", async () => {
    const first = await callExport(PREVIOUS_DEMO_WAVE_SLUG, "format=csv");
    const second = await callExport(FIRST_DEMO_WAVE_SLUG, "kind=aggregates&format=csv");
    expect([first.status, second.status]).toEqual([200, 200]);
    try {
      const third = await callExport(FIRST_DEMO_WAVE_SLUG, "format=csv");
      expect(third.status).toBe(429);
      expect(Number(third.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      const body = (await third.json()) as { error: string; messageKey: string };
      expect(body).toMatchObject({ error: "too many exports", messageKey: "errors.exportBusy" });
      const key = body.messageKey.split(".")[1] as keyof typeof en.errors;
      expect(new Set([en.errors[key], ru.errors[key], kk.errors[key]]).size).toBe(3);

      expect((await callCodebook(FIRST_DEMO_WAVE_SLUG, "file=datapackage")).status).toBe(429);
      const pb = await pabulibRoute(new Request(`http://localhost/api/v1/waves/${FIRST_DEMO_WAVE_SLUG}/towns/ridder/priorities.pb`, { headers: researcher }), {
        params: Promise.resolve({ wave: FIRST_DEMO_WAVE_SLUG, town: "ridder" }),
      });
      expect(pb.status).toBe(429);
    } finally {
      await first.body!.cancel();
    }
    // One slot free again: the next export is made, and read to its end.
    const next = await callExport(FIRST_DEMO_WAVE_SLUG, "format=csv");
    expect(next.status).toBe(200);
    expect((await next.text()).trim().split("\n").length).toBeGreaterThan(1);
    await second.text();
    expect((await callCodebook(FIRST_DEMO_WAVE_SLUG, "file=datapackage")).status).toBe(200);
  });
});

describe("the files, byte for byte as before spooling", () => {
  // SHA-256 of each file of the small wave, recorded before exports were spooled and again
  // when the mode column came (the CSV without it was byte for byte the earlier file). A
  // deliberate change of a format, a column or the questionnaire changes them.
  const expected: Record<string, string> = {
    "format=csv": "607cc64e9d1e3df2c10bb228c662618ed5967a991aeb3ba8aad2b32f10a86181",
    "format=csv-excel": "b353671986e7fdcad0f8c9bf3a6fad51a5b9caf5997ca986b19da0a709b248c2",
    "format=json": "0cfe315f66e950e78fe587784831ae66dc241284eea1e276ef7fedfcf9889798",
    "format=parquet": "8e32e6f8a5bc08baf3ad776efbad86c709d2f8fc59d6bd5f6594167dc9747385",
    "format=csv&text=1&k=12": "fd3bd78c081d298b382843d69f48f9ef398612a274ce6ca6256d72f7b5132a4c",
    "kind=aggregates&format=csv": "13d5f31ee6bab6407d45a170804665b1575f8f1960235e60cd646d74a0d0f164",
    "kind=aggregates&format=parquet": "aab854aaa92b6267f3656b47c7671376a711075a2c3ad932c5157f616f0a2c37",
  };
  it.each(Object.keys(expected))("%s", async (query) => {
    const response = await callExport(FIRST_DEMO_WAVE_SLUG, query);
    expect(response.status).toBe(200);
    const hash = sha256(new Uint8Array(await response.arrayBuffer()));
    expect(hash).toBe(expected[query]);
  });

  it.each([
    ["datapackage", "b022cac23bdcdc2e17bcf224926486c0d481e357b1589491098360543c4ae21f"],
    ["codebook", "4b4c2db1e5429765bcd90bd57afe8040f18c9c342830c4f2670970ffa1952a9a"],
    ["r", "2ab3005475dd6ce2b7829bfc6be0900a65d93ec201f35324da151efa73b880c3"],
  ])("the codebook's %s", async (file, expectedHash) => {
    const response = await callCodebook(FIRST_DEMO_WAVE_SLUG, `file=${file}&text=1`);
    expect(response.status).toBe(200);
    // The file names inside carry the day of the download.
    const hash = sha256((await response.text()).replaceAll(todayInKazakhstan(), "YYYY-MM-DD"));
    expect(hash).toBe(expectedHash);
  });
});
