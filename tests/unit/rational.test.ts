import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rational } from "@/lib/participation/rational";

const r = (n: number, d = 1) => Rational.of(n, d);

describe("Rational", () => {
  it("normalises sign and lowest terms", () => {
    expect(r(2, 4).toString()).toBe("1/2");
    expect(r(3, -6).toString()).toBe("-1/2");
    expect(r(0, -5).toString()).toBe("0");
    expect(r(10, 5).toString()).toBe("2");
    expect(r(6, 8).equals(r(3, 4))).toBe(true);
  });

  it("adds, subtracts, multiplies and divides exactly", () => {
    expect(r(1, 3).add(r(1, 6)).toString()).toBe("1/2");
    expect(r(1, 3).sub(r(1, 2)).toString()).toBe("-1/6");
    expect(r(2, 3).mul(r(9, 4)).toString()).toBe("3/2");
    expect(r(2, 3).div(r(4, 9)).toString()).toBe("3/2");
    // 0.1 + 0.2 is exactly 0.3 here, unlike in floating point
    expect(r(1, 10).add(r(2, 10)).equals(r(3, 10))).toBe(true);
  });

  it("compares across denominators", () => {
    expect(r(1, 3).lt(r(1, 2))).toBe(true);
    expect(r(-1, 2).lt(r(-1, 3))).toBe(true);
    expect(r(2, 6).compare(r(1, 3))).toBe(0);
    expect(Rational.min(r(5, 7), r(2, 3)).toString()).toBe("2/3");
    expect(Rational.max(r(5, 7), r(2, 3)).toString()).toBe("5/7");
  });

  it("floors toward minus infinity", () => {
    expect(r(7, 2).floor()).toBe(3n);
    expect(r(-7, 2).floor()).toBe(-4n);
    expect(r(-4, 2).floor()).toBe(-2n);
    expect(r(0).floor()).toBe(0n);
  });

  it("refuses a zero denominator and unsafe numbers", () => {
    expect(() => r(1, 0)).toThrow(RangeError);
    expect(() => r(1).div(Rational.ZERO)).toThrow(RangeError);
    expect(() => Rational.of(0.5)).toThrow(RangeError);
    expect(() => Rational.of(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });

  it("keeps big values exact", () => {
    const big = Rational.of(10n ** 30n, 3n);
    expect(big.mul(r(3)).toString()).toBe(`${10n ** 30n}`);
    expect(r(1, 3).toNumber()).toBeCloseTo(0.3333333333, 10);
  });

  const rational = fc
    .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 12n }))
    .map(([n, d]) => Rational.of(n, d));

  it("is a field: (a + b) - b = a, (a · b) / b = a, a · (b + c) = a·b + a·c", () => {
    fc.assert(
      fc.property(rational, rational, rational, (a, b, c) => {
        expect(a.add(b).sub(b).equals(a)).toBe(true);
        if (!b.isZero()) expect(a.mul(b).div(b).equals(a)).toBe(true);
        expect(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c)))).toBe(true);
      }),
    );
  });

  it("orders consistently with subtraction", () => {
    fc.assert(
      fc.property(rational, rational, (a, b) => {
        const d = a.sub(b);
        expect(a.compare(b)).toBe(d.isZero() ? 0 : d.num < 0n ? -1 : 1);
        expect(b.compare(a)).toBe(-a.compare(b));
      }),
    );
  });
});
