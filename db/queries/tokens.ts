import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { expiryDays, hashAccessToken, newAccessToken } from "@/lib/auth/access-token";
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
  const days = expiryDays(expiry);
  const expiresAt = days === null ? null : new Date(now.getTime() + days * 86_400_000);
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

export type TokenCheck =
  | { status: "ok"; tokenId: number; user: { id: string; email: string; name: string; role: Role; townCodes: string[] } }
  | { status: "unknown" }
  | { status: "revoked"; at: Date }
  | { status: "expired"; at: Date };

/**
 * Who a presented token acts for: its owner, with the owner's role as it is now (a
 * demoted owner's token loses what the role lost). A valid use is stamped as the last use,
 * so the owner can spot a token they forgot or one used by someone else.
 */
export async function authenticateToken({ db, raw, now = new Date() }: { db: Db; raw: string; now?: Date }): Promise<TokenCheck> {
  const [row] = await db
    .select({ token: accessTokens, user: { id: users.id, email: users.email, name: users.name, role: users.role, townCodes: users.townCodes } })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(eq(accessTokens.tokenHash, hashAccessToken(raw)))
    .limit(1);
  if (!row) return { status: "unknown" };
  if (row.token.revokedAt) return { status: "revoked", at: row.token.revokedAt };
  if (row.token.expiresAt && row.token.expiresAt <= now) return { status: "expired", at: row.token.expiresAt };
  // greatest(): two requests finishing out of order never move the last use backwards.
  await db
    .update(accessTokens)
    .set({ lastUsedAt: sql`greatest(${accessTokens.lastUsedAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(accessTokens.id, row.token.id));
  return { status: "ok", tokenId: row.token.id, user: row.user };
}
