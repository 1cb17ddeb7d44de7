import type { LocalizedText } from "@/lib/i18n/locales";
import type { ExportColumn } from "@/lib/export/types";

export interface LabelledCode {
  code: number | string;
  label: LocalizedText;
  /** A code that means "no answer" of some kind: missing in SPSS, null in Frictionless. */
  missing: boolean;
}

/**
 * Every code the column documents, each once: its value labels in their order, then the
 * missing codes that are not among them. Value labels may or may not list "don't know";
 * either way it comes out once, marked missing.
 */
export function labelledCodes(column: ExportColumn): LabelledCode[] {
  const missing = new Map((column.missingValues ?? []).map(({ code, label }) => [String(code), label]));
  const codes: LabelledCode[] = (column.valueLabels ?? []).map(({ code, label }) => ({
    code,
    label,
    missing: missing.has(String(code)),
  }));
  const listed = new Set(codes.map(({ code }) => String(code)));
  for (const { code, label } of column.missingValues ?? []) {
    if (!listed.has(String(code))) codes.push({ code, label, missing: true });
  }
  return codes;
}

/** What an empty cell means, for every column: said once, in each language. */
export const EMPTY_CELL: LocalizedText = {
  kk: "Жауап жоқ: сұралмаған, жауап берілмеген немесе жасырылған",
  ru: "Нет ответа: не задавался, остался без ответа или скрыт",
  en: "No answer: not asked, left unanswered or suppressed",
};
