import Papa from "papaparse";
import { tableCsv } from "@/lib/csv-cells";
import type { LocalizedText } from "@/lib/i18n/locales";
import { createCommitmentSchema, stateOf, type CommitmentState } from "./fields";

/*
 * Commitments as a spreadsheet and back: the export's columns are the import's, so an
 * official can download a town's commitments, change a few cells and import the file.
 */

const LANGS = ["kk", "ru", "en"] as const;
const texts = (prefix: string) => LANGS.map((language) => `${prefix}_${language}`);

/** The file's columns, in order; an import needs every one of them (in any order). */
export const COMMITMENT_COLUMNS = [
  "id",
  "town",
  "wave",
  "link_kind",
  "link",
  ...texts("heard"),
  ...texts("action"),
  ...texts("responsible"),
  "due_on",
  "status",
  "progress",
  ...texts("decline_reason"),
  "evidence",
  ...texts("note"),
] as const;
type Column = (typeof COMMITMENT_COLUMNS)[number];

export const MAX_COMMITMENT_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_COMMITMENT_IMPORT_ROWS = 2000;

/** One commitment as the export writes it. */
export interface CommitmentRecord extends CommitmentState {
  id: number;
  townCode: string;
  waveSlug: string;
}

const textColumns = (prefix: string, value: LocalizedText | null) => LANGS.map((language) => value?.[language] ?? "");

/** The CSV of these commitments: UTF-8 with a BOM, CRLF, formula-like cells neutralised (lib/csv-cells). */
export function commitmentsCsv(records: readonly CommitmentRecord[]): string {
  return tableCsv({
    columns: [...COMMITMENT_COLUMNS],
    rows: records.map((record) => [
      record.id,
      record.townCode,
      record.waveSlug,
      record.linkKind,
      record.linkTarget,
      ...textColumns("heard", record.heard),
      ...textColumns("action", record.action),
      ...textColumns("responsible", record.responsibleBody),
      record.dueOn,
      record.status,
      record.progress,
      ...textColumns("decline_reason", record.declineReason),
      record.evidenceUrls.join(" "),
      // The note is for the import: what the change is, for the timeline.
      "",
      "",
      "",
    ]),
  });
}

/** A problem in the file: its row (the header is row 1), the column, a message key of "commitments". */
export interface ImportIssue {
  line: number | null;
  column: string | null;
  key: string;
  params?: Record<string, string | number>;
}

export interface ImportRow {
  line: number;
  /** Null for a new commitment. */
  id: number | null;
  townCode: string;
  waveSlug: string;
  state: CommitmentState;
  note: LocalizedText;
}

export type CommitmentFileOutcome = { ok: true; rows: ImportRow[] } | { ok: false; issues: ImportIssue[] };

// The export prefixes a cell that a spreadsheet would run as a formula with a quote; read back, the quote goes.
const NEUTRALISED = /^'([=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/;
const unneutralise = (cell: string) => cell.replace(NEUTRALISED, "$1");

// Where a schema issue is shown: the column that holds the field.
function columnOf(path: ReadonlyArray<PropertyKey>): Column | null {
  const [field, language] = path.map(String);
  const prefixes: Record<string, string> = { heard: "heard", action: "action", responsibleBody: "responsible", declineReason: "decline_reason", note: "note" };
  if (field && prefixes[field]) return `${prefixes[field]}_${language ?? "en"}` as Column;
  const plain: Record<string, Column> = { townCode: "town", waveSlug: "wave", linkKind: "link_kind", linkTarget: "link", dueOn: "due_on", status: "status", progress: "progress", evidence: "evidence" };
  return (field && plain[field]) || null;
}

/**
 * Reads an import file (separated by commas, semicolons or tabs, with or without a BOM) and
 * checks every row as the form checks a commitment. Every problem is reported with its row;
 * rows come back only when there is none, so nothing of a faulty file is ever written.
 */
export function parseCommitmentsCsv(csv: string): CommitmentFileOutcome {
  if (new TextEncoder().encode(csv).length > MAX_COMMITMENT_IMPORT_BYTES) return { ok: false, issues: [{ line: null, column: null, key: "commitments.import.tooLarge", params: { maxMb: MAX_COMMITMENT_IMPORT_BYTES / 1024 / 1024 } }] };
  const text = csv.startsWith("\uFEFF") ? csv.slice(1) : csv;
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy", delimitersToGuess: [",", ";", "\t"] });
  const [header, ...records] = parsed.data;
  if (!header) return { ok: false, issues: [{ line: null, column: null, key: "commitments.import.empty" }] };
  const names = header.map((name) => name.trim().toLowerCase());
  const missing = COMMITMENT_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) return { ok: false, issues: [{ line: 1, column: null, key: "commitments.import.missingColumns", params: { columns: missing.join(", ") } }] };
  if (records.length === 0) return { ok: false, issues: [{ line: null, column: null, key: "commitments.import.noRows" }] };
  if (records.length > MAX_COMMITMENT_IMPORT_ROWS) return { ok: false, issues: [{ line: null, column: null, key: "commitments.import.tooManyRows", params: { max: MAX_COMMITMENT_IMPORT_ROWS } }] };
  const index = new Map(COMMITMENT_COLUMNS.map((column) => [column, names.indexOf(column)]));

  const issues: ImportIssue[] = [];
  const rows: ImportRow[] = [];
  const seenIds = new Map<number, number>();
  for (const [position, cells] of records.entries()) {
    const line = position + 2;
    const cell = (column: Column) => unneutralise((cells[index.get(column)!] ?? "").trim());
    const localized = (prefix: string): LocalizedText => ({ kk: cell(`${prefix}_kk` as Column), ru: cell(`${prefix}_ru` as Column), en: cell(`${prefix}_en` as Column) });
    const idCell = cell("id");
    let id: number | null = null;
    if (idCell !== "") {
      id = /^\d{1,9}$/.test(idCell) ? Number(idCell) : NaN;
      if (!Number.isInteger(id) || id! < 1) {
        issues.push({ line, column: "id", key: "commitments.import.badId" });
        continue;
      }
      const first = seenIds.get(id!);
      if (first !== undefined) issues.push({ line, column: "id", key: "commitments.import.duplicateId", params: { line: first } });
      else seenIds.set(id!, line);
    }
    const progressCell = cell("progress");
    const input = {
      townCode: cell("town"),
      waveSlug: cell("wave"),
      linkKind: cell("link_kind"),
      linkTarget: cell("link"),
      heard: localized("heard"),
      action: localized("action"),
      responsibleBody: localized("responsible"),
      dueOn: cell("due_on"),
      status: cell("status"),
      progress: /^\d{1,3}$/.test(progressCell) ? Number(progressCell) : NaN,
      declineReason: localized("decline_reason"),
      evidence: cell("evidence"),
      note: localized("note"),
    };
    const result = createCommitmentSchema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) issues.push({ line, column: columnOf(issue.path), key: issue.message });
      continue;
    }
    const { townCode, waveSlug, note, ...fields } = result.data;
    rows.push({ line, id, townCode, waveSlug, state: stateOf(fields), note });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}
