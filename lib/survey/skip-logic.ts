import type { ItemRule } from "./types";

type Answers = Record<string, unknown>;

/**
 * Whether an item is asked, given the answers so far: an item with a condition is asked
 * when the item it depends on is itself asked and was answered with one of the codes.
 */
export function isAsked(rule: ItemRule, answers: Answers, rules: ReadonlyMap<string, ItemRule>, depth = 0): boolean {
  if (!rule.showIf) return true;
  const parent = rules.get(rule.showIf.itemId);
  if (!parent || depth > rules.size) return false;
  const value = answers[rule.showIf.itemId];
  const code = typeof value === "string" && value !== "" ? Number(value) : value;
  return typeof code === "number" && rule.showIf.anyOf.includes(code) && isAsked(parent, answers, rules, depth + 1);
}

/** The answers with those to items that skip logic hid removed (the server drops them). */
export function withoutHidden<T extends Answers>(rules: ItemRule[], answers: T): Partial<T> {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const kept: Answers = {};
  for (const [id, value] of Object.entries(answers)) {
    const rule = byId.get(id);
    if (rule && isAsked(rule, answers, byId)) kept[id] = value;
  }
  return kept as Partial<T>;
}
