import "server-only";
import type { Db } from "@/db/client";
import { dayKey } from "@/db/queries/abuse";
import { addressBucket, dayBucketKey } from "@/lib/abuse/address-bucket";
import { rateLimitSecret } from "@/server/secrets";

// This process's copy of the current day's bucket key: one entry, replaced when the day
// changes, so no earlier day's key outlives its day here either.
let cached: { day: string; key: Promise<Buffer> } | undefined;

/** The bucket a network address's submissions are counted in on `day` (Kazakhstan's). */
export async function submissionBucket({ db, address, day }: { db: Db; address: string; day: string }): Promise<string> {
  if (cached?.day !== day) {
    const key = dayKey({ db, day }).then((stored) => dayBucketKey(stored, rateLimitSecret()));
    cached = { day, key };
    // A failed read is not kept: the next submission asks again.
    key.catch(() => {
      if (cached?.key === key) cached = undefined;
    });
  }
  return addressBucket(address, await cached.key);
}

/** Forgets the cached key (tests that run a day's cleanup in this process). */
export function forgetCachedDayKey() {
  cached = undefined;
}
