"use server";

import { loginSchema } from "@/lib/auth/login-schema";
import { signInWithPassword, signOutSession } from "@/server/auth/password-check";
import { publicAction } from "@/server/auth/staff-action";
import * as z from "zod/mini";

/**
 * Staff sign-in. Any wrong e-mail or password gets the same message, whether the account
 * exists or not; attempts are counted and slowed down (server/auth/password-attempts.ts).
 */
export const signIn = publicAction("signIn", loginSchema, async (input) => {
  const attempt = await signInWithPassword(input);
  if (attempt === "tooMany") return { status: "error", messageKey: "errors.tooManyAttempts" };
  if (attempt === "wrong") return { status: "error", messageKey: "errors.loginFailed" };
  if (attempt === "oneTimeExpired") return { status: "error", messageKey: "errors.oneTimePasswordExpired" };
});

export const signOut = publicAction("signOut", z.optional(z.unknown()), async () => {
  await signOutSession();
});
