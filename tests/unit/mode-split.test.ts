import { describe, expect, it } from "vitest";
import { aggregateRows, type CodeCount, type GroupCodeCount } from "@/lib/export/aggregates";
import { planAnonymisation, type QuasiFrequency } from "@/lib/export/anonymise";
import { MODES } from "@/lib/fieldwork/mode";
import { breakdown, countsByStratum, DIMENSIONS, modeCounts, type GroupCount } from "@/lib/stats/breakdowns";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { satisfaction4 } from "@/lib/survey/scales";

// satisfaction4: 4 and 3 favourable, 2 and 1 not.
const FAV = 4;
const UNFAV = 1;
const row = (value: number, mode: number, responses: number, ageBand = 1, sex = 1): GroupCount => ({ itemId: "q", value, ageBand, sex, employment: 1, mode, responses });
const MODE_CODES = [MODES.online, MODES.faceToFace];

describe("breakdown by mode", () => {
  it("is offered with the other dimensions", () => {
    expect(DIMENSIONS).toContain("mode");
  });

  it("splits an item into self-completed and face-to-face answers, adding up to the item's n", () => {
    const rows = [row(FAV, 1, 30), row(UNFAV, 1, 20, 2, 2), row(FAV, 2, 9), row(UNFAV, 2, 6, 3, 2)];
    const cells = breakdown({ scale: satisfaction4, rows, itemId: "q", dimension: "mode", groupCodes: MODE_CODES, k: 10 });
    expect(cells.map((cell) => [cell.code, cell.summary.n, cell.suppression])).toEqual([
      [1, 50, null],
      [2, 15, null],
    ]);
    expect(cells[1]!.summary.estimate!.share).toBeCloseTo(9 / 15, 10);
    // No "did not say" group: every response has a mode.
    expect(cells.some((cell) => cell.code === 0)).toBe(false);
  });

  it("hides face-to-face answers below k, and the online ones with them so neither can be worked out", () => {
    const cells = breakdown({ scale: satisfaction4, rows: [row(FAV, 1, 30), row(UNFAV, 1, 20), row(FAV, 2, 3), row(UNFAV, 2, 4)], itemId: "q", dimension: "mode", groupCodes: MODE_CODES, k: 10 });
    expect(cells.map((cell) => cell.suppression)).toEqual(["secondary", "primary"]);
    expect(cells.every((cell) => cell.summary.estimate === null)).toBe(true);
  });

  it("hides a mode whose answers (all but one) were alike: group disclosure", () => {
    const cells = breakdown({ scale: satisfaction4, rows: [row(FAV, 1, 30), row(UNFAV, 1, 20), row(FAV, 2, 14), row(UNFAV, 2, 1)], itemId: "q", dimension: "mode", groupCodes: MODE_CODES, k: 10 });
    expect(cells.find((cell) => cell.code === 2)!.suppression).toBe("group");
    expect(cells.find((cell) => cell.code === 1)!.suppression).toBe("secondary");
  });

  it("leaves weighting's strata over both modes together", () => {
    const strata = countsByStratum([row(FAV, 1, 5), row(FAV, 2, 7)]);
    expect(strata.get("q")!.get("1:1")!.get(FAV)).toBe(12);
  });
});

describe("responses per mode", () => {
  it("shows both counts when each reaches k", () => {
    expect(modeCounts({ rows: [{ mode: 1, responses: 40 }, { mode: 2, responses: 12 }], modes: MODE_CODES, k: 10 })).toEqual([
      { mode: 1, responses: 40, suppression: null },
      { mode: 2, responses: 12, suppression: null },
    ]);
  });

  it("hides a mode below k and the other with it; a mode with none is shown as 0", () => {
    expect(modeCounts({ rows: [{ mode: 1, responses: 40 }, { mode: 2, responses: 3 }], modes: MODE_CODES, k: 10 }).map((m) => [m.responses, m.suppression])).toEqual([
      [null, "secondary"],
      [null, "primary"],
    ]);
    expect(modeCounts({ rows: [{ mode: 1, responses: 40 }], modes: MODE_CODES, k: 10 }).map((m) => m.responses)).toEqual([40, 0]);
  });
});

describe("mode in the microdata", () => {
  const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
  const frequency = (mode: number, count: number): QuasiFrequency => ({ town: "ridder", age_band: 2, sex: 1, employment: 1, years_in_town: 4, language: "ru", month: "2026-05", mode, count });

  it("is a quasi-identifier: a lone interview loses its mode so that it hides among k rows", () => {
    const plan = planAnonymisation({ frequencies: [frequency(1, 20), frequency(2, 1)], k: 5, minK: 5, questionnaire });
    const recode = plan.recoder();
    const published = [...Array.from({ length: 20 }, () => recode({ ...frequency(1, 1) })), recode({ ...frequency(2, 1) })];
    expect(published.every((values) => values !== null)).toBe(true);
    expect(published.filter((values) => values!.mode === 2)).toHaveLength(0);
    expect(plan.report.blanked!.find((b) => b.column === "mode")!.values).toBeGreaterThanOrEqual(1);
  });

  it("is kept where k interviews share it", () => {
    const plan = planAnonymisation({ frequencies: [frequency(1, 20), frequency(2, 6)], k: 5, minK: 5, questionnaire });
    const recode = plan.recoder();
    expect(Array.from({ length: 6 }, () => recode({ ...frequency(2, 1) })!.mode)).toEqual([2, 2, 2, 2, 2, 2]);
  });
});

describe("mode in the aggregate export", () => {
  const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
  const item = questionnaire.items.find((candidate) => candidate.id === "agree_find_job")!;
  const overall: CodeCount[] = [
    { town: "ridder", itemId: item.id, value: 4, responses: 25 },
    { town: "ridder", itemId: item.id, value: 1, responses: 30 },
  ];
  const byMode = (online: [number, number], faceToFace: [number, number]): GroupCodeCount[] => [
    { town: "ridder", itemId: item.id, value: 4, breakdown: "mode", group: 1, responses: online[0] },
    { town: "ridder", itemId: item.id, value: 1, breakdown: "mode", group: 1, responses: online[1] },
    { town: "ridder", itemId: item.id, value: 4, breakdown: "mode", group: 2, responses: faceToFace[0] },
    { town: "ridder", itemId: item.id, value: 1, breakdown: "mode", group: 2, responses: faceToFace[1] },
  ];
  const modeRows = (groups: GroupCodeCount[]) =>
    aggregateRows({ questionnaire, towns: ["ridder"], overall, groups, k: 10 }).rows.filter((r) => r.item === item.id && r.breakdown === "mode");

  it("splits each item by mode, with n and favourable per mode", () => {
    expect(modeRows(byMode([20, 20], [5, 10])).map((r) => [r.group, r.n, r.favourable, r.suppressed])).toEqual([
      ["mode_1", 40, 20, 0],
      ["mode_2", 15, 5, 0],
    ]);
  });

  it("leaves a town's total alone where every response came online: the online group is only a copy of it", () => {
    const unanimous: CodeCount[] = [{ town: "ridder", itemId: item.id, value: 4, responses: 13 }];
    const groups: GroupCodeCount[] = [{ town: "ridder", itemId: item.id, value: 4, breakdown: "mode", group: 1, responses: 13 }];
    const rows = aggregateRows({ questionnaire, towns: ["ridder"], overall: unanimous, groups, k: 10 }).rows.filter((r) => r.item === item.id);
    expect(rows.find((r) => r.breakdown === "overall")).toMatchObject({ n: 13, suppressed: 0 });
    // The copy is unanimous, so it is hidden for its own sake; the empty mode is a plain 0.
    expect(rows.filter((r) => r.breakdown === "mode").map((r) => [r.group, r.n, r.suppressed])).toEqual([
      ["mode_1", null, 1],
      ["mode_2", 0, 0],
    ]);
  });

  it("hides face-to-face below k and the online group with it", () => {
    expect(modeRows(byMode([22, 28], [3, 2])).map((r) => [r.group, r.n, r.suppressed])).toEqual([
      ["mode_1", null, 1],
      ["mode_2", null, 1],
    ]);
  });
});
