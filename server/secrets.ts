import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// Only the embedded demo runs without configured secrets: it makes its own at start-up, held
// in memory only. With a server database the server refuses to start without them
// (lib/deployment.ts, run by instrumentation.ts); tests that call the app directly use these.
const generated = {
  pow: randomBytes(32).toString("hex"),
  rateLimit: randomBytes(32).toString("hex"),
  auth: randomBytes(32).toString("hex"),
};

export const powSecret = () => env.POW_HMAC_KEY ?? generated.pow;
export const rateLimitSecret = () => env.RATE_LIMIT_SECRET ?? generated.rateLimit;
export const authSecret = () => env.AUTH_SECRET ?? generated.auth;
