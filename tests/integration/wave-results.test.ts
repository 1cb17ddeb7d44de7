import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getItemCounts } from "@/db/queries/rollups";
import { getLatestIndicatorValuesByTown, getWaveItemCountsByTown } from "@/db/queries/rollups";
import { getWaveTownCounts as getWaveTowns } from "@/db/queries/rollups";
import { waves } from "@/db/schema";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { freshDatabase } from "./database";

let database: Awaited<ReturnType<typeof freshDatabase>>;
let waveId: number;
let towns: Awaited<ReturnType<typeof getWaveTowns>>;

beforeAll(async () => {
  database = await freshDatabase();
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 12 });
  waveId = (await database.db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG)))[0]!.id;
  towns = await getWaveTowns({ db: database.db, waveId });
});
afterAll(() => database.drop());

describe("results of all towns of a wave", () => {
  it("reads the same counts per town in one query as the per-town query does", async () => {
    const byTown = await getWaveItemCountsByTown({ db: database.db, waveId, townIds: towns.map((town) => town.id) });
    expect([...byTown.keys()].sort()).toEqual(towns.map((town) => town.id).sort());
    for (const town of towns) {
      expect(byTown.get(town.id)).toEqual(await getItemCounts({ db: database.db, waveId, townId: town.id }));
      // Every respondent answers the required life-satisfaction item once: the counts add up to the town's responses.
      const lifeSatisfaction = byTown.get(town.id)!.get("life_satisfaction")!;
      expect([...lifeSatisfaction.values()].reduce((sum, count) => sum + count, 0)).toBe(town.responses);
    }
  });

  it("reads only the towns asked for", async () => {
    const [first] = towns;
    const byTown = await getWaveItemCountsByTown({ db: database.db, waveId, townIds: [first!.id] });
    expect([...byTown.keys()]).toEqual([first!.id]);
    expect((await getWaveItemCountsByTown({ db: database.db, waveId, townIds: [] })).size).toBe(0);
  });

  it("gives each town's latest official figure per indicator", async () => {
    const ridder = towns.find((town) => town.code === "ridder")!;
    const rows = await getLatestIndicatorValuesByTown({ db: database.db, townIds: towns.map((town) => town.id), closesOn: "2025-12-31" });
    const unemployment = rows.filter((row) => row.indicator.code === "unemployment_rate");
    expect(unemployment).toHaveLength(towns.length);
    const ridderRow = unemployment.find((row) => row.value.townId === ridder.id)!;
    expect([ridderRow.value.period, ridderRow.value.value, ridderRow.value.target]).toEqual(["2014-08-01", 4.8, 5.5]);
  });
});
