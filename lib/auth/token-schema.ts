import * as z from "zod/mini";
import { safeText } from "@/lib/safe-text";

/** How long a new token lives: a few fixed choices, so a forgotten token does not live forever by accident. */
export const TOKEN_EXPIRIES = ["7", "30", "90", "365", "never"] as const;
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
