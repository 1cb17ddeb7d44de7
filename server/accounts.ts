import "server-only";
import { getDb } from "@/db/client";
import type { Actor } from "@/db/queries/audit";
import { recentAudit } from "@/db/queries/audit";
import { createStaffAccount, deleteStaffAccount, listStaffUsers, resetStaffPassword, updateStaffAccess } from "@/db/queries/staff";
import { accountTowns } from "@/lib/auth/account-schema";
import type { Role } from "@/lib/auth/permissions";

/*
 * Staff accounts and the audit log, for admins. One-time passwords go back to the admin's
 * screen only: never logged, never in the audit log.
 */

export async function listAccounts() {
  return listStaffUsers({ db: await getDb() });
}

export async function createAccount(actor: Actor, account: { name: string; email: string; role: Role; townCodes: string[]; allTowns?: boolean }) {
  const { password } = await createStaffAccount({ db: await getDb(), actor, account: { ...account, ...accountTowns(account.role, account.townCodes, account.allTowns) } });
  return password;
}

export async function updateAccess(actor: Actor, { userId, role, townCodes, allTowns }: { userId: string; role: Role; townCodes: string[]; allTowns?: boolean }) {
  await updateStaffAccess({ db: await getDb(), actor, userId, role, ...accountTowns(role, townCodes, allTowns) });
}

export async function resetPassword(actor: Actor, userId: string) {
  return (await resetStaffPassword({ db: await getDb(), actor, userId })).password;
}

export async function deleteAccount(actor: Actor, userId: string) {
  await deleteStaffAccount({ db: await getDb(), actor, userId });
}

export async function auditLog(limit?: number) {
  return recentAudit({ db: await getDb(), limit });
}
