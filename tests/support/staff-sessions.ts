import { getAuth } from "@/server/auth/better-auth";
import type { Db } from "@/db/client";
import { createStaffUser } from "@/db/queries/staff";
import { ROLES as ALL_ROLES, type Role } from "@/lib/auth/permissions";

/** Staff sessions for calling server actions in tests: see ./next-headers.ts. */

/** Every staff role (lib/auth/permissions.ts), so the role walks cover a new role without being told. */
export const ROLES: Role[] = [...ALL_ROLES];
const PASSWORD = "a long enough test password";

/** One account per role (e-mail `<role>@test.qala`), and request headers carrying its session. */
export async function createStaffSessions(db: Db, { townCodes = {} as Partial<Record<Role, string[]>> } = {}) {
  for (const role of ROLES) {
    await createStaffUser({ db, email: `${role}@test.qala`, name: `Test ${role}`, role, password: PASSWORD, townCodes: townCodes[role] ?? [] });
  }
  return {
    async headersFor(role: Role): Promise<Headers> {
      const { headers } = await (await getAuth()).api.signInEmail({ body: { email: `${role}@test.qala`, password: PASSWORD }, returnHeaders: true });
      return new Headers({ cookie: headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ") });
    },
  };
}

/** Points the app's getDb() at a test database; undo with `forgetTestDatabase`. */
export function useTestDatabase(connection: unknown) {
  (globalThis as { qalaConnection?: Promise<unknown> }).qalaConnection = Promise.resolve(connection);
}

export function forgetTestDatabase() {
  delete (globalThis as { qalaConnection?: unknown }).qalaConnection;
  delete (globalThis as { qalaAuth?: unknown }).qalaAuth;
}
