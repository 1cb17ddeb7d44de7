import type { ItemSummary } from "./summary";

/** What a results table needs of a share: the same shape for one item and for an area. */
export type ShareSummary = Pick<ItemSummary, "n" | "estimate" | "suppressed">;

/**
 * An area's score: the mean of its items' top-2-box shares. Its interval is the mean of
 * the items' Wilson lower bounds and of their upper bounds. The same residents answer
 * every item, so the items' errors are positively correlated and this interval is wider
 * (more cautious) than one that treated them as independent. n is the smallest item n.
 *
 * Withheld when any item is withheld: a mean over the others, set beside the area score,
 * would give the hidden share away. Null when the area has no item with a favourable share.
 */
export function areaScore(items: readonly ShareSummary[]): ShareSummary | null {
  if (items.length === 0) return null;
  const n = Math.min(...items.map((item) => item.n));
  const estimates = items.map((item) => item.estimate);
  if (items.some((item) => item.suppressed) || estimates.some((estimate) => estimate === null)) {
    return { n, estimate: null, suppressed: true };
  }
  const mean = (pick: (estimate: NonNullable<ShareSummary["estimate"]>) => number) =>
    estimates.reduce((sum, estimate) => sum + pick(estimate!), 0) / estimates.length;
  return { n, estimate: { share: mean((e) => e.share), low: mean((e) => e.low), high: mean((e) => e.high), n }, suppressed: false };
}
