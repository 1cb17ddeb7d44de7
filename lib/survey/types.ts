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

export interface Item {
  id: string;
  area: Area;
  scaleId: string;
  text: LocalizedText;
  required: boolean;
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
  codes: number[];
}
