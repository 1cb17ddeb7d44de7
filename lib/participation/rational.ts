/**
 * Exact rational numbers on BigInt, for counting ballots (docs/decisions/0014-priority-counting.md):
 * the Method of Equal Shares divides budgets among voters and compares payments, and a
 * floating-point count can pick a different project on a near tie than pabutools' exact one.
 *
 * Always normalised: the denominator is positive and the fraction is in lowest terms, so
 * `equals` is structural and `toString` is canonical ("-3/4", "5").
 */
function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function toBigInt(value: bigint | number): bigint {
  if (typeof value === "bigint") return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer: ${value}`);
  return BigInt(value);
}

export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  /** `num / den`, normalised; throws on a zero denominator. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = toBigInt(num);
    let d = toBigInt(den);
    if (d === 0n) throw new RangeError("Division by zero");
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  add(other: Rational): Rational {
    return Rational.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  sub(other: Rational): Rational {
    return Rational.of(this.num * other.den - other.num * this.den, this.den * other.den);
  }

  mul(other: Rational): Rational {
    return Rational.of(this.num * other.num, this.den * other.den);
  }

  div(other: Rational): Rational {
    if (other.num === 0n) throw new RangeError("Division by zero");
    return Rational.of(this.num * other.den, this.den * other.num);
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
  }

  /** -1, 0 or 1 as `this` is less than, equal to or greater than `other`. */
  compare(other: Rational): -1 | 0 | 1 {
    const left = this.num * other.den;
    const right = other.num * this.den;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  equals(other: Rational): boolean {
    return this.num === other.num && this.den === other.den;
  }

  lt(other: Rational): boolean {
    return this.compare(other) < 0;
  }

  le(other: Rational): boolean {
    return this.compare(other) <= 0;
  }

  gt(other: Rational): boolean {
    return this.compare(other) > 0;
  }

  ge(other: Rational): boolean {
    return this.compare(other) >= 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  static min(a: Rational, b: Rational): Rational {
    return a.le(b) ? a : b;
  }

  static max(a: Rational, b: Rational): Rational {
    return a.ge(b) ? a : b;
  }

  static sum(values: Iterable<Rational>): Rational {
    let total = Rational.ZERO;
    for (const value of values) total = total.add(value);
    return total;
  }

  /** The greatest integer not above the value (toward −∞, unlike BigInt division). */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** Nearest double; for display only, never for a decision. */
  toNumber(): number {
    const whole = this.floor();
    const rest = this.num - whole * this.den;
    return Number(whole) + Number(rest) / Number(this.den);
  }

  toString(): string {
    return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`;
  }
}
