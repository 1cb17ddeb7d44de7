import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as pabulibRoute } from "@/app/api/v1/waves/[wave]/towns/[town]/priorities.pb/route";
import { exportLog, populationCells, priorities, priorityBallots, priorityElections, towns, waves, waveTowns, type Wave } from "@/db/schema";
import { getPriorityBallots, getPriorityElection } from "@/db/queries/priority-results";
import { getTownResponseCount } from "@/db/queries/rollups";
import { getWaveTownContext } from "@/db/queries/waves";
import { parsePabulib } from "@/lib/participation/pabulib";
import { electionFromPabulib } from "@/lib/participation/pabulib-election";
import { greedySelection } from "@/lib/participation/greedy";
import { equalSharesSelection } from "@/lib/participation/equal-shares";
import { areaScore } from "@/lib/stats/area-score";
import { wilsonInterval } from "@/lib/stats/wilson";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { todayInKazakhstan } from "@/lib/time";
import { PREVIOUS_DEMO_WAVE_SLUG, DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { daysFrom } from "@/scripts/seed/demo";
import { DEMO_ELECTIONS } from "@/scripts/seed/priorities";
import { townPabulib } from "@/server/export/pabulib";
import { loadTownDashboard } from "@/server/results/dashboard";
import { throughGate } from "@/server/results/gate";
import { ballotsOf, countPriorities, electionOf, loadTownPriorityResults, townPriorityResults } from "@/server/results/priorities";
import { recordResponse } from "@/server/submissions/record";
import { completeAnswers } from "../fixtures";
import { createStaffSessions, forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

let database: Awaited<ReturnType<typeof freshDatabase>>;
let sessions: Awaited<ReturnType<typeof createStaffSessions>>;
const k = 10;
const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;

/**
 * A hand-counted town (Saran, which no demo wave asks), in an open wave that shows staff its
 * results: 24 residents answer, 20 of them the priorities step.
 *   16 women of 18–29: 11 choose {A, B}, 1 chooses {A, D}, 4 choose nothing;
 *    4 men of 60+: all choose {C}; 4 more residents skip the step.
 * So A 12, B 11, C 4, D 1 of n = 20. A, B cost 200, C 80, D 100; budget 400; up to 3 choices.
 * Population: as many women of 18–29 as men of 60+, so weighting gives each group half.
 */
const SARAN = "saran";
let wave: Wave;
let townId: number;
const ids: Record<"A" | "B" | "C" | "D", number> = { A: 0, B: 0, C: 0, D: 0 };

async function handInstance() {
  const db = database.db;
  const today = todayInKazakhstan();
  [wave] = await db
    .insert(waves)
    .values({ slug: "priorities-hand", name: { kk: "Қолмен", ru: "Вручную", en: "By hand" }, opensOn: daysFrom(today, -10), closesOn: daysFrom(today, 10), status: "open", hideResultsUntilClosed: false, questionnaireVersion: latestQuestionnaireVersion })
    .returning() as [Wave];
  townId = (await db.select({ id: towns.id }).from(towns).where(eq(towns.code, SARAN)))[0]!.id;
  await db.insert(waveTowns).values({ waveId: wave.id, townId });
  await db.insert(populationCells).values([
    { townId, ageBand: 1, sex: 1, population: 1000, year: 2026, sourceCitation: "test", sourceUrl: null },
    { townId, ageBand: 4, sex: 2, population: 1000, year: 2026, sourceCitation: "test", sourceUrl: null },
  ]);
  await db.insert(priorityElections).values({ waveId: wave.id, townId, rule: "approval", maxChoices: 3, budget: 400 });
  const text = (en: string) => ({ kk: en, ru: en, en });
  for (const [position, [name, cost, areaId]] of ([["A", 200, "utilities"], ["B", 200, "services"], ["C", 80, "jobs"], ["D", 100, null]] as const).entries()) {
    const [row] = await db
      .insert(priorities)
      .values({ waveId: wave.id, townId, position, title: text(`Priority ${name}`), description: text(`About ${name}`), cost, areaId, itemIds: areaId ? [] : ["sat_heating"] })
      .returning();
    ids[name] = row!.id;
  }
  const residents: Array<{ ageBand: number; sex: number; ballot: number[] | null }> = [
    ...Array.from({ length: 11 }, () => ({ ageBand: 1, sex: 1, ballot: [ids.A, ids.B] })),
    { ageBand: 1, sex: 1, ballot: [ids.A, ids.D] },
    ...Array.from({ length: 4 }, () => ({ ageBand: 1, sex: 1, ballot: [] })),
    ...Array.from({ length: 4 }, () => ({ ageBand: 4, sex: 2, ballot: [ids.C] })),
    ...Array.from({ length: 4 }, (_, i) => ({ ageBand: 2, sex: 1 + (i % 2), ballot: null })),
  ];
  for (const [i, resident] of residents.entries()) {
    const responseId = randomUUID();
    await recordResponse({
      db,
      submission: {
        responseId,
        waveId: wave.id,
        townId,
        locale: "en",
        questionnaireVersion: wave.questionnaireVersion,
        // Half are satisfied with the heating, so the utilities score is not trivial.
        answers: completeAnswers(questionnaire, { age_band: resident.ageBand, sex: resident.sex, sat_heating: i % 2 === 0 ? 4 : 1 }),
      },
    });
    if (resident.ballot) await db.insert(priorityBallots).values({ responseId, choices: resident.ballot });
  }
}

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 40 });
  await handInstance();
  sessions = await createStaffSessions(database.db);
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});

const hand = (options: { weighted?: boolean; k?: number } = {}) =>
  loadTownPriorityResults(throughGate(wave, "staff")!, townId, { weighted: options.weighted ?? false, db: database.db, k: options.k ?? k });
const figure = (results: NonNullable<Awaited<ReturnType<typeof hand>>>, name: keyof typeof ids) => results.priorities.find((p) => p.id === ids[name])!;

describe("a town's priority results, against hand counts", () => {
  it("counts every ballot of the step, empty ones included, and no resident who skipped it", async () => {
    const results = (await hand())!;
    expect(results.ballots).toBe(20);
    expect(results.demoBallots).toBe(0);
    expect(results.priorities.map((p) => [p.count, p.summary.n])).toEqual([[12, 20], [11, 20], [4, 20], [null, 20]]);
  });

  it("gives each share with its 95 % Wilson interval", async () => {
    const results = (await hand())!;
    expect(figure(results, "A").summary.estimate).toEqual(wilsonInterval(12, 20));
    expect(figure(results, "A").summary.estimate!.share).toBe(0.6);
    expect(figure(results, "C").summary.estimate!.share).toBe(0.2);
    // 12 of 20: the interval is about 38.7 % to 78.1 %.
    expect(figure(results, "A").summary.estimate!.low).toBeCloseTo(0.3866, 3);
    expect(figure(results, "A").summary.estimate!.high).toBeCloseTo(0.7812, 3);
  });

  it("weights by age band × sex: the over-represented young women count for half", async () => {
    const weighted = (await hand({ weighted: true }))!;
    expect(weighted.weighting).toEqual({ asked: true, available: true, applied: true });
    // A: 12 of 16 young women, none of 4 older men → (0.75 + 0) / 2.
    expect(figure(weighted, "A").summary.estimate!.share).toBeCloseTo(0.375, 10);
    expect(figure(weighted, "A").weighted).toBe(true);
    // C: only the older men chose it → (0 + 1) / 2, against 0.2 unweighted.
    expect(figure(weighted, "C").summary.estimate!.share).toBeCloseTo(0.5, 10);
    // The interval rests on Kish's effective n: 1 / (0.25/16 + 0.25/4) = 12.8.
    expect(figure(weighted, "A").summary.estimate!.n).toBeCloseTo(12.8, 10);
    // The selections still count the ballots unweighted.
    expect(weighted.counting).toEqual((await hand())!.counting);
  });

  it("hides a priority that one resident chose, and the whole step below k ballots", async () => {
    const results = (await hand())!;
    const d = figure(results, "D");
    expect(d).toMatchObject({ count: null, suppression: "group", summary: { estimate: null, suppressed: true } });
    const small = (await hand({ k: 25 }))!;
    expect(small.suppressed).toBe(true);
    expect(small.counting).toEqual({ status: "suppressed" });
    expect(small.priorities.every((p) => p.count === null && p.summary.estimate === null)).toBe(true);
  });

  it("withholds both selections while a priority's share is hidden: funded or not would tell how few chose it", async () => {
    const results = (await hand())!;
    expect(figure(results, "D").suppression).toBe("group");
    expect(results.counting).toEqual({ status: "withheld" });
    expect(results.priorities.map((p) => [p.greedy, p.equalShares])).toEqual([[false, null], [false, null], [false, null], [false, null]]);
  });

  it("selects by the greedy rule and by equal shares, as counted by hand", async () => {
    // The same ballots as the page reads them, counted as the page counts them (the page
    // itself withholds these selections, above, because D has one supporter).
    const stored = (await getPriorityElection({ db: database.db, waveId: wave.id, townId }))!;
    const counting = countPriorities(electionOf(stored), ballotsOf(await getPriorityBallots({ db: database.db, waveId: wave.id, townId })));
    // Greedy: A (12) and B (11) use the budget of 400; C and D no longer fit.
    // Equal shares: each of the 20 has 20. A: its 12 supporters pay 200/12 each; C: the four
    // older men pay 20 each (80). B's 11 supporters have 3⅓ left each: not affordable; D's one
    // supporter neither. Add1 raises each voter's budget: at 35, B becomes affordable after A
    // (11 × (35 − 16⅔) ≥ 200) and the run would cost 480 > 400, so the run at 34 ([A, C], 280)
    // is kept and greedy completion adds D (100 of the 120 left).
    expect(counting).toEqual({
      status: "counted",
      budget: 400,
      greedy: { selected: [ids.A, ids.B], cost: 400 },
      equalShares: { selected: [ids.A, ids.C, ids.D], fromEqualShares: [ids.A, ids.C], completion: [ids.D], cost: 380, perVoterBudget: 34 },
    });
  });

  it("sets beside each priority the dashboard's score of the area it answers", async () => {
    const { priorities: figures } = (await hand())!;
    const context = (await getWaveTownContext({ db: database.db, slug: wave.slug, townCode: SARAN }))!;
    const dashboard = await loadTownDashboard({
      db: database.db,
      wave: throughGate(context.wave, "staff")!,
      townId,
      responses: (await getTownResponseCount({ db: database.db, waveId: wave.id, townId })).responses,
      k,
      locale: "en",
      weighted: false,
    });
    const score = (area: string) => areaScore(dashboard.items.filter((item) => item.area === area).map((item) => item.summary));
    expect(figures[0]!.areaScore).toEqual(score("utilities"));
    expect(figures[1]!.areaScore).toEqual(score("services"));
    // Half satisfied with the heating: the utilities score is below the services one (every other answer the first, favourable option).
    expect(figures[0]!.areaScore!.estimate!.share).toBeLessThan(figures[1]!.areaScore!.estimate!.share);
    // No area but items: the score of those items.
    expect(figures[3]!.areaScore!.estimate!.share).toBe(0.5);
  });

  it("is for staff while the wave is open, and for the public only once it has closed", async () => {
    expect(await townPriorityResults({ db: database.db, slug: wave.slug, townCode: SARAN, audience: "staff", weighted: false })).toMatchObject({ visible: true });
    expect(await townPriorityResults({ db: database.db, slug: wave.slug, townCode: SARAN, audience: "public", weighted: false })).toMatchObject({ visible: false });
    expect(await townPriorityResults({ db: database.db, slug: PREVIOUS_DEMO_WAVE_SLUG, townCode: "ridder", audience: "public", weighted: false })).toMatchObject({ visible: true });
  });
});

describe("the Pabulib export", () => {
  it("writes exactly the hand instance's file (in the given order)", async () => {
    const file = await townPabulib({ db: database.db, wave: throughGate(wave, "staff")!, town: { id: townId, code: SARAN, name: { en: "Saran" } }, shuffle: (items) => [...items] });
    expect(file.status).toBe("ok");
    const text = file.status === "ok" ? file.text : "";
    const day = (iso: string) => iso.split("-").reverse().join(".");
    const votes = text.split("VOTES\nvoter_id;vote\n")[1]!.trim().split("\n");
    expect(text.split("VOTES\n")[0]).toBe(
      [
        "META",
        "key;value",
        "description;Qala Pulse: residents' priorities in Saran, survey wave priorities-hand (a survey of priorities, not a binding vote)",
        "country;Kazakhstan",
        "unit;Saran",
        "instance;priorities-hand",
        "num_projects;4",
        "num_votes;20",
        "budget;400",
        "vote_type;approval",
        "rule;greedy",
        `date_begin;${day(wave.opensOn)}`,
        `date_end;${day(wave.closesOn)}`,
        "min_length;0",
        "max_length;3",
        "currency;KZT",
        "PROJECTS",
        "project_id;cost;votes;name;category",
        `${ids.A};200;12;Priority A;utilities`,
        `${ids.B};200;11;Priority B;services`,
        `${ids.C};80;4;Priority C;jobs`,
        `${ids.D};100;1;Priority D;`,
        "",
      ].join("\n"),
    );
    // Ballots only: a sequential voter id and the approved ids, nothing else about the resident.
    expect(votes.map((line) => line.replace(/^\d+;/, "")).sort()).toEqual(
      [...Array(11).fill(`${ids.A},${ids.B}`), `${ids.A},${ids.D}`, ...Array(4).fill(""), ...Array(4).fill(`${ids.C}`)].sort(),
    );
    expect(votes.map((line) => line.split(";")[0])).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
  });

  it("keeps to Pabulib's published layout: three sections, ';'-separated, the required META keys", async () => {
    const file = await townPabulib({ db: database.db, wave: throughGate(wave, "staff")!, town: { id: townId, code: SARAN, name: { en: "Saran" } } });
    const lines = (file.status === "ok" ? file.text : "").trimEnd().split("\n");
    expect(lines.filter((line) => ["META", "PROJECTS", "VOTES"].includes(line))).toEqual(["META", "PROJECTS", "VOTES"]);
    expect(lines[1]).toBe("key;value");
    expect(lines[lines.indexOf("PROJECTS") + 1]!.split(";").slice(0, 4)).toEqual(["project_id", "cost", "votes", "name"]);
    expect(lines[lines.indexOf("VOTES") + 1]).toBe("voter_id;vote");
    const meta = Object.fromEntries(lines.slice(2, lines.indexOf("PROJECTS")).map((line) => line.split(";") as [string, string]));
    for (const key of ["description", "country", "unit", "instance", "num_projects", "num_votes", "budget", "vote_type", "rule", "date_begin", "date_end"]) {
      expect(meta[key], key).toBeTruthy();
    }
    expect(meta).toMatchObject({ vote_type: "approval", budget: "400", num_votes: "20", num_projects: "4", min_length: "0", max_length: "3" });
    expect(meta.date_begin).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    for (const line of lines.slice(lines.indexOf("VOTES") + 2)) expect(line).toMatch(/^\d+;(\d+(,\d+)*)?$/);
    // Shuffled per download, the same ballots.
    const parsed = parsePabulib(file.status === "ok" ? file.text : "");
    expect(parsed.votes.map((vote) => vote.vote.join(",")).sort()).toEqual(
      [...Array(11).fill(`${ids.A},${ids.B}`), `${ids.A},${ids.D}`, ...Array(4).fill(""), ...Array(4).fill(`${ids.C}`)].sort(),
    );
  });

  it("reads back, for every demo town, to the same greedy and equal-shares outcome as the results page", async () => {
    for (const slug of [PREVIOUS_DEMO_WAVE_SLUG, DEMO_WAVE_SLUG]) {
      for (const townCode of Object.keys(DEMO_ELECTIONS)) {
        const request = new Request(`http://localhost/api/v1/waves/${slug}/towns/${townCode}/priorities.pb`, { headers: await sessions.headersFor("researcher") });
        const response = await pabulibRoute(request, { params: Promise.resolve({ wave: slug, town: townCode }) });
        expect(response.status).toBe(200);
        expect(response.headers.get("content-disposition")).toContain(`${slug}-${townCode}-priorities.pb`);
        const file = parsePabulib(await response.text());
        // The ballot's limit, as Pabulib names it: a number of projects, or their total cost.
        if (DEMO_ELECTIONS[townCode]!.rule === "budget") expect(file.meta.max_sum_cost).toBe(file.meta.budget);
        else expect(file.meta.max_sum_cost).toBeUndefined();
        const { election, ballots } = electionFromPabulib(file);
        const page = (await townPriorityResults({ db: database.db, slug, townCode, audience: "staff", weighted: false }))!;
        const results = page.visible ? page.results! : null;
        expect(results?.counting.status).toBe("counted");
        if (results?.counting.status !== "counted") continue;
        expect(ballots.length).toBe(results.ballots);
        expect(election.rule).toEqual(results.rule);
        expect(greedySelection(election, ballots).selected.map(Number)).toEqual(results.counting.greedy.selected);
        expect(equalSharesSelection(election, ballots).selected.map(Number)).toEqual(results.counting.equalShares.selected);
      }
    }
  });

  it("is for researchers and admins, and each download is logged with its ballot count", async () => {
    const get = async (role: "official" | "researcher" | "admin") =>
      pabulibRoute(new Request(`http://localhost/api/v1/waves/${wave.slug}/towns/${SARAN}/priorities.pb`, { headers: await sessions.headersFor(role) }), { params: Promise.resolve({ wave: wave.slug, town: SARAN }) });
    expect((await get("official")).status).toBe(403);
    const before = await database.db.select().from(exportLog).where(and(eq(exportLog.waveId, wave.id), eq(exportLog.kind, "priorities")));
    expect((await get("admin")).status).toBe(200);
    const after = await database.db.select().from(exportLog).where(and(eq(exportLog.waveId, wave.id), eq(exportLog.kind, "priorities")));
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ actorEmail: "admin@test.qala", format: "pabulib", rows: 20, options: { town: SARAN } });
    const unknown = await pabulibRoute(new Request(`http://localhost/api/v1/waves/${wave.slug}/towns/nowhere/priorities.pb`, { headers: await sessions.headersFor("researcher") }), { params: Promise.resolve({ wave: wave.slug, town: "nowhere" }) });
    expect(unknown.status).toBe(404);
  });
});

describe("the demo's priorities", () => {
  it("gives each demo town priorities in the two latest demo waves, with ballots from about 70 % of its demo respondents", async () => {
    for (const slug of [PREVIOUS_DEMO_WAVE_SLUG, DEMO_WAVE_SLUG]) {
      for (const townCode of Object.keys(DEMO_ELECTIONS)) {
        const page = (await townPriorityResults({ db: database.db, slug, townCode, audience: "staff", weighted: false }))!;
        const results = page.visible ? page.results! : null;
        expect(results!.priorities.length).toBeGreaterThanOrEqual(5);
        expect(results!.priorities.length).toBeLessThanOrEqual(7);
        expect(results!.demoBallots).toBe(results!.ballots);
        expect(results!.ballots / 40).toBeGreaterThan(0.45);
        expect(results!.ballots / 40).toBeLessThan(0.95);
      }
    }
  });

  it("in Serebryansk, whose heating and water are the worst, puts water and heating first", async () => {
    const page = (await townPriorityResults({ db: database.db, slug: PREVIOUS_DEMO_WAVE_SLUG, townCode: "serebryansk", audience: "staff", weighted: false }))!;
    const results = page.visible ? page.results! : null;
    const ranked = [...results!.priorities].sort((a, b) => (b.count ?? 0) - (a.count ?? 0)).map((p) => p.title.en);
    expect(ranked.slice(0, 2).sort()).toEqual(["Clean drinking water", "Replace the worn-out heating mains"]);
  });

  it("has one town on the budget rule, and the others on approval of up to 3", () => {
    expect(Object.values(DEMO_ELECTIONS).map((election) => election.rule).sort()).toEqual(["approval", "approval", "approval", "budget"]);
  });
});
