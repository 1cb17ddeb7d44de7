import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { areaFigures, headlines } from "@/lib/results/headlines";
import type { ShareSummary } from "@/lib/stats/area-score";
import { wilsonInterval } from "@/lib/stats/wilson";
import type { Area } from "@/lib/survey/types";

const k = 10;

/** An item's summary from `favourable` of `n` opinions, withheld below k as the page does. */
function summary(favourable: number, n: number): ShareSummary {
  return n < k ? { n, estimate: null, suppressed: true } : { n, estimate: wilsonInterval(favourable, n), suppressed: false };
}

const areas: Area[] = ["services", "utilities", "jobs"];
type Items = Array<{ itemId: string; area: Area; summary: ShareSummary }>;

/** Two questions per area, each with the same favourable count of n. */
function itemsOf(shares: Partial<Record<Area, [favourable: number, n: number]>>): Items {
  return Object.entries(shares).flatMap(([area, [favourable, n]]) => [
    { itemId: `${area}_a`, area: area as Area, summary: summary(favourable, n) },
    { itemId: `${area}_b`, area: area as Area, summary: summary(favourable, n) },
  ]);
}
const byId = (items: Items) => new Map(items.map((item) => [item.itemId, item.summary]));

describe("area figures", () => {
  it("sorts the shown areas best first and puts a withheld area last", () => {
    const figures = areaFigures({ areas, items: itemsOf({ services: [100, 300], utilities: [5, 8], jobs: [250, 300] }), previous: null });
    expect(figures.map((figure) => figure.area)).toEqual(["jobs", "services", "utilities"]);
    expect(figures[2]!.score).toMatchObject({ suppressed: true, estimate: null });
    expect(figures.every((figure) => figure.change === null)).toBe(true);
  });

  it("gives a change only where every question of the area was asked the same way before, and neither side is withheld", () => {
    const now = itemsOf({ services: [200, 300], utilities: [150, 300], jobs: [150, 300] });
    const before = byId(itemsOf({ services: [100, 300], utilities: [150, 300], jobs: [5, 9] }));
    before.delete("utilities_b"); // asked differently then: not comparable
    const figures = new Map(areaFigures({ areas, items: now, previous: before }).map((figure) => [figure.area, figure]));
    expect(figures.get("services")!.change!.points).toBeCloseTo(33.33, 1);
    expect(figures.get("services")!.change!.beyondNoise).toBe(true);
    expect(figures.get("utilities")!.change).toBeNull();
    expect(figures.get("jobs")!.change).toBeNull();
  });
});

describe("headlines", () => {
  it("names the best and the worst area and the biggest change beyond noise, with its direction", () => {
    const now = itemsOf({ services: [240, 300], utilities: [60, 300], jobs: [150, 300] });
    // services rose 10 points (beyond noise at n = 300); utilities fell 20; jobs stayed.
    const before = byId(itemsOf({ services: [210, 300], utilities: [120, 300], jobs: [152, 300] }));
    const result = headlines(areaFigures({ areas, items: now, previous: before }));
    expect(result.map((headline) => headline.key)).toEqual(["best", "worst", "fell"]);
    expect(result[0]).toMatchObject({ area: "services", share: 0.8 });
    expect(result[1]).toMatchObject({ area: "utilities", share: 0.2 });
    expect(result[2]).toMatchObject({ area: "utilities" });
    expect((result[2] as { points: number }).points).toBeCloseTo(20, 5);
  });

  it("says the areas held steady when none moved beyond noise, and says nothing of change without a previous wave", () => {
    const now = itemsOf({ services: [160, 300], jobs: [100, 300] });
    const steady = headlines(areaFigures({ areas, items: now, previous: byId(itemsOf({ services: [155, 300], jobs: [104, 300] })) }));
    expect(steady.at(-1)).toEqual({ key: "steady", count: 2 });
    const first = headlines(areaFigures({ areas, items: now, previous: null }));
    expect(first.map((headline) => headline.key)).toEqual(["best", "worst"]);
  });

  it("rests on no withheld figure: a withheld area is neither best, worst nor changed", () => {
    const now = itemsOf({ services: [290, 300], utilities: [1, 9], jobs: [150, 300] });
    const before = byId(itemsOf({ services: [280, 300], utilities: [9, 9], jobs: [150, 300] }));
    const result = headlines(areaFigures({ areas, items: now, previous: before }));
    expect(result.map((headline) => ("area" in headline ? headline.area : null))).not.toContain("utilities");
    expect(headlines(areaFigures({ areas, items: itemsOf({ utilities: [1, 9] }), previous: null }))).toEqual([{ key: "noAreas" }]);
    expect(headlines(areaFigures({ areas, items: itemsOf({ jobs: [100, 200] }), previous: null }))).toEqual([{ key: "only", area: "jobs", share: 0.5 }]);
  });

  it("whatever the figures: best is the highest shown share, worst the lowest, and a named change is beyond noise and the largest such", () => {
    const cell = fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);
    fc.assert(
      fc.property(fc.tuple(cell, cell, cell), fc.tuple(cell, cell, cell), ([s, u, j], [ps, pu, pj]) => {
        const figures = areaFigures({ areas, items: itemsOf({ services: s, utilities: u, jobs: j }), previous: byId(itemsOf({ services: ps, utilities: pu, jobs: pj })) });
        const shown = figures.filter((figure) => figure.score?.estimate).map((figure) => figure.score!.estimate!.share);
        const result = headlines(figures);
        const best = result.find((headline) => headline.key === "best" || headline.key === "only");
        if (shown.length === 0) expect(result).toEqual([{ key: "noAreas" }]);
        else expect(best && "share" in best && best.share).toBe(Math.max(...shown));
        const worst = result.find((headline) => headline.key === "worst");
        if (worst && "share" in worst) expect(worst.share).toBe(Math.min(...shown));
        const moved = figures.filter((figure) => figure.change?.beyondNoise && figure.change.points !== 0);
        const change = result.find((headline) => headline.key === "rose" || headline.key === "fell");
        if (moved.length === 0) expect(change).toBeUndefined();
        else {
          expect(change).toBeDefined();
          const largest = Math.max(...moved.map((figure) => Math.abs(figure.change!.points)));
          expect((change as { points: number }).points).toBe(largest);
          const named = figures.find((figure) => figure.area === (change as { area: Area }).area)!;
          expect(named.change!.points > 0 ? "rose" : "fell").toBe(change!.key);
        }
      }),
    );
  });
});
