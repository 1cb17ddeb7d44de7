import { randomUUID } from "node:crypto";
import { scaleOf } from "@/lib/survey/questionnaire";
import type { Questionnaire } from "@/lib/survey/types";

/** Answers to every item: the first option of each scale unless given. */
export function completeAnswers(questionnaire: Questionnaire, overrides: Record<string, number> = {}): Record<string, number> {
  const answers: Record<string, number> = {};
  for (const item of questionnaire.items) answers[item.id] = scaleOf(questionnaire, item).options[0]!.code;
  return { ...answers, ...overrides };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
