import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { staffAction } from "@/app/staff-action";
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
    expect(await staffAction("test", "users.manage", body)).toEqual({ status: "error", messageKey: "errors.signInFirst", httpStatus: 401 });
    expect(body).not.toHaveBeenCalled();
  });

  for (const permission of Object.keys(permissions) as Permission[]) {
    for (const role of ROLES) {
      const allowed = (permissions[permission] as readonly string[]).includes(role);
      it(`${allowed ? "runs" : "refuses with 403"} ${permission} for ${role}`, async () => {
        request.headers = await sessions.headersFor(role);
        const body = vi.fn(async () => ({ status: "ok" as const }));
        const result = await staffAction("test", permission, body);
        if (allowed) {
          expect(result).toEqual({ status: "ok" });
          expect(body).toHaveBeenCalledWith(expect.objectContaining({ role, email: `${role}@test.qala` }));
        } else {
          expect(result).toEqual({ status: "error", messageKey: "errors.forbidden", httpStatus: 403 });
          expect(body).not.toHaveBeenCalled();
        }
      });
    }
  }
});
