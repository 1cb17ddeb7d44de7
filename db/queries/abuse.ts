import "server-only";
import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { invitationCodes, rateLimitCounters, spentChallenges } from "../schema";

const hourOf = (now: Date) => new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);

/** Rate-limit windows older than a day: nothing reads them any more. */
function forgetOldCounts(db: Db, now: Date) {
  return db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, new Date(now.getTime() - 86_400_000)));
}

/** Counts one attempt in a bucket's hour, in one statement; returns the hour's count with it. */
export async function countAttempt({ db, bucket, now = new Date() }: { db: Db; bucket: string; now?: Date }): Promise<number> {
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ bucket, windowStart: hourOf(now), count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitCounters.bucket, rateLimitCounters.windowStart],
      set: { count: sql`${rateLimitCounters.count} + 1` },
    })
    .returning({ count: rateLimitCounters.count });
  // Now and then, forget windows older than a day.
  if (Math.random() < 0.01) await forgetOldCounts(db, now);
  return row!.count;
}

/** Takes back an attempt counted at `now` (same hour), for one that turned out not to count. */
export async function uncountAttempt({ db, bucket, now }: { db: Db; bucket: string; now: Date }) {
  await db
    .update(rateLimitCounters)
    .set({ count: sql`greatest(${rateLimitCounters.count} - 1, 0)` })
    .where(and(eq(rateLimitCounters.bucket, bucket), eq(rateLimitCounters.windowStart, hourOf(now))));
}

/**
 * For one submission: counts it against its address and spends its proof-of-work
 * challenge, in one statement (one round trip, one commit). Both happen whatever the
 * other finds: a replayed challenge still counts against its address.
 */
export async function recordSubmissionAttempt({ db, bucket, limit, signature, expiresAt, now = new Date() }: {
  db: Db;
  bucket: string;
  limit: number;
  signature: string;
  expiresAt: Date;
  now?: Date;
}): Promise<{ withinLimit: boolean; firstUse: boolean }> {
  const windowStart = hourOf(now);
  const [row] = await rowsOf<{ first_use: number; count: number }>(db, sql`
    with spent as (
      insert into spent_challenges (signature, expires_at) values (${signature}, ${expiresAt.toISOString()}::timestamptz)
      on conflict (signature) do nothing
      returning 1
    ),
    slot as (
      insert into rate_limit_counters as r (bucket, window_start, count) values (${bucket}, ${windowStart.toISOString()}::timestamptz, 1)
      on conflict (bucket, window_start) do update set count = r.count + 1
      returning count
    )
    select (select count(*) from spent)::int as first_use, (select count from slot)::int as count
  `);
  // Now and then, forget spent challenges that have expired and windows older than a day.
  if (Math.random() < 0.01) {
    await db.delete(spentChallenges).where(lt(spentChallenges.expiresAt, now));
    await forgetOldCounts(db, now);
  }
  return { withinLimit: Number(row!.count) <= limit, firstUse: Number(row!.first_use) === 1 };
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
