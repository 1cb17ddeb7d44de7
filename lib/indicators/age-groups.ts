import { ageBand } from "@/lib/survey/scales";

/**
 * The statistics bureau counts people in five-year age groups ("15-19", "85 и старше");
 * the survey weights by its own bands (18–29, 30–44, 45–59, 60+). A group is added to the
 * bands it overlaps in proportion to its years in each (docs/decisions/0020): of 15–19,
 * two years of five (18 and 19) fall in 18–29, so 2/5 of it counts there, and the rest,
 * under the survey's age, nowhere. Everyone in a group is taken as spread evenly over its years.
 */

/** A band or group of whole years, `to` included; `to` null for "and older". */
export interface AgeRange {
  from: number;
  to: number | null;
}

/** The survey's bands by code: 18–29 is 18 to 29 inclusive, the last band open. */
export const SURVEY_BANDS: ReadonlyArray<{ code: number } & AgeRange> = ageBand.options.map(({ code, label }) => {
  const [from, to] = label.en.split("–").map((part) => Number.parseInt(part, 10));
  return { code, from: from!, to: to === undefined || Number.isNaN(to) ? null : to };
});

const OLDER = /^(\d{1,3})\s*(\+|(лет\s+)?и\s+старше|(жас\s+)?және\s+одан\s+(жоғары|үлкен)|(years\s+)?(and|or)\s+(over|older))$/i;
const RANGE = /^(\d{1,3})\s*[-–—]\s*(\d{1,3})(\s*(лет|жас|years))?$/i;
const TOTAL = /^(всего|итого|барлығы|жиыны|total|all ages|все возрасты)$/i;

/** "15-19", "15–19 лет", "85+", "85 и старше", "85 және одан жоғары"; "total" for a total; null when not an age group. */
export function readAgeGroup(text: string): AgeRange | "total" | null {
  const compact = text.trim().replace(/\s+/g, " ");
  if (TOTAL.test(compact)) return "total";
  const older = OLDER.exec(compact);
  if (older) return { from: Number(older[1]), to: null };
  const range = RANGE.exec(compact);
  if (range && Number(range[1]) <= Number(range[2])) return { from: Number(range[1]), to: Number(range[2]) };
  return null;
}

/**
 * The share of a group that falls in a band: its years in the band over its years. An open
 * group ("85 and older") can only be placed whole: inside the open band, or in no band
 * when it ends under the survey's age; null when it straddles a boundary.
 */
export function shareInBand(group: AgeRange, band: AgeRange): number | null {
  if (group.to === null) {
    if (band.to === null) return group.from >= band.from ? 1 : null;
    return group.from > band.to ? 0 : null;
  }
  const from = Math.max(group.from, band.from);
  const to = Math.min(group.to, band.to ?? Number.POSITIVE_INFINITY);
  return to < from ? 0 : (to - from + 1) / (group.to - group.from + 1);
}

/**
 * People per survey band from counts per age group, summed unrounded and rounded once at
 * the end. Fails on a group that cannot be split and on ages of the survey no group covers.
 */
export function countsByBand(groups: ReadonlyArray<{ group: AgeRange; count: number }>): { ok: true; bands: Map<number, number> } | { ok: false; key: "workbook.issues.openGroupStraddles" | "workbook.issues.agesMissing" | "workbook.issues.groupsOverlap"; params: Record<string, string> } {
  // Groups that share an age would count its people twice: a broad group beside the
  // five-year ones (0–15, 16–62, 63+ are common in bureau tables), or one group listed twice.
  const overlap = overlappingGroups(groups.map(({ group }) => group));
  if (overlap) return { ok: false, key: "workbook.issues.groupsOverlap", params: { first: label(overlap[0]), second: label(overlap[1]) } };
  const sums = new Map<number, number>(SURVEY_BANDS.map(({ code }) => [code, 0]));
  for (const { group, count } of groups) {
    for (const band of SURVEY_BANDS) {
      const share = shareInBand(group, band);
      if (share === null) return { ok: false, key: "workbook.issues.openGroupStraddles", params: { group: `${group.from}+` } };
      sums.set(band.code, sums.get(band.code)! + share * count);
    }
  }
  const missing = uncoveredAge(groups.map(({ group }) => group));
  if (missing !== null) return { ok: false, key: "workbook.issues.agesMissing", params: { age: String(missing) } };
  return { ok: true, bands: new Map([...sums].map(([code, sum]) => [code, Math.round(sum)])) };
}

/** The first survey age (18 or older) no group covers, or null when they all are, up to an open group. */
function uncoveredAge(groups: AgeRange[]): number | null {
  const start = SURVEY_BANDS[0]!.from;
  const open = groups.find((group) => group.to === null);
  const last = open ? open.from : Math.max(start, ...groups.map((group) => (group.to ?? 0) + 1));
  for (let age = start; age < last; age++) if (!groups.some((group) => group.from <= age && (group.to === null || age <= group.to))) return age;
  return open ? null : last;
}

const label = (group: AgeRange) => (group.to === null ? `${group.from}+` : `${group.from}–${group.to}`);

/** Two groups that share an age, or null when every age is in one group at most. */
function overlappingGroups(groups: AgeRange[]): [AgeRange, AgeRange] | null {
  const sorted = [...groups].sort((a, b) => a.from - b.from || (a.to ?? Infinity) - (b.to ?? Infinity));
  for (let index = 1; index < sorted.length; index++) {
    const before = sorted[index - 1]!;
    if (before.to === null || sorted[index]!.from <= before.to) return [before, sorted[index]!];
  }
  return null;
}
