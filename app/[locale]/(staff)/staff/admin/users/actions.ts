"use server";

import { getDb } from "@/db/client";
import { createStaffAccount, deleteStaffAccount, resetStaffPassword, updateStaffAccess } from "@/db/queries/staff";
import { staffAction } from "@/app/staff-action";
import { accountIdSchema, accountTowns, createAccountSchema, updateAccountSchema } from "@/lib/auth/account-schema";
import { fieldErrorsOf } from "@/lib/survey/response-schema";

/*
 * Staff accounts, for admins ("users.manage"). Each action checks the caller's role itself
 * (staffAction) and validates its input with the schema the form uses. One-time passwords
 * go back to the admin's screen only: never logged, never in the audit log.
 */

export async function createAccount(input: unknown) {
  return staffAction<{ oneTimePassword: string }>("createAccount", "users.manage", async (user) => {
    const parsed = createAccountSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const { name, email, role, townCodes } = parsed.data;
    const { password } = await createStaffAccount({ db: await getDb(), actor: user, account: { name, email, role, townCodes: accountTowns(role, townCodes) } });
    return { status: "ok", oneTimePassword: password };
  });
}

export async function updateAccount(input: unknown) {
  return staffAction("updateAccount", "users.manage", async (user) => {
    const parsed = updateAccountSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const { userId, role, townCodes } = parsed.data;
    await updateStaffAccess({ db: await getDb(), actor: user, userId, role, townCodes: accountTowns(role, townCodes) });
    return { status: "ok" };
  });
}

export async function resetPassword(input: unknown) {
  return staffAction<{ oneTimePassword: string }>("resetPassword", "users.manage", async (user) => {
    const parsed = accountIdSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const { password } = await resetStaffPassword({ db: await getDb(), actor: user, userId: parsed.data.userId });
    return { status: "ok", oneTimePassword: password };
  });
}

export async function deleteAccount(input: unknown) {
  return staffAction("deleteAccount", "users.manage", async (user) => {
    const parsed = accountIdSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    await deleteStaffAccount({ db: await getDb(), actor: user, userId: parsed.data.userId });
    return { status: "ok" };
  });
}
