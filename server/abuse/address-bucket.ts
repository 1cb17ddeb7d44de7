import "server-only";
import type { Db } from "@/db/client";
import { dayKey, removeExpiredAbuseRecords } from "@/db/queries/abuse";
import { describeError } from "@/lib/errors";
import { addressBucket, dayBucketKey } from "@/lib/abuse/address-bucket";
import { rateLimitSecret } from "@/server/secrets";

// This process's copy of the current day's bucket key: one entry, replaced when the day
// changes and dropped by the cleanup (which runs every few minutes), so no earlier day's
// key outlives its day here either. On globalThis, as Next.js may load this module once for
// the routes and once for instrumentation.ts.
const slot = Symbol.for("qala.dayBucketKey");
type Cached = { day: string; key: Promise<Buffer> };
const holder = globalThis as { [slot]?: Cached };

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Before a process first uses a day's key, it removes what earlier days left (their keys,
 * counters and spent challenges), as the cleanup timer does: where no timer runs between
 * requests (serverless functions), a day's key still does not outlive the next day's first
 * submission. A failure here is logged and does not stop the submission.
 */
function removePastDays(db: Db, day: string) {
  return removeExpiredAbuseRecords({ db, today: day, tomorrow: nextDay(day) }).catch((error: unknown) => {
    console.error(`Abuse-control cleanup failed: ${describeError(error)}`);
  });
}

/** The day's bucket key, made once per process and day (see removePastDays). */
async function bucketKeyOf(db: Db, day: string): Promise<Buffer> {
  let cached = holder[slot];
  if (cached?.day !== day) {
    const key = removePastDays(db, day)
      .then(() => dayKey({ db, day }))
      .then((stored) => dayBucketKey(stored, rateLimitSecret()));
    cached = holder[slot] = { day, key };
    // A failed read is not kept: the next submission asks again.
    key.catch(() => {
      if (holder[slot]?.key === key) delete holder[slot];
    });
  }
  return cached.key;
}

/** The bucket a network address's submissions are counted in on `day` (Kazakhstan's). */
export async function submissionBucket({ db, address, day }: { db: Db; address: string; day: string }): Promise<string> {
  return addressBucket(address, await bucketKeyOf(db, day));
}

/**
 * The bucket an interviewer's interviews are counted in on `day`: keyed with the same day's
 * key as the address buckets, so once the day is over nobody can tell whose it was, and
 * the counter row holds only the day (docs/fieldwork.md).
 */
export async function interviewerBucket({ db, interviewerId, day }: { db: Db; interviewerId: string; day: string }): Promise<string> {
  return `interviewer:${addressBucket(`interviewer:${interviewerId}`, await bucketKeyOf(db, day))}`;
}

/** Forgets the cached key, unless it is `today`'s (the cleanup; tests). */
export function forgetCachedDayKey(today?: string) {
  if (holder[slot]?.day !== today) delete holder[slot];
}
