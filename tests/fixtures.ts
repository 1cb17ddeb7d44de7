import { randomUUID } from "node:crypto";
import { scaleOf } from "@/lib/survey/questionnaire";
import type { Questionnaire } from "@/lib/survey/types";

/**
 * Answers to every choice item: the first option of each scale unless given. Items hidden
 * by skip logic are answered too; the server drops them.
 */
export function completeAnswers(questionnaire: Questionnaire, overrides: Record<string, number | string> = {}): Record<string, number | string> {
  const answers: Record<string, number | string> = {};
  for (const item of questionnaire.items) {
    if (item.kind === "text") continue;
    answers[item.id] = scaleOf(questionnaire, item).options[0]!.code;
  }
  return { ...answers, ...overrides };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
