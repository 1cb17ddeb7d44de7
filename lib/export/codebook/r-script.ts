import type { ExportColumn } from "@/lib/export/types";
import { type CodebookInput, dataFileName } from "./input";
import { labelledCodes } from "./labels";

/**
 * An R script that reads the data file and turns each coded column into a factor with its
 * labels (as LimeSurvey's R export does), and attaches each question as the column's
 * "label" attribute, which RStudio's viewer shows. Base R for CSV; arrow or jsonlite for
 * Parquet and JSON.
 */
export function rScript(input: CodebookInput): string {
  const language = input.language ?? "en";
  const file = dataFileName(input);
  return [
    `# Qala Pulse, wave ${input.wave}, ${input.options.kind} exported on ${input.date}: labels in ${language}.`,
    "# Run it in the folder that holds the data file: source(\"<this file>\", encoding = \"UTF-8\").",
    ...reader(input, rString(file)),
    "",
    ...input.columns.flatMap((column) => labelColumn(column, language)),
  ].join("\n") + "\n";
}

function reader({ options }: CodebookInput, file: string): string[] {
  switch (options.format) {
    case "csv":
      return [`data <- read.csv(${file}, fileEncoding = "UTF-8", na.strings = "", stringsAsFactors = FALSE, check.names = FALSE)`];
    case "csv-excel":
      return [`data <- read.csv2(${file}, fileEncoding = "UTF-8-BOM", na.strings = "", stringsAsFactors = FALSE, check.names = FALSE)`];
    case "json":
      return [
        `doc <- jsonlite::fromJSON(${file}, simplifyVector = FALSE)`,
        "column <- function(i) sapply(doc$rows, function(row) if (is.null(row[[i]])) NA else row[[i]])",
        "data <- as.data.frame(setNames(lapply(seq_along(doc$columns), column), unlist(doc$columns)), check.names = FALSE)",
      ];
    case "parquet":
      return [`data <- as.data.frame(arrow::read_parquet(${file}))`];
  }
}

function labelColumn(column: ExportColumn, language: "kk" | "ru" | "en"): string[] {
  const codes = labelledCodes(column);
  const name = rString(column.name);
  const lines: string[] = [];
  if (codes.length) {
    const levels = codes.map(({ code }) => (typeof code === "number" ? String(code) : rString(code)));
    const labels = codes.map(({ label }) => rString(label[language]));
    lines.push(`data[[${name}]] <- factor(data[[${name}]], levels = c(${levels.join(", ")}), labels = c(${labels.join(", ")}))`);
  }
  lines.push(`attr(data[[${name}]], "label") <- ${rString((column.question ?? column.title)[language])}`);
  return lines;
}

/**
 * A double-quoted R string. Characters beyond ASCII are written as \u escapes: R before
 * 4.2 on Windows reads a script in the locale's code page, which would garble Kazakh.
 */
export function rString(text: string): string {
  let quoted = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === "\\") quoted += `\\${char}`;
    else if (char === "\n") quoted += "\\n";
    else if (char === "\r") quoted += "\\r";
    else if (char === "\t") quoted += "\\t";
    else if (code < 0x20 || code > 0x7e) quoted += code > 0xffff ? `\\U{${code.toString(16)}}` : `\\u{${code.toString(16)}}`;
    else quoted += char;
  }
  return quoted + '"';
}
