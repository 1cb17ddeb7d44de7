import type { Item, Questionnaire } from "@/lib/survey/types";
import { hierarchiesFor, QUASI_IDENTIFIERS, type Band, type Hierarchy, type QuasiIdentifier } from "./hierarchies";
import { keyOf, SUPPRESSIBLE, suppressLocally, type Group, type QuasiValues, type Segment, type Suppressible } from "./local-suppression";
import type { DisclosureReport, ExportColumn } from "./types";

/**
 * k-anonymity for the microdata export (docs/design.md, "Statistics and privacy rules"): every
 * combination of published quasi-identifier values (town, age band, sex, employment, years
 * in town, survey language and month; a blank counts as a value of its own) occurs at least
 * k times. The plan is made from the frequency table of combinations alone, which SQL
 * counts cheaply, so the rows themselves can then be streamed and recoded one at a time.
 *
 * Releases at different k must not be joinable into smaller groups: two plans made
 * independently blank different values on the same rows. So every release is built on the
 * release at the installation's minimum k: a larger k only merges or blanks further, and
 * moves each group of the minimum release whole. A row's release at any k is then a
 * function of its release at the minimum, and joining two releases tells nothing more.
 */
export type { QuasiValues };
export interface QuasiFrequency extends QuasiValues {
  count: number;
}

export interface AnonymisationPlan {
  /**
   * A recoder for one pass over the rows in the export's stable order: it gives each row's
   * published values, or null when the row must be withheld. Rows of one combination may be
   * recoded differently by their position, so every stream needs a recoder of its own.
   */
  recoder(): (row: QuasiValues) => QuasiValues | null;
  /** Items to blank on a row with these published values: skip logic would reveal what was hidden. */
  hiddenItems(published: QuasiValues): readonly string[];
  /** Columns of the quasi-identifiers (town aside), labelled at the chosen level. */
  columns: ExportColumn[];
  report: DisclosureReport;
}

type Levels = Record<QuasiIdentifier, number>;
/** The hierarchies of the questionnaire version the rows were coded in. */
type Hierarchies = Record<QuasiIdentifier, Hierarchy>;
type Units = ReadonlyMap<string, { values: QuasiValues; count: number }>;

const COLUMN_ORDER = ["town", ...SUPPRESSIBLE] as const;
const FINEST: Levels = { age_band: 0, sex: 0, employment: 0, years_in_town: 0 };

/** Published code at level `to` of a value published at level `from` (a scale code at 0). */
function recodeBetween(hierarchies: Hierarchies, q: QuasiIdentifier, from: number, to: number): Map<number, number> {
  const coarser = new Map(hierarchies[q].levels[to]!.flatMap((band) => band.members.map((code) => [code, band.code] as const)));
  return new Map(hierarchies[q].levels[from]!.map((band) => [band.code, coarser.get(band.members[0]!)!] as const));
}

/** Every combination of levels at or above `from`, finest first, in a fixed order so ties resolve the same way. */
function lattice(hierarchies: Hierarchies, present: QuasiIdentifier[], from: Levels): Levels[] {
  return present.reduce<Levels[]>(
    (nodes, q) => nodes.flatMap((node) => hierarchies[q].levels.flatMap((_, level) => (level >= from[q] ? [{ ...node, [q]: level }] : []))),
    [{ ...from }],
  );
}

function group(units: Units, publish: (v: QuasiValues) => QuasiValues) {
  const groups = new Map<string, Group>();
  for (const [raw, { values: original, count }] of units) {
    const values = publish(original);
    const key = keyOf(values);
    const existing = groups.get(key) ?? { values, count: 0, segments: [] };
    existing.count += count;
    existing.segments.push({ raw, from: 0, to: count });
    groups.set(key, existing);
  }
  return groups;
}

/**
 * One stage of the plan: generalise `units` (values published at levels `from`), then
 * suppress locally, at every level at or above `from`, and keep the outcome that loses the
 * least, summed over rows: a blanked value costs 1, a generalised one the share of its
 * hierarchy climbed, with the blank as the level above the coarsest band (Sweeney's
 * precision). Local suppression blanks first the column with the most distinct values.
 */
function planStage({ hierarchies, units, k, present, from, split }: { hierarchies: Hierarchies; units: Units; k: number; present: QuasiIdentifier[]; from: Levels; split: boolean }) {
  // A town with fewer than k rows is blanked as a whole: towns are never merged.
  const townTotals = new Map<string | null, number>();
  for (const { values, count } of units.values()) townTotals.set(values.town, (townTotals.get(values.town) ?? 0) + count);
  const publishAt = (levels: Levels) => {
    const codes = new Map(present.map((q) => [q, recodeBetween(hierarchies, q, from[q], levels[q])]));
    return (v: QuasiValues): QuasiValues => {
      const out = { ...v, town: (townTotals.get(v.town) ?? 0) >= k ? v.town : null };
      for (const q of present) out[q] = v[q] === null ? null : (codes.get(q)!.get(v[q]) ?? null);
      return out;
    };
  };
  const outcomes = lattice(hierarchies, present, from).map((levels) => {
    const groups = group(units, publishAt(levels));
    const distinct = (q: Suppressible) => new Set([...groups.values()].map((g) => g.values[q]).filter((v) => v !== null)).size;
    const columns = SUPPRESSIBLE.filter((q) => !(QUASI_IDENTIFIERS as readonly string[]).includes(q) || present.includes(q as QuasiIdentifier));
    const order = columns.sort((a, b) => distinct(b) - distinct(a) || SUPPRESSIBLE.indexOf(a) - SUPPRESSIBLE.indexOf(b));
    const withheld = suppressLocally(groups, k, order, split);
    let blanked = 0;
    let loss = 0;
    for (const g of groups.values()) {
      if (g === withheld) continue;
      for (const segment of g.segments) {
        const rows = segment.to - segment.from;
        const original = units.get(segment.raw)!.values;
        for (const column of COLUMN_ORDER) {
          if (original[column] === null) continue;
          if (g.values[column] === null) blanked += rows;
          else if (column in levels) loss += (rows * levels[column as QuasiIdentifier]) / hierarchies[column as QuasiIdentifier].levels.length;
        }
      }
    }
    return { levels, groups, withheld, blanked, loss: loss + blanked };
  });
  // Ties go to fewer blanked values, then to the finer levels (the lattice's order).
  return outcomes.reduce((best, o) => (o.loss - best.loss || o.blanked - best.blanked) < 0 ? o : best);
}

export function planAnonymisation({ frequencies, k, minK, questionnaire, keep }: {
  frequencies: readonly QuasiFrequency[];
  k: number;
  /** The installation's smallest k: the release every other one is built on. */
  minK: number;
  questionnaire: Questionnaire;
  /**
   * The quasi-identifiers to keep (town always stays); default all. The others are blank
   * on every row, and the plan makes the rest k-anonymous as if they were never asked.
   */
  keep?: readonly Suppressible[];
}): AnonymisationPlan {
  if (k < minK) throw new Error(`k = ${k} is below the minimum ${minK}`);
  const present = QUASI_IDENTIFIERS.filter((q) => questionnaire.items.some((item) => item.id === q));
  const hierarchies = hierarchiesFor(questionnaire.version);
  const dropped = SUPPRESSIBLE.filter((q) => keep && !keep.includes(q));
  const drop = (v: QuasiValues): QuasiValues => {
    if (dropped.length === 0) return v;
    const out = { ...v };
    for (const q of dropped) out[q] = null;
    return out;
  };
  // The values the responses hold, per column: what the information lost is measured against.
  const held = new Map<string, number>();
  for (const { count, ...values } of frequencies) {
    if (count <= 0) continue;
    for (const column of COLUMN_ORDER) if (values[column] !== null) held.set(column, (held.get(column) ?? 0) + count);
  }
  // The same combination listed twice is one combination.
  const counts = new Map<string, { values: QuasiValues; count: number }>();
  for (const { count, ...given } of frequencies) {
    if (count <= 0) continue;
    const values = drop(given);
    const entry = counts.get(keyOf(values)) ?? { values, count: 0 };
    entry.count += count;
    counts.set(keyOf(values), entry);
  }

  // The release at the minimum k; where each original combination's rows end up, by
  // position in the stream.
  const base = planStage({ hierarchies, units: counts, k: minK, present, from: FINEST, split: true });
  const segments = new Map<string, Array<Segment & { values: QuasiValues | null }>>();
  for (const g of base.groups.values()) {
    for (const segment of g.segments) {
      segments.set(segment.raw, [...(segments.get(segment.raw) ?? []), { ...segment, values: g === base.withheld ? null : g.values }]);
    }
  }
  // A larger k plans on the minimum release's own frequency table, its groups moving whole,
  // and recodes each row's minimum release.
  let chosen = base;
  if (k > minK) {
    const released = new Map([...base.groups].filter(([, g]) => g !== base.withheld).map(([key, g]) => [key, { values: g.values, count: g.count }]));
    chosen = planStage({ hierarchies, units: released, k, present, from: base.levels, split: false });
    const further = new Map<string, QuasiValues | null>();
    for (const g of chosen.groups.values()) for (const { raw } of g.segments) further.set(raw, g === chosen.withheld ? null : g.values);
    for (const list of segments.values()) for (const s of list) s.values = s.values && further.get(keyOf(s.values))!;
  }

  // What was blanked, by column, counted against the original values (a dropped column's
  // values are not counted here: they were asked to be left out).
  const suppressed = new Map<string, number>();
  const shown = new Map<string, number>();
  let published = 0;
  for (const [raw, list] of segments) {
    const original = counts.get(raw)!.values;
    for (const { from, to, values } of list) {
      if (!values) continue;
      published += to - from;
      for (const column of COLUMN_ORDER) {
        if (original[column] !== null && values[column] === null) suppressed.set(column, (suppressed.get(column) ?? 0) + to - from);
        if (values[column] !== null) shown.set(column, (shown.get(column) ?? 0) + to - from);
      }
    }
  }
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const blanked = COLUMN_ORDER.filter((column) => column === "town" || present.includes(column as QuasiIdentifier) || !(QUASI_IDENTIFIERS as readonly string[]).includes(column)).map(
    (column) => {
      const of = held.get(column) ?? 0;
      const values = of - (shown.get(column) ?? 0);
      return { column, values, of, share: of === 0 ? 0 : round(values / of) };
    },
  );

  const bands = new Map(present.map((q) => [q, hierarchies[q].levels[chosen.levels[q]]!]));
  return {
    recoder: () => {
      const seen = new Map<string, number>();
      return (given) => {
        const row = drop(given);
        const key = keyOf(row);
        const position = seen.get(key) ?? 0;
        seen.set(key, position + 1);
        // A row the plan never counted is withheld: it was not part of any k.
        return segments.get(key)?.find((s) => position >= s.from && position < s.to)?.values ?? null;
      };
    },
    hiddenItems: hiddenItemsRule(questionnaire, present, bands),
    columns: present.map((q) => {
      const item = questionnaire.items.find((i) => i.id === q)!;
      return {
        name: q,
        type: "integer" as const,
        title: item.text,
        question: item.text,
        valueLabels: bands.get(q)!.map((band) => ({ code: band.code, label: band.label })),
      };
    }),
    report: {
      k,
      ...(k > minK ? { builtOn: minK } : {}),
      rows: published,
      generalised: present.flatMap((q) =>
        bands.get(q)!
          .filter((band) => band.members.length > 1)
          .map((band) => ({
            column: q,
            from: band.members.map((code) => hierarchies[q].scale.options.find((o) => o.code === code)!.label.en),
            to: band.label.en,
          })),
      ),
      suppressed: COLUMN_ORDER.filter((column) => suppressed.has(column)).map((column) => ({ column, values: suppressed.get(column)! })),
      ...(dropped.length > 0 ? { dropped: [...dropped] } : {}),
      blanked,
    },
  };
}

/** Items asked only for some answers of `parent`, with the items asked because of those. */
function dependents(items: readonly Item[], parent: string): Array<{ item: Item; below: string[] }> {
  return items
    .filter((item) => item.showIf?.itemId === parent)
    .map((item) => ({ item, below: dependents(items, item.id).flatMap((d) => [d.item.id, ...d.below]) }));
}

/**
 * Business questions are asked only of business owners: an answer to them gives the job
 * away. So an item asked because of a quasi-identifier is kept only where the published
 * band lies wholly inside the answers that open it; otherwise it is blanked, with every
 * item asked because of it.
 */
function hiddenItemsRule(questionnaire: Questionnaire, present: QuasiIdentifier[], bands: Map<QuasiIdentifier, Band[]>) {
  const rules = present.map((q) => ({ q, dependents: dependents(questionnaire.items, q), bands: new Map(bands.get(q)!.map((b) => [b.code, b])) }));
  const memo = new Map<string, string[]>();
  return (published: QuasiValues): readonly string[] => {
    const key = keyOf(published);
    const cached = memo.get(key);
    if (cached) return cached;
    const result = rules.flatMap(({ q, dependents, bands }) => {
      const band = published[q] === null ? undefined : bands.get(published[q]);
      return dependents
        .filter(({ item }) => !band || !band.members.every((code) => item.showIf!.anyOf.includes(code)))
        .flatMap(({ item, below }) => [item.id, ...below]);
    });
    memo.set(key, result);
    return result;
  };
}
