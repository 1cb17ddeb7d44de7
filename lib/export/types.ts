import type { LocalizedText } from "@/lib/i18n/locales";
import { SUPPRESSIBLE, type Suppressible } from "./local-suppression";

/**
 * The research export's shared vocabulary: the disclosure-control layer produces columns,
 * rows and a report; the format writers and the codebook consume them; the routes and
 * pages choose among them. Each side can be built and tested on its own.
 */
export const EXPORT_KINDS = ["microdata", "aggregates"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** `csv-excel`: UTF-8 with BOM, semicolons and CRLF, as Excel in ru/kk locales opens it. */
export const EXPORT_FORMATS = ["csv", "csv-excel", "json", "parquet"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Quasi-identifiers of the microdata a researcher may choose to keep (town always stays):
 * those left out are blank on every row, and k-anonymity holds on those that remain.
 */
export const QUASI_CHOICES = SUPPRESSIBLE;
export type QuasiChoice = Suppressible;

/** What a researcher asks for. k may be raised above the configured minimum, never lowered. */
export interface ExportOptions {
  kind: ExportKind;
  format: ExportFormat;
  k: number;
  /** Free text is left out unless asked for; then scrubbed and marked for review. */
  includeText: boolean;
  /**
   * Microdata only: the quasi-identifiers kept, in QUASI_CHOICES order. Absent means all of
   * them (the default, as before the option existed); the others are blank on every row.
   */
  quasi?: readonly QuasiChoice[];
}

export type CellValue = string | number | null;
export type ExportRow = Record<string, CellValue>;

/** A column with its meaning attached: what the codebook, datapackage.json, R and SPSS read. */
export interface ExportColumn {
  name: string;
  type: "integer" | "number" | "string";
  title: LocalizedText;
  /** The question's full text, for item columns. */
  question?: LocalizedText;
  /** Code → label, for coded columns. */
  valueLabels?: Array<{ code: number | string; label: LocalizedText }>;
  /** Codes that mean "no answer" of some kind (don't know, suppressed, not asked). */
  missingValues?: Array<{ code: number | string; label: LocalizedText }>;
}

/** What disclosure control did, kept in the export log and shipped with the data. */
export interface DisclosureReport {
  k: number;
  /** Microdata at a k above the minimum: the minimum k whose release this one coarsens. */
  builtOn?: number;
  rows: number;
  /** Bands merged to reach k, e.g. age 18–29 and 30–44 into 18–44. */
  generalised: Array<{ column: string; from: string[]; to: string }>;
  /** Values blanked on single rows (local suppression), by column. */
  suppressed: Array<{ column: string; values: number }>;
  /** Microdata: quasi-identifiers left out at the researcher's request (blank on every row). */
  dropped?: string[];
  /**
   * Microdata: the information lost, per quasi-identifier column: of the values the wave's
   * responses hold, the share that is blank in the file (left out, blanked by local
   * suppression, or on a withheld row). Generalised values are not counted as blanked.
   */
  blanked?: Array<{ column: string; values: number; of: number; share: number }>;
  /**
   * Aggregate cells hidden: below k (primary), all or all but one of a group answering alike
   * (group; absent from reports written before the rule), or to protect another (secondary).
   */
  cellsHidden?: { primary: number; group?: number; secondary: number };
  /** Free-text answers included, scrubbed, and how many scrubs were made. */
  freeText?: { included: boolean; scrubbed: number };
}

/** A table ready to write: columns, rows in a stable order (streamed), and the report. */
export interface ExportTable {
  columns: ExportColumn[];
  rows: AsyncIterable<ExportRow[]>;
  report: DisclosureReport;
}
