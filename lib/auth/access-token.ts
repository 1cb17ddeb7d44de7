import { createHash, randomBytes } from "node:crypto";
import type { TokenExpiry } from "./token-schema";

/**
 * Personal access tokens for the research API. The prefix makes a leaked token easy to
 * recognise (secret scanners, a reviewer reading a log) and tells it apart from a session
 * cookie; the 32 random bytes make it unguessable, so a plain SHA-256 of it is enough to
 * store (no salt or slow hash needed, unlike a password a person chose).
 */
export const TOKEN_PREFIX = "qp_";

export function newAccessToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashAccessToken(raw: string): string {
  return createHash("sha256").update(raw, "utf8").digest("hex");
}

/** The longest a token lives; tokens made before there was a limit expire this long after they were made. */
export const TOKEN_MAX_DAYS = 365;

export function expiryDays(expiry: TokenExpiry): number {
  return Math.min(Number(expiry), TOKEN_MAX_DAYS);
}

/**
 * The per-token rate limit, a fixed window of an hour from the window's first request:
 * whether this request (already counted as the `requests`-th) may go on, and if not, the
 * whole seconds until the window ends (for Retry-After).
 */
export function tokenWindow({ startedAt, requests, limit, now }: { startedAt: Date; requests: number; limit: number; now: Date }) {
  if (requests <= limit) return { allowed: true as const };
  const retryAfterSeconds = Math.max(1, Math.ceil((startedAt.getTime() + TOKEN_WINDOW_MS - now.getTime()) / 1000));
  return { allowed: false as const, retryAfterSeconds };
}
export const TOKEN_WINDOW_MS = 3_600_000;
