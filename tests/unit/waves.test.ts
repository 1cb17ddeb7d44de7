import { describe, expect, it } from "vitest";
import { resultsVisible } from "@/db/queries/waves";

describe("when a wave's results may be shown", () => {
  it("hides an open wave's results by default, shows them once it closes or if the wave allows", () => {
    expect(resultsVisible({ status: "open", hideResultsUntilClosed: true })).toBe(false);
    expect(resultsVisible({ status: "draft", hideResultsUntilClosed: true })).toBe(false);
    expect(resultsVisible({ status: "closed", hideResultsUntilClosed: true })).toBe(true);
    expect(resultsVisible({ status: "open", hideResultsUntilClosed: false })).toBe(true);
  });
});
