import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// Without configured secrets a single instance makes its own at start-up. They are held
// in memory only; several instances need the same values from the environment.
const generated = {
  pow: randomBytes(32).toString("hex"),
  rateLimit: randomBytes(32).toString("hex"),
  auth: randomBytes(32).toString("hex"),
};

export const powSecret = () => env.POW_HMAC_KEY ?? generated.pow;
export const rateLimitSecret = () => env.RATE_LIMIT_SECRET ?? generated.rateLimit;
export const authSecret = () => env.AUTH_SECRET ?? generated.auth;
