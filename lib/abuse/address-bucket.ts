import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER, addressGroup } from "./client-address.mjs";

/**
 * The key a day's buckets are made with: the day's random key (kept in the database only
 * while its day lasts, see db/queries/abuse.ts) keyed again with the server's secret. A
 * reader of the database alone cannot make it; once the day's key is deleted, nobody can,
 * the secret's holder included.
 */
export function dayBucketKey(dayKey: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(`rate-limit:${dayKey}`).digest();
}

/** The rate-limit bucket of a network address on one day: a keyed hash, never the address. */
export function addressBucket(address: string, bucketKey: Buffer): string {
  return createHmac("sha256", bucketKey).update(address).digest("base64url");
}

let warnedForgeable = false;

/**
 * The client's address group (see lib/abuse/client-address.mjs) for rate limits.
 *
 * Under scripts/serve.mjs (`npm start`), the address it derived from the socket and
 * TRUSTED_PROXY_HOPS, in a header it sets and strips from what clients send. Without it
 * (development, tests, Vercel, whose platform writes X-Forwarded-For and X-Real-IP itself),
 * the last X-Forwarded-For entry: on `next start` reached directly, a client writes that
 * itself, so a production server started that way says so once.
 */
export function clientAddress(headers: Headers): string {
  if (env.QALA_SERVE_WRAPPER) return addressGroup(headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown");
  if (env.NODE_ENV === "production" && !env.VERCEL && !warnedForgeable) {
    warnedForgeable = true;
    console.warn("Started without scripts/serve.mjs (npm start): client addresses are read from X-Forwarded-For, which a client can forge.");
  }
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  return addressGroup(last ?? headers.get("x-real-ip") ?? "unknown");
}
