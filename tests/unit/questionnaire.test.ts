import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/locales";
import { getQuestionnaire, latestQuestionnaireVersion, scaleOf } from "@/lib/survey/questionnaire";
import { seedIndicators } from "@/scripts/seed/indicators";

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;

describe("the questionnaire", () => {
  it("has unique item ids, each in a listed area with a known scale", () => {
    const ids = questionnaire.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of questionnaire.items) {
      expect(questionnaire.areas).toContain(item.area);
      expect(() => scaleOf(questionnaire, item)).not.toThrow();
    }
  });

  it("has every question and answer option in Kazakh, Russian and English", () => {
    for (const item of questionnaire.items) {
      for (const locale of locales) expect(item.text[locale].trim(), `${item.id} in ${locale}`).not.toBe("");
      for (const option of scaleOf(questionnaire, item).options) {
        for (const locale of locales) expect(option.label[locale].trim(), `${item.scaleId} ${option.code} in ${locale}`).not.toBe("");
      }
    }
  });

  it("asks at least one question in every area (docs/design.md, \"What the survey asks\")", () => {
    for (const area of questionnaire.areas) expect(questionnaire.items.some((item) => item.area === area), area).toBe(true);
  });

  it("links items only to indicators that exist", () => {
    const codes = new Set(seedIndicators.map((indicator) => indicator.code));
    for (const item of questionnaire.items) for (const code of item.indicators) expect(codes, `${item.id} → ${code}`).toContain(code);
    for (const code of ["unemployment_rate", "industrial_output", "active_small_enterprises", "average_monthly_salary", "net_migration"]) {
      expect(questionnaire.items.some((item) => item.indicators.includes(code)), code).toBe(true);
    }
  });
});
