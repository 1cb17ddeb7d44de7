import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PrioritiesStep, ballotProblem, chosenIn, type PriorityLabels, type StepElection } from "@/app/[locale]/(resident)/survey/[wave]/priorities-step";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import { fieldErrorsOf } from "@/lib/field-errors";
import { electionSchema, prioritySchema } from "@/lib/priorities/admin-schema";
import { getQuestionnaire, itemRules, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { buildResponseSchema } from "@/lib/survey/response-schema";
import { completeAnswers } from "../fixtures";

/* The input side of residents' priorities (issue 11): the ballot in the response, the step's own checks, the admin's forms. */

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
const schema = buildResponseSchema(itemRules(questionnaire));
const valid = {
  responseId: "3f0e9d5c-2b1a-4c3d-8e7f-0a1b2c3d4e5f",
  waveId: 1,
  townId: 2,
  locale: "ru",
  questionnaireVersion: latestQuestionnaireVersion,
  answers: completeAnswers(questionnaire),
};

describe("the ballot in the survey submission", () => {
  it("is absent when skipped, [] when answered with nothing chosen, and a list of ids otherwise", () => {
    expect(schema.parse(valid).priorities).toBeUndefined();
    expect(schema.parse({ ...valid, priorities: [] }).priorities).toEqual([]);
    expect(schema.parse({ ...valid, priorities: [7, 3] }).priorities).toEqual([7, 3]);
  });

  it("refuses ids that are not whole positive numbers with the step's message", () => {
    for (const priorities of [["7"], [0], [-2], [1.5], 7, [2 ** 31]]) {
      const result = schema.safeParse({ ...valid, priorities });
      expect(result.success, JSON.stringify(priorities)).toBe(false);
      expect(Object.values(fieldErrorsOf(result.error!)).flat()).toEqual(["priorities.errors.unknown"]);
    }
  });
});

const approval: StepElection = {
  rule: "approval",
  maxChoices: 2,
  budget: null,
  priorities: [1, 2, 3].map((id) => ({ id, title: `p${id}`, description: "", cost: null })),
};
const budget: StepElection = {
  rule: "budget",
  maxChoices: null,
  budget: 100,
  priorities: [
    { id: 10, title: "bridge", description: "", cost: 70 },
    { id: 11, title: "library", description: "", cost: 40 },
    { id: 12, title: "bench", description: "", cost: 30 },
  ],
};

describe("the survey's priorities step", () => {
  it("says what the server would refuse, before anything is sent", () => {
    expect(ballotProblem(approval, [])).toBeNull();
    expect(ballotProblem(approval, [1, 3])).toBeNull();
    expect(ballotProblem(approval, [1, 2, 3])).toBe("priorities.errors.tooMany");
    expect(ballotProblem(budget, [10, 12])).toBeNull();
    expect(ballotProblem(budget, [10, 11])).toBe("priorities.errors.overBudget");
    expect(ballotProblem(approval, [10])).toBe("priorities.errors.unknown");
  });

  it("keeps only the town's own priorities when the resident changes town", () => {
    expect(chosenIn(approval, { answered: true, chosen: [10, 2, 12] })).toEqual([2]);
    expect(chosenIn(budget, { answered: true, chosen: [10, 2, 12] })).toEqual([10, 12]);
  });
});

describe("the admin's forms", () => {
  const target = { waveSlug: "demo-2026", townCode: "ridder" };
  it("reads amounts typed with spaces as whole tenge, and refuses fractions", () => {
    expect(electionSchema.parse({ ...target, rule: "budget", budget: "1 500 000" })).toMatchObject({ rule: "budget", budget: 1_500_000 });
    const fraction = electionSchema.safeParse({ ...target, rule: "budget", budget: "1,5" });
    expect(fraction.success).toBe(false);
    expect(fieldErrorsOf(fraction.error!).budget).toEqual(["priorities.admin.errors.amount"]);
  });

  it("asks the approval rule for its number of choices and the budget rule for its budget", () => {
    expect(fieldErrorsOf(electionSchema.safeParse({ ...target, rule: "approval", maxChoices: "" }).error!).maxChoices).toEqual(["priorities.admin.errors.maxChoicesRequired"]);
    expect(fieldErrorsOf(electionSchema.safeParse({ ...target, rule: "approval", maxChoices: "21" }).error!).maxChoices).toEqual(["priorities.admin.errors.maxChoices"]);
    expect(fieldErrorsOf(electionSchema.safeParse({ ...target, rule: "budget" }).error!).budget).toEqual(["priorities.admin.errors.budgetRequired"]);
  });

  it("needs a title and description in each language; the cost may be left empty", () => {
    const text = { kk: "Жол", ru: "Дорога", en: "Road" };
    const ok = prioritySchema.parse({ ...target, id: "", title: text, description: text, cost: "", areaId: "jobs", itemIds: [] });
    expect(ok.cost).toBeUndefined();
    expect(ok.id).toBeUndefined();
    const missing = prioritySchema.safeParse({ ...target, title: { ...text, kk: "  " }, description: { ...text, en: "" }, areaId: "", itemIds: [] });
    expect(fieldErrorsOf(missing.error!)).toMatchObject({
      "title.kk": ["priorities.admin.errors.titleRequired"],
      "description.en": ["priorities.admin.errors.descriptionRequired"],
      areaId: ["priorities.admin.errors.areaRequired"],
    });
  });
});

describe("the step as a resident sees it", () => {
  const labelsOf = (messages: typeof en | typeof ru): PriorityLabels => {
    const { errors: _errors, admin: _admin, ...labels } = messages.priorities;
    return labels;
  };
  const render = (messages: typeof en | typeof ru, locale: "en" | "ru", election: StepElection, chosen: number[]) =>
    renderToStaticMarkup(h(PrioritiesStep, { locale, election, ballot: { answered: true, chosen }, onChange: () => undefined, labels: labelsOf(messages) }))
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ");

  it("under the budget rule, shows the running total and what is left, and what no longer fits cannot be ticked", () => {
    const markup = renderToStaticMarkup(h(PrioritiesStep, { locale: "en", election: budget, ballot: { answered: true, chosen: [10] }, onChange: () => undefined, labels: labelsOf(en) }));
    expect(render(en, "en", budget, [10])).toContain("Chosen for 70 tenge; 30 tenge of the budget left.");
    // 40 no longer fits in what is left; 30 does.
    const inputs = Object.fromEntries((markup.match(/<input[^>]*>/g) ?? []).map((input) => [input.match(/value="(\d+)"/)![1], input]));
    expect(inputs["11"]).toContain('disabled=""');
    expect(inputs["12"]).not.toContain("disabled");
    expect(inputs["10"]).toContain('checked=""');
    expect(render(ru, "ru", { ...budget, budget: 1_500_000 }, [])).toContain("бюджет: 1 500 000 тенге");
  });

  it("under the approval rule, says how many may be chosen, in Russian with the right plural", () => {
    expect(render(ru, "ru", { ...approval, maxChoices: 1 }, [])).toContain("Можно выбрать до 1 приоритета.");
    expect(render(ru, "ru", { ...approval, maxChoices: 3 }, [2])).toContain("Можно выбрать до 3 приоритетов.");
    expect(render(ru, "ru", { ...approval, maxChoices: 3 }, [2])).toContain("Выбрано: 1 из 3");
  });
});
