import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { accounts, interviewerDevices, users } from "../schema";

/*
 * Interviewers' device credentials (docs/fieldwork.md). Only the SHA-256 of a credential is
 * stored, with the day it was issued (and revoked): no time of day, and nothing is written
 * when a device is used, so the rows cannot be matched to the interviews a device sent.
 */

/** The account a sign-in on a device names, with its password hash (null: no password account). */
export async function findDeviceAccount({ db, email }: { db: Db; email: string }) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      oneTimePasswordUntil: users.oneTimePasswordUntil,
      passwordHash: accounts.password,
    })
    .from(users)
    .leftJoin(accounts, and(eq(accounts.userId, users.id), eq(accounts.providerId, "credential")))
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  return row;
}

/** Stores a new device credential's hash, dated by its day of issue only. */
export async function insertInterviewerDevice({ db, userId, tokenHash, day }: { db: Db; userId: string; tokenHash: string; day: string }) {
  await db.insert(interviewerDevices).values({ userId, tokenHash, issuedOn: day });
}

/** The interviewer a credential (by its hash) belongs to, while it is not revoked; read only. */
export async function findDeviceByHash({ db, tokenHash }: { db: Db; tokenHash: string }) {
  const [row] = await db
    .select({ userId: users.id, name: users.name, role: users.role, disabledAt: users.disabledAt, townCodes: users.townCodes, allTowns: users.allTowns })
    .from(interviewerDevices)
    .innerJoin(users, eq(users.id, interviewerDevices.userId))
    .where(and(eq(interviewerDevices.tokenHash, tokenHash), isNull(interviewerDevices.revokedOn)))
    .limit(1);
  return row;
}

/** Revokes every device credential of an account, as of `day`. */
export async function revokeDevicesOfUser({ db, userId, day }: { db: Db; userId: string; day: string }) {
  const revoked = await db
    .update(interviewerDevices)
    .set({ revokedOn: day })
    .where(and(eq(interviewerDevices.userId, userId), isNull(interviewerDevices.revokedOn)))
    .returning({ id: interviewerDevices.id });
  return revoked.length;
}
