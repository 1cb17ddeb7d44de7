import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { createAccountSchema } from "@/lib/auth/account-schema";
import { loginSchema } from "@/lib/auth/login-schema";
import { createCommitmentSchema } from "@/lib/commitments/fields";
import { parseCommitmentsCsv, COMMITMENT_COLUMNS } from "@/lib/commitments/csv";
import { fieldErrorsOf } from "@/lib/field-errors";
import { importInputSchema } from "@/lib/indicators/import-schema";
import { prioritySchema } from "@/lib/priorities/admin-schema";
import { hasUnsafeCharacters, safeText, UNSAFE_TEXT_ERROR } from "@/lib/safe-text";
import { getQuestionnaire, itemRules, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { buildResponseSchema } from "@/lib/survey/response-schema";
import { createWaveSchema } from "@/lib/survey/wave-schema";
import { completeAnswers } from "../fixtures";

const text = z.string().check(safeText());
const errorOf = (value: string) => {
  const result = text.safeParse(value);
  return result.success ? null : result.error.issues.map((issue) => issue.message);
};

describe("safeText: text that Postgres and UTF-8 can hold as typed", () => {
  it("refuses a NUL character, a lone high and a lone low surrogate, wherever they stand", () => {
    for (const value of ["\u0000", "Риддер\u0000", "жол\ud83dжөндеу", "\udca9 автобус", "end\ud800", "\udc00\ud800", "\ud83d\ude00\ud83d"]) {
      expect(errorOf(value), JSON.stringify(value)).toEqual([UNSAFE_TEXT_ERROR]);
    }
    // What a phone's JSON may carry: the escape parses into a lone half.
    expect(hasUnsafeCharacters(JSON.parse('"\\ud800"') as string)).toBe(true);
    expect(hasUnsafeCharacters(JSON.parse('"a\\u0000b"') as string)).toBe(true);
  });

  it("accepts Kazakh and Russian letters, emoji as whole pairs, line breaks and tabs", () => {
    for (const value of ["", "Қала әкімдігі көшелерді жөндесін, ұңғыма суы ішуге жарамсыз", "Больше автобусов!", "👍🏽 жақсы 😀", "🇰🇿", "line one\nline two\ttab", "\ud83d\ude00"]) {
      expect(errorOf(value), JSON.stringify(value)).toBeNull();
    }
  });

  it("finds a lone half at the end of 64 KB of text, and nothing in 64 KB of Kazakh letters", () => {
    expect(hasUnsafeCharacters("ә".repeat(64 * 1024))).toBe(false);
    expect(hasUnsafeCharacters(`${"😀".repeat(32 * 1024)}\ud83d`)).toBe(true);
  });
});

describe("every form that takes text refuses it at the field", () => {
  const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
  const rules = itemRules(questionnaire);
  const freeText = rules.find((rule) => rule.kind === "text")!;

  it("the survey: a free-text answer", () => {
    const result = buildResponseSchema(rules).safeParse({
      responseId: "3f0e9d5c-2b1a-4c3d-8e7f-0a1b2c3d4e5f",
      waveId: 1,
      townId: 2,
      locale: "ru",
      questionnaireVersion: latestQuestionnaireVersion,
      answers: { ...completeAnswers(questionnaire), [freeText.id]: "больше\u0000 автобусов" },
    });
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error!)).toEqual({ [`answers.${freeText.id}`]: [UNSAFE_TEXT_ERROR] });
  });

  it("staff accounts, sign-in, waves, priorities and the indicator import", () => {
    const fieldsOf = (schema: z.ZodMiniType, input: unknown) => {
      const result = schema.safeParse(input);
      return result.success ? {} : fieldErrorsOf(result.error);
    };
    expect(fieldsOf(createAccountSchema, { name: "Айгүл\ud800", email: "a@example.kz", role: "official", townCodes: [] })).toEqual({ name: [UNSAFE_TEXT_ERROR] });
    expect(fieldsOf(loginSchema, { email: "a@example.kz", password: "correct horse\u0000" })).toEqual({ password: [UNSAFE_TEXT_ERROR] });
    const name = { kk: "Сауалнама", ru: "Опрос\udfff", en: "Survey" };
    expect(fieldsOf(createWaveSchema, { slug: "w-1", name, questionnaireVersion: latestQuestionnaireVersion, opensOn: "2026-01-01", closesOn: "2026-02-01", townCodes: ["ridder"], requiresInvitation: false, hideResultsUntilClosed: true })).toEqual({ "name.ru": [UNSAFE_TEXT_ERROR] });
    const title = { kk: "Жол", ru: "Дороги", en: "Roads" };
    expect(fieldsOf(prioritySchema, { waveSlug: "w", townCode: "t", title, description: { ...title, kk: "Жол\u0000" }, areaId: "services", itemIds: [] })).toEqual({ "description.kk": [UNSAFE_TEXT_ERROR] });
    expect(fieldsOf(importInputSchema, { kind: "values", csv: "town;indicator\nРиддер\u0000;x\n" })).toEqual({ csv: [UNSAFE_TEXT_ERROR] });
  });

  it("commitments, by form and by CSV file: the row and column of the cell", () => {
    const empty = { kk: "", ru: "", en: "" };
    const result = createCommitmentSchema.safeParse({
      townCode: "ridder", waveSlug: "demo-2025", linkKind: "area", linkTarget: "services",
      heard: { ...empty, ru: "Мало автобусов\u0000" }, action: { ...empty, ru: "Новый маршрут" }, responsibleBody: { ...empty, ru: "Акимат" },
      dueOn: "2026-06-30", status: "planned", progress: 0, declineReason: empty, evidence: "", note: empty,
    });
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error!)).toEqual({ "heard.ru": [UNSAFE_TEXT_ERROR] });

    const cells: Record<string, string> = { town: "ridder", wave: "demo-2025", link_kind: "area", link: "services", heard_ru: "Мало автобусов", action_ru: "Новый маршрут\u0000", responsible_ru: "Акимат", due_on: "2026-06-30", status: "planned", progress: "0" };
    const csv = `${COMMITMENT_COLUMNS.join(",")}\n${COMMITMENT_COLUMNS.map((column) => cells[column] ?? "").join(",")}\n`;
    expect(parseCommitmentsCsv(csv)).toEqual({ ok: false, issues: [{ line: 2, column: "action_ru", key: UNSAFE_TEXT_ERROR }] });
  });
});
