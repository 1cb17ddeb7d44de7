import { describe, expect, it } from "vitest";
import { isAsked, withoutHidden } from "@/lib/survey/skip-logic";
import type { ItemRule } from "@/lib/survey/types";

const rules: ItemRule[] = [
  { id: "employment", required: false, kind: "choice", codes: [1, 2, 3] },
  { id: "obstacle", required: true, kind: "choice", codes: [0, 1], showIf: { itemId: "employment", anyOf: [3] } },
  { id: "obstacle_detail", required: true, kind: "choice", codes: [0, 1], showIf: { itemId: "obstacle", anyOf: [1] } },
];
const byId = new Map(rules.map((rule) => [rule.id, rule]));

describe("skip logic", () => {
  it("asks a conditional item only when its condition holds, also for the form's string values", () => {
    expect(isAsked(rules[1]!, { employment: 3 }, byId)).toBe(true);
    expect(isAsked(rules[1]!, { employment: "3" }, byId)).toBe(true);
    expect(isAsked(rules[1]!, { employment: 1 }, byId)).toBe(false);
    expect(isAsked(rules[1]!, {}, byId)).toBe(false);
  });

  it("hides an item whose parent is hidden, even if the parent's old answer would show it", () => {
    expect(isAsked(rules[2]!, { employment: 1, obstacle: 1 }, byId)).toBe(false);
    expect(isAsked(rules[2]!, { employment: 3, obstacle: 1 }, byId)).toBe(true);
  });

  it("drops the answers to hidden items and keeps the rest", () => {
    expect(withoutHidden(rules, { employment: 1, obstacle: 1, obstacle_detail: 0 })).toEqual({ employment: 1 });
    expect(withoutHidden(rules, { employment: 3, obstacle: 0, obstacle_detail: 1 })).toEqual({ employment: 3, obstacle: 0 });
  });
});
