import { describe, expect, it } from "vitest";
import { compareShares } from "@/lib/stats/change";
import { wilsonInterval } from "@/lib/stats/wilson";

describe("compareShares", () => {
  it("calls a 20-point rise at n = 200 beyond noise, and a 5-point one at n = 75 within it", () => {
    const big = compareShares(wilsonInterval(120, 200), wilsonInterval(80, 200))!;
    expect(big.points).toBeCloseTo(20, 10);
    expect(big.beyondNoise).toBe(true);
    const small = compareShares(wilsonInterval(34, 75), wilsonInterval(30, 75))!;
    expect(small.points).toBeCloseTo(5.33, 2);
    expect(small.beyondNoise).toBe(false);
  });

  it("matches the textbook z for 45 % of 400 against 38 % of 400 (z ≈ 2.01)", () => {
    expect(compareShares(wilsonInterval(180, 400), wilsonInterval(152, 400))!.beyondNoise).toBe(true);
    expect(compareShares(wilsonInterval(178, 400), wilsonInterval(152, 400))!.beyondNoise).toBe(false);
  });

  it("has nothing to say without both waves", () => {
    expect(compareShares(null, wilsonInterval(10, 20))).toBeNull();
    expect(compareShares(wilsonInterval(10, 20), null)).toBeNull();
  });
});
