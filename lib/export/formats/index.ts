import type { ExportFormat, ExportOptions, ExportTable, QuasiChoice } from "@/lib/export/types";
import { csvStream } from "./csv";
import { jsonStream } from "./json";
import { parquetStream } from "./parquet";

/** The export as bytes, streamed: a route can answer `new Response(writeExport(table, format))`. */
export function writeExport(table: ExportTable, format: ExportFormat): ReadableStream<Uint8Array> {
  switch (format) {
    case "csv":
      return csvStream(table, { excel: false });
    case "csv-excel":
      return csvStream(table, { excel: true });
    case "json":
      return jsonStream(table);
    case "parquet":
      return parquetStream(table);
  }
}

export const FORMAT_FILES: Record<ExportFormat, { extension: string; mediaType: string }> = {
  csv: { extension: "csv", mediaType: "text/csv; charset=utf-8" },
  "csv-excel": { extension: "csv", mediaType: "text/csv; charset=utf-8" },
  json: { extension: "json", mediaType: "application/json" },
  parquet: { extension: "parquet", mediaType: "application/vnd.apache.parquet" },
};

/** Short names of the quasi-identifiers in a file name (`_keep-age-sex`). */
const QUASI_SHORT: Record<QuasiChoice, string> = { age_band: "age", sex: "sex", employment: "emp", years_in_town: "years", language: "lang", month: "month", mode: "mode" };

/**
 * The data file's name without its extension,
 * `qala-pulse_<wave>_<kind>_<date>_k<k>[_keep-<quasi>…][_text][_excel]` (`_keep-` only when
 * the researcher left quasi-identifiers out: the default request's name is unchanged):
 * what was asked for can be read off the file, and the same request on the same day gets the
 * same name. The codebook's files share it.
 */
export function exportBaseName(wave: string, options: ExportOptions, date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(wave)) throw new Error(`Not a wave slug: ${wave}`);
  const keep = options.quasi ? `_keep-${options.quasi.length === 0 ? "none" : options.quasi.map((q) => QUASI_SHORT[q]).join("-")}` : "";
  const flags = `${keep}${options.includeText ? "_text" : ""}${options.format === "csv-excel" ? "_excel" : ""}`;
  return `qala-pulse_${wave}_${options.kind}_${date}_k${options.k}${flags}`;
}

export function exportFileName(wave: string, options: ExportOptions, date: string): string {
  return `${exportBaseName(wave, options, date)}.${FORMAT_FILES[options.format].extension}`;
}
