import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAccount, setAccountDisabled } from "@/app/[locale]/(staff)/staff/admin/users/actions";
import { closeAssignment, createAssignment, reviewInterview } from "@/app/[locale]/(staff)/staff/fieldwork/actions";
import { findStaffUserByEmail, listStaffUsers } from "@/db/queries/staff";
import { listInterviewers } from "@/db/queries/fieldwork";
import { auditLog } from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { createStaffSessions, forgetTestDatabase, ROLES, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

// The accounts side of fieldwork, through the server actions: an admin makes supervisors with
// their towns and disables and enables accounts; every fieldwork action refuses (403) the roles
// without "fieldwork.supervise".
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => (await import("../support/next-headers")).mockNextHeaders(request));

let database: Awaited<ReturnType<typeof freshDatabase>>;
let staff: Awaited<ReturnType<typeof createStaffSessions>>;

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: 2 });
  staff = await createStaffSessions(database.db, { townCodes: { supervisor: ["ridder"] } });
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});

const actAs = async (role: Role) => {
  request.headers = await staff.headersFor(role);
};

describe("fieldwork accounts", () => {
  it("makes a supervisor with a town list, and an interviewer with none", async () => {
    await actAs("admin");
    expect((await createAccount({ name: "Sup", email: "sup@test.qala", role: "supervisor", townCodes: ["ridder", "altai"] })).status).toBe("ok");
    expect((await createAccount({ name: "Int", email: "int@test.qala", role: "interviewer", townCodes: ["ridder"] })).status).toBe("ok");
    expect(await findStaffUserByEmail({ db: database.db, email: "sup@test.qala" })).toMatchObject({ role: "supervisor", townCodes: ["altai", "ridder"], allTowns: false });
    expect(await findStaffUserByEmail({ db: database.db, email: "int@test.qala" })).toMatchObject({ role: "interviewer", townCodes: [], allTowns: true });
  });

  it("disables an interviewer (no longer offered for assignments, shown disabled, audited) and enables them again", async () => {
    await actAs("admin");
    const interviewer = (await findStaffUserByEmail({ db: database.db, email: "int@test.qala" }))!;
    expect(await setAccountDisabled({ userId: interviewer.id, disabled: true })).toEqual({ status: "ok" });
    expect((await listStaffUsers({ db: database.db })).find((row) => row.id === interviewer.id)!.disabled).toBe(true);
    expect((await listInterviewers({ db: database.db })).map((row) => row.id)).not.toContain(interviewer.id);
    expect((await database.db.select().from(auditLog).where(eq(auditLog.action, "users.disable")))[0]).toMatchObject({ actorEmail: "admin@test.qala", detail: { userId: interviewer.id } });
    expect(await setAccountDisabled({ userId: interviewer.id, disabled: false })).toEqual({ status: "ok" });
    expect((await listStaffUsers({ db: database.db })).find((row) => row.id === interviewer.id)!.disabled).toBe(false);
    expect((await listInterviewers({ db: database.db })).map((row) => row.id)).toContain(interviewer.id);
  });

  it("refuses an admin disabling their own account, and everyone else disabling any", async () => {
    await actAs("admin");
    const admin = (await findStaffUserByEmail({ db: database.db, email: "admin@test.qala" }))!;
    expect(await setAccountDisabled({ userId: admin.id, disabled: true })).toMatchObject({ status: "error", messageKey: "supervision.errors.selfDisable" });
    for (const role of ROLES.filter((r) => r !== "admin")) {
      await actAs(role);
      expect(await setAccountDisabled({ userId: admin.id, disabled: true })).toMatchObject({ status: "error", messageKey: "errors.forbidden" });
    }
    expect((await findStaffUserByEmail({ db: database.db, email: "admin@test.qala" }))!.disabledAt).toBeNull();
  });

  it("refuses every fieldwork action to the roles that do not supervise, and lets the supervisor act in their town", async () => {
    const interviewer = (await findStaffUserByEmail({ db: database.db, email: "int@test.qala" }))!;
    const input = { waveSlug: DEMO_WAVE_SLUG, townCode: "ridder", interviewerId: interviewer.id, target: 8 };
    for (const role of ROLES.filter((r) => r !== "admin" && r !== "supervisor")) {
      await actAs(role);
      expect(await createAssignment(input)).toMatchObject({ status: "error", messageKey: "errors.forbidden" });
      expect(await closeAssignment({ assignmentId: 1 })).toMatchObject({ status: "error", messageKey: "errors.forbidden" });
      expect(await reviewInterview({ responseId: "00000000-0000-4000-8000-000000000000", decision: "approve", reason: "" })).toMatchObject({ status: "error", messageKey: "errors.forbidden" });
    }
    await actAs("supervisor");
    expect(await createAssignment(input)).toEqual({ status: "ok", cells: 8 });
    expect(await createAssignment({ ...input, townCode: "altai" })).toMatchObject({ status: "error", messageKey: "errors.forbidden" });
    expect(await createAssignment({ ...input, target: 0 })).toMatchObject({ status: "invalid", fieldErrors: { target: ["supervision.errors.target"] } });
    expect(await reviewInterview({ responseId: "00000000-0000-4000-8000-000000000000", decision: "reject", reason: "" })).toMatchObject({ status: "invalid", fieldErrors: { reason: ["supervision.errors.reasonRequired"] } });
    expect(await reviewInterview({ responseId: "00000000-0000-4000-8000-000000000000", decision: "reject", reason: "x".repeat(501) })).toMatchObject({ status: "invalid", fieldErrors: { reason: ["supervision.errors.reasonTooLong"] } });
  });
});
