import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getAuth } from "@/server/auth/better-auth";
import type { Role } from "@/lib/auth/permissions";

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  townCodes: string[];
}

/** The signed-in staff member, read from the session cookie and checked against Postgres. */
export async function currentStaff(requestHeaders?: Headers): Promise<StaffUser | null> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders ?? (await headers()) });
  if (!session) return null;
  const user = session.user as unknown as StaffUser;
  return { id: user.id, email: user.email, name: user.name, role: user.role, townCodes: user.townCodes ?? [] };
}

/**
 * For pages and server actions: the staff member if their role is one of `roles`; else a
 * redirect to sign in (no session) or 403 (wrong role). Every page and action calls this
 * itself: nothing relies on middleware alone.
 */
export async function requireStaff(roles: Role[], { locale, next }: { locale: string; next: string }): Promise<StaffUser> {
  const user = await currentStaff();
  if (!user) redirect(`/${locale}/login?next=${encodeURIComponent(next)}`);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/** For route handlers: the staff member, or the 401/403 response to send instead. */
export async function staffOrResponse(request: Request, roles: Role[]): Promise<StaffUser | Response> {
  const user = await currentStaff(request.headers);
  if (!user) return Response.json({ error: "unauthorized", message: "Sign in first." }, { status: 401 });
  if (!roles.includes(user.role)) return Response.json({ error: "forbidden", message: "Your role may not do this." }, { status: 403 });
  return user;
}

/** Whether an official limited to some towns may see this town. */
export function maySeeTown(user: StaffUser, townCode: string): boolean {
  return user.role === "admin" || user.townCodes.length === 0 || user.townCodes.includes(townCode);
}
