import { countsByBand, readAgeGroup, type AgeRange } from "./age-groups";
import type { ReferenceData } from "./columns";
import { normaliseName, sexLookup } from "./fields";
import { MAX_WORKBOOK_ROWS, type ImportKind } from "./import-schema";
import { lookupsFor, parseTable, type ParseOutcome, type Problem, type RawCell, type RowIssue, type TableRecord } from "./table";
import { writtenOtherwise } from "./town-names";

/*
 * Files saved from the statistics bureau's dynamic tables and Taldau (taldau.stat.gov.kz):
 * a JSON list of records, each naming its terms (territory, and for population the sex and
 * the age group) by id and by name, with the figure for each period, dated dd.mm.yyyy. A
 * figure of "x" is confidential. The shape is in docs/decisions/0020.
 */

/** Who a bureau file's figures are from, stored as their source. */
export const BUREAU_CITATION = "Бюро национальной статистики АСПиР РК (taldau.stat.gov.kz)";

/** What the admin adds to a bureau file at import: which indicator it is, where it came from and when. */
export interface BureauOptions {
  indicator?: string;
  source: string;
  address: string;
  retrievedOn: string;
}

interface BureauRecord {
  terms: Array<string | number>;
  termNames: string[];
  periods: Array<{ name: string; date: string; value: unknown }>;
  kato?: string;
}

/** The list of records, or why the file is not one. */
function readRecords(json: string): BureauRecord[] | null {
  let data: unknown;
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, ""));
  } catch {
    return null;
  }
  const list = Array.isArray(data) ? data : data && typeof data === "object" && Array.isArray((data as { data?: unknown }).data) ? (data as { data: unknown[] }).data : null;
  if (!list || list.length === 0) return null;
  const records: BureauRecord[] = [];
  for (const item of list) {
    if (!item || typeof item !== "object") return null;
    const { terms, termNames, periods, kato } = item as Record<string, unknown>;
    if (!Array.isArray(termNames) || !termNames.every((name) => typeof name === "string") || !Array.isArray(periods)) return null;
    if (!periods.every((period) => period && typeof period === "object" && typeof (period as { date?: unknown }).date === "string")) return null;
    records.push({
      terms: Array.isArray(terms) ? terms.filter((term) => typeof term === "string" || typeof term === "number") : [],
      termNames,
      periods: periods.map((period) => ({ name: String((period as { name?: unknown }).name ?? ""), date: (period as { date: string }).date, value: (period as { value?: unknown }).value })),
      ...(typeof kato === "string" || typeof kato === "number" ? { kato: String(kato) } : {}),
    });
  }
  return records;
}

/**
 * The record's town: a term whose name is a town's name (in any language, or an alias once
 * the register has them), or a territory code (КАТО) of the register. Null for a territory
 * that is not a town of the register (the republic, a region); an ambiguous name is reported.
 */
function townOf(record: BureauRecord, reference: ReferenceData, lookup: ReturnType<typeof lookupsFor>["town"]): { town: string; written: string } | { ambiguous: string; towns: string } | null {
  const byKato = new Map(reference.towns.filter((town) => town.kato).map((town) => [town.kato!, town.code]));
  for (const code of [record.kato, ...record.terms.map(String)]) if (code && byKato.has(code)) return { town: byKato.get(code)!, written: code };
  for (const name of record.termNames) {
    const found = lookup(name, "unknownTown");
    if (found.ok) return { town: found.value, written: name };
    // The register's matching names both towns a name fits (towns.ambiguous).
    if (found.key === "towns.ambiguous" || found.key === "ambiguousName") return { ambiguous: name, towns: String(found.params?.towns ?? "") };
  }
  return null;
}

/** A bureau period as ours: a period named as a bare year ("2025", "2025 год") is the year; any other is the day it is dated. */
function periodOf({ name, date }: { name: string; date: string }): string | null {
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(date.trim());
  if (!match) return null;
  const year = /^(\d{4})(\s*(год|г\.?|жыл|year))?$/i.exec(name.trim());
  if (year) return year[1]!;
  return `${match[3]}-${match[2]}-${match[1]}`;
}

const valueCell = (value: unknown): RawCell => (typeof value === "number" ? value : typeof value === "string" ? value : null);

export function parseBureau<K extends ImportKind>(kind: K, json: string, reference: ReferenceData, options: BureauOptions): ParseOutcome<K> {
  const rejected = (fileErrors: Problem[], issues: RowIssue[] = []): ParseOutcome<K> => ({ ok: false, kind, fileErrors, issues });
  if (kind === "definitions") return rejected([{ key: "workbook.issues.bureauKind" }]);
  const records = readRecords(json);
  if (!records) return rejected([{ key: "workbook.issues.notBureauJson" }]);
  if (kind === "values" && !options.indicator) return rejected([{ key: "workbook.issues.bureauIndicator" }]);
  const lookup = lookupsFor(reference).town;
  const issues: RowIssue[] = [];
  const skipped = new Set<string>();
  const located: Array<{ line: number; town: string; record: BureauRecord }> = [];
  // How each record named its town, for the preview to say "РИДДЕР Г.А. → Риддер".
  const writtenAt = new Map<number, string>();
  records.forEach((record, index) => {
    const line = index + 1;
    const found = townOf(record, reference, lookup);
    if (found === null) skipped.add(record.termNames[0] ?? String(record.terms[0] ?? line));
    else if ("ambiguous" in found) issues.push({ line, column: "termNames", key: "towns.ambiguous", params: { value: found.ambiguous, towns: found.towns } });
    else {
      located.push({ line, town: found.town, record });
      const town = reference.towns.find(({ code }) => code === found.town);
      if (town && writtenOtherwise(found.written, town)) writtenAt.set(line, found.written);
    }
  });

  const base = [options.source, options.address, options.retrievedOn];
  const table =
    kind === "values"
      ? valueTable(located, options.indicator!, base, issues)
      : populationTable(located, base, issues);
  if (issues.length > 0) return rejected([], issues);
  if (table.records.length === 0) return rejected([{ key: "workbook.issues.noTowns", params: { territories: [...skipped].slice(0, 10).join(", ") } }]);
  const outcome = parseTable(kind, { ...table, maxRows: MAX_WORKBOOK_ROWS }, reference);
  if (!outcome.ok) return outcome;
  const rows = outcome.rows.map((row) => (writtenAt.has(row.line) ? { ...row, townWritten: writtenAt.get(row.line)! } : row));
  return { ...outcome, rows, skipped: [...skipped], ...(kind === "values" && { keep: ["target"] }) };
}

/** One record per town and period; the target is not the bureau's to give, so the stored one is kept. */
function valueTable(located: Array<{ line: number; town: string; record: BureauRecord }>, indicator: string, base: string[], issues: RowIssue[]) {
  const records: TableRecord[] = [];
  for (const { line, town, record } of located) {
    for (const period of record.periods) {
      const ours = periodOf(period);
      if (ours === null) issues.push({ line, column: "date", key: "badPeriod", params: { value: period.date } });
      else records.push({ line, cells: [town, indicator, ours, valueCell(period.value), null, ...base] });
    }
  }
  return { header: { line: 0, cells: ["town", "indicator", "period", "value", "target", "source", "address", "retrieved_on"] }, records };
}

/**
 * The town's five-year groups by sex summed into the survey's bands (countsByBand), for the
 * latest year the file has for the town. Totals and both-sexes records are left out; a
 * withheld count makes the structure unknown, so it is refused rather than guessed.
 */
function populationTable(located: Array<{ line: number; town: string; record: BureauRecord }>, base: string[], issues: RowIssue[]) {
  const both = new Set(["оба пола", "екі жыныс", "both sexes", "всего", "барлығы", "total"].map(normaliseName));
  const groups = new Map<string, { line: number; town: string; sex: number; year: number; groups: Array<{ group: AgeRange; count: number }> }>();
  // Structures with a withheld count are reported once, for that count, not again as incomplete.
  const withheld = new Set<string>();
  for (const { line, town, record } of located) {
    const sex = record.termNames.map((name) => sexLookup(name, "badSex")).find((cell) => cell.ok);
    const ageTerm = record.termNames.map(readAgeGroup).find((group) => group !== null);
    if (record.termNames.some((name) => both.has(normaliseName(name))) || ageTerm === "total") continue;
    if (!sex?.ok) {
      issues.push({ line, column: "termNames", key: "badSex", params: { value: record.termNames.join(" / ") } });
      continue;
    }
    if (!ageTerm) {
      issues.push({ line, column: "termNames", key: "workbook.issues.badAgeGroup", params: { value: record.termNames.join(" / ") } });
      continue;
    }
    for (const period of record.periods) {
      const match = /^\d{2}\.\d{2}\.(\d{4})$/.exec(period.date.trim());
      if (!match) {
        issues.push({ line, column: "date", key: "badPeriod", params: { value: period.date } });
        continue;
      }
      const count = typeof period.value === "number" ? period.value : Number(String(period.value ?? "").replace(/\s/g, "").replace(",", "."));
      if (typeof period.value === "string" && /^[xх]$/i.test(period.value.trim())) {
        withheld.add(`${town}\u0000${sex.value}\u0000${match[1]}`);
        issues.push({ line, column: "value", key: "workbook.issues.withheldPopulation", params: { value: record.termNames.join(" / ") } });
        continue;
      }
      if (!Number.isFinite(count) || count < 0) {
        issues.push({ line, column: "value", key: "notCount", params: { value: String(period.value) } });
        continue;
      }
      const year = Number(match[1]);
      const key = `${town}\u0000${sex.value}\u0000${year}`;
      const entry = groups.get(key) ?? { line, town, sex: sex.value, year, groups: [] };
      entry.groups.push({ group: ageTerm, count });
      groups.set(key, entry);
    }
  }
  const latest = new Map<string, number>();
  for (const { town, year } of groups.values()) latest.set(town, Math.max(latest.get(town) ?? 0, year));
  const records: TableRecord[] = [];
  for (const [key, entry] of groups) {
    if (entry.year !== latest.get(entry.town) || withheld.has(key)) continue;
    const banded = countsByBand(entry.groups);
    if (!banded.ok) {
      issues.push({ line: entry.line, column: "termNames", key: banded.key, params: banded.params });
      continue;
    }
    for (const [band, count] of banded.bands) records.push({ line: entry.line, cells: [entry.town, band, entry.sex, count, entry.year, ...base] });
  }
  return { header: { line: 0, cells: ["town", "age_band", "sex", "population", "year", "source", "address", "retrieved_on"] }, records };
}

