import type { Locale } from "@/lib/i18n/locales";
import { exportBaseName, exportFileName } from "@/lib/export/formats";
import type { DisclosureReport, ExportColumn, ExportOptions } from "@/lib/export/types";
import type { Questionnaire } from "@/lib/survey/types";

/** What the codebook describes: the same wave, options and date that named the data file. */
export interface CodebookInput {
  wave: string;
  options: ExportOptions;
  /** The export's date, YYYY-MM-DD, as in the data file's name. */
  date: string;
  columns: ExportColumn[];
  report: DisclosureReport;
  /** The language of the labels in the R script and the SPSS syntax; default en. */
  language?: Locale;
  /** The wave's questionnaire: its version, what changed from the previous one, the crosswalks. */
  questionnaire?: Questionnaire;
}

export function dataFileName({ wave, options, date }: CodebookInput): string {
  return exportFileName(wave, options, date);
}

export function baseName({ wave, options, date }: CodebookInput): string {
  return exportBaseName(wave, options, date);
}
