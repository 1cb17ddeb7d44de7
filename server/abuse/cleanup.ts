import "server-only";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { removeExpiredAbuseRecords } from "@/db/queries/abuse";
import { describeError } from "@/lib/errors";
import { todayInKazakhstan } from "@/lib/time";
import { forgetCachedDayKey } from "./address-bucket";

/**
 * Removes the abuse-control rows whose day is over (counters, spent challenges, day keys)
 * and makes today's and tomorrow's keys. Run by every server process on a timer
 * (startAbuseCleanup) and by `npm run db:cleanup` for those who prefer cron.
 */
export async function cleanUpAbuseRecords({ db, now = new Date() }: { db: Db; now?: Date }) {
  const today = todayInKazakhstan(now);
  const tomorrow = todayInKazakhstan(new Date(now.getTime() + 86_400_000));
  const removed = await removeExpiredAbuseRecords({ db, today, tomorrow });
  forgetCachedDayKey(today);
  return removed;
}

/** Often enough that a day's key is gone within minutes of its end. */
const CLEANUP_INTERVAL_MS = 10 * 60_000;
const started = Symbol.for("qala.abuseCleanup");

/**
 * Starts the cleanup timer of this server process, once (instrumentation.ts). The timer
 * does not keep the process alive; a failed run is logged without detail and tried again.
 */
export function startAbuseCleanup() {
  const holder = globalThis as { [started]?: boolean };
  if (holder[started]) return;
  holder[started] = true;
  const run = () =>
    getDb()
      .then((db) => cleanUpAbuseRecords({ db }))
      .catch((error: unknown) => console.error(`Abuse-control cleanup failed: ${describeError(error)}`));
  setTimeout(run, 5_000).unref();
  setInterval(run, CLEANUP_INTERVAL_MS).unref();
}
