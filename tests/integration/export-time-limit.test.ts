import fs from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as exportRoute } from "@/app/api/v1/waves/[wave]/export/route";
import { exportLog, towns, waves } from "@/db/schema";
import { liveSpoolDirs } from "@/server/export/spool";
import { PREVIOUS_DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { createStaffSessions, forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

/*
 * The time limit of an export (EXPORT_TIME_LIMIT_SECONDS, docs/decisions/0018), set short
 * here: a download still being read when it passes ends with an error, its spool is removed,
 * its slot is free again, and the export log says it did not finish.
 */
const LIMIT_SECONDS = 2;
vi.hoisted(() => {
  process.env.EXPORT_TIME_LIMIT_SECONDS = "2";
});

let database: Awaited<ReturnType<typeof freshDatabase>>;
let researcher: Headers;

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 0 });
  researcher = await (await createStaffSessions(database.db)).headersFor("researcher");
  const [wave] = await database.db.select().from(waves).where(eq(waves.slug, PREVIOUS_DEMO_WAVE_SLUG));
  const [ridder] = await database.db.select().from(towns).where(eq(towns.code, "ridder"));
  // Three cursor batches' worth, written in bulk.
  await database.db.execute(sql`
    insert into responses (id, wave_id, town_id, locale, questionnaire_version, submitted_on, is_demo)
    select gen_random_uuid(), ${wave!.id}, ${ridder!.id}, 'ru', ${latestQuestionnaireVersion}, ${wave!.opensOn}::date + (i % 30), false
    from generate_series(1, 1500) as i`);
  await database.db.execute(sql`
    insert into answers (response_id, item_id, value)
    select r.id, q.item_id, q.value from responses r
    cross join (values ('age_band', 1::smallint), ('sex', 2::smallint)) as q(item_id, value)
    where r.wave_id = ${wave!.id}`);
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});

function callExport(query: string) {
  return exportRoute(new Request(`http://localhost/api/v1/waves/${PREVIOUS_DEMO_WAVE_SLUG}/export?${query}`, { headers: researcher }), {
    params: Promise.resolve({ wave: PREVIOUS_DEMO_WAVE_SLUG }),
  });
}

describe("an export past its time limit", () => {
  it("ends with an error, leaves no spool and no slot taken, and is logged as not finished", async () => {
    const started = Date.now();
    const stalled = await Promise.all([callExport("format=csv"), callExport("format=json")]);
    expect(stalled.map((response) => response.status)).toEqual([200, 200]);
    // Both slots are taken while the two wait for their client.
    expect((await callExport("format=csv")).status).toBe(429);
    const dirs = liveSpoolDirs();
    expect(dirs).toHaveLength(2);
    const readers = stalled.map((response) => response.body!.getReader());
    // The first chunk (the header), then the clients stop reading.
    for (const reader of readers) expect((await reader.read()).done).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, LIMIT_SECONDS * 1000 + 300));
    for (const reader of readers) await expect(reader.read()).rejects.toMatchObject({ messageKey: "errors.exportTimedOut" });
    expect(Date.now() - started).toBeLessThan((LIMIT_SECONDS + 10) * 1000);
    for (const dir of dirs) expect(fs.existsSync(dir)).toBe(false);
    expect(liveSpoolDirs()).toEqual([]);

    const entries = await database.db.select().from(exportLog).orderBy(exportLog.id);
    expect(entries.map((entry) => entry.rows)).toEqual([null, null]);

    // The slots are free again: a download read at once completes, and is logged with its rows.
    const next = await callExport("format=csv");
    expect(next.status).toBe(200);
    expect((await next.text()).trim().split("\n")).toHaveLength(1 + 1500);
    expect((await database.db.select().from(exportLog).orderBy(exportLog.id)).at(-1)!.rows).toBe(1500);
  });
});
