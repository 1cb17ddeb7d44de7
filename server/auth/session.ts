import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getAuth } from "@/server/auth/better-auth";
import { mayUseSessionCookie, requestSite } from "@/lib/auth/fetch-site";
import { env } from "@/lib/env";
import type { Role } from "@/lib/auth/permissions";
import { hasTownScope } from "@/lib/auth/account-schema";

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  townCodes: string[];
  allTowns: boolean;
  /** Signed in with a one-time password an admin made: may only change it (docs/decisions/0017). */
  passwordIsOneTime: boolean;
  /** A TOTP second factor is on (admins may turn one on). */
  twoFactorEnabled?: boolean;
}

/** The signed-in staff member, read from the session cookie and checked against Postgres. */
export async function currentStaff(requestHeaders?: Headers): Promise<StaffUser | null> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders ?? (await headers()) });
  if (!session) return null;
  const user = session.user as unknown as Omit<StaffUser, "passwordIsOneTime"> & { oneTimePasswordUntil?: Date | string | null; disabledAt?: Date | string | null };
  // Disabling ends the account's sessions (setAccountDisabled); this holds even if one remained.
  if (user.disabledAt != null) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    townCodes: user.townCodes ?? [],
    allTowns: user.allTowns === true,
    passwordIsOneTime: user.oneTimePasswordUntil != null,
    twoFactorEnabled: user.twoFactorEnabled === true,
  };
}

/** The one page (and its action) a session with a one-time password may use. */
export const CHANGE_PASSWORD_PATH = "/staff/password";

/**
 * For pages and server actions: the staff member if their role is one of `roles`; else a
 * redirect to sign in (no session) or 403 (wrong role). A one-time password leads to the
 * change-password page, whatever was asked for. Every page and action calls this itself:
 * nothing relies on middleware alone.
 */
export async function requireStaff(roles: Role[], { locale, next, oneTimePasswordAllowed = false }: { locale: string; next: string; oneTimePasswordAllowed?: boolean }): Promise<StaffUser> {
  const user = await currentStaff();
  if (!user) redirect(`/${locale}/login?next=${encodeURIComponent(next)}`);
  if (user.passwordIsOneTime && !oneTimePasswordAllowed) redirect(`/${locale}${CHANGE_PASSWORD_PATH}`);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

const oneTimeRefusal = () =>
  Response.json({ error: "password change required", message: "This account still has its one-time password: sign in on the staff pages and choose your own first." }, { status: 403 });

/** The 403 for a cookie-authenticated download another site's page started (lib/auth/fetch-site.ts). */
export const crossSiteRefusal = () =>
  Response.json(
    { error: "cross-site request", message: "Downloads with a staff session start from the Qala Pulse pages themselves. Open the page again, or use a personal access token." },
    { status: 403 },
  );

/** For route handlers (downloads by the session cookie): the staff member, or the 401/403 response to send instead. */
export async function staffOrResponse(request: Request, roles: Role[]): Promise<StaffUser | Response> {
  if (!mayUseSessionCookie(...requestSite(request, env.APP_URL))) return crossSiteRefusal();
  const user = await currentStaff(request.headers);
  if (!user) return Response.json({ error: "unauthorized", message: "Sign in first." }, { status: 401 });
  if (user.passwordIsOneTime) return oneTimeRefusal();
  if (!roles.includes(user.role)) return Response.json({ error: "forbidden", message: "Your role may not do this." }, { status: 403 });
  return user;
}

/** The refusal for any request made with a one-time password still unchanged, or null. */
export function refuseOneTimePassword(user: Pick<StaffUser, "passwordIsOneTime">): Response | null {
  return user.passwordIsOneTime ? oneTimeRefusal() : null;
}

/**
 * Whether this staff member may see this town. Fails closed: an official or a supervisor
 * sees the towns listed, or every town only when the account says "all towns"; an empty
 * list is none. Other roles are not scoped by town. The one town-scope rule: fieldwork
 * (server/fieldwork/scope.ts) and posters (server/posters/poster.ts) add their permission to it.
 */
export function maySeeTown(user: Pick<StaffUser, "role" | "allTowns" | "townCodes">, townCode: string): boolean {
  if (!hasTownScope(user.role)) return true;
  return user.allTowns || user.townCodes.includes(townCode);
}
