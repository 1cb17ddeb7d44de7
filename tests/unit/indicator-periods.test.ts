import { describe, expect, it } from "vitest";
import { compareLatestFirst, figuresForWave, periodEnd, periodNotAfter } from "@/lib/indicators/periods";

describe("indicator periods", () => {
  it("ends a year on 31 December, a month on its last day and a day on itself", () => {
    expect(["2025", "2025-06", "2024-02", "2025-02", "2025-06-15"].map(periodEnd)).toEqual(["2025-12-31", "2025-06-30", "2024-02-29", "2025-02-28", "2025-06-15"]);
  });

  it("orders periods by the day they end, not by their text, the longer first on the same day", () => {
    expect(["2025-06", "2024-12-31", "2025", "2026-01", "2025-12", "2025-12-31", "2014-08-01"].sort(compareLatestFirst)).toEqual([
      "2026-01",
      "2025",
      "2025-12",
      "2025-12-31",
      "2025-06",
      "2024-12-31",
      "2014-08-01",
    ]);
  });

  it("keeps periods that start by the day the wave closes", () => {
    const closesOn = "2025-10-15";
    expect(["2025", "2025-10", "2025-10-15", "2024-12-31"].every((period) => periodNotAfter(period, closesOn))).toBe(true);
    expect(["2026", "2025-11", "2025-10-16"].some((period) => periodNotAfter(period, closesOn))).toBe(false);
  });

  it("picks per key the latest period not after the wave", () => {
    const rows = [
      { code: "a", period: "2025-06" },
      { code: "a", period: "2025" },
      { code: "a", period: "2026" },
      { code: "b", period: "2026-01" },
      { code: "b", period: "2024-08-01" },
      { code: "c", period: "2027" },
    ];
    const pick = (closesOn: string) => figuresForWave(rows, { closesOn, key: (row) => row.code, period: (row) => row.period });
    expect(pick("2025-11-30")).toEqual([{ code: "a", period: "2025" }, { code: "b", period: "2024-08-01" }]);
    expect(pick("2026-03-01")).toEqual([{ code: "a", period: "2026" }, { code: "b", period: "2026-01" }]);
  });
});
