"use server";

import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { getAuth } from "@/db/auth";
import { getDb } from "@/db/client";
import { runAction, type ActionResult } from "@/lib/action";
import { loginSchema } from "@/lib/auth/login-schema";
import { checkPasswordAttempt } from "@/lib/auth/password-attempts";
import { fieldErrorsOf } from "@/lib/survey/response-schema";

/**
 * Staff sign-in. Any wrong e-mail or password gets the same message, whether the account
 * exists or not; attempts are counted and slowed down as lib/auth/password-attempts.ts says.
 */
export async function signIn(input: unknown): Promise<ActionResult> {
  return runAction("signIn", async () => {
    const parsed = loginSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const { email, password } = parsed.data;
    const requestHeaders = await headers();
    const auth = await getAuth();
    const attempt = await checkPasswordAttempt({
      db: await getDb(),
      email,
      requestHeaders,
      check: async () => {
        try {
          await auth.api.signInEmail({ body: { email, password }, headers: requestHeaders });
          return true;
        } catch (error) {
          // isAPIError, not instanceof: when a staff page made the shared auth instance first
          // (db/auth.ts), its errors come from that bundle layer's copy of better-auth.
          if (isAPIError(error)) return false;
          throw error;
        }
      },
    });
    if (attempt === "tooMany") return { status: "error", messageKey: "errors.tooManyAttempts" };
    if (attempt === "wrong") return { status: "error", messageKey: "errors.loginFailed" };
    return { status: "ok" };
  });
}

export async function signOut(): Promise<ActionResult> {
  return runAction("signOut", async () => {
    await (await getAuth()).api.signOut({ headers: await headers() });
    return { status: "ok" };
  });
}
