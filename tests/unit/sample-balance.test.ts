import { describe, expect, it } from "vitest";
import { poststratify } from "@/lib/stats/weighting";
import { kishEffectiveN, sampleBalance, sampleStrataOf, stratumWeights, weightingCoverage } from "@/lib/stats/sample-balance";

// A town of 1,000 adults in four cells, and 100 responses of which 80 gave age band and sex,
// none of them in the older women's cell. Worked by hand:
//   covered population P = 300 + 300 + 200 = 800, n = 40 + 20 + 20 = 80
//   w(1,1) = (300/800) / (40/80) = 0.75, w(1,2) = (300/800) / (20/80) = 1.5, w(2,1) = (200/800) / (20/80) = 1
//   Σw = 40·0.75 + 20·1.5 + 20·1 = 80, Σw² = 40·0.5625 + 20·2.25 + 20·1 = 87.5
//   n_eff = 80² / 87.5 = 73.142857…
const population = [
  { ageBand: 1, sex: 1, population: 300 },
  { ageBand: 1, sex: 2, population: 300 },
  { ageBand: 2, sex: 1, population: 200 },
  { ageBand: 2, sex: 2, population: 200 },
];
const sample = [
  { ageBand: 1, sex: 1, respondents: 40 },
  { ageBand: 1, sex: 2, respondents: 20 },
  { ageBand: 2, sex: 1, respondents: 20 },
];

describe("kishEffectiveN", () => {
  it("is n when every weight is the same", () => {
    expect(kishEffectiveN([{ weight: 2.5, count: 37 }])).toBeCloseTo(37, 12);
  });
  it("is (Σw)² / Σw²", () => {
    // Σw = 10·1 + 10·3 = 40, Σw² = 10·1 + 10·9 = 100: 1600 / 100 = 16.
    expect(kishEffectiveN([{ weight: 1, count: 10 }, { weight: 3, count: 10 }])).toBeCloseTo(16, 12);
  });
  it("is null without any weight", () => {
    expect(kishEffectiveN([])).toBeNull();
    expect(kishEffectiveN([{ weight: 0, count: 5 }])).toBeNull();
  });
});

describe("stratumWeights", () => {
  it("gives each cell's respondents P-share over n-share, leaving out cells without respondents", () => {
    const weights = stratumWeights(sample, population);
    expect(weights.get("1:1")).toBeCloseTo(0.75, 12);
    expect(weights.get("1:2")).toBeCloseTo(1.5, 12);
    expect(weights.get("2:1")).toBeCloseTo(1, 12);
    expect(weights.has("2:2")).toBe(false);
  });
});

describe("weightingCoverage", () => {
  it("counts who gave both, the empty population cells and their share of the adults", () => {
    expect(weightingCoverage(sample, population, 100)).toEqual({
      responses: 100,
      respondents: 80,
      respondentShare: 0.8,
      emptyCells: 1,
      emptyPopulationShare: 0.2,
      unmatchedRespondents: 0,
    });
  });
  it("counts respondents in cells the population structure lacks", () => {
    const coverage = weightingCoverage([...sample, { ageBand: 3, sex: 1, respondents: 7 }], population, 100);
    expect(coverage.unmatchedRespondents).toBe(7);
    expect(coverage.respondents).toBe(87);
  });
});

describe("sampleBalance", () => {
  it("sets the sample's shares beside the population's, with the hand-computed n_eff", () => {
    const balance = sampleBalance({ sample, population, responses: 100, k: 10 });
    expect(balance.cells).toEqual([
      { ageBand: 1, sex: 1, respondents: 40, sampleShare: 0.5, populationShare: 0.3, suppression: null },
      { ageBand: 1, sex: 2, respondents: 20, sampleShare: 0.25, populationShare: 0.3, suppression: null },
      { ageBand: 2, sex: 1, respondents: 20, sampleShare: 0.25, populationShare: 0.2, suppression: null },
      { ageBand: 2, sex: 2, respondents: 0, sampleShare: 0, populationShare: 0.2, suppression: null },
    ]);
    expect(balance.effectiveN).toBeCloseTo(6400 / 87.5, 10);
    expect(balance.publishedEffectiveN).toBe(73);
    expect(balance.hasPopulation).toBe(true);
  });

  it("agrees with the n_eff poststratify uses when every respondent has an opinion", () => {
    const estimate = poststratify(sample.map((cell) => ({ ...cell, n: cell.respondents, top: 0 })), population)!;
    expect(sampleBalance({ sample, population, responses: 100, k: 10 }).effectiveN).toBeCloseTo(estimate.effectiveN, 10);
  });

  it("hides a cell below k and, so it cannot be derived from the total, the next smallest", () => {
    const small = [
      { ageBand: 1, sex: 1, respondents: 40 },
      { ageBand: 1, sex: 2, respondents: 5 },
      { ageBand: 2, sex: 1, respondents: 20 },
      { ageBand: 2, sex: 2, respondents: 15 },
    ];
    const balance = sampleBalance({ sample: small, population, responses: 80, k: 10 });
    expect(balance.cells.map((cell) => cell.suppression)).toEqual([null, "primary", null, "secondary"]);
    for (const cell of balance.cells.filter((cell) => cell.suppression)) {
      expect(cell.respondents).toBeNull();
      expect(cell.sampleShare).toBeNull();
      expect(cell.populationShare).not.toBeNull();
    }
    // While a cell is hidden n_eff is published to the nearest ten only.
    expect(balance.publishedEffectiveN! % 10).toBe(0);
  });

  it("shows the sample alone where no population structure is entered", () => {
    const balance = sampleBalance({ sample, population: [], responses: 100, k: 10 });
    expect(balance.hasPopulation).toBe(false);
    expect(balance.effectiveN).toBeNull();
    expect(balance.cells.map((cell) => cell.populationShare)).toEqual([null, null, null]);
  });
});

describe("sampleStrataOf", () => {
  it("sums one item's codes per age band × sex cell, leaving out unknown age or sex", () => {
    const rows = [
      { itemId: "age_band", value: 1, ageBand: 1, sex: 1, responses: 4 },
      { itemId: "age_band", value: 1, ageBand: 1, sex: 1, responses: 3 },
      { itemId: "age_band", value: 2, ageBand: 2, sex: 2, responses: 5 },
      { itemId: "age_band", value: 2, ageBand: 2, sex: 0, responses: 9 },
      { itemId: "sex", value: 1, ageBand: 1, sex: 1, responses: 7 },
    ];
    expect(sampleStrataOf(rows, "age_band")).toEqual([
      { ageBand: 1, sex: 1, respondents: 7 },
      { ageBand: 2, sex: 2, respondents: 5 },
    ]);
  });
});
