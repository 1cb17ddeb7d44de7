import type { Area } from "@/lib/survey/types";
import { areaScore, type ShareSummary } from "./area-score";
import type { TargetsVsPeopleRow } from "./targets-vs-people";

/** Formatting the page does in the reader's language; the sentences only choose what to say. */
export interface SummaryFormat {
  percent: (share: number) => string;
  /** "a, b and c" in the reader's language. */
  list: (names: string[]) => string;
  areaName: (area: Area) => string;
}

export type SummaryKey = "answered" | "bestWorst" | "onlyArea" | "noAreas" | "metButDisagree";

/** A message key under `results.summary` with its values. */
export interface SummarySentence {
  key: SummaryKey;
  values: Record<string, string | number>;
}

/**
 * Two to four plain sentences on a town's results, from the same withheld-below-k
 * aggregates the page shows: how many answered, the areas rated best and worst, and
 * targets met where most residents disagree. An area with a withheld question is not
 * rated, and a withheld question has no verdict, so no sentence rests on a hidden cell.
 */
export function publicSummary({ responses, demoResponses, areas, items, targets, format }: {
  responses: number;
  demoResponses: number;
  /** The questionnaire's areas, in its order. */
  areas: readonly Area[];
  items: ReadonlyArray<{ area: Area; summary: ShareSummary }>;
  targets: readonly TargetsVsPeopleRow[];
  format: SummaryFormat;
}): SummarySentence[] {
  const demo = demoResponses === 0 ? "none" : demoResponses >= responses ? "all" : "some";
  const sentences: SummarySentence[] = [{ key: "answered", values: { count: responses, demo } }];

  const rated = areas
    .flatMap((area) => {
      const score = areaScore(items.filter((item) => item.area === area).map((item) => item.summary));
      return score?.estimate ? [{ area, share: score.estimate.share }] : [];
    })
    .sort((a, b) => b.share - a.share);
  const best = rated[0];
  const worst = rated.at(-1);
  if (!best || !worst) sentences.push({ key: "noAreas", values: {} });
  else if (best === worst) sentences.push({ key: "onlyArea", values: { area: format.areaName(best.area), share: format.percent(best.share) } });
  else {
    sentences.push({
      key: "bestWorst",
      values: { best: format.areaName(best.area), bestShare: format.percent(best.share), worst: format.areaName(worst.area), worstShare: format.percent(worst.share) },
    });
  }

  const disagreeing = targets.flatMap((row) => {
    const linked = row.linked.filter((item) => item.verdict === "target-met-residents-disagree" && item.summary.estimate);
    return linked.length > 0 ? [{ name: row.name, linked }] : [];
  });
  const lowest = disagreeing
    .flatMap((row) => row.linked)
    .reduce<(typeof disagreeing)[number]["linked"][number] | null>((low, item) => (!low || item.summary.estimate!.share < low.summary.estimate!.share ? item : low), null);
  if (lowest) {
    sentences.push({
      key: "metButDisagree",
      values: { count: disagreeing.length, indicators: format.list(disagreeing.map((row) => row.name)), share: format.percent(lowest.summary.estimate!.share), item: withoutFullStop(lowest.text) },
    });
  }
  return sentences;
}

// A statement quoted inside a sentence loses its own full stop; a question keeps its mark.
function withoutFullStop(text: string): string {
  return text.replace(/\.$/, "");
}
