import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createToken, revokeToken } from "@/app/[locale]/(staff)/staff/exports/actions";
import { getAuth } from "@/server/auth/better-auth";
import { createStaffUser, findStaffUserByEmail } from "@/db/queries/staff";
import { authenticateToken, listAccessTokens } from "@/db/queries/tokens";
import { accessTokens, auditLog } from "@/db/schema";
import { hashAccessToken, TOKEN_PREFIX } from "@/lib/auth/access-token";
import { createStaffSessions, forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => (await import("../support/next-headers")).mockNextHeaders(request));

let database: Awaited<ReturnType<typeof freshDatabase>>;
let sessions: Awaited<ReturnType<typeof createStaffSessions>>;

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  sessions = await createStaffSessions(database.db);
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});

async function createAs(role: "admin" | "official" | "researcher", input: unknown) {
  request.headers = await sessions.headersFor(role);
  return createToken(input);
}

async function tokenRow(token: string) {
  const [row] = await database.db.select().from(accessTokens).where(eq(accessTokens.tokenHash, hashAccessToken(token)));
  return row!;
}

describe("createToken", () => {
  it("gives the researcher a prefixed token once and stores only its hash", async () => {
    const result = await createAs("researcher", { name: "R script", expiry: "30" });
    if (result.status !== "ok") throw new Error(`expected ok, got ${JSON.stringify(result)}`);
    expect(result.token.startsWith(TOKEN_PREFIX)).toBe(true);
    const row = await tokenRow(result.token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const everything = JSON.stringify([await database.db.select().from(accessTokens), await database.db.select().from(auditLog)]);
    expect(everything).not.toContain(result.token);
    expect(everything).not.toContain(result.token.slice(TOKEN_PREFIX.length));
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBe(30 * 86_400_000);
  });

  it("refuses an official with 403 and stores nothing", async () => {
    const before = (await database.db.select().from(accessTokens)).length;
    expect(await createAs("official", { name: "sneaky", expiry: "365" })).toEqual({ status: "error", messageKey: "errors.forbidden", httpStatus: 403 });
    expect(await database.db.select().from(accessTokens)).toHaveLength(before);
  });

  it("returns every field's error for bad input", async () => {
    const result = await createAs("researcher", { name: "  ", expiry: "forever" });
    expect(result).toEqual({
      status: "invalid",
      fieldErrors: { name: ["exports.errors.tokenNameRequired"], expiry: ["exports.errors.tokenExpiry"] },
    });
  });
});

describe("authenticateToken", () => {
  it("acts with the owner's role and stamps the last use", async () => {
    const result = await createAs("researcher", { name: "last use", expiry: "365" });
    if (result.status !== "ok") throw new Error("token not created");
    expect((await tokenRow(result.token)).lastUsedAt).toBeNull();
    const now = new Date((await tokenRow(result.token)).createdAt.getTime() + 86_400_000);
    const check = await authenticateToken({ db: database.db, raw: result.token, now, limitPerHour: 100 });
    expect(check).toMatchObject({ status: "ok", user: { email: "researcher@test.qala", role: "researcher" } });
    expect((await tokenRow(result.token)).lastUsedAt).toEqual(now);
  });

  it("knows a token only by its exact value", async () => {
    const result = await createAs("researcher", { name: "exact", expiry: "365" });
    if (result.status !== "ok") throw new Error("token not created");
    expect(await authenticateToken({ db: database.db, raw: result.token.slice(0, -1), limitPerHour: 100 })).toEqual({ status: "unknown" });
  });
});

describe("revokeToken", () => {
  async function researcherToken(name: string) {
    const result = await createAs("researcher", { name, expiry: "365" });
    if (result.status !== "ok") throw new Error("token not created");
    return (await tokenRow(result.token)).id;
  }

  it("lets the owner revoke their token, after which it is refused", async () => {
    const tokenId = await researcherToken("to revoke");
    request.headers = await sessions.headersFor("researcher");
    expect(await revokeToken({ tokenId })).toEqual({ status: "ok" });
    const [row] = await database.db.select().from(accessTokens).where(eq(accessTokens.id, tokenId));
    expect(row!.revokedAt).not.toBeNull();
  });

  it("answers 'not found' to another researcher, and leaves the token alone", async () => {
    const tokenId = await researcherToken("someone else's");
    // A second researcher, signed in the way tests/support/staff-sessions.ts signs in the first.
    await createStaffUser({ db: database.db, email: "second@test.qala", name: "Second", role: "researcher", password: "a long enough test password" });
    const { headers } = await (await getAuth()).api.signInEmail({ body: { email: "second@test.qala", password: "a long enough test password" }, returnHeaders: true });
    request.headers = new Headers({ cookie: headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ") });
    expect(await revokeToken({ tokenId })).toEqual({ status: "error", messageKey: "exports.errors.tokenNotFound", httpStatus: 404 });
    const [row] = await database.db.select().from(accessTokens).where(eq(accessTokens.id, tokenId));
    expect(row!.revokedAt).toBeNull();
  });

  it("lets an admin revoke anyone's token, and audits it", async () => {
    const tokenId = await researcherToken("leaked");
    request.headers = await sessions.headersFor("admin");
    expect(await revokeToken({ tokenId })).toEqual({ status: "ok" });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, "tokens.revoke"));
    expect(audit.at(-1)).toMatchObject({ actorEmail: "admin@test.qala", detail: { tokenId, name: "leaked" } });
  });

  it("refuses an official with 403", async () => {
    const tokenId = await researcherToken("official tries");
    request.headers = await sessions.headersFor("official");
    expect(await revokeToken({ tokenId })).toEqual({ status: "error", messageKey: "errors.forbidden", httpStatus: 403 });
  });
});

describe("listAccessTokens", () => {
  it("lists a user's own tokens, and every token for an admin's view", async () => {
    const researcher = (await findStaffUserByEmail({ db: database.db, email: "researcher@test.qala" }))!;
    const own = await listAccessTokens({ db: database.db, userId: researcher.id });
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((token) => token.ownerEmail === "researcher@test.qala")).toBe(true);
    expect(own[0]).not.toHaveProperty("tokenHash");
    const all = await listAccessTokens({ db: database.db, userId: researcher.id, everyone: true });
    expect(all.length).toBeGreaterThanOrEqual(own.length);
  });
});
