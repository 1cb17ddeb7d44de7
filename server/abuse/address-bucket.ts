import "server-only";
import type { Db } from "@/db/client";
import { dayKey } from "@/db/queries/abuse";
import { addressBucket, dayBucketKey } from "@/lib/abuse/address-bucket";
import { rateLimitSecret } from "@/server/secrets";

// This process's copy of the current day's bucket key: one entry, replaced when the day
// changes and dropped by the cleanup (which runs every few minutes), so no earlier day's
// key outlives its day here either. On globalThis, as Next.js may load this module once for
// the routes and once for instrumentation.ts.
const slot = Symbol.for("qala.dayBucketKey");
type Cached = { day: string; key: Promise<Buffer> };
const holder = globalThis as { [slot]?: Cached };

/** The bucket a network address's submissions are counted in on `day` (Kazakhstan's). */
export async function submissionBucket({ db, address, day }: { db: Db; address: string; day: string }): Promise<string> {
  let cached = holder[slot];
  if (cached?.day !== day) {
    const key = dayKey({ db, day }).then((stored) => dayBucketKey(stored, rateLimitSecret()));
    cached = holder[slot] = { day, key };
    // A failed read is not kept: the next submission asks again.
    key.catch(() => {
      if (holder[slot]?.key === key) delete holder[slot];
    });
  }
  return addressBucket(address, await cached.key);
}

/** Forgets the cached key, unless it is `today`'s (the cleanup; tests). */
export function forgetCachedDayKey(today?: string) {
  if (holder[slot]?.day !== today) delete holder[slot];
}
