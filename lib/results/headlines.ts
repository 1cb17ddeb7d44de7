import { areaScore, type ShareSummary } from "@/lib/stats/area-score";
import { compareShares, type ShareChange } from "@/lib/stats/change";
import type { Area } from "@/lib/survey/types";

/** One area of life as the public page draws it: its score, and its change since the town's previous wave. */
export interface AreaFigure {
  area: Area;
  /** The area's score (lib/stats/area-score.ts); withheld when any of its questions is, null when it has none. */
  score: ShareSummary | null;
  /**
   * The change of the score since the previous wave, or null: no previous wave, a question
   * of the area asked otherwise then (not comparable), or a withheld score on either side.
   */
  change: ShareChange | null;
}

/**
 * Each area's score and change, sorted best first; areas without a shown score last, in the
 * questionnaire's order. The change compares the same questions on both sides: only when
 * every question of the area was asked the same way in the previous wave. Its noise test
 * takes the area's smallest n, as if the area were one question; the same residents answer
 * every question of an area, so this is no bolder than testing any one of them.
 */
export function areaFigures({ areas, items, previous }: {
  /** The questionnaire's areas, in its order. */
  areas: readonly Area[];
  items: ReadonlyArray<{ itemId: string; area: Area; summary: ShareSummary }>;
  /** The previous wave's summaries of the questions comparable with this wave's, or null without a previous wave. */
  previous: ReadonlyMap<string, ShareSummary> | null;
}): AreaFigure[] {
  const figures = areas.flatMap((area) => {
    const own = items.filter((item) => item.area === area);
    if (own.length === 0) return [];
    const score = areaScore(own.map((item) => item.summary));
    const before = previous && own.every((item) => previous.has(item.itemId)) ? areaScore(own.map((item) => previous.get(item.itemId)!)) : null;
    const change = score?.estimate && before?.estimate ? compareShares(score.estimate, before.estimate) : null;
    return [{ area, score, change }];
  });
  const shown = figures.filter((figure) => figure.score?.estimate).sort((a, b) => b.score!.estimate!.share - a.score!.estimate!.share);
  return [...shown, ...figures.filter((figure) => !figure.score?.estimate)];
}

/** A message key under `publicPage.headlines` with what the page formats into it. */
export type Headline =
  | { key: "best" | "worst" | "only"; area: Area; share: number }
  | { key: "rose" | "fell"; area: Area; points: number; share: number }
  | { key: "steady"; count: number }
  | { key: "noAreas" };

/**
 * A few plain-language headlines from the area figures: the area rated best and the one
 * rated worst, and the largest change since the previous wave that is beyond sampling
 * noise (or, when areas were compared and none moved beyond noise, that they held steady).
 * Only shown figures are used, so no headline rests on a withheld cell.
 */
export function headlines(figures: readonly AreaFigure[]): Headline[] {
  const rated = figures.filter((figure) => figure.score?.estimate).sort((a, b) => b.score!.estimate!.share - a.score!.estimate!.share);
  if (rated.length === 0) return [{ key: "noAreas" }];
  const out: Headline[] = [];
  const best = rated[0]!;
  const worst = rated.at(-1)!;
  if (best === worst) out.push({ key: "only", area: best.area, share: best.score!.estimate!.share });
  else {
    out.push({ key: "best", area: best.area, share: best.score!.estimate!.share });
    out.push({ key: "worst", area: worst.area, share: worst.score!.estimate!.share });
  }
  const compared = rated.filter((figure) => figure.change);
  const moved = compared
    .filter((figure) => figure.change!.beyondNoise && figure.change!.points !== 0)
    .sort((a, b) => Math.abs(b.change!.points) - Math.abs(a.change!.points) || b.score!.estimate!.share - a.score!.estimate!.share);
  const biggest = moved[0];
  if (biggest) {
    out.push({ key: biggest.change!.points > 0 ? "rose" : "fell", area: biggest.area, points: Math.abs(biggest.change!.points), share: biggest.score!.estimate!.share });
  } else if (compared.length > 0) out.push({ key: "steady", count: compared.length });
  return out;
}
