import { describe, expect, it } from "vitest";
import { compareWithResidents, judgeTarget, summariseItem } from "@/lib/stats/summary";
import { agreement4, DONT_KNOW } from "@/lib/survey/scales";

describe("summariseItem", () => {
  it("counts the top two boxes and leaves don't-know out of the base", () => {
    const counts = new Map([
      [4, 10],
      [3, 20],
      [2, 25],
      [1, 5],
      [DONT_KNOW, 40],
    ]);
    const summary = summariseItem(agreement4, counts, 10);
    expect(summary.n).toBe(60);
    expect(summary.answered).toBe(100);
    expect(summary.estimate!.share).toBeCloseTo(0.5, 10);
  });

  it("withholds the share when fewer than k residents gave an opinion", () => {
    const summary = summariseItem(agreement4, new Map([[4, 5], [1, 4], [DONT_KNOW, 30]]), 10);
    expect(summary.suppressed).toBe(true);
    expect(summary.estimate).toBeNull();
    expect(summariseItem(agreement4, new Map([[4, 6], [1, 4]]), 10).suppressed).toBe(false);
  });
});

describe("targets", () => {
  it("judges by direction: unemployment must stay at or below, output reach or exceed", () => {
    expect(judgeTarget(4.8, 5.5, false)).toBe("met");
    expect(judgeTarget(5.8, 5.5, false)).toBe("missed");
    expect(judgeTarget(5.5, 5.5, false)).toBe("met");
    expect(judgeTarget(51_378, 55_081.2, true)).toBe("missed");
    expect(judgeTarget(10, null, true)).toBe("no-target");
  });

  it("says when a met target meets residents who disagree", () => {
    const disagree = { share: 0.3, low: 0.22, high: 0.39, n: 100 };
    const agree = { share: 0.7, low: 0.6, high: 0.78, n: 100 };
    const unclear = { share: 0.5, low: 0.4, high: 0.6, n: 100 };
    expect(compareWithResidents("met", disagree)).toBe("target-met-residents-disagree");
    expect(compareWithResidents("missed", agree)).toBe("target-missed-residents-satisfied");
    expect(compareWithResidents("met", agree)).toBe("agree");
    expect(compareWithResidents("met", unclear)).toBe("unknown");
    expect(compareWithResidents("met", null)).toBe("unknown");
  });
});
