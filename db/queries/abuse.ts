import "server-only";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { invitationCodes, rateLimitCounters, rateLimitKeys, spentChallenges } from "../schema";
import { legacyInvitationForm, normalizeInvitationCode } from "@/lib/abuse/invitation-codes";
import { env } from "@/lib/env";
import { todayInKazakhstan } from "@/lib/time";

const hourOf = (now: Date) => new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
/** Midnight in Kazakhstan (UTC+5) of a day "YYYY-MM-DD": the one window a day's submissions are counted in. */
export const dayWindow = (day: string) => new Date(`${day}T00:00:00+05:00`);

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
 * The random key of a day's address buckets, the same for every instance: made by whichever
 * asks first (insert … on conflict do nothing), then read. The cleanup makes today's and
 * tomorrow's ahead of time, so that making one does not mark a day's first submission.
 */
export async function dayKey({ db, day }: { db: Db; day: string }): Promise<string> {
  await db.insert(rateLimitKeys).values({ day, key: randomBytes(32).toString("base64url") }).onConflictDoNothing();
  const [row] = await db.select({ key: rateLimitKeys.key }).from(rateLimitKeys).where(eq(rateLimitKeys.day, day));
  return row!.key;
}

/**
 * For one submission: counts it against its address on its day and spends its
 * proof-of-work challenge, in one statement (one round trip, one commit). Both happen
 * whatever the other finds: a replayed challenge still counts against its address. Only
 * days are written: the day's window and the day the challenge expires.
 */
export async function recordSubmissionAttempt({ db, bucket, limit, signature, expiresOn, day }: {
  db: Db;
  bucket: string;
  limit: number;
  signature: string;
  /** The day (Kazakhstan's) the challenge expires on. */
  expiresOn: string;
  /** Today in Kazakhstan: the window counted in. */
  day: string;
}): Promise<{ withinLimit: boolean; firstUse: boolean }> {
  const [row] = await rowsOf<{ first_use: number; count: number }>(db, sql`
    with spent as (
      insert into spent_challenges (signature, expires_on) values (${signature}, ${expiresOn}::date)
      on conflict (signature) do nothing
      returning 1
    ),
    slot as (
      insert into rate_limit_counters as r (bucket, window_start, count) values (${bucket}, ${dayWindow(day).toISOString()}::timestamptz, 1)
      on conflict (bucket, window_start) do update set count = r.count + 1
      returning count
    )
    select (select count(*) from spent)::int as first_use, (select count from slot)::int as count
  `);
  return { withinLimit: Number(row!.count) <= limit, firstUse: Number(row!.first_use) === 1 };
}

/**
 * Counts one submission in a day's bucket (an interviewer's) and returns the day's count so
 * far: one statement, the window the day's start, no other time.
 */
export async function countDaySubmission({ db, bucket, day }: { db: Db; bucket: string; day: string }): Promise<number> {
  const [row] = await rowsOf<{ count: number }>(db, sql`
    insert into rate_limit_counters as r (bucket, window_start, count) values (${bucket}, ${dayWindow(day).toISOString()}::timestamptz, 1)
    on conflict (bucket, window_start) do update set count = r.count + 1
    returning count
  `);
  return Number(row!.count);
}

/**
 * Removes what nothing reads any more, by day: counters of windows before today (a day's
 * submissions, and sign-in hours, which matter for an hour), challenges that expired
 * before today, and the keys of days that are over, after which their buckets cannot be
 * recomputed. Makes today's and tomorrow's keys. Idempotent: several instances may run it.
 */
export async function removeExpiredAbuseRecords({ db, today, tomorrow }: { db: Db; today: string; tomorrow: string }) {
  const counters = await db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, dayWindow(today))).returning({ bucket: rateLimitCounters.bucket });
  const challenges = await db.delete(spentChallenges).where(lt(spentChallenges.expiresOn, today)).returning({ signature: spentChallenges.signature });
  const keys = await db.delete(rateLimitKeys).where(lt(rateLimitKeys.day, today)).returning({ day: rateLimitKeys.day });
  for (const day of [today, tomorrow]) {
    await db.insert(rateLimitKeys).values({ day, key: randomBytes(32).toString("base64url") }).onConflictDoNothing();
  }
  return { counters: counters.length, challenges: challenges.length, keys: keys.length };
}

/** The key codes are stored under; empty when INVITATION_SECRET is not set (see hashInvitationCode). */
const invitationSecret = () => env.INVITATION_SECRET ?? "";

/**
 * How a code is stored: HMAC-SHA-256 of its normal form under INVITATION_SECRET
 * (docs/decisions/0015-client-addresses-and-days.md). Without the secret, under an empty
 * key, the same in every process. Codes of 80 bits need no secret against guessing; the
 * secret keeps a reader of the database who holds a list of codes from telling which of
 * them were used.
 */
export function hashInvitationCode(code: string, secret = invitationSecret()): string {
  return createHmac("sha256", secret).update(`invitation:${normalizeInvitationCode(code)}`).digest("base64url");
}

/** The hash of a code made before 0015 (plain SHA-256 of the upper-case code), still accepted. */
function legacyInvitationHash(code: string): string {
  return createHash("sha256").update(legacyInvitationForm(code)).digest("hex");
}

/**
 * Takes an unused code of the wave (deletes it); false if it is unknown or was used.
 * Runs in its own transaction, committed before the response's (see the schema).
 */
export async function takeInvitationCode({ db, waveId, code }: { db: Db; waveId: number; code: string }) {
  const taken = await db
    .delete(invitationCodes)
    .where(and(eq(invitationCodes.waveId, waveId), inArray(invitationCodes.codeHash, [hashInvitationCode(code), legacyInvitationHash(code)])))
    .returning({ waveId: invitationCodes.waveId });
  return taken.length === 1;
}

/** Puts a code back when the response it was taken for could not be stored (hashed the current way). */
export async function returnInvitationCode({ db, waveId, code }: { db: Db; waveId: number; code: string }) {
  await db.insert(invitationCodes).values({ waveId, codeHash: hashInvitationCode(code), createdOn: todayInKazakhstan() }).onConflictDoNothing();
}

/** Stores new codes of a wave, only as their hashes. */
export async function addInvitationCodes({ db, waveId, codes }: { db: Db; waveId: number; codes: string[] }) {
  const createdOn = todayInKazakhstan();
  await db.insert(invitationCodes).values(codes.map((code) => ({ waveId, codeHash: hashInvitationCode(code), createdOn }))).onConflictDoNothing();
}
