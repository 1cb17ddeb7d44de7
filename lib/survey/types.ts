import type { Locale, LocalizedText } from "@/lib/i18n/locales";

export interface ScaleOption {
  code: number;
  label: LocalizedText;
}

/** A set of answer options shared by many items, with how they are summarised. */
export interface Scale {
  id: string;
  options: ScaleOption[];
  /** Codes counted as the favourable "top-2-box" share; empty when the scale has none. */
  topBox: number[];
  /** Codes that are answers but not opinions ("don't know"): left out of shares. */
  missing: number[];
}

export type Area =
  | "services"
  | "utilities"
  | "housing"
  | "environment"
  | "jobs"
  | "business"
  | "administration"
  | "migration"
  | "wellbeing"
  | "demographics";

/** Show an item only when an earlier item was answered with one of these codes. */
export interface Condition {
  itemId: string;
  anyOf: number[];
}

export interface Item {
  id: string;
  area: Area;
  /** "choice" (the default) is answered with a code of its scale; "text" with free text. */
  kind?: "choice" | "text";
  /** The answer options of a choice item; ignored for text items. */
  scaleId: string;
  text: LocalizedText;
  /** An optional explanation under the question. */
  hint?: LocalizedText;
  required: boolean;
  showIf?: Condition;
  /** For text items: the longest answer accepted, in characters. */
  maxLength?: number;
  /** Official indicator codes this item speaks to ("targets vs people"). */
  indicators: string[];
  /** Where the wording comes from, for the codebook. */
  source?: string;
}

/**
 * What changed in an item (or in a scale, for every item that uses it) from the previous
 * version. "wording": one language's text brought in line with the others, or made
 * idiomatic, meaning unchanged; the item is still compared across the versions, with the
 * note. "question": the question, its answer list or what is summarised changed; the item
 * is not compared ("question changed, not compared"). An item absent from the previous
 * version is new and not compared either.
 */
export interface Change {
  kind: "wording" | "question";
  /** The languages whose text changed. */
  languages: Locale[];
  note: LocalizedText;
  /** The review rows (docs/decisions/0013-questionnaire-2026-2.md) this change answers. */
  review?: number[];
}

/** How codes of an item of the previous version map to codes of this version. */
export interface Crosswalk {
  itemId: string;
  /** previous code → the codes it may be now (more than one: the previous answer overlapped). */
  codes: Array<{ from: number; to: number[]; note?: LocalizedText }>;
}

export interface Questionnaire {
  version: string;
  areas: Area[];
  scales: Record<string, Scale>;
  items: Item[];
  /** What changed from the previous version, if any. */
  changes?: {
    from: string;
    /** By item id; an item not listed is unchanged (or new, if the previous version lacks it). */
    items: Record<string, Change[]>;
    /** By scale id: applies to every item on the scale. */
    scales: Record<string, Change[]>;
    crosswalks: Crosswalk[];
  };
}

/** What a form needs to validate answers: no texts, so it stays small on the phone. */
export interface ItemRule {
  id: string;
  required: boolean;
  kind: "choice" | "text";
  codes: number[];
  maxLength?: number;
  showIf?: Condition;
}
