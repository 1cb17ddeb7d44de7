import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { findDeviceAccount, findDeviceByHash, insertInterviewerDevice } from "@/db/queries/interviewer-devices";
import { runAction, type ActionResult } from "@/lib/action";
import { may } from "@/lib/auth/permissions";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { AppError } from "@/lib/errors";
import { loginSchema } from "@/lib/auth/login-schema";
import { fieldErrorsOf } from "@/lib/field-errors";
import { todayInKazakhstan } from "@/lib/time";
import { checkPasswordAttempt } from "@/server/auth/password-attempts";

/** A device credential: "qd_" and 32 random bytes in base64url (43 characters). */
const CREDENTIAL = /^qd_[A-Za-z0-9_-]{43}$/;

/** What is stored of a credential: its SHA-256, so a copy of the table signs nobody in. */
export function credentialHash(credential: string): string {
  return createHash("sha256").update(credential).digest("hex");
}

// An unknown e-mail is checked against this hash, so it takes as long as a wrong password.
let decoy: Promise<string> | undefined;
const decoyHash = () => (decoy ??= hashPassword(randomBytes(16).toString("base64url")));

export type DeviceIssued = { credential: string; interviewer: { name: string } };

/**
 * An interviewer signs a device in once, with e-mail and password: the answer is a new
 * device credential, shown once (only its hash is kept, with the day). The password is
 * checked as at the staff sign-in, counted and slowed down by the same guard
 * (server/auth/password-attempts.ts); no cookie session is made. Only after a right
 * password does the caller learn why an account is refused: not an interviewer, disabled,
 * or still on its one-time password (to be changed on the staff pages first).
 */
export async function issueDeviceCredential(body: unknown, { requestHeaders, now = new Date() }: { requestHeaders: Headers; now?: Date }): Promise<ActionResult<DeviceIssued>> {
  return runAction<DeviceIssued>("issueDeviceCredential", async () => {
    // The staff sign-in form's own schema: the same fields, the same limits.
    const parsed = loginSchema.safeParse(body);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const { email, password } = parsed.data;
    const db = await getDb();
    const account = await findDeviceAccount({ db, email });
    const attempt = await checkPasswordAttempt({
      db,
      email,
      requestHeaders,
      check: async () => {
        const ok = await verifyPassword({ hash: account?.passwordHash ?? (await decoyHash()), password });
        return ok && account?.passwordHash != null;
      },
    });
    if (attempt === "tooMany") throw new AppError("errors.tooManyAttempts", 429);
    if (attempt === "wrong" || !account) throw new AppError("errors.loginFailed", 401);
    if (!may(account.role, "interviews.conduct")) throw new AppError("fieldwork.errors.notInterviewer", 403);
    if (account.disabledAt !== null && account.disabledAt <= now) throw new AppError("fieldwork.errors.interviewerDisabled", 403);
    if (account.oneTimePasswordUntil !== null) throw new AppError("fieldwork.errors.changePasswordFirst", 403);
    const credential = `qd_${randomBytes(32).toString("base64url")}`;
    await insertInterviewerDevice({ db, userId: account.id, tokenHash: credentialHash(credential), day: todayInKazakhstan(now) });
    return { status: "ok", credential, interviewer: { name: account.name } };
  });
}

export interface DeviceInterviewer {
  userId: string;
  name: string;
  disabledAt: Date | null;
}

/** The credential an `Authorization: Bearer qd_…` header carries, or null when it carries none. */
export function deviceCredentialOf(authorization: string | null): string | null {
  const match = /^Bearer\s+(qd_\S*)\s*$/i.exec(authorization ?? "");
  return match ? match[1]! : null;
}

/**
 * The interviewer a device credential belongs to: 401 fieldwork.errors.deviceUnknown for a
 * credential nobody issued or that was revoked, or whose account is no longer an
 * interviewer's. Reads only: nothing records that the device was used. The disable rule is
 * the caller's (an interview started before it is still taken).
 */
export async function authenticateDevice(credential: string): Promise<DeviceInterviewer> {
  if (!CREDENTIAL.test(credential)) throw new AppError("fieldwork.errors.deviceUnknown", 401);
  const device = await findDeviceByHash({ db: await getDb(), tokenHash: credentialHash(credential) });
  if (!device || !may(device.role, "interviews.conduct")) throw new AppError("fieldwork.errors.deviceUnknown", 401);
  return { userId: device.userId, name: device.name, disabledAt: device.disabledAt };
}
