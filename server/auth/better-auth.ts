import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { twoFactor } from "better-auth/plugins";
import { SESSION_COOKIE_PREFIX } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { PASSWORD_LENGTH } from "@/lib/auth/password-schema";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { authSecret } from "@/server/secrets";
import { getDb } from "@/db/client";
import { accounts, sessions, twoFactors, users, verifications } from "@/db/schema";
import { isAccountDisabled } from "@/db/queries/staff";

/**
 * Staff sign-in (better-auth): e-mail and password only, no self sign-up (accounts are
 * made by an admin or `npm run admin:create`), argon2id hashes, sessions in Postgres
 * behind HttpOnly, SameSite=Lax cookies that are Secure in production.
 */
async function createAuth() {
  const db = await getDb();
  return betterAuth({
    secret: authSecret(),
    baseURL: env.APP_URL,
    database: drizzleAdapter(db as never, { provider: "pg", schema: { user: users, session: sessions, account: accounts, verification: verifications, twoFactor: twoFactors } }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_LENGTH.min,
      maxPasswordLength: PASSWORD_LENGTH.max,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    user: {
      additionalFields: {
        role: { type: "string", required: false, input: false, defaultValue: "official" },
        townCodes: { type: "json", required: false, input: false },
        allTowns: { type: "boolean", required: false, input: false, defaultValue: false },
        oneTimePasswordUntil: { type: "date", required: false, input: false },
        disabledAt: { type: "date", required: false, input: false },
      },
    },
    // A disabled account (users.disabled_at) gets no new session, by whatever path it signs in.
    databaseHooks: {
      session: {
        create: {
          before: async (session) => ((await isAccountDisabled({ db, userId: session.userId })) ? false : undefined),
        },
      },
    },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    advanced: {
      useSecureCookies: env.NODE_ENV === "production" && env.APP_URL?.startsWith("https://"),
      cookiePrefix: SESSION_COOKIE_PREFIX,
      // Sessions are staff sessions; residents never sign in and are never tracked.
      ipAddress: { disableIpTracking: true },
    },
    // Sign-in and password changes go only through our server actions, which count and
    // slow down wrong passwords; better-auth's own HTTP endpoints for them stay closed.
    // The same for the second factor: turned on and checked only through our actions.
    disabledPaths: [
      "/sign-in/email", "/sign-up/email", "/change-password", "/change-email", "/update-user", "/delete-user", "/request-password-reset", "/reset-password",
      "/two-factor/enable", "/two-factor/disable", "/two-factor/get-totp-uri", "/two-factor/verify-totp", "/totp/generate",
      "/two-factor/send-otp", "/two-factor/verify-otp", "/two-factor/generate-backup-codes", "/two-factor/verify-backup-code",
    ],
    // An admin's optional TOTP second factor (docs/decisions/0017); nextCookies stays last.
    plugins: [twoFactor({ issuer: "Qala Pulse" }), nextCookies()],
  });
}

type Auth = Awaited<ReturnType<typeof createAuth>>;
const cache = globalThis as unknown as { qalaAuth?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  cache.qalaAuth ??= createAuth();
  return cache.qalaAuth;
}
