import { itemRules, scaleOf } from "@/lib/survey/questionnaire";
import { isAsked } from "@/lib/survey/skip-logic";
import type { Questionnaire } from "@/lib/survey/types";

/**
 * The speeding floor: seconds per item asked. An interviewer reads every question aloud and
 * waits for the answer; at a speaking pace of about 150 words a minute, the shortest
 * questions of this questionnaire (ten words or so) take some 4 seconds to read alone. An
 * interview under 2.5 seconds an item cannot have been read out (docs/fieldwork.md).
 */
export const SPEEDING_SECONDS_PER_ITEM = 2.5;

/** The fewest items of one battery that, all given one substantive answer, count as straight-lining. */
export const STRAIGHT_LINE_MIN_ITEMS = 5;

/**
 * The battery an item's scale belongs to: the agreement and satisfaction scales, whatever
 * their summary (a reversed or descriptive agreement scale offers the respondent the same
 * answers); any other scale is no battery.
 */
function batteryOf(scaleId: string): "agreement" | "satisfaction" | null {
  if (scaleId.startsWith("agreement")) return "agreement";
  if (scaleId.startsWith("satisfaction")) return "satisfaction";
  return null;
}

export interface QualityFlags {
  /** The items skip logic showed, given the answers. */
  itemsAsked: number;
  speeding: boolean;
  straightLining: boolean;
}

/**
 * An interview's quality flags (docs/fieldwork.md), from its answers and its length alone:
 * - speeding: shorter than SPEEDING_SECONDS_PER_ITEM for every item asked (skip logic
 *   decides which were; an item asked and left unanswered counts, it was still read out);
 * - straight-lining: a battery (the agreement items, or the satisfaction items) of at least
 *   STRAIGHT_LINE_MIN_ITEMS asked items, every one answered with the same substantive code
 *   (not "don't know", not left out).
 * Flags are for the supervisor's review; neither refuses an interview.
 */
export function qualityFlags({ questionnaire, answers, durationSeconds }: { questionnaire: Questionnaire; answers: Record<string, unknown>; durationSeconds: number }): QualityFlags {
  const rules = itemRules(questionnaire);
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const asked = questionnaire.items.filter((item) => isAsked(byId.get(item.id)!, answers, byId));
  const batteries = new Map<string, { items: number; codes: Set<unknown>; substantive: boolean }>();
  for (const item of asked) {
    if ((item.kind ?? "choice") !== "choice") continue;
    const battery = batteryOf(item.scaleId);
    if (!battery) continue;
    const entry = batteries.get(battery) ?? { items: 0, codes: new Set<unknown>(), substantive: true };
    const value = answers[item.id];
    entry.items += 1;
    entry.codes.add(value);
    if (typeof value !== "number" || scaleOf(questionnaire, item).missing.includes(value)) entry.substantive = false;
    batteries.set(battery, entry);
  }
  const straightLining = [...batteries.values()].some((b) => b.items >= STRAIGHT_LINE_MIN_ITEMS && b.substantive && b.codes.size === 1);
  return { itemsAsked: asked.length, speeding: durationSeconds < SPEEDING_SECONDS_PER_ITEM * asked.length, straightLining };
}
