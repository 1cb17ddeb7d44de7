"use server";

import { createHmac } from "node:crypto";
import { headers } from "next/headers";
import { getAuth } from "@/db/auth";
import { getDb } from "@/db/client";
import { takeSubmissionSlot } from "@/db/queries/abuse";
import { clientAddress } from "@/lib/abuse/address-bucket";
import { rateLimitSecret } from "@/lib/abuse/secrets";
import { runAction, type ActionResult } from "@/lib/action";
import { loginSchema } from "@/lib/auth/login-schema";
import { fieldErrorsOf } from "@/lib/survey/response-schema";

const ATTEMPTS_PER_HOUR = { perAccount: 10, perAddress: 50 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Staff sign-in. Any failure gets the same message, whether the e-mail exists or not;
 * attempts are counted per account and per address (keyed hashes, in Postgres), slowed
 * down after the third and refused past the hour's limit.
 */
export async function signIn(input: unknown): Promise<ActionResult> {
  return runAction("signIn", async () => {
    const parsed = loginSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const { email, password } = parsed.data;
    const requestHeaders = await headers();
    const db = await getDb();
    const key = (kind: string, value: string) => createHmac("sha256", rateLimitSecret()).update(`${kind}:${value}`).digest("base64url");
    const [accountOk, addressOk] = await Promise.all([
      takeSubmissionSlot({ db, bucket: `login:${key("account", email.toLowerCase())}`, limit: ATTEMPTS_PER_HOUR.perAccount }),
      takeSubmissionSlot({ db, bucket: `login:${key("address", clientAddress(requestHeaders))}`, limit: ATTEMPTS_PER_HOUR.perAddress }),
    ]);
    if (!accountOk || !addressOk) {
      await sleep(2_000);
      return { status: "error", messageKey: "errors.tooManyAttempts" };
    }
    try {
      await (await getAuth()).api.signInEmail({ body: { email, password }, headers: requestHeaders });
      return { status: "ok" };
    } catch {
      await sleep(750);
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
