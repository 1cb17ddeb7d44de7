import type { Locale } from "@/lib/i18n/locales";
import type { ExportColumn } from "@/lib/export/types";
import { type CodebookInput, dataFileName } from "./input";
import { labelledCodes } from "./labels";

// Stata keeps variable labels to 80 characters; value labels may be far longer.
const VARIABLE_LABEL_CHARS = 80;
// Extended missing values, one for each missing code of a column ("don't know" first).
const EXTENDED_MISSING = "abcdefghijklmnopqrstuvwxyz";

/**
 * A Stata do-file (Stata 16 or later) that reads a CSV export and labels it, after the
 * SPSS syntax's pattern: variable labels from the questions, value labels on the coded
 * integer columns, and each missing code turned into an extended missing value (.a, .b)
 * that keeps its label. Stata labels only numbers, so coded string columns (town,
 * language) keep their codes, labelled in the codebook. For Parquet and JSON it labels the
 * dataset already in memory.
 */
export function stataDo(input: CodebookInput): string {
  const language = input.language ?? "en";
  const { columns, options } = input;
  for (const { name } of columns) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,31}$/.test(name)) throw new Error(`${name} is not a valid Stata variable name`);
  }
  const csv = options.format === "csv" || options.format === "csv-excel";
  return [
    `* Qala Pulse, wave ${input.wave}, ${options.kind} exported on ${input.date}: labels in ${language}.`,
    ...(csv ? [importDelimited(input)] : [`* Open ${dataFileName(input)} first: this do-file labels the dataset in memory.`]),
    "",
    ...columns.map((column) => `label variable ${column.name} ${stataString(truncate((column.question ?? column.title)[language]))}`),
    "",
    ...columns.filter((column) => column.type !== "string").flatMap((column) => valueLabels(column, language)),
  ].join("\n") + "\n";
}

function importDelimited(input: CodebookInput): string {
  const excel = input.options.format === "csv-excel";
  // String columns by position, so that a code such as the version 2026.1 stays text.
  const strings = input.columns.flatMap((column, index) => (column.type === "string" ? [index + 1] : []));
  return [
    `import delimited using ${stataString(dataFileName(input))}, clear encoding("utf-8")`,
    `delimiters("${excel ? ";" : ","}")`,
    ...(excel ? ["decimalseparator(,)"] : []),
    "varnames(1) case(preserve) bindquotes(strict)",
    ...(strings.length ? [`stringcols(${strings.join(" ")})`] : []),
  ].join(" ///\n  ");
}

function valueLabels(column: ExportColumn, language: Locale): string[] {
  const codes = labelledCodes(column);
  if (!codes.length) return [];
  const missing = codes.filter((code) => code.missing);
  const stataCode = (code: number | string) => {
    const index = missing.findIndex((m) => m.code === code);
    return index >= 0 ? `.${EXTENDED_MISSING[index]}` : String(code);
  };
  return [
    ...(missing.length ? [`mvdecode ${column.name}, mv(${missing.map(({ code }) => `${code}=${stataCode(code)}`).join(" \\ ")})`] : []),
    `capture label drop ${column.name}`,
    ...codes.map(({ code, label }) => `label define ${column.name} ${stataCode(code)} ${stataString(label[language])}, add`),
    `label values ${column.name} ${column.name}`,
  ];
}

function truncate(text: string): string {
  return [...text].slice(0, VARIABLE_LABEL_CHARS).join("");
}

/**
 * A Stata compound-quoted string: `"…"' holds any double quote. A backtick or a dollar
 * sign would start a macro, so each gets a backslash; line breaks become spaces.
 */
export function stataString(text: string): string {
  const safe = text.replace(/\r?\n|\r/g, " ").replace(/[`$]/g, (char) => `\\${char}`).replace(/"'/g, `" '`);
  return `\`"${safe}"'`;
}
