import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { questionnaireVersions } from "@/lib/survey/questionnaire";
import { createWaveSchema } from "@/lib/survey/wave-schema";
import { resultsVisible } from "@/lib/survey/wave-rules";

describe("when a wave's results may be shown", () => {
  it("hides an open wave's results by default, shows them once it closes or if the wave allows", () => {
    expect(resultsVisible({ status: "open", hideResultsUntilClosed: true })).toBe(false);
    expect(resultsVisible({ status: "draft", hideResultsUntilClosed: true })).toBe(false);
    expect(resultsVisible({ status: "closed", hideResultsUntilClosed: true })).toBe(true);
    expect(resultsVisible({ status: "open", hideResultsUntilClosed: false })).toBe(true);
  });
});

describe("wave slugs", () => {
  const base = { name: { kk: "а", ru: "б", en: "c" }, questionnaireVersion: questionnaireVersions[0], opensOn: "2026-01-01", closesOn: "2026-02-01", townCodes: ["ridder"], requiresInvitation: false, hideResultsUntilClosed: true };
  const slugErrors = (slug: string) => createWaveSchema.safeParse({ ...base, slug }).error?.issues.map((issue) => issue.message) ?? [];

  it("refuses the slug of every fixed staff page, and of the password page", () => {
    const staffPages = fs
      .readdirSync(path.join(import.meta.dirname, "../../app/[locale]/(staff)/staff"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith("["))
      .map((entry) => entry.name);
    expect(staffPages).toContain("exports");
    for (const slug of [...staffPages, "exports", "password", "admin", "compare"]) expect(slugErrors(slug)).toEqual(["adminWaves.errors.slugReserved"]);
    expect(slugErrors("exports-2026")).toEqual([]);
  });
});
