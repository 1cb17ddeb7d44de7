import { createHmac } from "node:crypto";

/**
 * The rate-limit bucket of a network address: HMAC-SHA-256 of the address under a key
 * derived from the secret and the day. The key changes every day and is never stored, so
 * the buckets in the database cannot be linked to an address, nor across days.
 */
export function addressBucket(address: string, secret: string, day: string): string {
  const dailyKey = createHmac("sha256", secret).update(`rate-limit:${day}`).digest();
  return createHmac("sha256", dailyKey).update(address).digest("base64url");
}

/**
 * The client's address as the nearest proxy saw it: the last entry of X-Forwarded-For
 * (Next.js fills it from the socket when no proxy set it). Run behind a proxy that
 * appends the real address, as Vercel, nginx and cloud load balancers do.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  return last ?? headers.get("x-real-ip") ?? "unknown";
}
