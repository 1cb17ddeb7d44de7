import type { ShareEstimate } from "./wilson";

export interface ShareChange {
  /** Percentage points, current minus previous. */
  points: number;
  /** Whether the change is larger than sampling noise (two-proportion z-test, 95 %). */
  beyondNoise: boolean;
}

const Z95 = 1.959963984540054;

/**
 * Change of a share between two waves, with a pooled two-proportion z-test: with random
 * samples of these sizes, a difference this large would arise by chance less than 5 % of
 * the time when nothing changed.
 */
export function compareShares(current: ShareEstimate | null, previous: ShareEstimate | null): ShareChange | null {
  if (!current || !previous) return null;
  const points = (current.share - previous.share) * 100;
  const pooled = (current.share * current.n + previous.share * previous.n) / (current.n + previous.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / current.n + 1 / previous.n));
  if (se === 0) return { points, beyondNoise: points !== 0 };
  return { points, beyondNoise: Math.abs(current.share - previous.share) / se > Z95 };
}
