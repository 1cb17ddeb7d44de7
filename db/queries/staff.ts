import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/passwords";
import type { Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { Db } from "../client";
import { accounts, sessions, towns, twoFactors, users } from "../schema";
import { recordAudit, type Actor } from "./audit";
import { revokeTokensOfUser } from "./tokens";

/** A password of 16 random characters, shown once to whoever creates the account. */
export function oneTimePassword(): string {
  return randomBytes(12).toString("base64url");
}

/** How long a one-time password an admin made may be used (to set one's own). */
export const ONE_TIME_PASSWORD_MS = 86_400_000;
const oneTimeUntil = (now: Date) => new Date(now.getTime() + ONE_TIME_PASSWORD_MS);

interface NewStaffUser {
  email: string;
  name: string;
  role: Role;
  townCodes: string[];
  allTowns: boolean;
  /** Set for a password made for the person (one-time); null for one they chose, or the demo's. */
  oneTimePasswordUntil: Date | null;
}

/**
 * The user row and its better-auth "credential" account. The hash is made before the
 * transaction opens, so argon2's work does not hold it open. Refuses a taken e-mail as a
 * field error (the unique index decides, so two admins racing cannot both win).
 */
async function insertStaffUser(db: Db, { email, name, role, townCodes, allTowns, oneTimePasswordUntil }: NewStaffUser, passwordHash: string) {
  const id = randomUUID();
  const [inserted] = await db
    .insert(users)
    .values({ id, email: email.toLowerCase(), name, role, townCodes, allTowns, oneTimePasswordUntil, emailVerified: true })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  if (!inserted) throw new AppError("adminUsers.errors.emailTaken", 409, "email");
  await db.insert(accounts).values({ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: passwordHash });
  return id;
}

/**
 * Creates a staff account with a password (better-auth's "credential" account), for the
 * CLI and tests: without towns it sees every town; `oneTime` makes the password one to
 * change at first sign-in, within a day (`admin:create`), not so the demo's accounts.
 */
export async function createStaffUser({
  db,
  password,
  townCodes = [],
  allTowns = townCodes.length === 0,
  oneTime = false,
  now = new Date(),
  ...user
}: Pick<NewStaffUser, "email" | "name" | "role"> & { db: Db; password: string; townCodes?: string[]; allTowns?: boolean; oneTime?: boolean; now?: Date }) {
  const passwordHash = await hashPassword(password);
  return db.transaction((tx) => insertStaffUser(tx, { ...user, townCodes, allTowns, oneTimePasswordUntil: oneTime ? oneTimeUntil(now) : null }, passwordHash));
}

export async function findStaffUserByEmail({ db, email }: { db: Db; email: string }) {
  const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return user;
}

export async function listStaffUsers({ db }: { db: Db }) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, townCodes: users.townCodes, allTowns: users.allTowns })
    .from(users)
    .orderBy(asc(users.role), asc(users.email));
}

/*
 * Account management by an admin. Each change and its audit entry share one transaction;
 * no password or hash ever reaches the audit detail.
 */

// Guards such as "one admin remains" read and then write: two admins demoting each other
// at the same moment must not both pass, so account changes take this lock first.
async function lockAccounts(tx: Db) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('qala:staff-accounts'))`);
}

async function lockedTarget(tx: Db, userId: string) {
  const [target] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!target) throw new AppError("adminUsers.errors.notFound", 404);
  return target;
}

async function ensureAnotherAdmin(tx: Db, userId: string) {
  const [other] = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), ne(users.id, userId))).limit(1);
  if (!other) throw new AppError("adminUsers.errors.lastAdmin", 409);
}

async function ensureTownsExist(tx: Db, townCodes: string[]) {
  if (townCodes.length === 0) return;
  const known = await tx.select({ code: towns.code }).from(towns).where(inArray(towns.code, townCodes));
  if (known.length !== townCodes.length) throw new AppError("adminUsers.errors.unknownTown", 400, "townCodes");
}

/** A new account with a one-time password, returned so the admin can pass it on once. */
export async function createStaffAccount({ db, actor, account, now = new Date() }: { db: Db; actor: Actor; account: Omit<NewStaffUser, "oneTimePasswordUntil">; now?: Date }) {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const id = await db.transaction(async (tx) => {
    await lockAccounts(tx);
    await ensureTownsExist(tx, account.townCodes);
    const created = await insertStaffUser(tx, { ...account, oneTimePasswordUntil: oneTimeUntil(now) }, passwordHash);
    await recordAudit({ db: tx, actor, action: "users.create", detail: { email: account.email, role: account.role, townCodes: account.townCodes, allTowns: account.allTowns } });
    return created;
  });
  return { id, password };
}

/** A new role and towns. An admin may not demote themselves, and one admin always remains. */
export async function updateStaffAccess({ db, actor, userId, role, townCodes, allTowns }: { db: Db; actor: Actor; userId: string; role: Role; townCodes: string[]; allTowns: boolean }) {
  await db.transaction(async (tx) => {
    await lockAccounts(tx);
    const target = await lockedTarget(tx, userId);
    if (target.role === "admin" && role !== "admin") {
      if (target.id === actor.id) throw new AppError("adminUsers.errors.selfDemote", 409, "role");
      await ensureAnotherAdmin(tx, target.id);
    }
    await ensureTownsExist(tx, townCodes);
    await tx.update(users).set({ role, townCodes, allTowns, updatedAt: new Date() }).where(eq(users.id, target.id));
    await recordAudit({
      db: tx,
      actor,
      action: "users.update",
      detail: { email: target.email, role, townCodes, allTowns, previousRole: target.role, previousTownCodes: target.townCodes, previousAllTowns: target.allTowns },
    });
  });
}

/**
 * A new one-time password (to be changed at the next sign-in, within a day); every session
 * and every personal access token of the account ends, so whoever held the old password
 * or a token made with it is shut out. Not for one's own account: the admin would be
 * signed out before reading the new password.
 */
export async function resetStaffPassword({ db, actor, userId, now = new Date() }: { db: Db; actor: Actor; userId: string; now?: Date }) {
  if (userId === actor.id) throw new AppError("adminUsers.errors.selfReset", 409);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await lockAccounts(tx);
    const target = await lockedTarget(tx, userId);
    const updated = await tx
      .update(accounts)
      .set({ password: passwordHash, updatedAt: new Date() })
      .where(and(eq(accounts.userId, target.id), eq(accounts.providerId, "credential")))
      .returning({ id: accounts.id });
    if (updated.length === 0) {
      await tx.insert(accounts).values({ id: randomUUID(), accountId: target.id, providerId: "credential", userId: target.id, password: passwordHash });
    }
    // A reset is also how someone who lost their authenticator gets back in: the second
    // factor goes with the old password, and they may turn it on again.
    await tx.update(users).set({ oneTimePasswordUntil: oneTimeUntil(now), twoFactorEnabled: false, updatedAt: now }).where(eq(users.id, target.id));
    await tx.delete(twoFactors).where(eq(twoFactors.userId, target.id));
    await tx.delete(sessions).where(eq(sessions.userId, target.id));
    const tokensRevoked = await revokeTokensOfUser({ db: tx, userId: target.id, now });
    await recordAudit({ db: tx, actor, action: "users.resetPassword", detail: { email: target.email, tokensRevoked } });
  });
  return { password };
}

/**
 * After the owner chose their own password: it is no longer one-time, and the tokens made
 * while the old one was in use stop working. One transaction, with its audit entry.
 */
export async function ownPasswordChanged({ db, actor, now = new Date() }: { db: Db; actor: Actor; now?: Date }) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ oneTimePasswordUntil: null, updatedAt: now }).where(eq(users.id, actor.id));
    const tokensRevoked = await revokeTokensOfUser({ db: tx, userId: actor.id, now });
    await recordAudit({ db: tx, actor, action: "users.changeOwnPassword", detail: { email: actor.email, tokensRevoked } });
  });
}

/** Ends one session (a sign-in that was refused after its password was checked). */
export async function endSession({ db, token }: { db: Db; token: string }) {
  await db.delete(sessions).where(eq(sessions.token, token));
}

/** Deletes an account with its sessions. Never one's own, never the last admin. */
export async function deleteStaffAccount({ db, actor, userId }: { db: Db; actor: Actor; userId: string }) {
  if (userId === actor.id) throw new AppError("adminUsers.errors.selfDelete", 409);
  await db.transaction(async (tx) => {
    await lockAccounts(tx);
    const target = await lockedTarget(tx, userId);
    if (target.role === "admin") await ensureAnotherAdmin(tx, target.id);
    // The foreign keys would cascade; deleting sessions here keeps "signed out at once"
    // from resting on a schema detail.
    await tx.delete(sessions).where(eq(sessions.userId, target.id));
    await tx.delete(users).where(eq(users.id, target.id));
    await recordAudit({ db: tx, actor, action: "users.delete", detail: { email: target.email, role: target.role, townCodes: target.townCodes } });
  });
}

/** Whether an account is disabled (users.disabled_at set): it may not sign in. */
export async function isAccountDisabled({ db, userId }: { db: Db; userId: string }): Promise<boolean> {
  const [user] = await db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).limit(1);
  return user?.disabledAt != null;
}

/**
 * Disables an account (it can no longer sign in; every session and personal access token of it ends at once) or
 * enables it again. Its interviewer device credentials stay: they may still send the
 * interviews started before this moment (flagged for review), and nothing started after
 * it (docs/fieldwork.md). Disabling an account already disabled keeps its first moment.
 * Not for one's own account; never the last admin. Returns false when no account has the id.
 * The caller (the admin's action) records the audit entry.
 */
export async function setAccountDisabled({ db, userId, disabled, now = new Date() }: { db: Db; userId: string; disabled: boolean; now?: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockAccounts(tx);
    const [target] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!target) return false;
    if (disabled && target.role === "admin") await ensureAnotherAdmin(tx, target.id);
    const disabledAt = disabled ? (target.disabledAt ?? now) : null;
    await tx.update(users).set({ disabledAt, updatedAt: now }).where(eq(users.id, target.id));
    if (disabled) {
      await tx.delete(sessions).where(eq(sessions.userId, target.id));
      await revokeTokensOfUser({ db: tx, userId: target.id, now });
    }
    return true;
  });
}
