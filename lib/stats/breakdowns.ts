import type { Scale } from "@/lib/survey/types";
import { suppressCells, type Suppression } from "./disclosure";
import { summariseItem, type ItemSummary } from "./summary";
import { stratumKey } from "./weighting";

/**
 * Breakdowns of an item by the respondents' age band, sex or employment, or by how the
 * response was collected (mode, lib/fieldwork/mode.ts), read from the answer_group_counts
 * rollup (one row per item, code, group and mode; 0 = the respondent did not say).
 */
export interface GroupCount {
  itemId: string;
  value: number;
  ageBand: number;
  sex: number;
  employment: number;
  /** 1 self-completed online, 2 face to face (lib/fieldwork/mode.ts); never 0. */
  mode: number;
  responses: number;
}

export const DIMENSIONS = ["ageBand", "sex", "employment", "mode"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface BreakdownCell {
  /** The group's code on its scale, or 0 for respondents who did not say. */
  code: number;
  summary: ItemSummary;
  /**
   * Why the cell is hidden: below k itself (primary), all or all but one of the group
   * answering alike (group), or so that a hidden cell cannot be derived (secondary).
   */
  suppression: Suppression;
}

/** Code counts of one item per group of a dimension. */
function countsBy(rows: readonly GroupCount[], itemId: string, groupOf: (row: GroupCount) => string) {
  const result = new Map<string, Map<number, number>>();
  for (const row of rows) {
    if (row.itemId !== itemId) continue;
    const group = groupOf(row);
    const counts = result.get(group) ?? new Map<number, number>();
    counts.set(row.value, (counts.get(row.value) ?? 0) + row.responses);
    result.set(group, counts);
  }
  return result;
}

/**
 * One cell per group (the scale's codes, then "did not say"), with primary, group-disclosure
 * and secondary suppression applied across the cells (lib/stats/disclosure.ts): they add up
 * to the item's published n.
 */
export function breakdown({ scale, rows, itemId, dimension, groupCodes, k }: {
  scale: Scale;
  rows: readonly GroupCount[];
  itemId: string;
  dimension: Dimension;
  groupCodes: readonly number[];
  k: number;
}): BreakdownCell[] {
  const counts = countsBy(rows, itemId, (row) => String(row[dimension]));
  // Every cell is summarised with k = 0; disclosure is decided below, across the cells.
  const summaries = [...groupCodes, 0].map((code) => ({ code, summary: summariseItem(scale, counts.get(String(code)) ?? new Map(), 0) }));
  // Favourable counts too: a group whose members all (or all but one) answered alike is hidden.
  const favourable = (code: number) => {
    let top = 0;
    for (const [value, count] of counts.get(String(code)) ?? []) if (scale.topBox.includes(value)) top += count;
    return top;
  };
  const suppression = suppressCells(summaries.map(({ code, summary }) => ({ n: summary.n, favourable: favourable(code) })), k);
  return summaries
    .map(({ code, summary }, i) => ({
      code,
      suppression: suppression[i]!,
      summary: suppression[i] ? { ...summary, estimate: null, suppressed: true } : summary,
    }))
    .filter((cell) => cell.code !== 0 || cell.summary.n > 0);
}

/**
 * Code counts per age band × sex stratum, for weighting, for every item at once (one pass
 * over the rows); respondents of unknown age or sex are left out.
 */
export function countsByStratum(rows: readonly GroupCount[]) {
  const byItem = new Map<string, Map<string, Map<number, number>>>();
  for (const row of rows) {
    if (row.ageBand === 0 || row.sex === 0) continue;
    const strata = byItem.get(row.itemId) ?? new Map<string, Map<number, number>>();
    byItem.set(row.itemId, strata);
    const key = stratumKey(row);
    const counts = strata.get(key) ?? new Map<number, number>();
    strata.set(key, counts);
    counts.set(row.value, (counts.get(row.value) ?? 0) + row.responses);
  }
  return byItem;
}

export interface ModeCount {
  /** A code of lib/fieldwork/mode.ts. */
  mode: number;
  /** Null when hidden. */
  responses: number | null;
  suppression: Suppression;
}

/**
 * How many responses came by each mode, with the same disclosure control as a breakdown's
 * cells: a mode with 0 < n < k is hidden, and since the town's n is published, the other
 * mode then too (its count would give the hidden one away by subtraction). Counts have no
 * favourable answers, so only k applies (no group-disclosure rule).
 */
export function modeCounts({ rows, modes, k }: { rows: ReadonlyArray<{ mode: number; responses: number }>; modes: readonly number[]; k: number }): ModeCount[] {
  const n = modes.map((mode) => rows.filter((row) => row.mode === mode).reduce((sum, row) => sum + row.responses, 0));
  const suppression = suppressCells(n.map((count) => ({ n: count, favourable: 0 })), k, [], 0);
  return modes.map((mode, i) => ({ mode, responses: suppression[i] ? null : n[i]!, suppression: suppression[i]! }));
}
