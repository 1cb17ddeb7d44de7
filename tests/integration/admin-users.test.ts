import { asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createAccount, deleteAccount, resetPassword, updateAccount } from "@/app/[locale]/(staff)/staff/admin/users/actions";
import { currentStaff } from "@/server/auth/session";
import { getAuth } from "@/server/auth/better-auth";
import { rowsOf } from "@/db/client";
import { createStaffUser, deleteStaffAccount, findStaffUserByEmail, updateStaffAccess } from "@/db/queries/staff";
import { accounts, auditLog, sessions, users } from "@/db/schema";
import { seedReferenceData } from "@/scripts/seed";
import type { ActionResult } from "@/lib/action";
import type { Role } from "@/lib/auth/permissions";
import { uniqueName } from "../fixtures";
import { createStaffSessions, forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => (await import("../support/next-headers")).mockNextHeaders(request));

let database: Awaited<ReturnType<typeof freshDatabase>>;
let staff: Awaited<ReturnType<typeof createStaffSessions>>;
const PASSWORD = "a long enough test password";

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  await seedReferenceData(database.db);
  staff = await createStaffSessions(database.db);
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function actAs(role: Role | null) {
  request.headers = role ? await staff.headersFor(role) : new Headers();
}

/** A staff account to act on, with a unique e-mail so tests never share one. */
async function target({ role = "official" as Role, townCodes = [] as string[] } = {}) {
  const email = `${uniqueName("target")}@test.qala`;
  const id = await createStaffUser({ db: database.db, email, name: "Target", role, password: PASSWORD, townCodes });
  return { id, email };
}

async function signIn(email: string, password: string) {
  const { headers } = await (await getAuth()).api.signInEmail({ body: { email, password }, returnHeaders: true });
  return new Headers({ cookie: headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ") });
}

/** Everything an account action could change: users, their credentials and sessions, the audit log. */
async function snapshot() {
  const db = database.db;
  return {
    users: await db.select().from(users).orderBy(asc(users.id)),
    accounts: await db.select({ userId: accounts.userId, password: accounts.password }).from(accounts).orderBy(asc(accounts.id)),
    sessions: await db.select({ id: sessions.id }).from(sessions).orderBy(asc(sessions.id)),
    audit: (await db.select({ n: count() }).from(auditLog))[0]!.n,
  };
}

async function lastAudit() {
  const [entry] = await database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return entry!;
}

/** Calls an action as the admin and expects it refused with `expected`, with nothing written. */
async function expectRefused(call: () => Promise<ActionResult>, expected: ActionResult) {
  const before = await snapshot();
  expect(await call()).toEqual(expected);
  expect(await snapshot()).toEqual(before);
}

// Each action with a valid input against a fresh target account.
const validCalls: Record<string, () => Promise<() => Promise<ActionResult>>> = {
  createAccount: async () => () => createAccount({ name: "New Official", email: `${uniqueName("new")}@test.qala`, role: "official", townCodes: ["ridder"] }),
  updateAccount: async () => {
    const { id } = await target();
    return () => updateAccount({ userId: id, role: "researcher", townCodes: [] });
  },
  resetPassword: async () => {
    const { id } = await target();
    return () => resetPassword({ userId: id });
  },
  deleteAccount: async () => {
    const { id } = await target();
    return () => deleteAccount({ userId: id });
  },
};

describe("account actions refuse whoever may not manage users", () => {
  for (const [name, prepare] of Object.entries(validCalls)) {
    for (const role of ["official", "researcher", null] as const) {
      const httpStatus = role ? 403 : 401;
      it(`${name}: ${role ?? "no session"} gets ${httpStatus} and nothing is written`, async () => {
        const call = await prepare();
        await actAs(role);
        await expectRefused(call, { status: "error", messageKey: role ? "errors.forbidden" : "errors.signInFirst", httpStatus });
      });
    }
  }
});

describe("createAccount", () => {
  it("creates an official limited to towns, shows the one-time password once and audits without it", async () => {
    const log = [vi.spyOn(console, "log"), vi.spyOn(console, "info"), vi.spyOn(console, "warn"), vi.spyOn(console, "error")];
    await actAs("admin");
    const email = `${uniqueName("official")}@test.qala`;
    const result = await createAccount({ name: "  Aigerim Official ", email: `  ${email.toUpperCase()} `, role: "official", townCodes: ["ridder", "altai", "ridder"] });
    if (result.status !== "ok") throw new Error(`not created: ${JSON.stringify(result)}`);
    expect(result.oneTimePassword).toMatch(/^[\w-]{16}$/);

    const user = await findStaffUserByEmail({ db: database.db, email });
    expect(user).toMatchObject({ name: "Aigerim Official", email, role: "official", townCodes: ["altai", "ridder"] });
    const entry = await lastAudit();
    expect(entry).toMatchObject({ actorEmail: "admin@test.qala", action: "users.create", detail: { email, role: "official", townCodes: ["altai", "ridder"] } });
    expect(JSON.stringify(entry)).not.toContain(result.oneTimePassword);
    for (const spy of log) expect(JSON.stringify(spy.mock.calls)).not.toContain(result.oneTimePassword);

    const session = await currentStaff(await signIn(email, result.oneTimePassword));
    expect(session).toMatchObject({ email, role: "official", townCodes: ["altai", "ridder"] });
  });

  it("stores no towns for an admin or a researcher: they see every town", async () => {
    await actAs("admin");
    const email = `${uniqueName("researcher")}@test.qala`;
    expect(await createAccount({ name: "R", email, role: "researcher", townCodes: ["ridder"] })).toMatchObject({ status: "ok" });
    expect((await findStaffUserByEmail({ db: database.db, email }))?.townCodes).toEqual([]);
  });

  it("refuses a taken e-mail, whatever its case, as a field error", async () => {
    await actAs("admin");
    await expectRefused(() => createAccount({ name: "Copy", email: "Official@Test.Qala", role: "official", townCodes: [], allTowns: true }), {
      status: "invalid",
      fieldErrors: { email: ["adminUsers.errors.emailTaken"] },
    });
  });

  it("refuses a missing name, a bad e-mail, an unknown role and an unknown town", async () => {
    await actAs("admin");
    await expectRefused(() => createAccount({ name: " ", email: "not-an-address", role: "mayor", townCodes: [] }), {
      status: "invalid",
      fieldErrors: { name: ["adminUsers.errors.nameRequired"], email: ["adminUsers.errors.email"], role: ["adminUsers.errors.role"] },
    });
    await expectRefused(() => createAccount({ name: "N", email: `${uniqueName("n")}@test.qala`, role: "official", townCodes: ["atlantis"] }), {
      status: "invalid",
      fieldErrors: { townCodes: ["adminUsers.errors.unknownTown"] },
    });
  });
});

describe("updateAccount", () => {
  it("changes role and towns, audits both the new and the previous values, and the next request sees them", async () => {
    const { id, email } = await target({ townCodes: ["ridder"] });
    const theirSession = await signIn(email, PASSWORD);
    await actAs("admin");
    expect(await updateAccount({ userId: id, role: "official", townCodes: ["kurchatov", "serebryansk"] })).toEqual({ status: "ok" });
    expect(await lastAudit()).toMatchObject({
      action: "users.update",
      detail: { email, role: "official", townCodes: ["kurchatov", "serebryansk"], previousRole: "official", previousTownCodes: ["ridder"] },
    });
    expect(await currentStaff(theirSession)).toMatchObject({ role: "official", townCodes: ["kurchatov", "serebryansk"] });

    expect(await updateAccount({ userId: id, role: "admin", townCodes: ["ridder"] })).toEqual({ status: "ok" });
    expect(await currentStaff(theirSession)).toMatchObject({ role: "admin", townCodes: [] });
  });

  it("refuses an admin demoting themselves", async () => {
    await actAs("admin");
    const admin = await findStaffUserByEmail({ db: database.db, email: "admin@test.qala" });
    await expectRefused(() => updateAccount({ userId: admin!.id, role: "official", townCodes: [], allTowns: true }), {
      status: "invalid",
      fieldErrors: { role: ["adminUsers.errors.selfDemote"] },
    });
  });

  it("refuses an unknown account and an unknown town", async () => {
    await actAs("admin");
    await expectRefused(() => updateAccount({ userId: "no-such-user", role: "official", townCodes: [], allTowns: true }), { status: "error", messageKey: "adminUsers.errors.notFound", httpStatus: 404 });
    const { id } = await target();
    await expectRefused(() => updateAccount({ userId: id, role: "official", townCodes: ["atlantis"] }), { status: "invalid", fieldErrors: { townCodes: ["adminUsers.errors.unknownTown"] } });
    await expectRefused(() => updateAccount({ userId: id, role: "boss", townCodes: [] }), { status: "invalid", fieldErrors: { role: ["adminUsers.errors.role"] } });
  });
});

describe("resetPassword", () => {
  it("ends the old sessions, retires the old password, and the one-time password signs in", async () => {
    const { id, email } = await target();
    const oldSession = await signIn(email, PASSWORD);
    expect(await currentStaff(oldSession)).toMatchObject({ email });

    await actAs("admin");
    const result = await resetPassword({ userId: id });
    if (result.status !== "ok") throw new Error(`not reset: ${JSON.stringify(result)}`);

    expect(await currentStaff(oldSession)).toBeNull();
    await expect(signIn(email, PASSWORD)).rejects.toThrow();
    expect(await currentStaff(await signIn(email, result.oneTimePassword))).toMatchObject({ email });
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: "users.resetPassword", detail: { email } });
    expect(JSON.stringify(entry)).not.toContain(result.oneTimePassword);
  });

  it("refuses an admin's own account (they would be signed out before reading it) and an unknown account", async () => {
    await actAs("admin");
    const admin = await findStaffUserByEmail({ db: database.db, email: "admin@test.qala" });
    await expectRefused(() => resetPassword({ userId: admin!.id }), { status: "error", messageKey: "adminUsers.errors.selfReset", httpStatus: 409 });
    await expectRefused(() => resetPassword({ userId: "no-such-user" }), { status: "error", messageKey: "adminUsers.errors.notFound", httpStatus: 404 });
  });
});

describe("deleteAccount", () => {
  it("deletes the account with its sessions and audits it", async () => {
    const { id, email } = await target({ role: "researcher" });
    const theirSession = await signIn(email, PASSWORD);
    await actAs("admin");
    expect(await deleteAccount({ userId: id })).toEqual({ status: "ok" });
    expect(await findStaffUserByEmail({ db: database.db, email })).toBeUndefined();
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, id))).toEqual([]);
    expect(await currentStaff(theirSession)).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "users.delete", detail: { email, role: "researcher" } });
  });

  it("refuses an admin deleting themselves, and an unknown account", async () => {
    await actAs("admin");
    const admin = await findStaffUserByEmail({ db: database.db, email: "admin@test.qala" });
    await expectRefused(() => deleteAccount({ userId: admin!.id }), { status: "error", messageKey: "adminUsers.errors.selfDelete", httpStatus: 409 });
    await expectRefused(() => deleteAccount({ userId: "no-such-user" }), { status: "error", messageKey: "adminUsers.errors.notFound", httpStatus: 404 });
  });
});

// Through the actions, the last admin can only be lost in a race: a caller is an admin and
// may not remove themselves. Two admins removing each other at once is that race. It can
// only happen where two transactions run at the same time: on a Postgres server. Embedded
// PGlite has one connection and runs one transaction after the other, so there the two
// calls could never interleave, with the account lock or without it, and these tests
// could not fail: they run only on a server (DATABASE_URL; CI runs them there, through
// both drivers).
const onServer = Boolean(process.env.DATABASE_URL);

describe.skipIf(!onServer)("the last admin", () => {
  /**
   * Starts the calls so that they surely overlap: a third connection holds both accounts'
   * rows while they start, so each waits inside its own transaction (for a row, or for the
   * account lock behind the other), and lets go only once both wait. Without the account
   * lock, both would then check "another admin remains" before either commits.
   */
  async function atOnce<T>(userIds: string[], calls: Array<() => Promise<T>>) {
    let outcomes: Promise<PromiseSettledResult<T>[]> = Promise.resolve([]);
    await database.db.transaction(async (tx) => {
      await tx.select({ id: users.id }).from(users).where(inArray(users.id, userIds)).for("update");
      let settled = 0;
      outcomes = Promise.allSettled(calls.map((call) => call().finally(() => settled++)));
      for (;;) {
        const [row] = await rowsOf<{ waiting: number }>(
          database.db,
          sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (row!.waiting + settled >= calls.length) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    return outcomes;
  }

  async function twoAdmins() {
    // Only these two are admins, so no earlier test's admin counts.
    await database.db.update(users).set({ role: "official" }).where(eq(users.role, "admin"));
    return { a: await target({ role: "admin" }), b: await target({ role: "admin" }) };
  }
  async function admins() {
    return database.db.select({ email: users.email }).from(users).where(eq(users.role, "admin"));
  }
  afterEach(async () => {
    await database.db.update(users).set({ role: "official" }).where(eq(users.role, "admin"));
    await database.db.update(users).set({ role: "admin" }).where(eq(users.email, "admin@test.qala"));
  });

  it("cannot be demoted when two admins demote each other at the same time", async () => {
    const { a, b } = await twoAdmins();
    const db = database.db;
    const outcomes = await atOnce([a.id, b.id], [
      () => updateStaffAccess({ db, actor: a, userId: b.id, role: "official", townCodes: [], allTowns: true }),
      () => updateStaffAccess({ db, actor: b, userId: a.id, role: "official", townCodes: [], allTowns: true }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(outcomes.find((outcome) => outcome.status === "rejected")).toMatchObject({ reason: { messageKey: "adminUsers.errors.lastAdmin" } });
    expect(await admins()).toHaveLength(1);
  });

  it("cannot be deleted when two admins delete each other at the same time", async () => {
    const { a, b } = await twoAdmins();
    const db = database.db;
    const audits = (await db.select({ n: count() }).from(auditLog))[0]!.n;
    const outcomes = await atOnce([a.id, b.id], [() => deleteStaffAccount({ db, actor: a, userId: b.id }), () => deleteStaffAccount({ db, actor: b, userId: a.id })]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(outcomes.find((outcome) => outcome.status === "rejected")).toMatchObject({ reason: { messageKey: "adminUsers.errors.lastAdmin" } });
    expect(await admins()).toHaveLength(1);
    expect((await db.select({ n: count() }).from(auditLog))[0]!.n).toBe(audits + 1);
  });
});
