import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { expiryDays, hashAccessToken, newAccessToken, TOKEN_WINDOW_MS, tokenWindow } from "@/lib/auth/access-token";
import type { TokenExpiry } from "@/lib/auth/token-schema";
import type { Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { Db } from "../client";
import { accessTokens, users } from "../schema";
import { recordAudit, type Actor } from "./audit";

/**
 * Personal access tokens (lib/auth/access-token.ts). Only the hash is stored; the token
 * itself is returned once by `createAccessToken` and never written anywhere, not even the
 * audit log, which records the token's name and id.
 */
export async function createAccessToken({ db, actor, name, expiry, now = new Date() }: { db: Db; actor: Actor; name: string; expiry: TokenExpiry; now?: Date }) {
  const token = newAccessToken();
  const expiresAt = new Date(now.getTime() + expiryDays(expiry) * 86_400_000);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accessTokens)
      .values({ userId: actor.id, name, tokenHash: hashAccessToken(token), createdAt: now, expiresAt })
      .returning({ id: accessTokens.id, name: accessTokens.name, expiresAt: accessTokens.expiresAt });
    await recordAudit({ db: tx, actor, action: "tokens.create", detail: { tokenId: row!.id, name, expiresAt } });
    return row!;
  });
  return { ...created, token };
}

/** A user's tokens, newest first; with `everyone` (admins), every user's, with the owner. */
export async function listAccessTokens({ db, userId, everyone = false }: { db: Db; userId: string; everyone?: boolean }) {
  return db
    .select({
      id: accessTokens.id,
      name: accessTokens.name,
      ownerId: accessTokens.userId,
      ownerEmail: users.email,
      createdAt: accessTokens.createdAt,
      expiresAt: accessTokens.expiresAt,
      lastUsedAt: accessTokens.lastUsedAt,
      revokedAt: accessTokens.revokedAt,
    })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(everyone ? undefined : eq(accessTokens.userId, userId))
    .orderBy(desc(accessTokens.createdAt), desc(accessTokens.id));
}
export type AccessTokenListing = Awaited<ReturnType<typeof listAccessTokens>>[number];

/**
 * Revokes a token: its owner may, and an admin may revoke anyone's (a leaked token must be
 * stoppable without its owner). Someone else's token answers "not found", not "forbidden",
 * so ids cannot be probed. Revoking twice keeps the first time.
 */
export async function revokeAccessToken({ db, actor, role, tokenId, now = new Date() }: { db: Db; actor: Actor; role: Role; tokenId: number; now?: Date }) {
  await db.transaction(async (tx) => {
    const [token] = await tx.select().from(accessTokens).where(eq(accessTokens.id, tokenId)).for("update");
    if (!token || (token.userId !== actor.id && role !== "admin")) throw new AppError("exports.errors.tokenNotFound", 404);
    if (token.revokedAt) return;
    await tx.update(accessTokens).set({ revokedAt: now }).where(eq(accessTokens.id, tokenId));
    await recordAudit({ db: tx, actor, action: "tokens.revoke", detail: { tokenId, name: token.name, ownerId: token.userId } });
  });
}

/**
 * Every live token of a user stops working: their password was reset or changed, so
 * whoever may have learnt it cannot keep a door open. Inside the caller's transaction.
 */
export async function revokeTokensOfUser({ db, userId, now = new Date() }: { db: Db; userId: string; now?: Date }) {
  const revoked = await db
    .update(accessTokens)
    .set({ revokedAt: now })
    .where(and(eq(accessTokens.userId, userId), isNull(accessTokens.revokedAt)))
    .returning({ id: accessTokens.id });
  return revoked.length;
}

export type TokenCheck =
  | { status: "ok"; tokenId: number; user: { id: string; email: string; name: string; role: Role; townCodes: string[]; allTowns: boolean; oneTimePasswordUntil: Date | null } }
  | { status: "unknown" }
  | { status: "revoked"; at: Date }
  | { status: "expired"; at: Date }
  | { status: "rateLimited"; retryAfterSeconds: number };

/**
 * Who a presented token acts for: its owner, with the owner's role as it is now (a
 * demoted owner's token loses what the role lost). A valid use is stamped as the last use,
 * so the owner can spot a token they forgot or one used by someone else.
 */
export async function authenticateToken({ db, raw, limitPerHour, now = new Date() }: { db: Db; raw: string; limitPerHour: number; now?: Date }): Promise<TokenCheck> {
  const [row] = await db
    .select({
      token: accessTokens,
      user: { id: users.id, email: users.email, name: users.name, role: users.role, townCodes: users.townCodes, allTowns: users.allTowns, oneTimePasswordUntil: users.oneTimePasswordUntil },
    })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(eq(accessTokens.tokenHash, hashAccessToken(raw)))
    .limit(1);
  if (!row) return { status: "unknown" };
  if (row.token.revokedAt) return { status: "revoked", at: row.token.revokedAt };
  if (row.token.expiresAt && row.token.expiresAt <= now) return { status: "expired", at: row.token.expiresAt };
  // One statement counts the request in the token's hour (a new window once the last one
  // is over), so concurrent requests cannot both slip in under the limit. greatest(): two
  // requests finishing out of order never move the last use backwards.
  const at = sql`${now.toISOString()}::timestamptz`;
  const windowOver = sql`(${accessTokens.windowStartedAt} is null or ${accessTokens.windowStartedAt} <= ${at} - ${`${TOKEN_WINDOW_MS} milliseconds`}::interval)`;
  const [counted] = await db
    .update(accessTokens)
    .set({
      lastUsedAt: sql`greatest(${accessTokens.lastUsedAt}, ${at})`,
      windowStartedAt: sql`case when ${windowOver} then ${at} else ${accessTokens.windowStartedAt} end`,
      windowRequests: sql`case when ${windowOver} then 1 else ${accessTokens.windowRequests} + 1 end`,
    })
    .where(eq(accessTokens.id, row.token.id))
    .returning({ startedAt: accessTokens.windowStartedAt, requests: accessTokens.windowRequests });
  const window = tokenWindow({ startedAt: counted!.startedAt!, requests: counted!.requests, limit: limitPerHour, now });
  if (!window.allowed) return { status: "rateLimited", retryAfterSeconds: window.retryAfterSeconds };
  return { status: "ok", tokenId: row.token.id, user: row.user };
}
