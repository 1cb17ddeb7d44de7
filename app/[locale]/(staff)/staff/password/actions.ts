"use server";

import { changePasswordSchema } from "@/lib/auth/password-schema";
import { changeOwnPassword as change } from "@/server/auth/password-check";
import { staffAction } from "@/server/auth/staff-action";

/** A staff member's own new password (server/auth/password-check.ts says what else it ends). */
export const changeOwnPassword = staffAction("changeOwnPassword", changePasswordSchema, "password.changeOwn", async (input, user) => {
  const attempt = await change(user, input);
  if (attempt === "tooMany") return { status: "error", messageKey: "errors.tooManyAttempts" };
  if (attempt === "wrong") return { status: "invalid", fieldErrors: { currentPassword: ["changePassword.errors.wrongCurrent"] } };
});
