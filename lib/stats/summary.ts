import type { Scale } from "@/lib/survey/types";
import { wilsonInterval, type ShareEstimate } from "./wilson";

export type CodeCounts = ReadonlyMap<number, number>;

export interface ItemSummary {
  /** Responses with an opinion (don't-know and other missing codes left out). */
  n: number;
  /** Responses that answered the item at all, don't-know included. */
  answered: number;
  /** The top-2-box share with its interval, or null when n is below the disclosure threshold. */
  estimate: ShareEstimate | null;
  suppressed: boolean;
}

/**
 * Top-2-box share of an item from its code counts, withheld when fewer than k responses
 * carry an opinion (docs/design.md, "Statistics and privacy rules": no published cell
 * rests on fewer than k responses).
 */
export function summariseItem(scale: Scale, counts: CodeCounts, k: number): ItemSummary {
  let n = 0;
  let answered = 0;
  let top = 0;
  for (const [code, count] of counts) {
    answered += count;
    if (scale.missing.includes(code)) continue;
    n += count;
    if (scale.topBox.includes(code)) top += count;
  }
  const suppressed = n < k;
  return { n, answered, estimate: suppressed ? null : wilsonInterval(top, n), suppressed };
}

/** "withheld": the statistics bureau withheld the figure as confidential, so it meets or misses nothing. */
export type TargetStatus = "met" | "missed" | "no-target" | "withheld";

export function judgeTarget(value: number | null, target: number | null, higherIsBetter: boolean): TargetStatus {
  if (value === null) return "withheld";
  if (target === null) return "no-target";
  return (higherIsBetter ? value >= target : value <= target) ? "met" : "missed";
}

export type Verdict = "agree" | "target-met-residents-disagree" | "target-missed-residents-satisfied" | "unknown";

/**
 * Whether the official figure and the residents tell the same story. Residents "agree"
 * with a met target when the interval lies above one half, and with a missed one when it
 * lies below; an interval straddling one half says nothing either way.
 */
export function compareWithResidents(status: TargetStatus, estimate: ShareEstimate | null): Verdict {
  if (status === "no-target" || !estimate) return "unknown";
  const residentsPositive = estimate.low > 0.5;
  const residentsNegative = estimate.high < 0.5;
  if (status === "met" && residentsNegative) return "target-met-residents-disagree";
  if (status === "missed" && residentsPositive) return "target-missed-residents-satisfied";
  if ((status === "met" && residentsPositive) || (status === "missed" && residentsNegative)) return "agree";
  return "unknown";
}
