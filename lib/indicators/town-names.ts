import type { Locale, LocalizedText } from "@/lib/i18n/locales";
import { localizedNames, normaliseName, type Cell } from "./fields";

/** A town as an import may name it: its code, names, other names and КАТО code. */
export interface TownReference {
  code: string;
  name: LocalizedText;
  kato?: string | null;
  aliases?: Array<{ locale: Locale | null; alias: string }>;
}

// Written before or after the name: «г. Риддер», «город Риддер», «Риддер қаласы», «Ridder city»;
// the bureau's territory names add the town's administration, «Риддер Г.А.», «Риддер Қ.Ә.»
// (городская администрация, қалалық әкімдік).
const prefixes = /^(?:г\.\s*а\.\s*|қ\.\s*ә\.\s*|г\.\s*|г\s+|гор\.\s*|город\s+|қ\.\s*|қала(?:сы)?\s+|city\s+of\s+|town\s+of\s+|the\s+city\s+of\s+|the\s+town\s+of\s+)/;
const suffixes = /(?:\s+г\.\s*а\.?|\s+қ\.\s*ә\.?|\s+г\.?|\s+город|\s+қ\.?|\s+қаласы|\s+city|\s+town)$/;
const quotes = /^["'«»„“”‘’]+|["'«»„“”‘’]+$/g;

/**
 * How town names are compared: as normaliseName (case, "ё", spaces, dashes), then without
 * surrounding quotes and the words officials write around a name («г.», «город», «қ.»,
 * «қаласы», "city of", "town"). Kazakh letters are kept as they are: «Екібастұз» and
 * «Екибастуз» differ unless an alias says otherwise (docs/decisions/0021).
 */
export function normaliseTownName(text: string): string {
  let name = normaliseName(text).replace(quotes, "").trim();
  for (let previous = ""; previous !== name; ) {
    previous = name;
    name = name.replace(prefixes, "").replace(suffixes, "").replace(quotes, "").trim();
  }
  return name === "" ? normaliseName(text) : name;
}

const KATO = /^\d{9}$/;

/** Whether a text is written as a КАТО code: nine digits. */
export const isKato = (text: string) => KATO.test(text.replace(/\s/g, ""));

/** What a cell's town name was read as, for the preview to say "г. Риддер → Риддер". */
export interface TownMatch {
  code: string;
  /** Which name of the town the text matched. */
  matched: string;
}

/**
 * Finds a town by code, КАТО code, name in any language or alias, compared as
 * normaliseTownName does. Two towns under one name is an error naming both; an unknown
 * name suggests the closest known ones. Same call shape as nameLookup's lookups.
 */
export function townLookup(towns: TownReference[]) {
  const byName = new Map<string, Map<string, string>>();
  const byKato = new Map<string, string>();
  const nameOf = new Map(towns.map((town) => [town.code, town.name]));
  for (const town of towns) {
    if (town.kato) byKato.set(town.kato, town.code);
    for (const name of [town.code, ...localizedNames(town.name), ...(town.aliases ?? []).map(({ alias }) => alias)]) {
      const key = normaliseTownName(name);
      const entry = byName.get(key) ?? new Map<string, string>();
      if (!entry.has(town.code)) entry.set(town.code, name);
      byName.set(key, entry);
    }
  }
  const describe = (code: string) => `${nameOf.get(code)?.ru ?? code} (${code})`;
  const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

  function match(text: string): { ok: true; value: TownMatch } | { ok: false; key: string; params: Record<string, string> } {
    const compact = text.replace(/\s/g, "");
    if (KATO.test(compact)) {
      const code = byKato.get(compact);
      return code ? { ok: true, value: { code, matched: compact } } : { ok: false, key: "towns.unknownKato", params: { value: cut(text) } };
    }
    const key = normaliseTownName(text);
    const found = [...(byName.get(key) ?? new Map<string, string>())];
    if (found.length === 1) return { ok: true, value: { code: found[0]![0], matched: found[0]![1] } };
    if (found.length > 1) return { ok: false, key: "towns.ambiguous", params: { value: cut(text), towns: found.map(([code]) => describe(code)).join(", ") } };
    const suggestions = closest(key, [...byName.keys()]).map((name) => [...byName.get(name)!.values()][0]!);
    return suggestions.length > 0
      ? { ok: false, key: "towns.unknownSuggest", params: { value: cut(text), suggestions: [...new Set(suggestions)].join(", ") } }
      : { ok: false, key: "unknownTown", params: { value: cut(text) } };
  }

  const lookup = (text: string, _unknownKey: string): Cell<string> => {
    const found = match(text);
    return found.ok ? { ok: true, value: found.value.code } : found;
  };
  return Object.assign(lookup, { match });
}

/** Whether the preview should say how a cell was read: it was not the town's code or one of its names. */
export function writtenOtherwise(text: string, town: TownReference): boolean {
  const written = normaliseName(text);
  return written !== normaliseName(town.code) && !localizedNames(town.name).some((name) => normaliseName(name) === written);
}

/** Up to three known names within a few edits of the text, nearest first. */
function closest(text: string, names: string[]): string[] {
  const limit = Math.max(2, Math.floor(text.length / 3));
  return names
    .map((name) => ({ name, distance: editDistance(text, name, limit) }))
    .filter(({ distance }) => distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map(({ name }) => name);
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed the limit. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]!);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}
