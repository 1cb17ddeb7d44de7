"use server";

import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { getAuth } from "@/db/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { staffAction } from "@/app/staff-action";
import { changePasswordSchema } from "@/lib/auth/password-schema";
import { checkPasswordAttempt } from "@/lib/auth/password-attempts";
import { fieldErrorsOf } from "@/lib/survey/response-schema";

/**
 * A staff member's own new password, through better-auth (it checks the current one).
 * Every other session of the account ends; this one stays signed in. A wrong
 * current password counts like a failed sign-in, so a left-open session cannot be used to
 * guess it faster than the login page allows.
 */
export async function changeOwnPassword(input: unknown) {
  return staffAction("changeOwnPassword", "password.changeOwn", async (user) => {
    const parsed = changePasswordSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const { currentPassword, newPassword } = parsed.data;
    const requestHeaders = await headers();
    const auth = await getAuth();
    const db = await getDb();
    const attempt = await checkPasswordAttempt({
      db,
      email: user.email,
      requestHeaders,
      check: async () => {
        try {
          await auth.api.changePassword({ body: { currentPassword, newPassword }, headers: requestHeaders });
          return true;
        } catch (error) {
          // isAPIError, not instanceof: the auth instance may come from another bundle layer's copy of better-auth.
          if (isAPIError(error) && error.body?.code === "INVALID_PASSWORD") return false;
          throw error;
        }
      },
    });
    if (attempt === "tooMany") return { status: "error", messageKey: "errors.tooManyAttempts" };
    if (attempt === "wrong") return { status: "invalid", fieldErrors: { currentPassword: ["changePassword.errors.wrongCurrent"] } };
    // Every other session ends; this one keeps its cookie. (better-auth's own option makes a
    // new session instead, whose cookie did not reach the browser from a server action.)
    await auth.api.revokeOtherSessions({ headers: requestHeaders });
    // After better-auth's own transaction, which this cannot join; the entry names no password.
    await recordAudit({ db, actor: user, action: "users.changeOwnPassword", detail: { email: user.email } });
    return { status: "ok" };
  });
}
