import { vi } from "vitest";

/**
 * Puts the test at the start of a clock hour, its clock still running: for tests that count
 * in the app's hourly windows (sign-in attempts, submissions per address), which an hour
 * ending in the middle of the test would split. Only Date is faked; timers stay real. The
 * hour is the current one of whatever clock the run uses (a test clock too: see
 * tests/support/test-clock.cjs). Undo with vi.useRealTimers().
 */
export function atStartOfHour() {
  const hourStart = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(hourStart + 1_000);
}

/**
 * The same at the start of the current day in Kazakhstan (UTC+5), for tests that count in
 * the daily windows of submissions per address.
 */
export function atStartOfDayInKazakhstan() {
  const offset = 5 * 3_600_000;
  const dayStart = Math.floor((Date.now() + offset) / 86_400_000) * 86_400_000 - offset;
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(dayStart + 1_000);
}
