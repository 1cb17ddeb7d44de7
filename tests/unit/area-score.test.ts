import { describe, expect, it } from "vitest";
import { areaScore } from "@/lib/stats/area-score";
import { summariseItem } from "@/lib/stats/summary";
import { wilsonInterval } from "@/lib/stats/wilson";
import { agreement4 } from "@/lib/survey/scales";

const item = (favourable: number, n: number) => summariseItem(agreement4, new Map([[4, favourable], [1, n - favourable]]), 10);

describe("areaScore", () => {
  it("averages the items' shares and their interval bounds; n is the smallest item n", () => {
    const score = areaScore([item(30, 60), item(20, 40)])!;
    const a = wilsonInterval(30, 60)!;
    const b = wilsonInterval(20, 40)!;
    expect(score.suppressed).toBe(false);
    expect(score.n).toBe(40);
    expect(score.estimate!.share).toBeCloseTo(0.5, 12);
    expect(score.estimate!.low).toBeCloseTo((a.low + b.low) / 2, 12);
    expect(score.estimate!.high).toBeCloseTo((a.high + b.high) / 2, 12);
    expect(score.estimate!.n).toBe(40);
  });

  it("is at least as wide as the interval of the pooled answers", () => {
    const score = areaScore([item(45, 60), item(15, 60)])!;
    const pooled = wilsonInterval(60, 120)!;
    expect(score.estimate!.high - score.estimate!.low).toBeGreaterThan(pooled.high - pooled.low);
  });

  it("is withheld when any item is withheld, so the hidden item cannot be worked out", () => {
    const score = areaScore([item(30, 60), item(3, 8)])!;
    expect(score).toEqual({ n: 8, estimate: null, suppressed: true });
  });

  it("is null for an area without scored items", () => {
    expect(areaScore([])).toBeNull();
  });
});
