/**
 * The Wilson score interval for a share (docs/design.md, "Statistics and privacy rules":
 * a share is top-2-box with a 95 % Wilson interval). Unlike the textbook normal interval
 * it stays inside [0, 1] and behaves at small n and at shares near 0 or 1.
 */
export interface ShareEstimate {
  share: number;
  low: number;
  high: number;
  n: number;
}

const Z95 = 1.959963984540054;

export function wilsonInterval(successes: number, n: number, z = Z95): ShareEstimate | null {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || successes > n) {
    throw new RangeError(`Invalid share: ${successes} of ${n}`);
  }
  if (n === 0) return null;
  return wilsonFromShare(successes / n, n, z);
}

/**
 * The same interval from a share and a sample size that need not be whole numbers: a
 * weighted share with its effective sample size (Kish), as post-stratification gives.
 */
export function wilsonFromShare(p: number, n: number, z = Z95): ShareEstimate {
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { share: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), n };
}
