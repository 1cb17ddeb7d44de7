import Papa from "papaparse";
import type { Locale, LocalizedText } from "@/lib/i18n/locales";
import {
  ageBandLookup,
  readAddress,
  readBoolean,
  readCode,
  readCount,
  readDay,
  readFigure,
  readNumber,
  readPeriod,
  readText,
  readYear,
  sexLookup,
  type Cell,
  type Lookup,
} from "./fields";
import type { ImportKind } from "./import-schema";
import type { TownReference } from "./town-names";

/** The towns and indicators a file may name, read from the database by the caller. */
export interface ReferenceData {
  /** With their КАТО codes and aliases where known, so a file may name a town by either. */
  towns: TownReference[];
  indicators: Array<{ code: string; name: LocalizedText }>;
  /** Today in Kazakhstan (ISO): no figure is of a period that has not begun yet. */
  today?: string;
}

export interface Lookups {
  town: Lookup<string>;
  indicator: Lookup<string>;
}

// Rows are types rather than interfaces so that they are records too, compared field by field.

/** An official figure: one town, indicator and period. */
export type ValueRow = {
  town: string;
  indicator: string;
  period: string;
  /** Null when the statistics bureau withheld the figure as confidential ("x"). */
  value: number | null;
  target: number | null;
  source: string;
  address: string | null;
  /** The day the figure was taken from its source, when known. */
  retrievedOn: string | null;
};

/** An indicator's definition in the three languages. */
export type DefinitionRow = {
  code: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  unitKk: string;
  unitRu: string;
  unitEn: string;
  higherIsBetter: boolean;
  targetKk: string | null;
  targetRu: string | null;
  targetEn: string | null;
};

/** One cell of a town's population structure: an age band × sex. */
export type PopulationRow = {
  town: string;
  ageBand: number;
  sex: number;
  population: number;
  year: number;
  source: string;
  address: string | null;
  retrievedOn: string | null;
};

export type RowOf = {
  values: ValueRow;
  definitions: DefinitionRow;
  population: PopulationRow;
};
export type ImportRow = RowOf[ImportKind];
export type Field = string | number | boolean | null;

export interface Column {
  id: string;
  /** Header names accepted, per language; the first is the one templates use. */
  names: Record<Locale, string[]>;
  /** Whether a file must have the column at all. */
  required: boolean;
  /** Whether a cell may be left empty (stored as null). */
  emptyAllowed: boolean;
  read: (text: string, lookups: Lookups) => Cell<Field>;
}

const text = (value: string) => readText(value);
const column = (id: string, names: Record<Locale, string[]>, read: Column["read"], options: Partial<Pick<Column, "required" | "emptyAllowed">> = {}): Column => ({
  id,
  names,
  read,
  required: options.required ?? true,
  emptyAllowed: options.emptyAllowed ?? false,
});

/** A column per language ("name_kk", "название_kk", …), written with the language's code. */
function perLanguage(id: string, names: Record<Locale, string[]>, read: Column["read"], options: Parameters<typeof column>[3] = {}): Column[] {
  const suffixes: Record<Locale, string[]> = { kk: ["kk", "kz"], ru: ["ru"], en: ["en"] };
  return (["kk", "ru", "en"] as const).map((language) => {
    const suffixed = (list: string[]) => list.flatMap((name) => suffixes[language].map((suffix) => `${name}_${suffix}`));
    const capitalised = language[0]!.toUpperCase() + language.slice(1);
    return column(`${id}${capitalised}`, { kk: suffixed(names.kk), ru: suffixed(names.ru), en: suffixed(names.en) }, read, options);
  });
}

const town = column("town", { en: ["town"], ru: ["город"], kk: ["қала"] }, (value, { town }) => town(value, "unknownTown"));
const source = column("source", { en: ["source"], ru: ["источник"], kk: ["дереккөз"] }, text);
const address = column("address", { en: ["address", "url"], ru: ["адрес", "ссылка"], kk: ["мекенжай", "сілтеме"] }, readAddress, {
  required: false,
  emptyAllowed: true,
});
const retrievedOn = column(
  "retrievedOn",
  { en: ["retrieved_on", "retrieved"], ru: ["дата_получения", "получено"], kk: ["алынған_күні", "алынды"] },
  readDay,
  { required: false, emptyAllowed: true },
);

export const columns: Record<ImportKind, Column[]> = {
  values: [
    town,
    column("indicator", { en: ["indicator"], ru: ["показатель"], kk: ["көрсеткіш"] }, (value, { indicator }) => indicator(value, "unknownIndicator")),
    column("period", { en: ["period"], ru: ["период"], kk: ["кезең"] }, readPeriod),
    column("value", { en: ["value"], ru: ["значение"], kk: ["мәні", "мән"] }, readFigure),
    // Required even though cells may be empty: a file without it would silently clear targets.
    column("target", { en: ["target"], ru: ["цель"], kk: ["мақсат"] }, readNumber, { emptyAllowed: true }),
    source,
    address,
    retrievedOn,
  ],
  definitions: [
    column("code", { en: ["code"], ru: ["код"], kk: ["код"] }, readCode),
    ...perLanguage("name", { en: ["name"], ru: ["название"], kk: ["атауы"] }, text),
    ...perLanguage("unit", { en: ["unit"], ru: ["единица"], kk: ["өлшем_бірлігі"] }, text),
    column("higherIsBetter", { en: ["higher_is_better"], ru: ["больше_лучше"], kk: ["жоғары_болғаны_жақсы"] }, readBoolean),
    ...perLanguage("target", { en: ["target"], ru: ["цель"], kk: ["мақсат"] }, text, { required: false, emptyAllowed: true }),
  ],
  population: [
    town,
    column("ageBand", { en: ["age_band"], ru: ["возраст", "возрастная_группа"], kk: ["жас_тобы", "жасы"] }, (value) => ageBandLookup(value, "badAgeBand")),
    column("sex", { en: ["sex"], ru: ["пол"], kk: ["жынысы"] }, (value) => sexLookup(value, "badSex")),
    column("population", { en: ["population"], ru: ["численность"], kk: ["халық_саны", "саны"] }, readCount),
    column("year", { en: ["year"], ru: ["год"], kk: ["жыл"] }, readYear),
    source,
    address,
    retrievedOn,
  ],
};

/** The columns that identify a row: a second row with the same ones is a duplicate. */
export const keyColumns: Record<ImportKind, string[]> = {
  values: ["town", "indicator", "period"],
  definitions: ["code"],
  population: ["town", "ageBand", "sex"],
};

/** Header names compare like this: case, spaces, hyphens and "ё" do not matter. */
export function normaliseHeader(name: string): string {
  return name.normalize("NFC").trim().toLowerCase().replaceAll("ё", "е").replace(/[\s\-.]+/g, "_");
}

/**
 * A template in one language: the header and one example row, for admins to fill in. The
 * example's source says it is an example, so a template imported unchanged shows as such.
 */
export function template(kind: ImportKind, locale: Locale): string {
  // Excel in ru and kk locales separates with semicolons and writes decimal commas.
  const delimiter = locale === "en" ? "," : ";";
  const example = exampleRows[kind][locale];
  return Papa.unparse({ fields: columns[kind].map((c) => c.names[locale][0]!), data: [example] }, { delimiter, newline: "\r\n" }) + "\r\n";
}

const exampleSource: LocalizedText = {
  kk: "МЫСАЛ: көрсеткіштің дереккөзімен ауыстырыңыз",
  ru: "ПРИМЕР: замените источником показателя",
  en: "EXAMPLE: replace with the source of the figure",
};

const exampleRows: Record<ImportKind, Record<Locale, string[]>> = {
  values: {
    kk: ["Риддер", "Жұмыссыздық деңгейі", "2025", "4,6", "5,5", exampleSource.kk, "", ""],
    en: ["ridder", "unemployment_rate", "2025", "4.6", "5.5", exampleSource.en, "", ""],
    ru: ["Риддер", "Уровень безработицы", "2025", "4,6", "5,5", exampleSource.ru, "", ""],
  },
  definitions: {
    kk: ["youth_unemployment", "Жастар жұмыссыздығы", "Безработица среди молодёжи", "Youth unemployment", "%", "%", "%", "жоқ", "", "", ""],
    en: ["youth_unemployment", "Жастар жұмыссыздығы", "Безработица среди молодёжи", "Youth unemployment", "%", "%", "%", "no", "", "", ""],
    ru: ["youth_unemployment", "Жастар жұмыссыздығы", "Безработица среди молодёжи", "Youth unemployment", "%", "%", "%", "нет", "", "", ""],
  },
  population: {
    kk: ["Риддер", "18–29", "әйел", "4 812", "2025", exampleSource.kk, "", ""],
    en: ["ridder", "18–29", "female", "4 812", "2025", exampleSource.en, "", ""],
    ru: ["Риддер", "18–29", "женский", "4 812", "2025", exampleSource.ru, "", ""],
  },
};
