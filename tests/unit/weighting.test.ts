import { describe, expect, it } from "vitest";
import { breakdown, countsByStratum, type GroupCount } from "@/lib/stats/breakdowns";
import { summariseItem } from "@/lib/stats/summary";
import { poststratify, strataOf, weightSummary } from "@/lib/stats/weighting";
import { wilsonInterval } from "@/lib/stats/wilson";
import { satisfaction4 } from "@/lib/survey/scales";

// satisfaction4: codes 4 and 3 are favourable, 2 and 1 not; DONT_KNOW is missing.
const FAV = 4;
const UNFAV = 1;
const DONT_KNOW = satisfaction4.missing[0]!;

describe("poststratify", () => {
  it("equals the plain share when the sample mirrors the population", () => {
    const estimate = poststratify(
      [
        { ageBand: 1, sex: 1, n: 50, top: 20 },
        { ageBand: 2, sex: 1, n: 50, top: 30 },
      ],
      [
        { ageBand: 1, sex: 1, population: 1000 },
        { ageBand: 2, sex: 1, population: 1000 },
      ],
    )!;
    expect(estimate.share).toBeCloseTo(0.5, 10);
    expect(estimate.effectiveN).toBeCloseTo(100, 10);
    expect(estimate.low).toBeCloseTo(wilsonInterval(50, 100)!.low, 10);
    expect(estimate.coverage).toBe(1);
  });

  it("gives each stratum its population share, not its sample share", () => {
    // The young are 80 % of the sample but 20 % of the population.
    const estimate = poststratify(
      [
        { ageBand: 1, sex: 1, n: 80, top: 16 }, // 20 % satisfied
        { ageBand: 4, sex: 1, n: 20, top: 16 }, // 80 % satisfied
      ],
      [
        { ageBand: 1, sex: 1, population: 200 },
        { ageBand: 4, sex: 1, population: 800 },
      ],
    )!;
    expect(estimate.share).toBeCloseTo(0.2 * 0.2 + 0.8 * 0.8, 10);
    // Unequal weights cost precision: the effective n is below the 100 respondents.
    expect(estimate.effectiveN).toBeCloseTo(1 / (0.04 / 80 + 0.64 / 20), 10);
    expect(estimate.effectiveN).toBeLessThan(100);
    expect(estimate.respondents).toBe(100);
  });

  it("scales up the covered strata and reports the population it leaves out", () => {
    const estimate = poststratify(
      [{ ageBand: 1, sex: 2, n: 30, top: 15 }],
      [
        { ageBand: 1, sex: 2, population: 300 },
        { ageBand: 2, sex: 2, population: 700 },
      ],
    )!;
    expect(estimate.share).toBeCloseTo(0.5, 10);
    expect(estimate.coverage).toBeCloseTo(0.3, 10);
  });

  it("cannot weight without a population structure or without respondents in it", () => {
    expect(poststratify([{ ageBand: 1, sex: 1, n: 30, top: 15 }], [])).toBeNull();
    expect(poststratify([{ ageBand: 1, sex: 1, n: 30, top: 15 }], [{ ageBand: 2, sex: 2, population: 10 }])).toBeNull();
  });
});

describe("weightSummary", () => {
  const unweighted = summariseItem(satisfaction4, new Map([[FAV, 40], [UNFAV, 60]]), 10);
  const population = [
    { ageBand: 1, sex: 1, population: 500 },
    { ageBand: 2, sex: 1, population: 500 },
  ];

  it("keeps n and the disclosure decision, and replaces the estimate", () => {
    const strata = [
      { ageBand: 1, sex: 1, n: 20, top: 2 },
      { ageBand: 2, sex: 1, n: 80, top: 38 },
    ];
    const weighted = weightSummary(unweighted, strata, population, 10);
    expect(weighted.n).toBe(100);
    expect(weighted.estimate!.share).toBeCloseTo(0.5 * 0.1 + 0.5 * 0.475, 10);
    expect(weighted.weighted).not.toBeNull();
  });

  it("does not weight on fewer than k respondents who gave age band and sex", () => {
    const weighted = weightSummary(unweighted, [{ ageBand: 1, sex: 1, n: 9, top: 9 }], population, 10);
    expect(weighted.weighted).toBeNull();
    expect(weighted.estimate).toEqual(unweighted.estimate);
  });

  it("never weights a suppressed item", () => {
    const small = summariseItem(satisfaction4, new Map([[FAV, 5]]), 10);
    expect(weightSummary(small, [{ ageBand: 1, sex: 1, n: 5, top: 5 }], population, 1).estimate).toBeNull();
  });
});

describe("breakdown", () => {
  const row = (value: number, ageBand: number, sex: number, employment: number, responses: number): GroupCount => ({ itemId: "q", value, ageBand, sex, employment, mode: 1, responses });
  const rows = [
    row(FAV, 1, 1, 1, 20),
    row(UNFAV, 1, 2, 1, 15),
    row(FAV, 2, 1, 5, 4), // four unemployed: below k
    row(UNFAV, 3, 2, 6, 8),
    row(FAV, 3, 2, 6, 4),
    row(DONT_KNOW, 3, 1, 6, 3),
    row(FAV, 0, 0, 0, 6), // did not say
    row(UNFAV, 0, 0, 0, 5),
    { ...row(FAV, 1, 1, 1, 99), itemId: "other" },
  ];

  it("splits an item by a dimension and hides small cells with a second one so neither can be derived", () => {
    const cells = breakdown({ scale: satisfaction4, rows, itemId: "q", dimension: "employment", groupCodes: [1, 2, 3, 4, 5, 6, 7], k: 10 });
    const byCode = new Map(cells.map((cell) => [cell.code, cell]));
    expect(byCode.get(1)!.summary.n).toBe(35);
    expect(byCode.get(1)!.summary.estimate!.share).toBeCloseTo(20 / 35, 10);
    expect(byCode.get(5)!.suppression).toBe("primary");
    expect(byCode.get(5)!.summary.estimate).toBeNull();
    // The "don't know" answers do not count towards n: retired has 12 opinions.
    expect(byCode.get(6)!.summary.n).toBe(12);
    // Not stated (11) is the smallest published cell beside retired (12): it is hidden too.
    expect(byCode.get(0)!.suppression).toBe("secondary");
    expect(byCode.get(6)!.suppression).toBeNull();
    expect(cells.filter((cell) => cell.suppression).length).toBe(2);
  });

  it("hides a group of n ≥ k in which all but one answered alike (group disclosure), and a second one with it", () => {
    const unanimous = [row(FAV, 1, 1, 1, 20), row(UNFAV, 1, 2, 1, 15), row(UNFAV, 2, 1, 6, 12), row(FAV, 2, 1, 6, 1), row(FAV, 3, 2, 2, 9), row(UNFAV, 3, 2, 2, 9)];
    const cells = breakdown({ scale: satisfaction4, rows: unanimous, itemId: "q", dimension: "employment", groupCodes: [1, 2, 3, 4, 5, 6, 7], k: 10 });
    const byCode = new Map(cells.map((cell) => [cell.code, cell]));
    expect(byCode.get(6)!.suppression).toBe("group");
    expect(byCode.get(6)!.summary.estimate).toBeNull();
    expect(byCode.get(2)!.suppression).toBe("secondary");
    expect(byCode.get(1)!.suppression).toBeNull();
  });

  it("leaves out the 'did not say' group when everyone said", () => {
    const cells = breakdown({ scale: satisfaction4, rows: rows.filter((r) => r.ageBand !== 0), itemId: "q", dimension: "sex", groupCodes: [1, 2], k: 10 });
    expect(cells.map((cell) => cell.code)).toEqual([1, 2]);
  });

  it("collects age band × sex strata for weighting, without respondents of unknown age or sex", () => {
    const strata = strataOf(satisfaction4, countsByStratum(rows).get("q")!);
    expect(strata).toContainEqual({ ageBand: 1, sex: 1, n: 20, top: 20 });
    expect(strata).toContainEqual({ ageBand: 3, sex: 1, n: 0, top: 0 });
    expect(strata.some((stratum) => stratum.ageBand === 0 || stratum.sex === 0)).toBe(false);
  });
});
