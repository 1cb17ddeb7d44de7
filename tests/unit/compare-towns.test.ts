import { describe, expect, it } from "vitest";
import { rankTowns, scatterPoints } from "@/lib/stats/compare-towns";
import type { ShareSummary } from "@/lib/stats/area-score";

const shown = (share: number, n = 50): ShareSummary => ({ n, suppressed: false, estimate: { share, low: share - 0.1, high: share + 0.1, n } });
const hidden: ShareSummary = { n: 4, suppressed: true, estimate: null };

describe("rankTowns", () => {
  it("sorts shown towns by share, highest first, larger samples first on ties, and keeps withheld towns apart", () => {
    const { shown: ranked, hidden: rest } = rankTowns([
      { town: "a", summary: shown(0.4) },
      { town: "b", summary: hidden },
      { town: "c", summary: shown(0.7) },
      { town: "d", summary: shown(0.4, 80) },
    ]);
    expect(ranked.map((row) => row.town)).toEqual(["c", "d", "a"]);
    expect(rest.map((row) => row.town)).toEqual(["b"]);
  });
});

describe("scatterPoints", () => {
  const figure = (value: number, target: number | null) => ({ value, target, period: "2014-08-01" });

  it("plots towns with a figure and a shown share, and says why the others are left out", () => {
    const result = scatterPoints([
      { town: "a", figure: figure(4.8, 5.5), summary: shown(0.3) },
      { town: "b", figure: null, summary: shown(0.5) },
      { town: "c", figure: figure(5.4, 5.5), summary: hidden },
      { town: "d", figure: figure(4.4, 5.5), summary: shown(0.6) },
    ]);
    expect(result.points.map((point) => [point.town, point.figure.value, point.estimate.share])).toEqual([
      ["a", 4.8, 0.3],
      ["d", 4.4, 0.6],
    ]);
    expect(result.leftOut).toEqual([
      { town: "b", reason: "no-figure" },
      { town: "c", reason: "suppressed" },
    ]);
    expect(result.commonTarget).toBe(5.5);
  });

  it("draws no target line when the plotted towns have different targets or none", () => {
    expect(scatterPoints([{ town: "a", figure: figure(1, 2), summary: shown(0.3) }, { town: "b", figure: figure(1, 3), summary: shown(0.3) }]).commonTarget).toBeNull();
    expect(scatterPoints([{ town: "a", figure: figure(1, null), summary: shown(0.3) }]).commonTarget).toBeNull();
    expect(scatterPoints([]).commonTarget).toBeNull();
  });
});
