import type { LocalizedText } from "@/lib/i18n/locales";
import { ageBand, sex } from "@/lib/survey/scales";

/** One cell read from a spreadsheet: its value, or the message key saying what is wrong. */
export type Cell<T> = { ok: true; value: T } | { ok: false; key: string; params?: Record<string, string | number> };

const ok = <T,>(value: T): Cell<T> => ({ ok: true, value });
/** The offending text goes back in the message, cut short so one bad cell cannot flood the page. */
const fail = (key: string, text: string): Cell<never> => ({ ok: false, key, params: { value: text.length > 60 ? `${text.slice(0, 60)}…` : text } });

/**
 * Numbers as spreadsheets in ru and kk write them: "1 234,5" with a decimal comma and
 * spaces (often non-breaking) between thousands, or "1234.5". Several commas ("1,234,567")
 * can only separate thousands. One comma before exactly three digits ("1,234", "250,000")
 * is a thousands comma in English and a decimal comma in ru and kk, so it is refused rather
 * than guessed at, as is a comma and a point together ("1,234.5", "1.234,5").
 */
export function readNumber(text: string): Cell<number> {
  const compact = text.replace(/\s/g, "").replace(/^[\u2212\u2013]/, "-");
  if (/^[+-]?[1-9]\d{0,2},\d{3}$/.test(compact)) return fail("ambiguousComma", text);
  const decimal = /^[+-]?\d{1,3}(,\d{3}){2,}$/.test(compact)
    ? compact.replaceAll(",", "")
    : compact.includes(".")
      ? compact
      : compact.replace(",", ".");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(decimal)) return fail("notNumber", text);
  const value = Number(decimal);
  return Number.isFinite(value) ? ok(value) : fail("notNumber", text);
}

/**
 * An official figure: a number, or the statistics bureau's "x" (the Latin letter or the
 * Cyrillic one), which marks a figure withheld as confidential. A withheld figure is kept
 * as withheld (null here), never as zero: zero would be a figure, and a wrong one.
 */
export function readFigure(text: string): Cell<number | null> {
  return /^[xх]$/i.test(text.trim()) ? ok(null) : readNumber(text);
}

/** A head count: a whole number, not negative, that fits the database's integer column. */
export function readCount(text: string): Cell<number> {
  const compact = text.replace(/\s/g, "");
  if (!/^\d+$/.test(compact) || Number(compact) > 2_147_483_647) return fail("notCount", text);
  return ok(Number(compact));
}

const isYear = (year: number) => year >= 1900 && year <= 2100;

/** "2014", "2014-08" or "2014-08-01", and a real date at that. */
export function readPeriod(text: string): Cell<string> {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) return fail("badPeriod", text);
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month ?? "1") - 1, Number(day ?? "1")));
  const real =
    isYear(Number(year)) && date.getUTCMonth() === Number(month ?? "1") - 1 && date.getUTCDate() === Number(day ?? "1");
  return real ? ok(text) : fail("badPeriod", text);
}

/** A day, as ISO "2026-01-15" or as the bureau and Excel in ru and kk write it, "15.01.2026". */
export function readDay(text: string): Cell<string> {
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  const iso = dotted ? `${dotted[3]}-${dotted[2]}-${dotted[1]}` : text;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return fail("workbook.issues.badDay", text);
  const read = readPeriod(iso);
  return read.ok ? ok(iso) : fail("workbook.issues.badDay", text);
}

export function readYear(text: string): Cell<number> {
  return /^\d{4}$/.test(text) && isYear(Number(text)) ? ok(Number(text)) : fail("badYear", text);
}

const booleans = new Map<string, boolean>(
  [
    ...["yes", "true", "1", "да", "иә", "ия"].map((word) => [word, true] as const),
    ...["no", "false", "0", "нет", "жоқ"].map((word) => [word, false] as const),
  ],
);

export function readBoolean(text: string): Cell<boolean> {
  const value = booleans.get(normaliseName(text));
  return value === undefined ? fail("badBoolean", text) : ok(value);
}

/** An indicator code: what URLs, links to survey items and other imports refer to. */
export function readCode(text: string): Cell<string> {
  return /^[a-z][a-z0-9_]{0,63}$/.test(text) ? ok(text) : fail("badCode", text);
}

/** The source's address: a web link, never a `javascript:` or file URL shown to staff. */
export function readAddress(text: string): Cell<string> {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? ok(text) : fail("badAddress", text);
  } catch {
    return fail("badAddress", text);
  }
}

export const MAX_TEXT_LENGTH = 1_000;

export function readText(text: string): Cell<string> {
  return text.length <= MAX_TEXT_LENGTH ? ok(text) : { ok: false, key: "tooLong", params: { max: MAX_TEXT_LENGTH } };
}

/**
 * How names are compared: case, spacing, "ё" and the dash a spreadsheet happened to use
 * do not matter, so "  РИДДЕР", "Риддер" and "риддер" are one town and "18-29" is "18–29".
 */
export function normaliseName(text: string): string {
  return text
    .normalize("NFC")
    .trim()
    .toLowerCase()
    .replaceAll("ё", "е")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ");
}

/** Finds a code by the code itself or by a name in any language. */
export function nameLookup<Code extends string | number>(entries: Array<{ code: Code; names: string[] }>) {
  const byName = new Map<string, Set<Code>>();
  for (const { code, names } of entries) {
    for (const name of [String(code), ...names]) {
      const key = normaliseName(name);
      byName.set(key, (byName.get(key) ?? new Set()).add(code));
    }
  }
  return (text: string, unknownKey: string): Cell<Code> => {
    const codes = [...(byName.get(normaliseName(text)) ?? [])];
    if (codes.length === 1) return ok(codes[0]!);
    return fail(codes.length === 0 ? unknownKey : "ambiguousName", text);
  };
}

export type Lookup<Code extends string | number> = ReturnType<typeof nameLookup<Code>>;

export const localizedNames = (name: LocalizedText) => [name.kk, name.ru, name.en];

// Statistics tables write the oldest band as "60+" and the sexes in the plural.
const extraAgeBandNames: Record<number, string[]> = { 4: ["60+", "60 +"] };
const extraSexNames: Record<number, string[]> = {
  1: ["women", "woman", "f", "женщины", "женщина", "әйелдер"],
  2: ["men", "man", "m", "мужчины", "мужчина", "ерлер"],
};

/** The questionnaire's age bands, by code (1–4) or label in any language. */
export const ageBandLookup = nameLookup(
  ageBand.options.map(({ code, label }) => ({ code, names: [...localizedNames(label), ...(extraAgeBandNames[code] ?? [])] })),
);

/** The questionnaire's sexes, by code (1, 2) or label in any language. */
export const sexLookup = nameLookup(
  sex.options.map(({ code, label }) => ({ code, names: [...localizedNames(label), ...(extraSexNames[code] ?? [])] })),
);
