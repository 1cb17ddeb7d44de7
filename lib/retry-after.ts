/**
 * When the phone's outbox tries again after the server asked it to wait (503 while the
 * database is out of reach, 429 when rate-limited, each with Retry-After): that long, held
 * between a second and ten minutes, so a wrong or hostile header can neither make phones
 * hammer a struggling server nor park answers for hours.
 */
export const RETRY_AFTER_MIN_MS = 1_000;
export const RETRY_AFTER_MAX_MS = 600_000;

/** Statuses whose Retry-After the outbox honours. */
const WAITING_STATUSES = new Set([429, 503]);

/** A Retry-After header (delay in seconds, or an HTTP date) as milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date starts with the day's name ("Sun, 01 Mar 2026 10:00:30 GMT").
  if (!/^[A-Za-z]{3}, /.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at - now;
}

/**
 * How long the server asked a sender to wait after this answer, bounded; undefined when it
 * did not ask (another status, or no readable Retry-After): the outbox's own backoff applies.
 */
export function serverAskedWait({ status, retryAfter, now }: { status: number; retryAfter: string | null | undefined; now: number }): number | undefined {
  if (!WAITING_STATUSES.has(status)) return undefined;
  const asked = parseRetryAfter(retryAfter, now);
  if (asked === undefined) return undefined;
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, asked));
}

/** The delay before the outbox's next attempt: what the server asked if it did, else its own interval. */
export function nextAttemptDelay({ askedMs, intervalMs }: { askedMs: number | undefined; intervalMs: number }): number {
  return askedMs ?? intervalMs;
}
