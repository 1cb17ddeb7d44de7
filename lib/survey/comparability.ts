import type { LocalizedText } from "@/lib/i18n/locales";
import { getQuestionnaire, scaleOf } from "./questionnaire";
import type { Change, Item, Questionnaire } from "./types";

/** What changed in an item from the previous version: its own changes and its scale's. */
export function changesOf(questionnaire: Questionnaire, itemId: string): Change[] {
  const item = questionnaire.items.find((candidate) => candidate.id === itemId);
  if (!item || !questionnaire.changes) return [];
  return [...(questionnaire.changes.scales[item.scaleId] ?? []), ...(questionnaire.changes.items[itemId] ?? [])];
}

/** The same codes, meaning the same, summarised the same way. */
function sameMeasure(before: Questionnaire, a: Item, after: Questionnaire, b: Item): boolean {
  if ((a.kind ?? "choice") !== (b.kind ?? "choice")) return false;
  const [x, y] = [scaleOf(before, a), scaleOf(after, b)];
  const codes = (scale: typeof x) => scale.options.map((option) => option.code).sort((p, q) => p - q).join(",");
  const sorted = (list: number[]) => [...list].sort((p, q) => p - q).join(",");
  return codes(x) === codes(y) && sorted(x.topBox) === sorted(y.topBox) && sorted(x.missing) === sorted(y.missing);
}

/** One step: `next` records its changes from `prev`. */
function comparableStep(prev: Questionnaire, itemId: string, next: Questionnaire): boolean {
  const a = prev.items.find((item) => item.id === itemId);
  const b = next.items.find((item) => item.id === itemId);
  if (!a || !b) return false;
  if (changesOf(next, itemId).some((change) => change.kind === "question")) return false;
  return sameMeasure(prev, a, next, b);
}

/** The versions from `from` to `to`, following each version's `changes.from`; null if `to` does not lead back to `from`. */
function chain(from: string, to: string): Questionnaire[] | null {
  const path: Questionnaire[] = [];
  let current = getQuestionnaire(to);
  while (current) {
    path.unshift(current);
    if (current.version === from) return path;
    current = current.changes ? getQuestionnaire(current.changes.from) : undefined;
  }
  return null;
}

/**
 * Whether an item's results in a wave on `prevVersion` may be compared with its results in
 * a wave on `nextVersion` (docs/decisions/0013-questionnaire-2026-2.md): the item is in
 * both, and at no version between them did its question, answer list or summary change.
 * A wording change that only brings one language in line with the others keeps it
 * comparable. Order does not matter; unknown versions compare nothing.
 */
export function comparable(prevVersion: string, itemId: string, nextVersion: string): boolean {
  const path = chain(prevVersion, nextVersion) ?? chain(nextVersion, prevVersion);
  if (!path) return false;
  if (path.length === 1) return path[0]!.items.some((item) => item.id === itemId);
  return path.slice(1).every((next, index) => comparableStep(path[index]!, itemId, next));
}

/**
 * The notes to show beside a compared item's change: the wording changes between the two
 * versions (empty when nothing changed).
 */
export function comparisonNotes(prevVersion: string, itemId: string, nextVersion: string): LocalizedText[] {
  const path = chain(prevVersion, nextVersion) ?? chain(nextVersion, prevVersion);
  if (!path || !comparable(prevVersion, itemId, nextVersion)) return [];
  return path.slice(1).flatMap((next) => changesOf(next, itemId).map((change) => change.note));
}
