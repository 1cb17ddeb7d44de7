import type { ExportColumn, ExportRow, ExportTable } from "@/lib/export/types";
import { DONT_KNOW, satisfaction4 } from "@/lib/survey/scales";

const dontKnow = satisfaction4.options.find((option) => option.code === DONT_KNOW)!;

/** A small table in the shape disclosure control hands over, with the cells that break writers. */
export const sampleColumns: ExportColumn[] = [
  { name: "row", type: "integer", title: { kk: "Жол", ru: "Строка", en: "Row" } },
  {
    name: "town",
    type: "string",
    title: { kk: "Қала", ru: "Город", en: "Town" },
    valueLabels: [
      { code: "ridder", label: { kk: "Риддер", ru: "Риддер", en: "Ridder" } },
      { code: "kurchatov", label: { kk: "Курчатов", ru: "Курчатов", en: "Kurchatov" } },
    ],
  },
  {
    name: "sat_public_transport",
    type: "integer",
    title: { kk: "Қоғамдық көлік", ru: "Общественный транспорт", en: "Public transport" },
    question: {
      kk: "Қалаңыздағы қоғамдық көлікке қаншалықты қанағаттанасыз?",
      ru: "Насколько вы удовлетворены общественным транспортом в вашем городе?",
      en: 'How satisfied are you with "public transport" in your town?',
    },
    valueLabels: satisfaction4.options,
    missingValues: [dontKnow],
  },
  { name: "weight", type: "number", title: { kk: "Салмақ", ru: "Вес", en: "Weight" } },
  {
    name: "one_change",
    type: "string",
    title: { kk: "Бір өзгеріс", ru: "Одно изменение", en: "One change" },
    question: { kk: "Қалада бір нәрсені өзгертер едіңіз?", ru: "Что бы вы изменили в городе?", en: "What one thing would you change?" },
  },
];

export const sampleRows: ExportRow[] = [
  { row: 1, town: "ridder", sat_public_transport: 4, weight: 1.25, one_change: "Жолдарды жөндеу" },
  { row: 2, town: "kurchatov", sat_public_transport: -1, weight: -0.5, one_change: "=HYPERLINK(\"http://x\")" },
  { row: 3, town: null, sat_public_transport: null, weight: null, one_change: "+1" },
  { row: 4, town: "ridder", sat_public_transport: 1, weight: 2, one_change: "-1+1" },
  { row: 5, town: "ridder", sat_public_transport: 2, weight: 0.1, one_change: "@SUM(A1)" },
  { row: 6, town: "kurchatov", sat_public_transport: 3, weight: 3, one_change: "\tx" },
  { row: 7, town: "kurchatov", sat_public_transport: 3, weight: 1e-7, one_change: "\rx" },
  { row: 8, town: "ridder", sat_public_transport: 4, weight: 1, one_change: 'Heating, water; "now"\nplease' },
];

/** The sample as an ExportTable: a fresh iterator each call, rows in batches of `batchSize`. */
export function sampleTable(rows: ExportRow[] = sampleRows, batchSize = 3): ExportTable {
  return {
    columns: sampleColumns,
    rows: (async function* () {
      for (let start = 0; start < rows.length; start += batchSize) yield rows.slice(start, start + batchSize);
    })(),
    report: {
      k: 10,
      rows: rows.length,
      generalised: [{ column: "age_band", from: ["18–29", "30–44"], to: "18–44" }],
      suppressed: [{ column: "town", values: 1 }],
      freeText: { included: true, scrubbed: 2 },
    },
  };
}

export async function readBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
