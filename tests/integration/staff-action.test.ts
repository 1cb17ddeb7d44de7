import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";
import { staffAction } from "@/server/auth/staff-action";
import { permissions, ROLES as ALL_ROLES, type Permission } from "@/lib/auth/permissions";
import { GET as auditRoute } from "@/app/api/v1/admin/audit/route";
import { GET as codebookRoute } from "@/app/api/v1/waves/[wave]/codebook/route";
import { GET as exportRoute } from "@/app/api/v1/waves/[wave]/export/route";
import { GET as pabulibRoute } from "@/app/api/v1/waves/[wave]/towns/[town]/priorities.pb/route";
import { GET as assignmentsRoute } from "@/app/api/fieldwork/assignments/route";
import { POST as devicesRoute } from "@/app/api/fieldwork/devices/route";
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
  it("walks every role there is", () => {
    expect([...ROLES].sort()).toEqual([...ALL_ROLES].sort());
    expect(ROLES).toEqual(expect.arrayContaining(["interviewer", "supervisor"]));
  });

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

/** The research API's routes, each called as a client would. */
const researchRoutes: [string, (headers: Headers) => Promise<Response>][] = [
  ["export", (headers) => exportRoute(new Request("http://localhost/api/v1/waves/any-wave/export", { headers }), { params: Promise.resolve({ wave: "any-wave" }) })],
  ["codebook", (headers) => codebookRoute(new Request("http://localhost/api/v1/waves/any-wave/codebook?file=codebook", { headers }), { params: Promise.resolve({ wave: "any-wave" }) })],
  ["priorities.pb", (headers) => pabulibRoute(new Request("http://localhost/api/v1/waves/any-wave/towns/ridder/priorities.pb", { headers }), { params: Promise.resolve({ wave: "any-wave", town: "ridder" }) })],
  ["audit", (headers) => auditRoute(new Request("http://localhost/api/v1/admin/audit", { headers }))],
];

describe("fieldwork roles on the API", () => {
  for (const [name, call] of researchRoutes) {
    for (const role of ["interviewer", "supervisor"] as const) {
      it(`refuses ${name} to a signed-in ${role} (403)`, async () => {
        expect((await call(await sessions.headersFor(role))).status).toBe(403);
      });
    }
    it(`refuses ${name} to an interviewer's device credential (401)`, async () => {
      const issued = await devicesRoute(new Request("http://localhost/api/fieldwork/devices", { method: "POST", headers: { "x-forwarded-for": "10.4.0.1" }, body: JSON.stringify({ email: "interviewer@test.qala", password: "a long enough test password" }) }));
      expect(issued.status).toBe(201);
      const { credential } = (await issued.json()) as { credential: string };
      expect((await call(new Headers({ authorization: `Bearer ${credential}` }))).status).toBe(401);
    });
  }

  it("gives the device routes nothing for a staff session cookie, the interviewer's own included (401)", async () => {
    for (const role of ROLES) {
      const response = await assignmentsRoute(new Request("http://localhost/api/fieldwork/assignments", { headers: await sessions.headersFor(role) }));
      expect(response.status).toBe(401);
    }
  });

  it("signs a device in for the interviewer only (403 for every other role)", async () => {
    for (const role of ROLES) {
      const response = await devicesRoute(new Request("http://localhost/api/fieldwork/devices", { method: "POST", headers: { "x-forwarded-for": `10.5.0.${ROLES.indexOf(role) + 1}` }, body: JSON.stringify({ email: `${role}@test.qala`, password: "a long enough test password" }) }));
      expect(response.status).toBe(role === "interviewer" ? 201 : 403);
    }
  });
});
