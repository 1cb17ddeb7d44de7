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

export function expiryDays(expiry: TokenExpiry): number | null {
  return expiry === "never" ? null : Number(expiry);
}
