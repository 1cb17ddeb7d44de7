// Town dashboard data load: p50/p95 of everything the dashboard reads and computes
// (loadTownDashboard: rollup queries, suppression, weighting, breakdown), on a Postgres
// server with default settings. Measured on the demo data, then again after the rollups
// are filled as a million responses would fill them; `SELECT 1` in the same run is the
// baseline, so the ratios say what the dashboard costs beyond a round trip.
// Usage: npx tsx --conditions=react-server bench/dashboard.ts [iterations=200] [responses=1000000]
import pg from "pg";
import { connect } from "@/db/client";
import { clearRollupCache, loadTownDashboard } from "@/server/results/dashboard";
import { getWaveBySlug } from "@/db/queries/waves";
import { migrate } from "@/db/migrate";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { and, eq, sql } from "drizzle-orm";
import { answerGroupCounts, towns } from "@/db/schema";
import { getStratumCounts } from "@/db/queries/rollups";
import { throughGate } from "@/server/results/gate";

const iterations = Number(process.argv[2] ?? 200);
const simulated = Number(process.argv[3] ?? 1_000_000);
const adminUrl = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `qala_bench_dashboard_${process.pid}`;

async function main() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connection = await connect({ target: "server", url: url.toString() });
  const { db } = connection;

  async function timeIt(run: () => Promise<unknown>) {
    for (let i = 0; i < 20; i++) await run(); // warm-up: plans cached, pool connections open
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => +times[Math.min(times.length - 1, Math.floor(times.length * p))]!.toFixed(2);
    return { p50Ms: pct(0.5), p95Ms: pct(0.95) };
  }

  try {
    await migrate(connection);
    await seedReferenceData(db);
    await seedDemoWave(db);
    const wave = throughGate((await getWaveBySlug({ db, slug: DEMO_WAVE_SLUG }))!, "staff")!;
    const [town] = await db.select({ id: towns.id }).from(towns).where(eq(towns.code, "ridder"));
    const townId = town!.id;
    let responses = 0;
    // Cold: the rollups are read from the database on every call. Warm: the response count
    // is unchanged between calls, so the in-memory copy keyed by it is used.
    const load = (weighted: boolean, cold = true) => async () => {
      if (cold) clearRollupCache();
      return loadTownDashboard({ db, wave, townId, responses, k: 10, locale: "ru", weighted, breakdownItem: "agree_find_job" });
    };
    const measure = async () => ({
      unweighted: await timeIt(load(false)),
      weighted: await timeIt(load(true)),
      weightedWarm: await timeIt(load(true, false)),
    });
    const roundTrip = () => db.execute(sql`select 1`);

    const baseline = await timeIt(roundTrip);
    const demo = await measure();

    // Fill the rollups of the demo wave as `simulated` responses spread over its towns would:
    // every item, code and group combination present, counts drawn at random.
    const filled = Date.now();
    await db.execute(sql`delete from answer_group_counts where wave_id = ${wave.id}`);
    await db.execute(sql`delete from answer_counts where wave_id = ${wave.id}`);
    await db.execute(sql`
      insert into answer_group_counts (wave_id, town_id, item_id, value, age_band, sex, employment, mode, responses, demo_responses)
      select ${wave.id}, t.town_id, i.item_id, i.value, a, s, e, m, c, 0
      from (select town_id from wave_towns where wave_id = ${wave.id}) t
      cross join (select distinct item_id, value from answers) i
      cross join generate_series(0, 4) a cross join generate_series(0, 2) s cross join generate_series(0, 7) e
      -- Both modes (1 online, 2 face to face): every combination twice, each with half the counts.
      cross join generate_series(1, 2) m
      cross join lateral (select greatest(1, round(random() * ${simulated} / (select count(*) from wave_towns where wave_id = ${wave.id}) / 1800))::int c) counts`);
    await db.execute(sql`delete from answer_stratum_counts where wave_id = ${wave.id}`);
    await db.execute(sql`
      insert into answer_stratum_counts (wave_id, town_id, item_id, value, age_band, sex, responses, demo_responses)
      select wave_id, town_id, item_id, value, age_band, sex, sum(responses)::int, 0
      from answer_group_counts
      where wave_id = ${wave.id} and age_band > 0 and sex > 0 group by wave_id, town_id, item_id, value, age_band, sex`);
    await db.execute(sql`
      insert into answer_counts (wave_id, town_id, item_id, value, shard, responses, demo_responses)
      select wave_id, town_id, item_id, value, shard, (sum(responses) / 16)::int, 0
      from answer_group_counts cross join generate_series(0, 15) shard
      where wave_id = ${wave.id} group by wave_id, town_id, item_id, value, shard`);
    // Responses per mode and quota cell, as the fill's responses would have left them.
    await db.execute(sql`delete from quota_cell_counts where wave_id = ${wave.id}`);
    await db.execute(sql`
      insert into quota_cell_counts (wave_id, town_id, age_band, sex, mode, shard, responses, demo_responses)
      select wave_id, town_id, age_band, sex, mode, shard, greatest(1, (sum(responses) / 16)::int), 0
      from answer_group_counts cross join generate_series(0, 15) shard
      where wave_id = ${wave.id} and item_id = 'age_band' group by wave_id, town_id, age_band, sex, mode, shard`);
    await db.execute(sql`analyze`);
    const [{ rollupRows }] = (await db
      .select({ rollupRows: sql<number>`count(*)::int` })
      .from(answerGroupCounts)
      .where(and(eq(answerGroupCounts.waveId, wave.id), eq(answerGroupCounts.townId, townId)))) as [{ rollupRows: number }];
    const fillSeconds = (Date.now() - filled) / 1000;

    const baselineAfter = await timeIt(roundTrip);
    responses = simulated; // the fill changed the rollups: a new version, as a new response would make
    const large = { ...(await measure()), stratumQueryOnly: await timeIt(() => getStratumCounts({ db, waveId: wave.id, townId })) };
    const ratio = (a: { p95Ms: number }, b: { p95Ms: number }) => +(a.p95Ms / b.p95Ms).toFixed(1);
    console.log(
      JSON.stringify(
        {
          bench: "dashboard-data",
          iterations,
          baseline: { selectOne: baseline, selectOneAfterFill: baselineAfter },
          demo,
          atSimulatedResponses: { responses: simulated, groupRollupRowsForTown: rollupRows, fillSeconds, ...large },
          p95VsRoundTrip: { demoWeighted: ratio(demo.weighted, baseline), largeWeighted: ratio(large.weighted, baselineAfter) },
        },
        null,
        2,
      ),
    );
  } finally {
    await connection.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

void main();
