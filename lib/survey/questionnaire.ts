import { questionnaire2026v1 } from "./questionnaires/2026-1";
import { questionnaire2026v2 } from "./questionnaires/2026-2";
import type { Item, ItemRule, Questionnaire, Scale } from "./types";

const questionnaires: Record<string, Questionnaire> = {
  [questionnaire2026v1.version]: questionnaire2026v1,
  [questionnaire2026v2.version]: questionnaire2026v2,
};

/** What a new wave uses by default. A 2026.1 wave keeps its version until it closes. */
export const latestQuestionnaireVersion = questionnaire2026v2.version;
/** The versions a new wave may use. */
export const questionnaireVersions = Object.keys(questionnaires);

/** The questionnaire of a version, or undefined; the version may come from a submission ("constructor" included). */
export function getQuestionnaire(version: string): Questionnaire | undefined {
  return Object.hasOwn(questionnaires, version) ? questionnaires[version] : undefined;
}

export function scaleOf(questionnaire: Questionnaire, item: Item): Scale {
  const scale = questionnaire.scales[item.scaleId];
  if (!scale) throw new Error(`Item ${item.id} uses unknown scale ${item.scaleId}`);
  return scale;
}

export function itemRules(questionnaire: Questionnaire): ItemRule[] {
  return questionnaire.items.map((item) => ({
    id: item.id,
    required: item.required,
    kind: item.kind ?? "choice",
    codes: scaleOf(questionnaire, item).options.map((option) => option.code),
    ...(item.maxLength ? { maxLength: item.maxLength } : {}),
    ...(item.showIf ? { showIf: item.showIf } : {}),
  }));
}
