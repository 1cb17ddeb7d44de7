import type { Item, Questionnaire } from "@/lib/survey/types";
import { HIERARCHIES, QUASI_IDENTIFIERS, type Band, type QuasiIdentifier } from "./hierarchies";
import { blankOf, keyOf, suppressLocally, type Group, type QuasiValues, type Segment } from "./local-suppression";
import type { DisclosureReport, ExportColumn } from "./types";

/**
 * k-anonymity for the microdata export (DESIGN.md, "Statistics and privacy rules"): every
 * combination of published quasi-identifier values (town, age band, sex, employment, years
 * in town; a blank counts as a value of its own) occurs at least k times. The plan is made
 * from the frequency table of combinations alone, which SQL counts cheaply, so the rows
 * themselves can then be streamed and recoded one at a time.
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

type Levels = Partial<Record<QuasiIdentifier, number>>;

function bandsAt(q: QuasiIdentifier, level: number): Map<number, Band> {
  return new Map(HIERARCHIES[q].levels[level]!.flatMap((band) => band.members.map((code) => [code, band] as const)));
}

/** Every combination of levels, finest first, in a fixed order so ties resolve the same way. */
function lattice(present: QuasiIdentifier[]): Levels[] {
  return present.reduce<Levels[]>(
    (nodes, q) => nodes.flatMap((node) => HIERARCHIES[q].levels.map((_, level) => ({ ...node, [q]: level }))),
    [{}],
  );
}

function group(counts: ReadonlyMap<string, { values: QuasiValues; count: number }>, publish: (v: QuasiValues) => QuasiValues) {
  const groups = new Map<string, Group>();
  for (const [raw, { values: original, count }] of counts) {
    const values = publish(original);
    const key = keyOf(values);
    const existing = groups.get(key) ?? { values, count: 0, segments: [] };
    existing.count += count;
    existing.segments.push({ raw, from: 0, to: count });
    groups.set(key, existing);
  }
  return groups;
}

export function planAnonymisation({ frequencies, k, questionnaire }: {
  frequencies: readonly QuasiFrequency[];
  k: number;
  questionnaire: Questionnaire;
}): AnonymisationPlan {
  const present = QUASI_IDENTIFIERS.filter((q) => questionnaire.items.some((item) => item.id === q));
  // The same combination listed twice is one combination.
  const counts = new Map<string, { values: QuasiValues; count: number }>();
  for (const { count, ...values } of frequencies) {
    if (count <= 0) continue;
    const entry = counts.get(keyOf(values)) ?? { values, count: 0 };
    entry.count += count;
    counts.set(keyOf(values), entry);
  }
  const total = [...counts.values()].reduce((sum, { count }) => sum + count, 0);

  // A town with fewer than k responses is blanked as a whole: towns are never merged.
  const townTotals = new Map<string | null, number>();
  for (const { values, count } of counts.values()) townTotals.set(values.town, (townTotals.get(values.town) ?? 0) + count);
  const publishAt = (levels: Levels) => {
    const bands = new Map(present.map((q) => [q, bandsAt(q, levels[q]!)]));
    return (v: QuasiValues): QuasiValues => {
      const out = blankOf((townTotals.get(v.town) ?? 0) >= k ? v.town : null);
      for (const q of present) out[q] = v[q] === null ? null : (bands.get(q)!.get(v[q])?.code ?? null);
      return out;
    };
  };

  // Generalise, then suppress locally, at every level of the hierarchies; publish the
  // outcome that loses the least, summed over rows: a blanked value costs 1, a generalised
  // one the share of its hierarchy climbed, with the blank as the level above the coarsest
  // band (Sweeney's precision). Local suppression blanks first the column with the most
  // distinct values.
  const columnOrder = ["town", ...QUASI_IDENTIFIERS] as const;
  const outcomes = lattice(present).map((levels) => {
    const groups = group(counts, publishAt(levels));
    const distinct = (q: QuasiIdentifier) => new Set([...groups.values()].map((g) => g.values[q]).filter((v) => v !== null)).size;
    const order = [...present].sort((a, b) => distinct(b) - distinct(a) || QUASI_IDENTIFIERS.indexOf(a) - QUASI_IDENTIFIERS.indexOf(b));
    const withheld = suppressLocally(groups, k, order);
    const suppressed = new Map<string, number>();
    let loss = 0;
    for (const g of groups.values()) {
      if (g === withheld) continue;
      for (const segment of g.segments) {
        const rows = segment.to - segment.from;
        const original = counts.get(segment.raw)!.values;
        for (const column of columnOrder) {
          if (original[column] === null) continue;
          if (g.values[column] === null) suppressed.set(column, (suppressed.get(column) ?? 0) + rows);
          else if (column !== "town") loss += (rows * levels[column]!) / HIERARCHIES[column].levels.length;
        }
      }
    }
    const blanked = [...suppressed.values()].reduce((sum, n) => sum + n, 0);
    return { levels, groups, withheld, suppressed, blanked, loss: loss + blanked };
  });
  // Ties go to fewer blanked values, then to the finer levels (the lattice's order).
  const chosen = outcomes.reduce((best, o) => (o.loss - best.loss || o.blanked - best.blanked) < 0 ? o : best);
  const { groups, withheld, suppressed } = chosen;

  // Where each original combination's rows end up, by position in the stream.
  const segments = new Map<string, Array<Segment & { values: QuasiValues | null }>>();
  for (const g of groups.values()) {
    for (const segment of g.segments) {
      segments.set(segment.raw, [...(segments.get(segment.raw) ?? []), { ...segment, values: g === withheld ? null : g.values }]);
    }
  }

  const bands = new Map(present.map((q) => [q, HIERARCHIES[q].levels[chosen.levels[q]!]!]));
  return {
    recoder: () => {
      const seen = new Map<string, number>();
      return (row) => {
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
      rows: total - (withheld?.count ?? 0),
      generalised: present.flatMap((q) =>
        bands.get(q)!
          .filter((band) => band.members.length > 1)
          .map((band) => ({
            column: q,
            from: band.members.map((code) => HIERARCHIES[q].scale.options.find((o) => o.code === code)!.label.en),
            to: band.label.en,
          })),
      ),
      suppressed: columnOrder.filter((column) => suppressed.has(column)).map((column) => ({ column, values: suppressed.get(column)! })),
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
