"use server";

import { loginSchema } from "@/lib/auth/login-schema";
import { totpCodeSchema } from "@/lib/auth/two-factor-schema";
import { signInWithPassword, signOutSession } from "@/server/auth/password-check";
import { signInSecondFactor } from "@/server/auth/two-factor";
import { publicAction } from "@/server/auth/staff-action";
import * as z from "zod/mini";

/**
 * Staff sign-in. Any wrong e-mail or password gets the same message, whether the account
 * exists or not; attempts are counted and slowed down (server/auth/password-attempts.ts).
 */
export const signIn = publicAction<typeof loginSchema, object, { status: "needsCode" }>("signIn", loginSchema, async (input) => {
  const attempt = await signInWithPassword(input);
  if (attempt === "tooMany") return { status: "error", messageKey: "errors.tooManyAttempts" };
  if (attempt === "wrong") return { status: "error", messageKey: "errors.loginFailed" };
  if (attempt === "oneTimeExpired") return { status: "error", messageKey: "errors.oneTimePasswordExpired" };
  if (attempt === "disabled") return { status: "error", messageKey: "fieldwork.errors.accountDisabled" };
  if (attempt === "needsCode") return { status: "needsCode" };
});

/** The second step for an account with a TOTP second factor: the code from the app. */
export const signInWithCode = publicAction("signInWithCode", totpCodeSchema, async ({ code }) => {
  if (!(await signInSecondFactor(code))) return { status: "invalid", fieldErrors: { code: ["errors.wrongCode"] } };
});

export const signOut = publicAction("signOut", z.optional(z.unknown()), async () => {
  await signOutSession();
});
