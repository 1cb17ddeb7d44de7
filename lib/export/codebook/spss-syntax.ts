import type { Locale } from "@/lib/i18n/locales";
import type { ExportColumn } from "@/lib/export/types";
import { type CodebookInput, dataFileName } from "./input";
import { type LabelledCode, labelledCodes } from "./labels";

// SPSS keeps variable labels to 256 bytes and value labels to 120, and cuts longer ones
// mid-character; cutting them here keeps the text whole.
const VARIABLE_LABEL_BYTES = 255;
const VALUE_LABEL_BYTES = 120;
// SPSS holds a string at its full width in every case. Answers to a question are free text
// of up to 500 characters, at most 1000 bytes in Kazakh or Russian; other strings are codes
// and names. (ALTER TYPE could shrink them after reading, but PSPP does not know it.)
const ANSWER_WIDTH = 1000;
const CODE_WIDTH = 255;
const RESERVED = new Set(["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]);

/**
 * SPSS syntax (also run by GNU PSPP) that reads a CSV export and labels it: variable labels
 * from the questions, value labels, and the missing codes as user-missing values. For
 * Parquet and JSON it labels the dataset already open.
 */
export function spssSyntax(input: CodebookInput): string {
  const language = input.language ?? "en";
  const { columns, options } = input;
  for (const { name } of columns) {
    if (!/^[A-Za-z][A-Za-z0-9_.]{0,63}$/.test(name) || name.endsWith(".") || RESERVED.has(name.toUpperCase())) {
      throw new Error(`${name} is not a valid SPSS variable name`);
    }
  }
  const labelled = columns.filter((column) => labelledCodes(column).length);
  const withMissing = columns.filter((column) => missingSpec(column));
  return [
    "* Encoding: UTF-8.",
    `* Qala Pulse, wave ${input.wave}, ${options.kind} exported on ${input.date}: labels in ${language}.`,
    ...(options.format === "csv" || options.format === "csv-excel"
      ? getData(input)
      : [`* Open ${dataFileName(input)} first: this syntax labels the active dataset.`]),
    "VARIABLE LABELS",
    ...columns.map((column, index) => `  ${index ? "/" : ""}${column.name} ${spssString((column.question ?? column.title)[language], VARIABLE_LABEL_BYTES)}`),
    ".",
    ...(labelled.length
      ? ["VALUE LABELS", ...labelled.flatMap((column, index) => valueLabels(column, language, index > 0)), "."]
      : []),
    ...(withMissing.length
      ? ["MISSING VALUES", ...withMissing.map((column, index) => `  ${index ? "/" : ""}${column.name} (${missingSpec(column)})`), "."]
      : []),
    "EXECUTE.",
  ].join("\n") + "\n";
}

function getData(input: CodebookInput): string[] {
  const excel = input.options.format === "csv-excel";
  return [
    ...(input.options.includeText
      ? ["* SPSS reads a case per line: a free-text answer holding a line break splits its case."]
      : []),
    // The decimal comma of the Excel variant has to be set before the file is read.
    `SET DECIMAL=${excel ? "COMMA" : "DOT"}.`,
    "GET DATA",
    "  /TYPE=TXT",
    `  /FILE=${spssString(dataFileName(input))}`,
    "  /ENCODING='UTF8'",
    "  /ARRANGEMENT=DELIMITED",
    `  /DELIMITERS="${excel ? ";" : ","}"`,
    `  /QUALIFIER='"'`,
    "  /FIRSTCASE=2",
    "  /VARIABLES=",
    ...input.columns.map((column) => `    ${column.name} ${spssFormat(column)}`),
    ".",
  ];
}

function spssFormat(column: ExportColumn): string {
  switch (column.type) {
    case "integer":
      return "F8.0";
    case "number":
      return "F12.4";
    case "string":
      return `A${column.question ? ANSWER_WIDTH : CODE_WIDTH}`;
  }
}

function valueLabels(column: ExportColumn, language: Locale, separated: boolean): string[] {
  return [
    `  ${separated ? "/" : ""}${column.name}`,
    ...labelledCodes(column).map(({ code, label }) => `    ${spssValue(column, code)} ${spssString(label[language], VALUE_LABEL_BYTES)}`),
  ];
}

/**
 * The column's missing codes as SPSS takes them: up to three values, or, when there are
 * more and they all sit below every valid code, the range from LOWEST to the highest.
 */
function missingSpec(column: ExportColumn): string | undefined {
  const codes = labelledCodes(column);
  const missing = codes.filter((code) => code.missing);
  if (!missing.length) return undefined;
  if (column.type === "string") {
    // SPSS takes missing strings of at most 8 bytes.
    const short = missing.filter(({ code }) => new TextEncoder().encode(String(code)).length <= 8).slice(0, 3);
    return short.length ? short.map(({ code }) => spssValue(column, code)).join(" ") : undefined;
  }
  if (missing.length <= 3) return missing.map(({ code }) => spssValue(column, code)).join(" ");
  const highestMissing = Math.max(...missing.map(numeric));
  const lowestValid = Math.min(...codes.filter((code) => !code.missing).map(numeric));
  if (highestMissing < lowestValid) return `LOWEST THRU ${highestMissing}`;
  throw new Error(`${column.name}: SPSS cannot mark ${missing.length} missing codes that interleave with valid ones`);
}

function numeric({ code }: LabelledCode): number {
  return Number(code);
}

function spssValue(column: ExportColumn, code: number | string): string {
  return column.type === "string" ? spssString(String(code)) : String(code);
}

/**
 * A double-quoted SPSS string, quotes doubled, cut to `maxBytes` of UTF-8 on a character
 * boundary, and split into pieces joined with + so that no syntax line grows past the
 * length older SPSS versions read.
 */
export function spssString(text: string, maxBytes = Infinity): string {
  const encoder = new TextEncoder();
  const pieces: string[] = [];
  let piece = "";
  let pieceBytes = 0;
  let totalBytes = 0;
  for (const char of text.replace(/\r?\n|\r/g, " ")) {
    const bytes = encoder.encode(char).length;
    if (totalBytes + bytes > maxBytes) break;
    totalBytes += bytes;
    if (pieceBytes + bytes > 100) {
      pieces.push(piece);
      piece = "";
      pieceBytes = 0;
    }
    piece += char;
    pieceBytes += bytes;
  }
  pieces.push(piece);
  return pieces.map((part) => `"${part.replace(/"/g, '""')}"`).join("\n      + ");
}
