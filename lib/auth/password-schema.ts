import * as z from "zod/mini";
import { safeText } from "@/lib/safe-text";

/**
 * Staff password lengths, for better-auth (server/auth/better-auth.ts) and the change-password form. Here,
 * not beside the hashing in ./passwords, because the form's bundle must not pull in argon2.
 */
export const PASSWORD_LENGTH = { min: 12, max: 256 } as const;

/** Changing one's own password, for the form (zodResolver) and the action (safeParse). */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "changePassword.errors.currentRequired" }).check(
      z.minLength(1, { error: "changePassword.errors.currentRequired" }),
      z.maxLength(PASSWORD_LENGTH.max, { error: "changePassword.errors.wrongCurrent" }),
      safeText(),
    ),
    newPassword: z.string({ error: "changePassword.errors.tooShort" }).check(
      z.minLength(PASSWORD_LENGTH.min, { error: "changePassword.errors.tooShort" }),
      z.maxLength(PASSWORD_LENGTH.max, { error: "changePassword.errors.tooLong" }),
      safeText(),
    ),
    confirmPassword: z.string({ error: "changePassword.errors.mismatch" }).check(safeText()),
  })
  .check(
    z.refine((values) => values.confirmPassword === values.newPassword, { error: "changePassword.errors.mismatch", path: ["confirmPassword"] }),
    // A one-time password someone else has seen must really be replaced.
    z.refine((values) => values.newPassword !== values.currentPassword, { error: "changePassword.errors.unchanged", path: ["newPassword"] }),
  );

export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
