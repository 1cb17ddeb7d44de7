import type { AnonymisationPlan, QuasiValues } from "./anonymise";
import { QUASI_IDENTIFIERS } from "./hierarchies";
import { scrubText } from "./scrub";
import type { ExportColumn, ExportRow } from "./types";
import type { Item } from "@/lib/survey/types";

/** One response as the database pivots it: town, language, version, month, demo flag, mode and one value per item. */
export type ResponseRow = Record<string, unknown>;

/**
 * Turns the rows of one pass over a wave's responses, in the export's stable order, into
 * published records: numbered 1..n (never the response id), quasi-identifiers recoded by
 * the plan (a row the plan suppresses gives null), items asked because of a hidden
 * quasi-identifier blanked with it, free text scrubbed and flagged for review. Counts the
 * scrubs into `freeText.scrubbed` as it goes.
 */
export function microdataRecords({ plan, columns, items, freeText }: {
  plan: AnonymisationPlan;
  columns: readonly ExportColumn[];
  /** The items exported (free text only when asked for). */
  items: readonly Item[];
  freeText: { scrubbed: number };
}): (row: ResponseRow) => ExportRow | null {
  let number = 0;
  const recode = plan.recoder();
  // Every record starts as a copy of one object that has all the columns, so it is made
  // with its final shape at once. Filled a key at a time, a record of fifty columns fell
  // into V8's dictionary mode, a hash table grown as the keys came; those tables, promoted
  // while a batch was in hand, piled up in the old generation, 150 MB and more above idle
  // (bench/export.ts).
  const blank: ExportRow = Object.fromEntries(columns.map((column) => [column.name, null]));
  // The published values are the plan's own objects, one per group of rows, so what each
  // hides is worked out once rather than on every row.
  const hiddenBy = new Map<QuasiValues, ReadonlySet<string>>();
  const code = (value: unknown) => (value as number | null | undefined) ?? null;
  const quasi = new Set<string>(QUASI_IDENTIFIERS);

  return (row) => {
    const published = recode({
      town: row.town as string,
      age_band: code(row.age_band),
      sex: code(row.sex),
      employment: code(row.employment),
      years_in_town: code(row.years_in_town),
      language: row.locale as string,
      month: row.month as string,
      mode: code(row.mode),
    } as QuasiValues);
    if (!published) return null;
    let hidden = hiddenBy.get(published);
    if (!hidden) hiddenBy.set(published, (hidden = new Set(plan.hiddenItems(published))));
    const record: ExportRow = { ...blank };
    record.row = ++number;
    record.town = published.town;
    record.language = published.language;
    record.questionnaire_version = row.questionnaire_version as string;
    record.month = published.month;
    record.demo = row.is_demo ? 1 : 0;
    record.mode = published.mode;
    for (const item of items) {
      const value = hidden.has(item.id) ? null : ((row[item.id] as string | number | null) ?? null);
      if (item.kind === "text") {
        const scrubbed = value === null ? null : scrubText(String(value));
        freeText.scrubbed += scrubbed?.scrubbed ?? 0;
        record[item.id] = scrubbed?.text ?? null;
        // Names and addresses escape every pattern: each answer is for a person to read.
        record[`${item.id}_review`] = scrubbed ? 1 : null;
      } else {
        record[item.id] = quasi.has(item.id) ? published[item.id as keyof QuasiValues] : value;
      }
    }
    return record;
  };
}
