import { parseBureau, type BureauOptions } from "./bureau";
import type { ReferenceData } from "./columns";
import { inspectContainer } from "./container";
import { parseImport } from "./csv";
import { MAX_WORKBOOK_BYTES, type ImportKind } from "./import-schema";
import type { ParseOutcome } from "./table";
import { parseWorkbook } from "./workbook";

/** An import as it arrives: CSV text, or a chosen file's bytes (a workbook or a bureau file) with what the admin chose for it. */
export type ImportSource =
  | { format: "csv"; csv: string }
  | { format: "file"; bytes: Uint8Array; sheet?: string; bureau: BureauOptions };

/**
 * Any import file to the same rows and problems: the file's kind is told by its first
 * bytes (an .xls renamed .xlsx is still refused), then its own reader, then the same checks.
 */
export async function readImport<K extends ImportKind>(kind: K, source: ImportSource, reference: ReferenceData): Promise<ParseOutcome<K>> {
  if (source.format === "csv") return parseImport(kind, source.csv, reference);
  const refuse = (key: string, params?: Record<string, string | number>): ParseOutcome<K> => ({ ok: false, kind, fileErrors: [{ key, ...(params && { params }) }], issues: [] });
  if (source.bytes.length > MAX_WORKBOOK_BYTES) return refuse("workbook.issues.workbookTooLarge", { maxMb: MAX_WORKBOOK_BYTES / 1024 / 1024 });
  const container = inspectContainer(source.bytes);
  if (container.kind === "refused") return refuse(container.key, container.params);
  if (container.kind === "xlsx") return parseWorkbook(kind, source.bytes, reference, source.sheet || undefined);
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(source.bytes);
  } catch {
    return refuse("workbook.issues.notBureauJson");
  }
  return parseBureau(kind, json, reference, source.bureau);
}
