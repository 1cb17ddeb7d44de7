import "server-only";
import { getDb } from "@/db/client";
import type { Actor } from "@/db/queries/audit";
import { recentAudit } from "@/db/queries/audit";
import { recordAudit } from "@/db/queries/audit";
import { createStaffAccount, deleteStaffAccount, listStaffUsers, resetStaffPassword, setAccountDisabled, updateStaffAccess } from "@/db/queries/staff";
import { AppError } from "@/lib/errors";
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

/**
 * Disables an account or enables it again (setAccountDisabled), with its audit entry in the
 * same transaction. Not one's own account (an admin would lock themself out).
 */
export async function setDisabled(actor: Actor, { userId, disabled }: { userId: string; disabled: boolean }) {
  if (userId === actor.id) throw new AppError("supervision.errors.selfDisable", 409);
  const db = await getDb();
  await db.transaction(async (tx) => {
    if (!(await setAccountDisabled({ db: tx, userId, disabled }))) throw new AppError("adminUsers.errors.notFound", 404);
    await recordAudit({ db: tx, actor, action: disabled ? "users.disable" : "users.enable", detail: { userId } });
  });
}

export async function deleteAccount(actor: Actor, userId: string) {
  await deleteStaffAccount({ db: await getDb(), actor, userId });
}

export async function auditLog(limit?: number) {
  return recentAudit({ db: await getDb(), limit });
}
