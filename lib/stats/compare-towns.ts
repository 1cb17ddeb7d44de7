import type { ShareEstimate } from "./wilson";
import type { ShareSummary } from "./area-score";

export interface TownShare<T> {
  town: T;
  summary: ShareSummary;
}

/**
 * Towns by favourable share, highest first (ties: the larger sample first), and apart from
 * them the towns whose share is withheld, in the order given: a ranking must not place a
 * hidden share between two shown ones.
 */
export function rankTowns<T>(rows: readonly TownShare<T>[]): { shown: Array<TownShare<T> & { estimate: ShareEstimate }>; hidden: TownShare<T>[] } {
  const shown = rows
    .flatMap((row) => (row.summary.estimate ? [{ ...row, estimate: row.summary.estimate }] : []))
    .sort((a, b) => b.estimate.share - a.estimate.share || b.estimate.n - a.estimate.n);
  return { shown, hidden: rows.filter((row) => !row.summary.estimate) };
}

export interface TownFigure {
  value: number;
  target: number | null;
  period: string;
}

export interface ScatterPoint<T> {
  town: T;
  figure: TownFigure;
  estimate: ShareEstimate;
}

export type LeftOutReason = "no-figure" | "suppressed";

/**
 * One point per town: the official figure across, the residents' share up. Towns without a
 * figure or with a withheld share are left out with the reason. The target is drawn as one
 * line only when every plotted town is judged against the same one.
 */
export function scatterPoints<T>(rows: ReadonlyArray<TownShare<T> & { figure: TownFigure | null }>): {
  points: ScatterPoint<T>[];
  leftOut: Array<{ town: T; reason: LeftOutReason }>;
  commonTarget: number | null;
} {
  const points: ScatterPoint<T>[] = [];
  const leftOut: Array<{ town: T; reason: LeftOutReason }> = [];
  for (const { town, figure, summary } of rows) {
    if (!figure) leftOut.push({ town, reason: "no-figure" });
    else if (!summary.estimate) leftOut.push({ town, reason: "suppressed" });
    else points.push({ town, figure, estimate: summary.estimate });
  }
  const targets = new Set(points.map((point) => point.figure.target));
  const [only] = targets;
  return { points, leftOut, commonTarget: targets.size === 1 && only !== undefined ? only : null };
}
