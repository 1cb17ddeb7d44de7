import * as z from "zod/mini";
import { safeText } from "@/lib/safe-text";

/**
 * How long a new token lives, in days: a few fixed choices, the longest a year, so a
 * forgotten or leaked token stops working on its own (docs/decisions/0017).
 */
export const TOKEN_EXPIRIES = ["7", "30", "90", "365"] as const;
export type TokenExpiry = (typeof TOKEN_EXPIRIES)[number];

/** The token forms, for the form (zodResolver) and the action (safeParse). */
export const createTokenSchema = z.object({
  name: z
    .string({ error: "exports.errors.tokenNameRequired" })
    .check(z.trim(), z.minLength(1, { error: "exports.errors.tokenNameRequired" }), z.maxLength(80, { error: "exports.errors.tokenNameTooLong" }), safeText()),
  expiry: z.enum(TOKEN_EXPIRIES, { error: "exports.errors.tokenExpiry" }),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

export const tokenIdSchema = z.object({
  tokenId: z.int({ error: "exports.errors.tokenNotFound" }).check(z.positive({ error: "exports.errors.tokenNotFound" })),
});
