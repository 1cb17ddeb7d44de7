import { describe, expect, it } from "vitest";
import { wilsonInterval } from "@/lib/stats/wilson";

describe("wilsonInterval", () => {
  it("matches published values (Newcombe 1998, Table I: 81 of 263)", () => {
    const estimate = wilsonInterval(81, 263)!;
    expect(estimate.share).toBeCloseTo(0.308, 3);
    expect(estimate.low).toBeCloseTo(0.2553, 3);
    expect(estimate.high).toBeCloseTo(0.3662, 3);
  });

  it("stays inside [0, 1] at the edges where the normal interval does not", () => {
    const none = wilsonInterval(0, 10)!;
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 3);
    const all = wilsonInterval(10, 10)!;
    expect(all.high).toBeCloseTo(1, 12);
    expect(all.high).toBeLessThanOrEqual(1);
    expect(all.low).toBeCloseTo(0.7225, 3);
  });

  it("has no share without answers and refuses impossible counts", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
  });
});
