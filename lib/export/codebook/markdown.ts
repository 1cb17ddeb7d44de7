import { MIN_OUTCOME } from "@/lib/stats/disclosure";
import { locales, type LocalizedText } from "@/lib/i18n/locales";
import type { DisclosureReport, ExportColumn, ExportKind } from "@/lib/export/types";
import { type CodebookInput, dataFileName } from "./input";
import { EMPTY_CELL, labelledCodes } from "./labels";
import { droppedItems, versionNotes } from "./versions";

const LANGUAGE_NAMES = { kk: "Қазақша", ru: "Русский", en: "English" } as const;

const FORMAT_NOTES = {
  csv: "CSV, UTF-8, comma-separated, LF line ends, a header row of column names",
  "csv-excel": "CSV for Excel: UTF-8 with a byte order mark, semicolon-separated, CRLF line ends, decimal comma",
  json: 'JSON, UTF-8: {"columns": [names], "rows": [[cells], …]}, null for an empty cell',
  parquet: "Apache Parquet: integer columns INT32, number columns DOUBLE, string columns UTF-8",
} as const;

/**
 * The codebook a person reads: what was exported and how it was protected, then every
 * column with its question and value labels in Kazakh, Russian and English.
 */
export function codebookMarkdown(input: CodebookInput): string {
  const { wave, options, date, columns, report } = input;
  const lines = [
    `# Qala Pulse codebook: wave ${wave}, ${options.kind}`,
    "",
    `- Data file: \`${dataFileName(input)}\` (${FORMAT_NOTES[options.format]})`,
    `- Exported on ${date}, ${report.rows} rows, ${columns.length} columns`,
    `- Free-text answers: ${options.includeText ? "included, scrubbed" : "left out"}`,
    `- An empty cell means: ${EMPTY_CELL.en} (${EMPTY_CELL.ru}; ${EMPTY_CELL.kk})`,
    "- Machine-readable: `datapackage.json` (Frictionless Data Package); labels for R, SPSS and Stata in the `.R`, `.sps` and `.do` files",
    "",
    "## Disclosure control",
    "",
    ...disclosureSentences(report, options.kind).map((sentence) => `- ${sentence}`),
    "",
    ...(input.questionnaire ? versionSection(input.questionnaire) : []),
    "## Columns",
    "",
    "| # | name | type | title |",
    "| --- | --- | --- | --- |",
    ...columns.map((column, index) => `| ${index + 1} | \`${column.name}\` | ${column.type} | ${cell(column.title.en)} |`),
    "",
    ...columns.flatMap(columnSection),
  ];
  return lines.join("\n");
}

function columnSection(column: ExportColumn): string[] {
  const codes = labelledCodes(column);
  return [
    `### \`${column.name}\` (${column.type})`,
    "",
    "| language | title | question |",
    "| --- | --- | --- |",
    ...locales.map((locale) => `| ${LANGUAGE_NAMES[locale]} | ${cell(column.title[locale])} | ${cell(column.question?.[locale] ?? "")} |`),
    "",
    ...(codes.length
      ? [
          `| code | ${locales.map((locale) => LANGUAGE_NAMES[locale]).join(" | ")} | missing |`,
          `| --- | ${locales.map(() => "---").join(" | ")} | --- |`,
          ...codes.map(({ code, label, missing }) => `| ${cell(String(code))} | ${labels(label)} | ${missing ? "yes" : ""} |`),
          "",
        ]
      : []),
  ];
}

/**
 * The questionnaire's version, what changed from the previous one per item and language,
 * whether each changed item is compared across the versions, and the code crosswalks.
 */
function versionSection(questionnaire: NonNullable<CodebookInput["questionnaire"]>): string[] {
  const notes = versionNotes(questionnaire);
  if (!notes.from) return ["## Questionnaire version", "", `- Questionnaire ${notes.version}.`, ""];
  const dropped = droppedItems(questionnaire);
  return [
    "## Questionnaire version",
    "",
    `- Questionnaire ${notes.version}, revised from ${notes.from}. An item marked "not compared" changed its question, answer list or summary ` +
      `(question changed, not compared): do not set its results beside ${notes.from}'s. A wording change in one language that brings it in line with the others keeps the item compared.`,
    ...(dropped.length ? [`- Asked in ${notes.from}, not in ${notes.version}: ${dropped.map((id) => `\`${id}\``).join(", ")}.`] : []),
    "",
    `### Changes from ${notes.from}`,
    "",
    `| column | compared with ${notes.from} | languages changed | note |`,
    "| --- | --- | --- | --- |",
    ...notes.items.flatMap((item) => {
      const compared = item.compared ? "yes" : "no: question changed, not compared";
      if (item.added && item.changes.length === 0) return [`| \`${item.itemId}\` | ${compared} | new item | |`];
      return item.changes.map((change) => `| \`${item.itemId}\` | ${compared} | ${change.languages.join(", ") || "none"} | ${cell(change.note.en)} |`);
    }),
    "",
    ...notes.crosswalks.flatMap((crosswalk) => [
      `### Crosswalk \`${crosswalk.itemId}\`: ${notes.from} codes to ${notes.version} codes`,
      "",
      `| ${notes.from} code | ${notes.from} label | ${notes.version} code(s) | note |`,
      "| --- | --- | --- | --- |",
      ...crosswalk.rows.map(
        (row) => `| ${row.from} | ${cell(row.fromLabel.en)} | ${row.to.map((to) => `${to.code} (${cell(to.label.en)})`).join(", ")} | ${cell(row.note?.en ?? "")} |`,
      ),
      "",
    ]),
  ];
}

/** The disclosure report in words, one sentence for each thing that was done. */
export function disclosureSentences(report: DisclosureReport, kind: ExportKind): string[] {
  const sentences = [
    kind === "microdata"
      ? `k = ${report.k}: every combination of town, age band, sex, employment, years in town, survey language, month and mode of collection that a row shows is shared by at least ${report.k} rows.`
      : `k = ${report.k}: no published cell rests on fewer than ${report.k} responses.`,
  ];
  if (report.builtOn) {
    sentences.push(`Built on the release at k = ${report.builtOn} by merging or blanking further, so that joining the two on the row or the answers singles no one out.`);
  }
  for (const { column, from, to } of report.generalised) {
    sentences.push(`\`${column}\`: ${from.map((value) => `"${value}"`).join(", ")} merged into "${to}" to reach k.`);
  }
  for (const { column, values } of report.suppressed) {
    sentences.push(`\`${column}\`: ${values} ${values === 1 ? "value" : "values"} blanked on single rows (local suppression).`);
  }
  if (report.dropped?.length) {
    sentences.push(`Left out at the researcher's request: ${report.dropped.map((c) => `\`${c}\``).join(", ")}, blank on every row; k-anonymity holds on the quasi-identifiers that remain.`);
  }
  if (report.blanked) {
    const lost = report.blanked.map(({ column, values, of, share }) => `\`${column}\` ${(share * 100).toFixed(1)} % (${values} of ${of})`);
    sentences.push(`Information lost, share of the responses' values that are blank in the file, per column: ${lost.join("; ")}.`);
  }
  if (!report.generalised.length && !report.suppressed.length) {
    sentences.push("No value had to be merged or blanked.");
  }
  if (report.cellsHidden) {
    const { primary, group = 0, secondary } = report.cellsHidden;
    sentences.push(
      `${primary} cells hidden for resting on fewer than k responses, ${group} because all or all but one of the group answered alike ` +
        `(fewer than ${MIN_OUTCOME} favourable or unfavourable answers), and ${secondary} more so that they cannot be worked out from totals.`,
    );
  }
  if (report.freeText?.included) {
    // No count: the codebook is made without reading the rows.
    sentences.push(
      'Free-text answers included: phone numbers, e-mail addresses and long numbers are replaced by "[removed]" in the text. ' +
        "Names and addresses cannot be caught by pattern, so every answer is flagged 1 in its `_review` column: read them before publishing.",
    );
  }
  return sentences;
}

function labels(label: LocalizedText): string {
  return locales.map((locale) => cell(label[locale])).join(" | ");
}

/** Text safe inside a Markdown table cell: no pipe ends the cell, no line break ends the row. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n|\r/g, " ");
}
