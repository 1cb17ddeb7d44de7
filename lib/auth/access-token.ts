import { createHash, randomBytes } from "node:crypto";
import * as z from "zod/mini";

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

/** How long a new token lives: a few fixed choices, so a forgotten token does not live forever by accident. */
export const TOKEN_EXPIRIES = ["7", "30", "90", "365", "never"] as const;
export type TokenExpiry = (typeof TOKEN_EXPIRIES)[number];

export function expiryDays(expiry: TokenExpiry): number | null {
  return expiry === "never" ? null : Number(expiry);
}

/** The token forms, for the form (zodResolver) and the action (safeParse). */
export const createTokenSchema = z.object({
  name: z
    .string({ error: "exports.errors.tokenNameRequired" })
    .check(z.trim(), z.minLength(1, { error: "exports.errors.tokenNameRequired" }), z.maxLength(80, { error: "exports.errors.tokenNameTooLong" })),
  expiry: z.enum(TOKEN_EXPIRIES, { error: "exports.errors.tokenExpiry" }),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

export const tokenIdSchema = z.object({
  tokenId: z.int({ error: "exports.errors.tokenNotFound" }).check(z.positive({ error: "exports.errors.tokenNotFound" })),
});
