"use server";

import { accountDisabledSchema, accountIdSchema, createAccountSchema, updateAccountSchema } from "@/lib/auth/account-schema";
import * as accounts from "@/server/accounts";
import { staffAction } from "@/server/auth/staff-action";

/*
 * Staff accounts, for admins ("users.manage"), each validated with the schema its form uses.
 * One-time passwords go back to the admin's screen only: never logged, never in the audit log.
 */

export const createAccount = staffAction<typeof createAccountSchema, { oneTimePassword: string }>("createAccount", createAccountSchema, "users.manage", async (input, user) => ({
  status: "ok",
  oneTimePassword: await accounts.createAccount(user, input),
}));

export const updateAccount = staffAction("updateAccount", updateAccountSchema, "users.manage", (input, user) => accounts.updateAccess(user, input));

export const resetPassword = staffAction<typeof accountIdSchema, { oneTimePassword: string }>("resetPassword", accountIdSchema, "users.manage", async (input, user) => ({
  status: "ok",
  oneTimePassword: await accounts.resetPassword(user, input.userId),
}));

/** Disables an account (no more sign-in; its sessions end) or enables it again (server/accounts.ts setDisabled). */
export const setAccountDisabled = staffAction("setAccountDisabled", accountDisabledSchema, "users.manage", (input, user) => accounts.setDisabled(user, input));

export const deleteAccount = staffAction("deleteAccount", accountIdSchema, "users.manage", (input, user) => accounts.deleteAccount(user, input.userId));
