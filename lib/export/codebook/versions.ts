import type { Locale, LocalizedText } from "@/lib/i18n/locales";
import { changesOf, comparable } from "@/lib/survey/comparability";
import { getQuestionnaire, scaleOf } from "@/lib/survey/questionnaire";
import type { Questionnaire } from "@/lib/survey/types";

export interface ItemVersionNote {
  itemId: string;
  /** Whether the item's results may be compared with the previous version's. */
  compared: boolean;
  /** New in this version: the previous one had no item of this id. */
  added: boolean;
  changes: Array<{ kind: "wording" | "question"; languages: Locale[]; note: LocalizedText }>;
}

export interface CrosswalkTable {
  itemId: string;
  rows: Array<{ from: number; fromLabel: LocalizedText; to: Array<{ code: number; label: LocalizedText }>; note?: LocalizedText }>;
}

export interface VersionNotes {
  version: string;
  /** The version the changes are from; absent for a first version. */
  from?: string;
  items: ItemVersionNote[];
  crosswalks: CrosswalkTable[];
}

const label = (questionnaire: Questionnaire, itemId: string, code: number): LocalizedText => {
  const item = questionnaire.items.find((candidate) => candidate.id === itemId)!;
  return scaleOf(questionnaire, item).options.find((option) => option.code === code)!.label;
};

/**
 * What the codebook says about the questionnaire's version: each item that changed from the
 * previous version (or is new), whether it is compared, in which languages and why; and the
 * crosswalks from the previous version's codes to this one's.
 */
export function versionNotes(questionnaire: Questionnaire): VersionNotes {
  const changes = questionnaire.changes;
  const previous = changes && getQuestionnaire(changes.from);
  if (!changes || !previous) return { version: questionnaire.version, items: [], crosswalks: [] };
  const items = questionnaire.items.flatMap((item): ItemVersionNote[] => {
    const added = !previous.items.some((candidate) => candidate.id === item.id);
    const listed = changesOf(questionnaire, item.id);
    if (!added && listed.length === 0) return [];
    return [{ itemId: item.id, compared: comparable(previous.version, item.id, questionnaire.version), added, changes: listed.map(({ kind, languages, note }) => ({ kind, languages, note })) }];
  });
  const crosswalks = changes.crosswalks.map(({ itemId, codes }) => ({
    itemId,
    rows: codes.map(({ from, to, note }) => ({
      from,
      fromLabel: label(previous, itemId, from),
      to: to.map((code) => ({ code, label: label(questionnaire, itemId, code) })),
      ...(note ? { note } : {}),
    })),
  }));
  return { version: questionnaire.version, from: previous.version, items, crosswalks };
}

/** Items of the previous version this one no longer asks (split or dropped). */
export function droppedItems(questionnaire: Questionnaire): string[] {
  const previous = questionnaire.changes && getQuestionnaire(questionnaire.changes.from);
  if (!previous) return [];
  return previous.items.filter((item) => !questionnaire.items.some((candidate) => candidate.id === item.id)).map((item) => item.id);
}
