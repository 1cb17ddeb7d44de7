"use server";

import { changePasswordSchema } from "@/lib/auth/password-schema";
import { changeOwnPassword as change } from "@/server/auth/password-check";
import { startTwoFactorSchema, totpCodeSchema } from "@/lib/auth/two-factor-schema";
import { staffAction } from "@/server/auth/staff-action";
import { confirmTwoFactor as confirm, startTwoFactor as start } from "@/server/auth/two-factor";

/** A staff member's own new password (server/auth/password-check.ts says what else it ends). */
export const changeOwnPassword = staffAction("changeOwnPassword", changePasswordSchema, "password.changeOwn", async (input, user) => {
  const attempt = await change(user, input);
  if (attempt === "tooMany") return { status: "error", messageKey: "errors.tooManyAttempts" };
  if (attempt === "wrong") return { status: "invalid", fieldErrors: { currentPassword: ["changePassword.errors.wrongCurrent"] } };
});

/** An admin turns on a TOTP second factor: the otpauth address and secret for the app, once. */
export const startTwoFactor = staffAction<typeof startTwoFactorSchema, { totpURI: string; secret: string }>("startTwoFactor", startTwoFactorSchema, "account.twoFactor", async ({ password }) => {
  const started = await start(password);
  if (started.status === "wrongPassword") return { status: "invalid", fieldErrors: { password: ["changePassword.errors.wrongCurrent"] } };
  return started;
});

/** ...and confirms it with a first code from the app; from then on sign-in asks for one. */
export const confirmTwoFactor = staffAction("confirmTwoFactor", totpCodeSchema, "account.twoFactor", async ({ code }, user) => {
  if (!(await confirm(user, code))) return { status: "invalid", fieldErrors: { code: ["errors.wrongCode"] } };
});
