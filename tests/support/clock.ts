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
