import { locales, type LocalizedText } from "@/lib/i18n/locales";
import { FORMAT_FILES } from "@/lib/export/formats";
import type { DisclosureReport, ExportColumn } from "@/lib/export/types";
import { type CodebookInput, dataFileName } from "./input";
import { EMPTY_CELL, labelledCodes } from "./labels";
import { droppedItems, versionNotes } from "./versions";

/**
 * The Frictionless Data Package descriptor (datapackage.json) of an export: one tabular
 * resource, the data file, with its Table Schema. Written for Data Package v2 (categories
 * and labelled missing values). The CSV and Parquet ones are also valid v1 Tabular Data
 * Packages (`profile`), so older readers find the table; v1 has no way to say where the rows
 * of the JSON document are, so that one claims v2 only. English in the standard properties;
 * Kazakh and Russian in `translations`, a custom property as the spec allows.
 */
export function dataPackage(input: CodebookInput): object {
  const { wave, options, columns, report } = input;
  const format = options.format === "csv-excel" ? "csv" : options.format;
  const v1 = format !== "json";
  return {
    $schema: "https://datapackage.org/profiles/2.0/datapackage.json",
    ...(v1 ? { profile: "tabular-data-package" } : {}),
    name: `qala-pulse-${wave}-${options.kind}`,
    title: `Qala Pulse, survey wave ${wave}: ${options.kind}`,
    description:
      "Residents' answers from Kazakhstan's single-industry towns (monotowns), anonymised " +
      `with k = ${report.k}: see the codebook and the resource's disclosure property.`,
    resources: [
      {
        $schema: "https://datapackage.org/profiles/2.0/dataresource.json",
        ...(v1 ? { profile: "tabular-data-resource" } : {}),
        name: options.kind,
        type: "table",
        path: dataFileName(input),
        format,
        mediatype: FORMAT_FILES[options.format].mediaType.split(";")[0],
        ...(format === "parquet" ? {} : { encoding: "utf-8" }),
        ...dialect(input),
        schema: {
          $schema: "https://datapackage.org/profiles/2.0/tableschema.json",
          fields: columns.map((column) => field(column, options.format === "csv-excel")),
          missingValues: [""],
        },
        disclosure: codebookReport(report),
        // Custom property: the questionnaire's version, what changed from the previous one
        // (per item, with the languages and whether it is compared) and the code crosswalks.
        ...(input.questionnaire ? { questionnaire: { ...versionNotes(input.questionnaire), dropped: droppedItems(input.questionnaire) } } : {}),
      },
    ],
  };
}

/**
 * The report as the codebook can know it: it is written before the rows are read, so it
 * says whether free text is included but counts no replacements (they show in the data).
 */
export function codebookReport({ freeText, ...report }: DisclosureReport): object {
  return { ...report, ...(freeText ? { freeText: { included: freeText.included } } : {}) };
}

/** How to read the file: the CSV dialect, or where the rows are in the JSON document. */
function dialect({ options }: CodebookInput): object {
  switch (options.format) {
    case "csv":
      return { dialect: { delimiter: ",", doubleQuote: true, lineTerminator: "\n", header: true } };
    case "csv-excel":
      return { dialect: { delimiter: ";", doubleQuote: true, lineTerminator: "\r\n", header: true } };
    case "json":
      // Table Dialect v2: the rows are arrays under "rows", named by the schema's fields.
      return { dialect: { property: "rows", itemType: "array", header: false } };
    case "parquet":
      return {};
  }
}

function field(column: ExportColumn, decimalComma: boolean): object {
  const codes = labelledCodes(column);
  const categories = codes.filter(({ missing }) => !missing);
  return {
    name: column.name,
    type: column.type,
    title: column.title.en,
    ...(column.question ? { description: column.question.en } : {}),
    ...(decimalComma && column.type === "number" ? { decimalChar: "," } : {}),
    ...(categories.length
      ? { categories: categories.map(({ code, label }) => labelled(column.type === "string" ? String(code) : Number(code), label)) }
      : {}),
    // Missing values are strings in the spec: they are compared before the cell is typed.
    missingValues: [
      labelled("", EMPTY_CELL),
      ...codes.filter(({ missing }) => missing).map(({ code, label }) => labelled(String(code), label)),
    ],
    translations: translations({ title: column.title, ...(column.question ? { description: column.question } : {}) }),
  };
}

function labelled(value: number | string, label: LocalizedText) {
  return { value, label: label.en, translations: translations({ label }) };
}

/** `{ kk: { title: …, description: … }, ru: { … } }` from `{ title: {kk, ru, en}, … }`. */
function translations(texts: Record<string, LocalizedText>) {
  return Object.fromEntries(
    locales
      .filter((locale) => locale !== "en")
      .map((locale) => [locale, Object.fromEntries(Object.entries(texts).map(([key, text]) => [key, text[locale]]))]),
  );
}
