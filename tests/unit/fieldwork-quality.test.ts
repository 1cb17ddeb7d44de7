import { describe, expect, it } from "vitest";
import { qualityFlags, SPEEDING_SECONDS_PER_ITEM, STRAIGHT_LINE_MIN_ITEMS } from "@/lib/fieldwork/quality";
import { getQuestionnaire, latestQuestionnaireVersion, scaleOf } from "@/lib/survey/questionnaire";
import { completeAnswers } from "../fixtures";

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
const agreementItems = questionnaire.items.filter((item) => item.scaleId.startsWith("agreement") && !item.showIf);
const satisfactionItems = questionnaire.items.filter((item) => item.scaleId.startsWith("satisfaction") && !item.showIf);

/** Answers that vary within every battery: item i gets the scale's (i mod 2)-th substantive code. */
function variedAnswers() {
  const answers = completeAnswers(questionnaire);
  for (const [i, item] of [...agreementItems, ...satisfactionItems].entries()) {
    const scale = scaleOf(questionnaire, item);
    const substantive = scale.options.map((o) => o.code).filter((code) => !scale.missing.includes(code));
    answers[item.id] = substantive[i % 2]!;
  }
  return answers;
}

describe("qualityFlags", () => {
  it("has batteries large enough to test on", () => {
    expect(agreementItems.length).toBeGreaterThanOrEqual(STRAIGHT_LINE_MIN_ITEMS);
    expect(satisfactionItems.length).toBeGreaterThanOrEqual(STRAIGHT_LINE_MIN_ITEMS);
  });

  it("flags speeding below the floor per item asked, and not at it", () => {
    const answers = variedAnswers();
    const { itemsAsked } = qualityFlags({ questionnaire, answers, durationSeconds: 0 });
    expect(itemsAsked).toBeGreaterThan(10);
    const floor = Math.ceil(SPEEDING_SECONDS_PER_ITEM * itemsAsked);
    expect(qualityFlags({ questionnaire, answers, durationSeconds: floor - 1 }).speeding).toBe(true);
    expect(qualityFlags({ questionnaire, answers, durationSeconds: floor }).speeding).toBe(false);
    expect(qualityFlags({ questionnaire, answers, durationSeconds: 3600 }).speeding).toBe(false);
  });

  it("counts only the items skip logic asked", () => {
    const conditional = questionnaire.items.find((item) => item.showIf)!;
    const parent = questionnaire.items.find((item) => item.id === conditional.showIf!.itemId)!;
    const other = scaleOf(questionnaire, parent).options.map((o) => o.code).find((code) => !conditional.showIf!.anyOf.includes(code))!;
    const shown = qualityFlags({ questionnaire, answers: { ...variedAnswers(), [parent.id]: conditional.showIf!.anyOf[0]! }, durationSeconds: 600 });
    const hidden = qualityFlags({ questionnaire, answers: { ...variedAnswers(), [parent.id]: other }, durationSeconds: 600 });
    expect(shown.itemsAsked).toBeGreaterThan(hidden.itemsAsked);
  });

  it("flags a battery all given one substantive code, and not one that varies", () => {
    expect(qualityFlags({ questionnaire, answers: variedAnswers(), durationSeconds: 600 }).straightLining).toBe(false);
    const same = variedAnswers();
    const scale = scaleOf(questionnaire, satisfactionItems[0]!);
    const code = scale.options.map((o) => o.code).find((c) => !scale.missing.includes(c))!;
    for (const item of satisfactionItems) same[item.id] = code;
    expect(qualityFlags({ questionnaire, answers: same, durationSeconds: 600 }).straightLining).toBe(true);
  });

  it("does not flag a battery answered 'don't know' throughout, or broken by one other answer", () => {
    const scale = scaleOf(questionnaire, agreementItems[0]!);
    const dontKnow = scale.missing[0]!;
    const allDontKnow = variedAnswers();
    for (const item of agreementItems) allDontKnow[item.id] = dontKnow;
    expect(qualityFlags({ questionnaire, answers: allDontKnow, durationSeconds: 600 }).straightLining).toBe(false);
    const code = scale.options.map((o) => o.code).filter((c) => !scale.missing.includes(c));
    const almost = variedAnswers();
    for (const item of agreementItems) almost[item.id] = code[0]!;
    almost[agreementItems.at(-1)!.id] = code[1]!;
    expect(qualityFlags({ questionnaire, answers: almost, durationSeconds: 600 }).straightLining).toBe(false);
  });
});
