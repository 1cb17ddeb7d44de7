import { QUASI_IDENTIFIERS, type QuasiIdentifier } from "./hierarchies";

/**
 * Local suppression for the microdata export: blanking quasi-identifier values on single
 * rows until every published combination (a blank counting as a value of its own) holds at
 * least k rows. It works on combinations and counts, never on rows, so the plan can be made
 * before the rows are read; which rows of a combination are meant is given by their
 * position in the stream (the export's order is stable), as segments.
 */
export type QuasiValues = { town: string | null; language: string | null; month: string | null; mode: number | null } & Record<QuasiIdentifier, number | null>;

/**
 * Columns local suppression may blank. Survey language (a proxy for ethnicity), month and
 * mode (online or face to face: few residents of a village were interviewed) have no bands
 * to merge: a lone "en", a lone late month or a lone interview is blanked like any rare value.
 */
export const SUPPRESSIBLE = [...QUASI_IDENTIFIERS, "language", "month", "mode"] as const;
export type Suppressible = (typeof SUPPRESSIBLE)[number];

export const keyOf = (v: QuasiValues) => JSON.stringify([v.town, ...SUPPRESSIBLE.map((q) => v[q])]);
export const blankOf = (town: string | null): QuasiValues => ({
  town,
  age_band: null,
  sex: null,
  employment: null,
  years_in_town: null,
  language: null,
  month: null,
  mode: null,
});

/** Rows from..to-1, in stream order, of one original combination. */
export interface Segment {
  raw: string;
  from: number;
  to: number;
}

export interface Group {
  values: QuasiValues;
  count: number;
  segments: Segment[];
}

const bySizeThenKey = (a: Group, b: Group) => a.count - b.count || (keyOf(a.values) < keyOf(b.values) ? -1 : 1);
const bySegment = (a: Segment, b: Segment) => (a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : a.from - b.from);

/**
 * `order`: the columns to blank first. `split`: whether rows of one group may go different
 * ways; without it every group moves whole, so each row's outcome is a function of its
 * group's values alone. Returns the group withheld because nothing could bring it to k
 * (only when the whole table holds fewer than k rows).
 */
export function suppressLocally(groups: Map<string, Group>, k: number, order: readonly Suppressible[], split = true) {
  const columns = ["town", ...order] as const;
  const all = () => [...groups.values()];
  // Groups that differ from a combination only in column q, by q and that combination with
  // q blank: where a rare combination finds rows to share its blank with, without a scan.
  const neighbours = new Map<string, Set<Group>>();
  const neighbourKey = (q: Suppressible, values: QuasiValues) => `${q}|${keyOf({ ...values, [q]: null })}`;
  const index = (g: Group, add: boolean) => {
    for (const q of order) {
      if (g.values[q] === null) continue;
      const key = neighbourKey(q, g.values);
      const set = neighbours.get(key) ?? new Set<Group>();
      if (add) set.add(g);
      else set.delete(g);
      neighbours.set(key, set);
    }
  };
  for (const g of groups.values()) index(g, true);
  const nonBlank = (g: Group) => order.filter((q) => g.values[q] !== null);
  const lost = (g: Group, to: QuasiValues) => columns.filter((c) => g.values[c] !== null && to[c] === null).length;

  /** Moves m rows of `from` (the first ones in a fixed order; all by default) to the values `to`. */
  function move(from: Group, to: QuasiValues, m = from.count) {
    const key = keyOf(to);
    let target = groups.get(key);
    if (!target) {
      target = { values: to, count: 0, segments: [] };
      groups.set(key, target);
      index(target, true);
    }
    target.count += m;
    if (m === from.count) {
      target.segments.push(...from.segments);
      groups.delete(keyOf(from.values));
      index(from, false);
      return;
    }
    from.segments.sort(bySegment);
    for (let left = m; left > 0; ) {
      const segment = from.segments[0]!;
      const taken = Math.min(left, segment.to - segment.from);
      target.segments.push({ raw: segment.raw, from: segment.from, to: segment.from + taken });
      if (taken === segment.to - segment.from) from.segments.shift();
      else segment.from += taken;
      left -= taken;
    }
    from.count -= m;
  }

  /**
   * Brings the combination `to` up to k: first with rows a larger combination can spare
   * (blanking the fewest values), else by taking in the smallest combination whole.
   */
  function fill(to: QuasiValues, donors: () => Group[]) {
    for (let target = groups.get(keyOf(to)); target && target.count < k; ) {
      const need = k - target.count;
      const candidates = donors().filter((g) => g !== target);
      if (candidates.length === 0) return;
      const spare = candidates
        .filter((g) => split && g.count - need >= k)
        .sort((a, b) => lost(a, to) - lost(b, to) || bySizeThenKey(a, b))[0];
      if (spare) move(spare, to, need);
      else move(candidates.sort(bySizeThenKey)[0]!, to);
    }
  }

  // A rare combination loses one value at a time: the one whose blanking reaches k with the
  // fewest values blanked (its own rows, plus rows a neighbour that differs only there can
  // spare), else the first in `order`, and the rows try again from there.
  for (;;) {
    const rare = all().filter((g) => g.count < k && nonBlank(g).length > 0).sort(bySizeThenKey);
    if (rare.length === 0) break;
    for (const g of rare) {
      if (groups.get(keyOf(g.values)) !== g || g.count >= k) continue;
      const options = nonBlank(g).flatMap((q, rank): Array<{ to: QuasiValues; cost: number; rank: number; donor: Group | null; need: number }> => {
        const to = { ...g.values, [q]: null };
        const have = (groups.get(keyOf(to))?.count ?? 0) + g.count;
        if (have >= k) return [{ to, cost: g.count, rank, donor: null, need: 0 }];
        const need = k - have;
        const donor = [...(neighbours.get(neighbourKey(q, g.values)) ?? [])]
          .filter((d) => split && d !== g && d.count - need >= k)
          .sort(bySizeThenKey)[0];
        return donor ? [{ to, cost: g.count + need, rank, donor, need }] : [];
      });
      const best = options.sort((a, b) => a.cost - b.cost || a.rank - b.rank)[0];
      if (best?.donor) move(best.donor, best.to, best.need);
      move(g, best?.to ?? { ...g.values, [nonBlank(g)[0]!]: null });
    }
  }
  // A town's rows left blank everywhere but fewer than k: its other combinations make up
  // the difference (the town has at least k rows, so this ends).
  for (const town of new Set(all().map((g) => g.values.town))) {
    if (town !== null) fill(blankOf(town), () => all().filter((g) => g.values.town === town));
  }
  // Rows of small towns, blank everywhere, fewer than k: rows of other towns join them and
  // lose their town. Only a table of fewer than k rows in all cannot get there.
  fill(blankOf(null), all);
  const pool = groups.get(keyOf(blankOf(null)));
  return pool && pool.count < k ? pool : null;
}
