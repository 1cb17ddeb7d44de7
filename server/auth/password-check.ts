import "server-only";
import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { endSession, findStaffUserByEmail, ownPasswordChanged } from "@/db/queries/staff";
import { getAuth } from "./better-auth";
import { checkPasswordAttempt, type PasswordAttempt } from "./password-attempts";
import type { StaffUser } from "./session";

/*
 * The two places a password is checked, each through the attempt guard
 * (./password-attempts.ts): signing in, and the current password when changing it.
 */

/** Counts, slows down and checks one password: `check` answers whether better-auth took it. */
async function guarded(email: string, check: () => Promise<boolean>): Promise<PasswordAttempt> {
  return checkPasswordAttempt({ db: await getDb(), email, requestHeaders: await headers(), check });
}

/**
 * Signs in (setting the session cookie) when the password is right. Any wrong e-mail or
 * password is one answer. A right one-time password past its day is refused after the
 * check (so only who knows it learns that it expired), and its session ended at once.
 */
export async function signInWithPassword({ email, password }: { email: string; password: string }, now = new Date()): Promise<PasswordAttempt | "oneTimeExpired" | "needsCode" | "disabled"> {
  const auth = await getAuth();
  const requestHeaders = await headers();
  let sessionToken: string | null = null;
  let needsCode = false;
  let disabled = false;
  const attempt = await guarded(email, async () => {
    try {
      const result = await auth.api.signInEmail({ body: { email, password }, headers: requestHeaders });
      // With a second factor, better-auth holds the session back until the code (./two-factor.ts).
      if ("twoFactorRedirect" in result && result.twoFactorRedirect) needsCode = true;
      else sessionToken = (result as { token: string }).token;
      return true;
    } catch (error) {
      // isAPIError, not instanceof: when a staff page made the shared auth instance first
      // (./better-auth.ts), its errors come from that bundle layer's copy of better-auth.
      // The password was right but no session was made: the account is disabled
      // (./better-auth.ts, its session hook). Said only to whoever knows the password.
      if (isAPIError(error) && error.body?.code === "FAILED_TO_CREATE_SESSION") {
        disabled = true;
        return true;
      }
      if (isAPIError(error)) return false;
      throw error;
    }
  });
  if (attempt !== "correct") return attempt;
  if (disabled) return "disabled";
  const db = await getDb();
  const until = (await findStaffUserByEmail({ db, email }))?.oneTimePasswordUntil;
  if (until && until <= now) {
    if (sessionToken) await endSession({ db, token: sessionToken });
    return "oneTimeExpired";
  }
  return needsCode ? "needsCode" : attempt;
}

export async function signOutSession() {
  await (await getAuth()).api.signOut({ headers: await headers() });
}

/**
 * A staff member's own new password, through better-auth (it checks the current one).
 * Every other session of the account ends; this one stays signed in. A wrong current
 * password counts like a failed sign-in, so a left-open session cannot be used to guess it
 * faster than the login page allows.
 */
export async function changeOwnPassword(user: StaffUser, { currentPassword, newPassword }: { currentPassword: string; newPassword: string }): Promise<PasswordAttempt> {
  const auth = await getAuth();
  const requestHeaders = await headers();
  const attempt = await guarded(user.email, async () => {
    try {
      await auth.api.changePassword({ body: { currentPassword, newPassword }, headers: requestHeaders });
      return true;
    } catch (error) {
      if (isAPIError(error) && error.body?.code === "INVALID_PASSWORD") return false;
      throw error;
    }
  });
  if (attempt !== "correct") return attempt;
  // Every other session ends; this one keeps its cookie. (better-auth's own option makes a
  // new session instead, whose cookie did not reach the browser from a server action.)
  await auth.api.revokeOtherSessions({ headers: requestHeaders });
  // After better-auth's own transaction, which this cannot join: the password is no longer
  // one-time and the tokens of the old one end; the audit entry names no password.
  await ownPasswordChanged({ db: await getDb(), actor: user });
  return attempt;
}
