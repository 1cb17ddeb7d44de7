import * as z from "zod/mini";
import { safeText } from "@/lib/safe-text";
import { ROLES, type Role } from "./permissions";

/** Staff account forms, for the form (zodResolver) and the action (safeParse). */

export { ROLES };

const role = z.enum(ROLES, { error: "adminUsers.errors.role" });
const townCodes = z.array(z.string({ error: "adminUsers.errors.unknownTown" }).check(safeText()), { error: "adminUsers.errors.unknownTown" }).check(z.maxLength(500, { error: "adminUsers.errors.unknownTown" }));
// Left out, it is false: an official sees the towns listed and no others (fails closed).
const allTowns = z.optional(z.boolean({ error: "adminUsers.errors.unknownTown" }));
const userId = z.string({ error: "adminUsers.errors.notFound" }).check(z.minLength(1, { error: "adminUsers.errors.notFound" }), z.maxLength(100, { error: "adminUsers.errors.notFound" }), safeText());

export const createAccountSchema = z.object({
  name: z.string({ error: "adminUsers.errors.nameRequired" }).check(z.trim(), z.minLength(1, { error: "adminUsers.errors.nameRequired" }), z.maxLength(120, { error: "adminUsers.errors.nameTooLong" }), safeText()),
  email: z.string({ error: "adminUsers.errors.email" }).check(z.trim(), z.toLowerCase(), z.email({ error: "adminUsers.errors.email" }), z.maxLength(254, { error: "adminUsers.errors.email" }), safeText()),
  role,
  townCodes,
  allTowns,
});
export type CreateAccountInput = z.input<typeof createAccountSchema>;

export const updateAccountSchema = z.object({ userId, role, townCodes, allTowns });
export type UpdateAccountInput = z.input<typeof updateAccountSchema>;

export const accountIdSchema = z.object({ userId });

export const accountDisabledSchema = z.object({ userId, disabled: z.boolean({ error: "errors.unexpected" }) });

/** Roles limited to chosen towns: officials see their towns' results, supervisors run fieldwork there. */
export function hasTownScope(role: Role): boolean {
  return role === "official" || role === "supervisor";
}

/**
 * The town scope stored for an account. Officials and supervisors are limited to towns: the
 * towns listed, or all towns when said so explicitly; an empty list means none (fails closed).
 * Admins, researchers and interviewers (whose assignments name their towns) have no town
 * list, so a choice made for them is dropped.
 */
export function accountTowns(role: Role, townCodes: readonly string[], allTowns = false): { townCodes: string[]; allTowns: boolean } {
  if (!hasTownScope(role) || allTowns) return { townCodes: [], allTowns: true };
  return { townCodes: [...new Set(townCodes)].sort(), allTowns: false };
}
