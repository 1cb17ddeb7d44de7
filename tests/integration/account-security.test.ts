import { createHmac } from "node:crypto";
import fs from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as auditRoute } from "@/app/api/v1/admin/audit/route";
import { GET as commitmentsExportRoute } from "@/app/[locale]/(staff)/staff/commitments/export/route";
import { createAccount, resetPassword } from "@/app/[locale]/(staff)/staff/admin/users/actions";
import { createToken } from "@/app/[locale]/(staff)/staff/exports/actions";
import { signIn, signInWithCode } from "@/app/[locale]/(staff)/login/actions";
import { changeOwnPassword, confirmTwoFactor, startTwoFactor } from "@/app/[locale]/(staff)/staff/password/actions";
import { createStaffUser, findStaffUserByEmail } from "@/db/queries/staff";
import { authenticateToken, createAccessToken } from "@/db/queries/tokens";
import { accessTokens, sessions, towns, users } from "@/db/schema";
import { hashAccessToken } from "@/lib/auth/access-token";
import { seedReferenceData } from "@/scripts/seed";
import { getAuth } from "@/server/auth/better-auth";
import { currentStaff, maySeeTown, requireStaff } from "@/server/auth/session";
import { uniqueName } from "../fixtures";
import { createStaffSessions, forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

// A low per-token limit, so that the test can reach it (read by lib/env.ts when it loads).
vi.hoisted(() => {
  process.env.TOKEN_REQUESTS_PER_HOUR = "3";
});
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => (await import("../support/next-headers")).mockNextHeaders(request));
vi.mock("@/server/auth/slow-down", () => ({ slowDown: async () => undefined }));

let database: Awaited<ReturnType<typeof freshDatabase>>;
let staff: Awaited<ReturnType<typeof createStaffSessions>>;
let townCodes: string[];
const PASSWORD = "a long enough test password";
const CHOSEN = "a password only I know, 2026";

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  await seedReferenceData(database.db);
  staff = await createStaffSessions(database.db);
  townCodes = (await database.db.select({ code: towns.code }).from(towns)).map((town) => town.code).sort();
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});

async function signInHeaders(email: string, password: string) {
  const { headers } = await (await getAuth()).api.signInEmail({ body: { email, password }, returnHeaders: true });
  return new Headers({ cookie: headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ") });
}

/** An admin other than admin@test.qala, with a password they chose, and a token of theirs. */
async function adminWithToken() {
  const email = `${uniqueName("admin")}@test.qala`;
  const id = await createStaffUser({ db: database.db, email, name: "Second admin", role: "admin", password: PASSWORD });
  const { token } = await createAccessToken({ db: database.db, actor: { id, email }, name: "script", expiry: "30" });
  return { id, email, token };
}

const callAudit = (headers: HeadersInit) => auditRoute(new Request("http://localhost/api/v1/admin/audit?limit=1", { headers }));
const bearer = (token: string, more: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...more });

async function problem(response: Response) {
  return { status: response.status, ...((await response.json()) as { error: string; message: string }) };
}

describe("a password reset or change ends the person's access tokens", () => {
  it("a reset token is refused", async () => {
    const owner = await adminWithToken();
    expect((await callAudit(bearer(owner.token))).status).toBe(200);
    request.headers = await staff.headersFor("admin");
    expect(await resetPassword({ userId: owner.id })).toMatchObject({ status: "ok" });
    expect(await problem(await callAudit(bearer(owner.token)))).toMatchObject({ status: 401, error: "revoked token" });
  });

  it("changing one's own password refuses the tokens made before", async () => {
    const owner = await adminWithToken();
    request.headers = await signInHeaders(owner.email, PASSWORD);
    expect(await changeOwnPassword({ currentPassword: PASSWORD, newPassword: CHOSEN, confirmPassword: CHOSEN })).toEqual({ status: "ok" });
    expect(await problem(await callAudit(bearer(owner.token)))).toMatchObject({ status: 401, error: "revoked token" });
  });
});

describe("token lifetime and rate", () => {
  it("offers no token that never expires: a year at most", async () => {
    request.headers = await staff.headersFor("researcher");
    expect(await createToken({ name: "forever", expiry: "never" })).toEqual({ status: "invalid", fieldErrors: { expiry: ["exports.errors.tokenExpiry"] } });
    const made = await createToken({ name: "a year", expiry: "365" });
    if (made.status !== "ok") throw new Error(JSON.stringify(made));
    const [row] = await database.db.select().from(accessTokens).where(eq(accessTokens.tokenHash, hashAccessToken(made.token)));
    expect(row!.expiresAt!.getTime() - row!.createdAt.getTime()).toBe(365 * 86_400_000);
  });

  it("the migration gives a token made without expiry one a year after it was made", async () => {
    const owner = await adminWithToken();
    const createdAt = new Date(Date.now() - 400 * 86_400_000);
    await database.db.update(accessTokens).set({ expiresAt: null, createdAt }).where(eq(accessTokens.userId, owner.id));
    const migration = fs.readFileSync("db/migrations/0010_staff_accounts_hardened.sql", "utf8");
    const statement = migration.split("--> statement-breakpoint").find((part) => part.includes(`UPDATE "access_tokens"`))!;
    await database.db.execute(sql.raw(statement));
    const [row] = await database.db.select().from(accessTokens).where(eq(accessTokens.userId, owner.id));
    expect(row!.expiresAt).toEqual(new Date(createdAt.getTime() + 365 * 86_400_000));
    expect(await problem(await callAudit(bearer(owner.token)))).toMatchObject({ status: 401, error: "expired token" });
  });

  it("answers 429 with Retry-After past a token's requests per hour, and serves it again in the next hour", async () => {
    const owner = await adminWithToken();
    for (let i = 0; i < 3; i++) expect((await callAudit(bearer(owner.token))).status).toBe(200);
    const refused = await callAudit(bearer(owner.token));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect((await refused.json()).message).toMatch(/3 requests in the last hour/);
    // Another token of the same person has its own allowance.
    const { token: other } = await createAccessToken({ db: database.db, actor: owner, name: "other", expiry: "30" });
    expect((await callAudit(bearer(other))).status).toBe(200);
    const later = new Date(Date.now() + 3_601_000);
    expect(await authenticateToken({ db: database.db, raw: owner.token, limitPerHour: 3, now: later })).toMatchObject({ status: "ok" });
  });
});

describe("one-time passwords", () => {
  async function newAccount(role: "official" | "researcher" | "admin" = "researcher") {
    request.headers = await staff.headersFor("admin");
    const email = `${uniqueName(role)}@test.qala`;
    const made = await createAccount({ name: "New", email, role, townCodes: [], allTowns: true });
    if (made.status !== "ok") throw new Error(JSON.stringify(made));
    return { email, password: made.oneTimePassword };
  }

  it("opens only the change-password page until the person chose their own", async () => {
    const { email, password } = await newAccount("admin");
    request.headers = await signInHeaders(email, password);
    expect(await currentStaff(request.headers)).toMatchObject({ email, passwordIsOneTime: true });
    // Any other action, page or route is refused on the server, not only hidden.
    expect(await createToken({ name: "too early", expiry: "30" })).toEqual({ status: "error", messageKey: "errors.changePasswordFirst", httpStatus: 403 });
    await expect(requireStaff(["admin"], { locale: "en", next: "/en/staff" })).rejects.toMatchObject({ digest: expect.stringContaining("/en/staff/password") });
    expect(await problem(await callAudit(request.headers))).toMatchObject({ status: 403, error: "password change required" });
    // The change-password page itself opens.
    await expect(requireStaff(["admin"], { locale: "en", next: "/en/staff/password", oneTimePasswordAllowed: true })).resolves.toMatchObject({ email });

    expect(await changeOwnPassword({ currentPassword: password, newPassword: CHOSEN, confirmPassword: CHOSEN })).toEqual({ status: "ok" });
    expect(await currentStaff(request.headers)).toMatchObject({ passwordIsOneTime: false });
    expect(await createToken({ name: "now", expiry: "30" })).toMatchObject({ status: "ok" });
  });

  it("a reset makes the password one-time again", async () => {
    const { email, password } = await newAccount();
    request.headers = await signInHeaders(email, password);
    await changeOwnPassword({ currentPassword: password, newPassword: CHOSEN, confirmPassword: CHOSEN });
    const user = (await findStaffUserByEmail({ db: database.db, email }))!;
    request.headers = await staff.headersFor("admin");
    const reset = await resetPassword({ userId: user.id });
    if (reset.status !== "ok") throw new Error(JSON.stringify(reset));
    expect(await currentStaff(await signInHeaders(email, reset.oneTimePassword))).toMatchObject({ passwordIsOneTime: true });
  });

  it("after a day, signing in with it says to ask an admin for a new one, and leaves no session", async () => {
    const { email, password } = await newAccount();
    const user = (await findStaffUserByEmail({ db: database.db, email }))!;
    expect(user.oneTimePasswordUntil!.getTime() - user.createdAt.getTime()).toBeGreaterThan(86_000_000);
    await database.db.update(users).set({ oneTimePasswordUntil: new Date(Date.now() - 1000) }).where(eq(users.id, user.id));
    request.headers = new Headers({ "x-forwarded-for": "198.51.100.7" });
    expect(await signIn({ email, password })).toEqual({ status: "error", messageKey: "errors.oneTimePasswordExpired" });
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    // A wrong password still gets the one generic answer: the expiry is told only to who knows it.
    expect(await signIn({ email, password: "not the password at all" })).toEqual({ status: "error", messageKey: "errors.loginFailed" });
  });

  it("the demo's printed accounts (made without one) need no change", async () => {
    expect(await currentStaff(await staff.headersFor("official"))).toMatchObject({ passwordIsOneTime: false });
  });
});

describe("an official's town scope fails closed", () => {
  async function official(scope: { townCodes: string[]; allTowns?: boolean }) {
    request.headers = await staff.headersFor("admin");
    const email = `${uniqueName("official")}@test.qala`;
    const made = await createAccount({ name: "Official", email, role: "official", ...scope });
    if (made.status !== "ok") throw new Error(JSON.stringify(made));
    const headers = await signInHeaders(email, made.oneTimePassword);
    request.headers = headers;
    await changeOwnPassword({ currentPassword: made.oneTimePassword, newPassword: CHOSEN, confirmPassword: CHOSEN });
    return (await currentStaff(headers))!;
  }
  const seen = (user: Parameters<typeof maySeeTown>[0]) => townCodes.filter((code) => maySeeTown(user, code));

  it("an official with an empty list sees no town", async () => {
    expect(seen(await official({ townCodes: [] }))).toEqual([]);
  });
  it("an official with 'all towns' sees every town", async () => {
    expect(seen(await official({ townCodes: [], allTowns: true }))).toEqual(townCodes);
  });
  it("an official with a list sees those towns and no others", async () => {
    expect(seen(await official({ townCodes: ["serebryansk", "ridder"] }))).toEqual(["ridder", "serebryansk"]);
  });
  it("admins and researchers see every town", async () => {
    for (const role of ["admin", "researcher"] as const) expect(seen((await currentStaff(await staff.headersFor(role)))!)).toEqual(townCodes);
  });
  it("the migration turns an empty list of before into 'all towns', so nobody lost access", async () => {
    const email = `${uniqueName("official")}@test.qala`;
    await createStaffUser({ db: database.db, email, name: "Old", role: "official", password: PASSWORD, allTowns: false });
    const migration = fs.readFileSync("db/migrations/0010_staff_accounts_hardened.sql", "utf8");
    const statement = migration.split("--> statement-breakpoint").find((part) => part.includes(`UPDATE "users"`))!;
    await database.db.execute(sql.raw(statement));
    expect(seen((await currentStaff(await signInHeaders(email, PASSWORD)))!)).toEqual(townCodes);
  });
});

describe("downloads by the session cookie come from our own pages", () => {
  it("refuses a cross-site or same-site request with 403, serves same-origin and a typed address", async () => {
    const cookie = Object.fromEntries((await staff.headersFor("admin")).entries());
    for (const site of ["cross-site", "same-site"]) {
      expect(await problem(await callAudit({ ...cookie, "sec-fetch-site": site }))).toMatchObject({ status: 403, error: "cross-site request" });
      const commitments = await commitmentsExportRoute(new Request("http://localhost/en/staff/commitments/export", { headers: { ...cookie, "sec-fetch-site": site } }));
      expect(commitments.status).toBe(403);
    }
    for (const site of ["same-origin", "none"]) expect((await callAudit({ ...cookie, "sec-fetch-site": site })).status).toBe(200);
  });

  it("from a browser too old to say Sec-Fetch-Site, refuses another site named in Origin or Referer", async () => {
    const cookie = Object.fromEntries((await staff.headersFor("admin")).entries());
    expect((await callAudit({ ...cookie, referer: "https://elsewhere.example/page" })).status).toBe(403);
    expect((await callAudit({ ...cookie, origin: "https://elsewhere.example" })).status).toBe(403);
    expect((await callAudit({ ...cookie, referer: "http://localhost/en/staff/exports" })).status).toBe(200);
    // Nothing said at all: a script or a typed address, not another site's page.
    expect((await callAudit(cookie)).status).toBe(200);
  });

  it("leaves Bearer tokens alone, whatever page started the request", async () => {
    const owner = await adminWithToken();
    expect((await callAudit(bearer(owner.token, { "sec-fetch-site": "cross-site" }))).status).toBe(200);
  });
});

/** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) of an otpauth address's base32 secret, as an authenticator app computes it. */
function totp(otpauth: string, at = Date.now()) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const base32 = new URL(otpauth).searchParams.get("secret")!.replace(/=+$/, "").toUpperCase();
  let bits = "";
  for (const char of base32) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

describe("an admin's TOTP second factor", () => {
  it("is turned on with the password and a first code; afterwards sign-in asks for the code, and a wrong one is refused", async () => {
    const email = `${uniqueName("admin")}@test.qala`;
    const id = await createStaffUser({ db: database.db, email, name: "Careful admin", role: "admin", password: PASSWORD });
    request.headers = await signInHeaders(email, PASSWORD);
    expect(await startTwoFactor({ password: "not my password" })).toEqual({ status: "invalid", fieldErrors: { password: ["changePassword.errors.wrongCurrent"] } });
    const started = await startTwoFactor({ password: PASSWORD });
    if (started.status !== "ok") throw new Error(JSON.stringify(started));
    expect(started.totpURI).toMatch(/^otpauth:\/\/totp\/Qala%20Pulse:/);
    expect(started.secret).toMatch(/^[A-Z2-7]+=*$/);
    // Not on until confirmed: a wrong code changes nothing.
    const wrong = totp(started.totpURI) === "000000" ? "111111" : "000000";
    expect(await confirmTwoFactor({ code: wrong })).toEqual({ status: "invalid", fieldErrors: { code: ["errors.wrongCode"] } });
    expect(await confirmTwoFactor({ code: "12a456" })).toEqual({ status: "invalid", fieldErrors: { code: ["errors.wrongCode"] } });
    expect(await confirmTwoFactor({ code: totp(started.totpURI) })).toEqual({ status: "ok" });
    expect((await findStaffUserByEmail({ db: database.db, email }))!.twoFactorEnabled).toBe(true);

    // The password alone no longer signs in: the action asks for the code, and no session is made.
    request.headers = new Headers({ "x-forwarded-for": "198.51.100.8" });
    const sessionsBefore = (await database.db.select().from(sessions).where(eq(sessions.userId, id))).length;
    expect(await signIn({ email, password: PASSWORD })).toEqual({ status: "needsCode" });
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(sessionsBefore);

    // The pending sign-in's cookie, as the browser holds it, then the code.
    const { headers: pending } = await (await getAuth()).api.signInEmail({ body: { email, password: PASSWORD }, returnHeaders: true });
    request.headers = new Headers({ cookie: pending.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ") });
    expect(await signInWithCode({ code: wrong })).toEqual({ status: "invalid", fieldErrors: { code: ["errors.wrongCode"] } });
    expect(await signInWithCode({ code: totp(started.totpURI) })).toEqual({ status: "ok" });
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(sessionsBefore + 1);
  });

  it("is for admins only", async () => {
    request.headers = await staff.headersFor("researcher");
    expect(await startTwoFactor({ password: PASSWORD })).toEqual({ status: "error", messageKey: "errors.forbidden", httpStatus: 403 });
  });
});
