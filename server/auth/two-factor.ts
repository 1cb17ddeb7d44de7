import "server-only";
import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { getAuth } from "./better-auth";
import type { StaffUser } from "./session";

/*
 * An admin's optional TOTP second factor, through better-auth's two-factor plugin: turned
 * on with the password, confirmed with a first code from the authenticator app, then asked
 * at every sign-in after the password (./password-check.ts). Secrets and codes are never
 * logged or audited.
 */

/** Starts turning the second factor on: the otpauth address and its secret, to type or scan. */
export async function startTwoFactor(password: string): Promise<{ status: "ok"; totpURI: string; secret: string } | { status: "wrongPassword" }> {
  const auth = await getAuth();
  try {
    const { totpURI } = (await auth.api.enableTwoFactor({ body: { password }, headers: await headers() })) as { totpURI: string };
    return { status: "ok", totpURI, secret: new URL(totpURI).searchParams.get("secret") ?? "" };
  } catch (error) {
    if (isAPIError(error) && error.body?.code === "INVALID_PASSWORD") return { status: "wrongPassword" };
    throw error;
  }
}

/** Confirms the second factor with a code from the app; from then on sign-in asks for one. */
export async function confirmTwoFactor(user: StaffUser, code: string): Promise<boolean> {
  const auth = await getAuth();
  try {
    await auth.api.verifyTOTP({ body: { code }, headers: await headers() });
  } catch (error) {
    if (isAPIError(error)) return false;
    throw error;
  }
  await recordAudit({ db: await getDb(), actor: user, action: "users.twoFactorOn", detail: { email: user.email } });
  return true;
}

/** The second step of signing in: the code, against the pending sign-in's cookie. */
export async function signInSecondFactor(code: string): Promise<boolean> {
  const auth = await getAuth();
  try {
    await auth.api.verifyTOTP({ body: { code }, headers: await headers() });
    return true;
  } catch (error) {
    if (isAPIError(error)) return false;
    throw error;
  }
}
