/**
 * Periods as the import reads them (see readPeriod): a year "2025", a month "2025-06" or a
 * day "2025-06-30", the figure as of that day.
 */

/** The last day a period covers, as an ISO date: "2025" ends on 2025-12-31, "2025-02" on 2025-02-28. */
export function periodEnd(period: string): string {
  const [year, month, day] = period.split("-").map(Number);
  if (day !== undefined) return period;
  // Day 0 of the next month is the last day of this one.
  const end = new Date(Date.UTC(year!, month ?? 12, 0));
  return end.toISOString().slice(0, 10);
}

/**
 * Latest first by the day a period ends, not by its text ("2025-06" ends before "2025");
 * of periods ending on the same day the longer one first, since it covers the whole span.
 */
export function compareLatestFirst(a: string, b: string): number {
  const byEnd = periodEnd(b).localeCompare(periodEnd(a));
  return byEnd !== 0 ? byEnd : a.length - b.length;
}

/**
 * Whether a figure's period is not after a wave that closed on `closesOn`: the period
 * starts on or before that day, so a wave closing in October 2025 may use the year 2025
 * and October 2025, not November 2025 or 2026. Compared at the period's own precision.
 */
export function periodNotAfter(period: string, closesOn: string): boolean {
  return period <= closesOn.slice(0, period.length);
}

/**
 * Of figures keyed by indicator (and town), the one of the latest period not after the
 * wave: what the wave's results are set against, and stays so when later figures arrive.
 */
export function figuresForWave<Row>(rows: readonly Row[], { closesOn, key, period }: { closesOn: string; key: (row: Row) => string; period: (row: Row) => string }): Row[] {
  const chosen = new Map<string, Row>();
  for (const row of rows) {
    if (!periodNotAfter(period(row), closesOn)) continue;
    const current = chosen.get(key(row));
    if (!current || compareLatestFirst(period(row), period(current)) < 0) chosen.set(key(row), row);
  }
  return [...chosen.values()];
}
