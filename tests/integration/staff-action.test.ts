import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";
import { staffAction } from "@/server/auth/staff-action";
import { permissions, type Permission } from "@/lib/auth/permissions";
import { createStaffSessions, forgetTestDatabase, ROLES, useTestDatabase } from "../support/staff-sessions";
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

describe("staffAction", () => {
  it("answers 401 without a session and never runs the body", async () => {
    request.headers = new Headers();
    const body = vi.fn(async () => ({ status: "ok" as const }));
    expect(await staffAction("test", z.unknown(), "users.manage", body)({})).toEqual({ status: "error", messageKey: "errors.signInFirst", httpStatus: 401 });
    expect(body).not.toHaveBeenCalled();
  });

  for (const permission of Object.keys(permissions) as Permission[]) {
    for (const role of ROLES) {
      const allowed = (permissions[permission] as readonly string[]).includes(role);
      it(`${allowed ? "runs" : "refuses with 403"} ${permission} for ${role}`, async () => {
        request.headers = await sessions.headersFor(role);
        const body = vi.fn(async (_input: { n: number }) => ({ status: "ok" as const }));
        const result = await staffAction("test", z.object({ n: z.number() }), permission, body)({ n: 1 });
        if (allowed) {
          expect(result).toEqual({ status: "ok" });
          expect(body).toHaveBeenCalledWith({ n: 1 }, expect.objectContaining({ role, email: `${role}@test.qala` }));
        } else {
          expect(result).toEqual({ status: "error", messageKey: "errors.forbidden", httpStatus: 403 });
          expect(body).not.toHaveBeenCalled();
        }
      });
    }
  }

  it("validates the input with the schema after the permission, answering every field's errors, and never runs the body on bad input", async () => {
    request.headers = await sessions.headersFor("admin");
    const body = vi.fn(async () => undefined);
    const schema = z.object({ name: z.string({ error: "errors.required" }), count: z.number({ error: "errors.invalid" }) });
    expect(await staffAction("test", schema, "users.manage", body)({ count: "x" })).toEqual({
      status: "invalid",
      fieldErrors: { name: ["errors.required"], count: ["errors.invalid"] },
    });
    expect(body).not.toHaveBeenCalled();
    // A body that returns nothing has succeeded.
    expect(await staffAction("test", schema, "users.manage", body)({ name: "a", count: 1 })).toEqual({ status: "ok" });
  });

  it("refuses a wrong role before looking at the input", async () => {
    request.headers = await sessions.headersFor("researcher");
    expect(await staffAction("test", z.object({ n: z.number() }), "users.manage", async () => undefined)({ n: "bad" })).toEqual({
      status: "error",
      messageKey: "errors.forbidden",
      httpStatus: 403,
    });
  });
});
