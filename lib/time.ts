/**
 * Today's date in Kazakhstan (UTC+5): the finest time a response keeps, and the day a wave's
 * dates are read against. Pass `now` for any day other than today (tests, generated history).
 */
export function todayInKazakhstan(now = new Date()): string {
  return new Date(now.getTime() + 5 * 3600_000).toISOString().slice(0, 10);
}

/** Seconds from `now` to the next midnight in Kazakhstan, when a new day's limits begin. */
export function secondsUntilNextDayInKazakhstan(now = new Date()): number {
  const day = 86_400_000;
  const local = now.getTime() + 5 * 3600_000;
  return Math.max(1, Math.ceil((day - (((local % day) + day) % day)) / 1000));
}
