import "server-only";
import { AppError } from "@/lib/errors";
import { may, type Role } from "@/lib/auth/permissions";
import { maySeeTown } from "@/server/auth/session";

type Caller = { role: Role; allTowns: boolean; townCodes: string[] };

/**
 * Whether this staff member runs fieldwork in this town: an admin everywhere, a supervisor
 * in the towns of their account (or all, when it says so). Fails closed: an empty list is none.
 */
export function maySuperviseTown(user: Caller, townCode: string): boolean {
  return may(user.role, "fieldwork.supervise") && maySeeTown(user, townCode);
}

/** The towns the member supervises: null for all of them. */
export function supervisedTowns(user: Caller): string[] | null {
  if (!may(user.role, "fieldwork.supervise")) return [];
  return user.role === "admin" || user.allTowns ? null : user.townCodes;
}

/** Refuses (403) anyone who does not run fieldwork in this town. */
export function requireTownScope(user: Caller, townCode: string) {
  if (!maySuperviseTown(user, townCode)) throw new AppError("errors.forbidden", 403);
}
