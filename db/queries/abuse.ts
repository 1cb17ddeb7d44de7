import "server-only";
import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { invitationCodes, rateLimitCounters, spentChallenges } from "../schema";

/** Counts one submission from a bucket in this hour; false once the hour's limit is passed. */
export async function takeSubmissionSlot({ db, bucket, limit, now = new Date() }: {
  db: Db;
  bucket: string;
  limit: number;
  now?: Date;
}): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ bucket, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitCounters.bucket, rateLimitCounters.windowStart],
      set: { count: sql`${rateLimitCounters.count} + 1` },
    })
    .returning({ count: rateLimitCounters.count });
  // Now and then, forget windows older than a day.
  if (Math.random() < 0.01) {
    await db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, new Date(now.getTime() - 86_400_000)));
  }
  return row!.count <= limit;
}

/**
 * For one submission: counts it against its address and spends its proof-of-work
 * challenge, in one transaction that does not wait for the disk (synchronous_commit off).
 * A crash could forget the last few counts, which costs nothing; the response itself is
 * stored by its own, fully durable transaction.
 */
export async function recordSubmissionAttempt({ db, bucket, limit, signature, expiresAt }: {
  db: Db;
  bucket: string;
  limit: number;
  signature: string;
  expiresAt: Date;
}): Promise<{ withinLimit: boolean; firstUse: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    const txDb = tx as unknown as Db;
    const firstUse = await spendChallenge({ db: txDb, signature, expiresAt });
    const withinLimit = await takeSubmissionSlot({ db: txDb, bucket, limit });
    return { withinLimit, firstUse };
  });
}

/** How many times a bucket was counted this hour, without counting. */
export async function countThisHour({ db, bucket, now = new Date() }: { db: Db; bucket: string; now?: Date }): Promise<number> {
  const windowStart = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const [row] = await db
    .select({ count: rateLimitCounters.count })
    .from(rateLimitCounters)
    .where(and(eq(rateLimitCounters.bucket, bucket), eq(rateLimitCounters.windowStart, windowStart)));
  return row?.count ?? 0;
}

/** Records a proof-of-work challenge as spent; false if it already was (a replay). */
export async function spendChallenge({ db, signature, expiresAt }: { db: Db; signature: string; expiresAt: Date }): Promise<boolean> {
  const inserted = await db
    .insert(spentChallenges)
    .values({ signature, expiresAt })
    .onConflictDoNothing({ target: spentChallenges.signature })
    .returning({ signature: spentChallenges.signature });
  if (Math.random() < 0.01) await db.delete(spentChallenges).where(lt(spentChallenges.expiresAt, new Date()));
  return inserted.length === 1;
}

export function hashInvitationCode(code: string): string {
  return createHash("sha256").update(code.trim().toUpperCase()).digest("hex");
}

/**
 * Takes an unused code of the wave (deletes it); false if it is unknown or was used.
 * Runs in its own transaction, committed before the response's (see the schema).
 */
export async function takeInvitationCode({ db, waveId, code }: { db: Db; waveId: number; code: string }) {
  const taken = await db
    .delete(invitationCodes)
    .where(and(eq(invitationCodes.waveId, waveId), eq(invitationCodes.codeHash, hashInvitationCode(code))))
    .returning({ waveId: invitationCodes.waveId });
  return taken.length === 1;
}

/** Puts a code back when the response it was taken for could not be stored. */
export async function returnInvitationCode({ db, waveId, code }: { db: Db; waveId: number; code: string }) {
  await db.insert(invitationCodes).values({ waveId, codeHash: hashInvitationCode(code) }).onConflictDoNothing();
}
