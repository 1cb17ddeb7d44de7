import type { LocalizedText } from "@/lib/i18n/locales";

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

export interface Questionnaire {
  version: string;
  areas: Area[];
  scales: Record<string, Scale>;
  items: Item[];
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
