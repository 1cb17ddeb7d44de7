import * as z from "zod/mini";

/** The second-factor forms (an admin's TOTP), for the form (zodResolver) and the action (safeParse). */

/** Six digits from the authenticator app; spaces typed between groups are dropped. */
const code = z.string({ error: "errors.wrongCode" }).check(
  z.overwrite((value) => value.replace(/\s+/g, "")),
  z.regex(/^\d{6}$/, { error: "errors.wrongCode" }),
);

export const totpCodeSchema = z.object({ code });
export type TotpCodeInput = z.input<typeof totpCodeSchema>;

export const startTwoFactorSchema = z.object({
  password: z.string({ error: "errors.required" }).check(z.minLength(1, { error: "errors.required" }), z.maxLength(256, { error: "changePassword.errors.wrongCurrent" })),
});
export type StartTwoFactorInput = z.input<typeof startTwoFactorSchema>;
