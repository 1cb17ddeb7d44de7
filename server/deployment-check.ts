import "server-only";
import { checkStartup, startupNotes } from "@/lib/deployment";
import { env } from "@/lib/env";

/**
 * Run once as the server starts (instrumentation.ts): a deployment on a server database
 * missing a secret or its address stops here, with the names of what is missing (never a
 * value) on stderr; the embedded demo says once that it is a demo.
 */
export function refuseHalfConfiguredStart() {
  const check = checkStartup({ DATABASE_URL: env.DATABASE_URL, POSTGRES_URL: env.POSTGRES_URL, AUTH_SECRET: env.AUTH_SECRET, POW_HMAC_KEY: env.POW_HMAC_KEY, RATE_LIMIT_SECRET: env.RATE_LIMIT_SECRET, APP_URL: env.APP_URL });
  if (check.status === "refused") {
    console.error(check.message);
    process.exit(1);
  }
  if (check.status === "demo") console.info(check.message);
  for (const note of startupNotes({ DATABASE_URL: env.DATABASE_URL, POSTGRES_URL: env.POSTGRES_URL, INVITATION_SECRET: env.INVITATION_SECRET, RATE_LIMIT_PER_HOUR: env.RATE_LIMIT_PER_HOUR })) console.warn(note);
}
