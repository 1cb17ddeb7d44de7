import "server-only";
import { createHmac } from "node:crypto";
import type { Db } from "@/db/client";
import { countAttempt, uncountAttempt } from "@/db/queries/abuse";
import { clientAddress } from "@/lib/abuse/address-bucket";
import { rateLimitSecret } from "@/server/secrets";
import { slowDown } from "@/server/auth/slow-down";

/** Wrong passwords per clock hour after which further attempts are refused unchecked. */
export const PASSWORD_FAILURES_PER_HOUR = { perAccountAndAddress: 10, perAddress: 50 };
/** Each wrong password for an account, from anywhere, delays its next check this much more. */
const DELAY_PER_ACCOUNT_FAILURE_MS = 500;
const MAX_DELAY_MS = 5_000;

export type PasswordAttempt = "correct" | "wrong" | "tooMany";

/**
 * Guards a password check (sign-in, and the current password when changing it).
 *
 * Every attempt is counted before the password is checked, each bucket in one statement,
 * so parallel attempts cannot all slip under a limit; a correct password takes its count
 * back, so only failures use up the hour's allowance.
 *
 * Refusals are keyed so that nobody can lock out someone else: the hard limits are per
 * (account, address) and per address, so a stranger guessing an official's password, or a
 * colleague's typos behind an akimat's shared address, stop only themselves (short of the
 * address's own limit). Failures on an account from everywhere only slow down its next
 * check, which spreads a guesser across many addresses without ever refusing the owner.
 * Buckets are keyed hashes, so the table holds neither e-mails nor addresses.
 */
export async function checkPasswordAttempt({ db, email, requestHeaders, check }: {
  db: Db;
  email: string;
  requestHeaders: Headers;
  check: () => Promise<boolean>;
}): Promise<PasswordAttempt> {
  const now = new Date();
  const account = email.trim().toLowerCase();
  const address = clientAddress(requestHeaders);
  const key = (kind: string, value: string) => `password:${createHmac("sha256", rateLimitSecret()).update(`${kind}:${value}`).digest("base64url")}`;
  const pair = key("account-address", `${account}\n${address}`);
  const fromAddress = key("address", address);
  const onAccount = key("account", account);

  const [pairCount, addressCount] = await Promise.all([countAttempt({ db, bucket: pair, now }), countAttempt({ db, bucket: fromAddress, now })]);
  if (pairCount > PASSWORD_FAILURES_PER_HOUR.perAccountAndAddress || addressCount > PASSWORD_FAILURES_PER_HOUR.perAddress) {
    // Refused attempts stay counted: whoever keeps hammering stays refused.
    await slowDown(2_000);
    return "tooMany";
  }
  const accountCount = await countAttempt({ db, bucket: onAccount, now });
  // Before the check, not after a failure: a guesser who gives up waiting for an answer
  // would otherwise learn "wrong" as fast as "correct".
  await slowDown(Math.min(MAX_DELAY_MS, DELAY_PER_ACCOUNT_FAILURE_MS * (accountCount - 1)));
  if (!(await check())) return "wrong";
  await Promise.all([pair, fromAddress, onAccount].map((bucket) => uncountAttempt({ db, bucket, now })));
  return "correct";
}
