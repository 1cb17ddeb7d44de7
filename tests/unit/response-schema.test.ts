import { describe, expect, it } from "vitest";
import { getQuestionnaire, itemRules, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { fieldErrorsOf } from "@/lib/field-errors";
import { buildResponseSchema } from "@/lib/survey/response-schema";
import { completeAnswers } from "../fixtures";

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
const schema = buildResponseSchema(itemRules(questionnaire));
const valid = {
  responseId: "3f0e9d5c-2b1a-4c3d-8e7f-0a1b2c3d4e5f",
  waveId: 1,
  townId: 2,
  locale: "kk",
  questionnaireVersion: latestQuestionnaireVersion,
  answers: completeAnswers(questionnaire),
};

function errorsFor(input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return fieldErrorsOf(result.error!);
}

describe("the survey submission schema", () => {
  it("accepts a complete submission, and radio strings from the form as numbers", () => {
    expect(schema.safeParse(valid).success).toBe(true);
    const fromForm = { ...valid, townId: "2", answers: { ...valid.answers, sat_heating: "4", age_band: null } };
    const parsed = schema.parse(fromForm);
    expect(parsed.townId).toBe(2);
    expect(parsed.answers.sat_heating).toBe(4);
    expect(parsed.answers.age_band).toBeUndefined();
  });

  it("reports every missing required answer, not only the first", () => {
    const { sat_heating: _heating, agree_find_job: _job, ...rest } = valid.answers;
    const errors = errorsFor({ ...valid, answers: rest });
    expect(errors["answers.sat_heating"]).toEqual(["errors.required"]);
    expect(errors["answers.agree_find_job"]).toEqual(["errors.required"]);
  });

  it("lets optional demographics be left out", () => {
    const { age_band: _age, sex: _sex, obstacle_permits: _permits, ...rest } = valid.answers;
    expect(schema.safeParse({ ...valid, answers: rest }).success).toBe(true);
  });

  it("refuses a value outside the item's scale", () => {
    expect(errorsFor({ ...valid, answers: { ...valid.answers, sat_heating: 5 } })["answers.sat_heating"]).toEqual(["errors.outOfScale"]);
    expect(errorsFor({ ...valid, answers: { ...valid.answers, life_satisfaction: 11 } })["answers.life_satisfaction"]).toEqual(["errors.outOfScale"]);
    expect(errorsFor({ ...valid, answers: { ...valid.answers, sat_heating: 2.5 } })["answers.sat_heating"]).toEqual(["errors.outOfScale"]);
    expect(errorsFor({ ...valid, answers: { ...valid.answers, sat_heating: "very" } })["answers.sat_heating"]).toEqual(["errors.outOfScale"]);
  });

  it("refuses an item that is not in the questionnaire", () => {
    expect(errorsFor({ ...valid, answers: { ...valid.answers, favourite_colour: 1 } })["answers.favourite_colour"]).toEqual(["errors.unknownItem"]);
  });

  it("refuses a malformed response id, town or language", () => {
    expect(errorsFor({ ...valid, responseId: "not-a-uuid" }).responseId).toEqual(["errors.invalidId"]);
    expect(errorsFor({ ...valid, townId: -3 }).townId).toEqual(["errors.unknownTown"]);
    expect(errorsFor({ ...valid, townId: undefined }).townId).toEqual(["errors.required"]);
    expect(errorsFor({ ...valid, locale: "de" }).locale).toEqual(["errors.invalid"]);
  });
});
