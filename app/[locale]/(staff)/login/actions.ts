"use server";

import { createHmac } from "node:crypto";
import { headers } from "next/headers";
import { getAuth } from "@/db/auth";
import { getDb } from "@/db/client";
import { countThisHour, takeSubmissionSlot } from "@/db/queries/abuse";
import { clientAddress } from "@/lib/abuse/address-bucket";
import { rateLimitSecret } from "@/lib/abuse/secrets";
import { runAction, type ActionResult } from "@/lib/action";
import { loginSchema } from "@/lib/auth/login-schema";
import { fieldErrorsOf } from "@/lib/survey/response-schema";

const FAILURES_PER_HOUR = { perAccount: 10, perAddress: 50 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Staff sign-in. Any failure gets the same message, whether the e-mail exists or not;
 * failures are counted per account and per address (keyed hashes, in Postgres), each
 * slows the next answer down, and past the hour's limit sign-in is refused.
 */
export async function signIn(input: unknown): Promise<ActionResult> {
  return runAction("signIn", async () => {
    const parsed = loginSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const { email, password } = parsed.data;
    const requestHeaders = await headers();
    const db = await getDb();
    const key = (kind: string, value: string) => createHmac("sha256", rateLimitSecret()).update(`${kind}:${value}`).digest("base64url");
    const buckets = [
      { bucket: `login:${key("account", email.toLowerCase())}`, limit: FAILURES_PER_HOUR.perAccount },
      { bucket: `login:${key("address", clientAddress(requestHeaders))}`, limit: FAILURES_PER_HOUR.perAddress },
    ];
    const failures = await Promise.all(buckets.map(({ bucket }) => countThisHour({ db, bucket })));
    if (failures.some((count, i) => count >= buckets[i]!.limit)) {
      await sleep(2_000);
      return { status: "error", messageKey: "errors.tooManyAttempts" };
    }
    try {
      await (await getAuth()).api.signInEmail({ body: { email, password }, headers: requestHeaders });
      return { status: "ok" };
    } catch {
      // Only failures count, so nobody can lock a colleague out by guessing; each one
      // makes the next answer slower.
      await Promise.all(buckets.map(({ bucket, limit }) => takeSubmissionSlot({ db, bucket, limit })));
      await sleep(Math.min(5_000, 500 * (1 + Math.max(...failures))));
      return { status: "error", messageKey: "errors.loginFailed" };
    }
  });
}

export async function signOut(): Promise<ActionResult> {
  return runAction("signOut", async () => {
    await (await getAuth()).api.signOut({ headers: await headers() });
    return { status: "ok" };
  });
}
