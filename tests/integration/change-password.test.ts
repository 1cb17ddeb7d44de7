import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { changeOwnPassword } from "@/app/[locale]/(staff)/staff/password/actions";
import { currentStaff } from "@/server/auth/session";
import { getAuth } from "@/server/auth/better-auth";
import { createStaffUser } from "@/db/queries/staff";
import { accounts, auditLog } from "@/db/schema";
import { uniqueName } from "../fixtures";
import { forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => (await import("../support/next-headers")).mockNextHeaders(request));
vi.mock("@/server/auth/slow-down", () => ({ slowDown: async () => undefined }));

let database: Awaited<ReturnType<typeof freshDatabase>>;
const ONE_TIME = "one-time password from the admin";
const CHOSEN = "a password only I know, 2026";

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});

async function signIn(email: string, password: string) {
  const { headers } = await (await getAuth()).api.signInEmail({ body: { email, password }, returnHeaders: true });
  return new Headers({ cookie: headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ") });
}

/** A researcher with a password someone else chose, signed in twice (here and on another device). */
async function signedIn() {
  const email = `${uniqueName("researcher")}@test.qala`;
  const id = await createStaffUser({ db: database.db, email, name: "Researcher", role: "researcher", password: ONE_TIME });
  request.headers = await signIn(email, ONE_TIME);
  return { id, email, otherDevice: await signIn(email, ONE_TIME) };
}

async function passwordHashOf(userId: string) {
  const [account] = await database.db.select({ password: accounts.password }).from(accounts).where(eq(accounts.userId, userId));
  return account!.password;
}

describe("changeOwnPassword", () => {
  it("replaces the password, ends the other sessions and audits without any password", async () => {
    const { id, email, otherDevice } = await signedIn();
    expect(await changeOwnPassword({ currentPassword: ONE_TIME, newPassword: CHOSEN, confirmPassword: CHOSEN })).toEqual({ status: "ok" });

    await expect(signIn(email, ONE_TIME)).rejects.toThrow();
    expect(await currentStaff(await signIn(email, CHOSEN))).toMatchObject({ id, email });
    expect(await currentStaff(otherDevice)).toBeNull();

    const [entry] = await database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ actorId: id, actorEmail: email, action: "users.changeOwnPassword", detail: { email } });
    expect(JSON.stringify(entry)).not.toContain(ONE_TIME);
    expect(JSON.stringify(entry)).not.toContain(CHOSEN);
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const { id, email, otherDevice } = await signedIn();
    const hash = await passwordHashOf(id);
    expect(await changeOwnPassword({ currentPassword: "not my password at all", newPassword: CHOSEN, confirmPassword: CHOSEN })).toEqual({
      status: "invalid",
      fieldErrors: { currentPassword: ["changePassword.errors.wrongCurrent"] },
    });
    expect(await passwordHashOf(id)).toBe(hash);
    expect(await currentStaff(otherDevice)).toMatchObject({ email });
    expect(await database.db.select().from(auditLog).where(eq(auditLog.actorId, id))).toEqual([]);
  });

  it("refuses a short, unconfirmed or unchanged new password before checking anything", async () => {
    const { id } = await signedIn();
    const hash = await passwordHashOf(id);
    expect(await changeOwnPassword({ currentPassword: ONE_TIME, newPassword: "too short", confirmPassword: "too short" })).toEqual({
      status: "invalid",
      fieldErrors: { newPassword: ["changePassword.errors.tooShort"] },
    });
    expect(await changeOwnPassword({ currentPassword: ONE_TIME, newPassword: CHOSEN, confirmPassword: `${CHOSEN}!` })).toEqual({
      status: "invalid",
      fieldErrors: { confirmPassword: ["changePassword.errors.mismatch"] },
    });
    expect(await changeOwnPassword({ currentPassword: ONE_TIME, newPassword: ONE_TIME, confirmPassword: ONE_TIME })).toEqual({
      status: "invalid",
      fieldErrors: { newPassword: ["changePassword.errors.unchanged"] },
    });
    expect(await passwordHashOf(id)).toBe(hash);
  });

  it("answers 401 without a session and changes nothing", async () => {
    const { id } = await signedIn();
    const hash = await passwordHashOf(id);
    request.headers = new Headers();
    expect(await changeOwnPassword({ currentPassword: ONE_TIME, newPassword: CHOSEN, confirmPassword: CHOSEN })).toEqual({
      status: "error",
      messageKey: "errors.signInFirst",
      httpStatus: 401,
    });
    expect(await passwordHashOf(id)).toBe(hash);
  });
});
