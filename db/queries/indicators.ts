import "server-only";
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DefinitionRow, Field, PopulationRow, ReferenceData, RowOf, ValueRow } from "@/lib/indicators/columns";
import { keyColumns } from "@/lib/indicators/columns";
import type { ParsedRow, ParseOutcome, Problem, RowIssue, SheetChoice } from "@/lib/indicators/table";
import type { ImportKind } from "@/lib/indicators/import-schema";
import { isLocale } from "@/lib/i18n/locales";
import { todayInKazakhstan } from "@/lib/time";
import type { Db } from "../client";
import { indicators, indicatorValues, populationCells, townAliases, towns } from "../schema";
import { recordAudit, type Actor } from "./audit";

export type RowStatus = "added" | "changed" | "unchanged";

/** A row of the file beside what the database holds for the same key now. */
export interface PlannedRow<K extends ImportKind = ImportKind> {
  line: number;
  status: RowStatus;
  row: RowOf[K];
  /** The stored row it replaces; null for an added row. */
  previous: RowOf[K] | null;
  /** The town as the file wrote it, when that was not its code or name. */
  townWritten?: string;
}

export interface ImportPlan<K extends ImportKind = ImportKind> {
  kind: K;
  counts: Record<RowStatus, number>;
  rows: PlannedRow<K>[];
  /** The workbook sheet the rows are from, and the workbook's sheets. */
  sheet?: SheetChoice;
  /** Territories of a bureau file that are not towns of the register. */
  skipped?: string[];
}

export type ImportRejection = { ok: false; fileErrors: Problem[]; issues: RowIssue[]; sheet?: SheetChoice };

/** Reads an import file against the reference data as it is in the transaction (lib/indicators/read-import). */
export type ImportReader<K extends ImportKind> = (reference: ReferenceData) => Promise<ParseOutcome<K>>;

/** The towns (with their КАТО codes and aliases) and indicators an import file may name. */
export async function getReferenceData({ db }: { db: Db }): Promise<ReferenceData> {
  const [townRows, aliasRows, indicatorRows] = await Promise.all([
    db.select({ id: towns.id, code: towns.code, name: towns.name, kato: towns.kato }).from(towns),
    db.select({ townId: townAliases.townId, locale: townAliases.locale, alias: townAliases.alias }).from(townAliases),
    db.select({ code: indicators.code, name: indicators.name }).from(indicators),
  ]);
  const aliasesOf = new Map<number, typeof aliasRows>();
  for (const row of aliasRows) aliasesOf.set(row.townId, [...(aliasesOf.get(row.townId) ?? []), row]);
  return {
    towns: townRows.map(({ id, code, name, kato }) => ({
      code,
      name,
      kato,
      aliases: (aliasesOf.get(id) ?? []).map(({ locale, alias }) => ({ locale: isLocale(locale) ? locale : null, alias })),
    })),
    indicators: indicatorRows,
    today: todayInKazakhstan(),
  };
}

/** What importing these rows would add, change or leave as it is. Reads only. */
export async function planImport<K extends ImportKind>({ db, kind, rows, keep = [] }: { db: Db; kind: K; rows: ParsedRow<K>[]; keep?: string[] }): Promise<ImportPlan<K>> {
  const store: Store<K> = stores[kind];
  const keyOf = (row: RowOf[K]) => keyColumns[kind].map((id) => String((row as Record<string, Field>)[id])).join("\u0000");
  const stored = new Map((await store.load(db, rows.map(({ row }) => row))).map((row) => [keyOf(row), row]));
  const counts: Record<RowStatus, number> = { added: 0, changed: 0, unchanged: 0 };
  const planned = rows.map(({ line, row, townWritten }): PlannedRow<K> => {
    const previous = stored.get(keyOf(row)) ?? null;
    // A field the file cannot give (a bureau file's target) stays as stored.
    if (previous) for (const field of keep) (row as Record<string, Field>)[field] = (previous as Record<string, Field>)[field]!;
    const status: RowStatus = !previous ? "added" : sameFields(row, previous) ? "unchanged" : "changed";
    counts[status] += 1;
    return { line, status, row, previous, ...(townWritten !== undefined && { townWritten }) };
  });
  return { kind, counts, rows: planned };
}

/**
 * Reads the file again against the database as it is now and, if every row is good, writes
 * the added and changed rows and the audit entry in one transaction: all of it or nothing.
 */
export async function applyImport<K extends ImportKind>({ db, actor, kind, read }: { db: Db; actor: Actor; kind: K; read: ImportReader<K> }): Promise<
  { ok: true; plan: ImportPlan<K> } | ImportRejection
> {
  return db.transaction(async (tx) => {
    const parsed = await read(await getReferenceData({ db: tx }));
    if (!parsed.ok) return { ok: false, fileErrors: parsed.fileErrors, issues: parsed.issues, ...(parsed.sheet && { sheet: parsed.sheet }) };
    const plan = await planImport({ db: tx, kind, rows: parsed.rows, keep: parsed.keep });
    await stores[kind].write(tx, plan.rows.filter((row) => row.status !== "unchanged").map(({ row }) => row));
    await recordAudit({
      db: tx,
      actor,
      action: `indicators.import.${kind}`,
      detail: { kind, ...plan.counts, rows: plan.rows },
    });
    return { ok: true, plan };
  });
}

function sameFields<T extends Record<string, Field>>(a: T, b: T): boolean {
  return Object.keys(a).every((key) => a[key] === b[key]);
}

interface Store<K extends ImportKind> {
  /** The stored rows that share a key with some of these (a superset is fine). */
  load(db: Db, rows: RowOf[K][]): Promise<RowOf[K][]>;
  write(db: Db, rows: RowOf[K][]): Promise<void>;
}

// Large enough to keep round trips few, small enough to stay far below Postgres's 65,535 parameters.
const CHUNK = 500;
function chunks<T>(items: T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));
}
const unique = (values: string[]) => [...new Set(values)];

async function idsByCode(db: Db, table: typeof towns | typeof indicators): Promise<Map<string, number>> {
  return new Map((await db.select({ id: table.id, code: table.code }).from(table)).map(({ id, code }) => [code, id]));
}

const valueStore: Store<"values"> = {
  async load(db, rows) {
    return db
      .select({
        town: towns.code,
        indicator: indicators.code,
        period: indicatorValues.period,
        value: indicatorValues.value,
        target: indicatorValues.target,
        source: indicatorValues.sourceCitation,
        address: indicatorValues.sourceUrl,
        retrievedOn: indicatorValues.retrievedOn,
      })
      .from(indicatorValues)
      .innerJoin(towns, eq(towns.id, indicatorValues.townId))
      .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
      .where(inArray(towns.code, unique(rows.map((row) => row.town))));
  },
  async write(db, rows: ValueRow[]) {
    const [townIds, indicatorIds] = await Promise.all([idsByCode(db, towns), idsByCode(db, indicators)]);
    for (const chunk of chunks(rows)) {
      await db
        .insert(indicatorValues)
        .values(
          chunk.map((row) => ({
            townId: townIds.get(row.town)!,
            indicatorId: indicatorIds.get(row.indicator)!,
            period: row.period,
            value: row.value,
            withheld: row.value === null,
            target: row.target,
            sourceCitation: row.source,
            sourceUrl: row.address,
            retrievedOn: row.retrievedOn,
          })),
        )
        .onConflictDoUpdate({
          target: [indicatorValues.townId, indicatorValues.indicatorId, indicatorValues.period],
          set: {
            value: sql`excluded.value`,
            withheld: sql`excluded.withheld`,
            target: sql`excluded.target`,
            sourceCitation: sql`excluded.source_citation`,
            sourceUrl: sql`excluded.source_url`,
            retrievedOn: sql`excluded.retrieved_on`,
          },
        });
    }
  },
};

const definitionStore: Store<"definitions"> = {
  async load(db, rows) {
    const stored = await db.select().from(indicators).where(inArray(indicators.code, unique(rows.map((row) => row.code))));
    return stored.map(({ code, name, unit, higherIsBetter, programmeTarget }) => ({
      code,
      nameKk: name.kk,
      nameRu: name.ru,
      nameEn: name.en,
      unitKk: unit.kk,
      unitRu: unit.ru,
      unitEn: unit.en,
      higherIsBetter,
      targetKk: programmeTarget?.kk ?? null,
      targetRu: programmeTarget?.ru ?? null,
      targetEn: programmeTarget?.en ?? null,
    }));
  },
  async write(db, rows: DefinitionRow[]) {
    for (const chunk of chunks(rows)) {
      await db
        .insert(indicators)
        .values(
          chunk.map((row) => ({
            code: row.code,
            name: { kk: row.nameKk, ru: row.nameRu, en: row.nameEn },
            unit: { kk: row.unitKk, ru: row.unitRu, en: row.unitEn },
            higherIsBetter: row.higherIsBetter,
            // The parser lets the three through only together, all set or all empty.
            programmeTarget: row.targetKk === null ? null : { kk: row.targetKk, ru: row.targetRu!, en: row.targetEn! },
          })),
        )
        .onConflictDoUpdate({
          target: indicators.code,
          set: { name: sql`excluded.name`, unit: sql`excluded.unit`, higherIsBetter: sql`excluded.higher_is_better`, programmeTarget: sql`excluded.programme_target` },
        });
    }
  },
};

const populationStore: Store<"population"> = {
  async load(db, rows) {
    return db
      .select({
        town: towns.code,
        ageBand: populationCells.ageBand,
        sex: populationCells.sex,
        population: populationCells.population,
        year: populationCells.year,
        source: populationCells.sourceCitation,
        address: populationCells.sourceUrl,
        retrievedOn: populationCells.retrievedOn,
      })
      .from(populationCells)
      .innerJoin(towns, eq(towns.id, populationCells.townId))
      .where(inArray(towns.code, unique(rows.map((row) => row.town))));
  },
  async write(db, rows: PopulationRow[]) {
    const townIds = await idsByCode(db, towns);
    for (const chunk of chunks(rows)) {
      await db
        .insert(populationCells)
        .values(
          chunk.map((row) => ({
            townId: townIds.get(row.town)!,
            ageBand: row.ageBand,
            sex: row.sex,
            population: row.population,
            year: row.year,
            sourceCitation: row.source,
            sourceUrl: row.address,
            retrievedOn: row.retrievedOn,
          })),
        )
        .onConflictDoUpdate({
          target: [populationCells.townId, populationCells.ageBand, populationCells.sex],
          set: {
            population: sql`excluded.population`,
            year: sql`excluded.year`,
            sourceCitation: sql`excluded.source_citation`,
            sourceUrl: sql`excluded.source_url`,
            retrievedOn: sql`excluded.retrieved_on`,
            updatedAt: sql`now()`,
          },
        });
    }
  },
};

const stores: { [K in ImportKind]: Store<K> } = { values: valueStore, definitions: definitionStore, population: populationStore };

/** The latest figure of every town and indicator, for the admin to see what is there. */
export async function getLatestFigures({ db }: { db: Db }) {
  return db
    .selectDistinctOn([indicatorValues.townId, indicatorValues.indicatorId], {
      townCode: towns.code,
      town: towns.name,
      indicatorCode: indicators.code,
      indicator: indicators.name,
      unit: indicators.unit,
      period: indicatorValues.period,
      value: indicatorValues.value,
      target: indicatorValues.target,
      sourceCitation: indicatorValues.sourceCitation,
      sourceUrl: indicatorValues.sourceUrl,
      retrievedOn: indicatorValues.retrievedOn,
    })
    .from(indicatorValues)
    .innerJoin(towns, eq(towns.id, indicatorValues.townId))
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .orderBy(indicatorValues.townId, indicatorValues.indicatorId, desc(indicatorValues.period));
}

export async function getIndicatorDefinitions({ db }: { db: Db }) {
  return db.select().from(indicators).orderBy(asc(indicators.code));
}

export async function getPopulationStructures({ db }: { db: Db }) {
  return db
    .select({ townCode: towns.code, town: towns.name, cell: populationCells })
    .from(populationCells)
    .innerJoin(towns, eq(towns.id, populationCells.townId))
    .orderBy(asc(towns.code), asc(populationCells.ageBand), asc(populationCells.sex));
}
