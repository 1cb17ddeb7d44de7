import "server-only";
import { runAction, type ActionResult } from "@/lib/action";
import { may, type Permission } from "@/lib/auth/permissions";
import { currentStaff, type StaffUser } from "./staff-session";

/**
 * The body of every staff server action: reads the session itself, refuses (401 without a
 * session, 403 for a role the permission table does not list) before the body runs, and
 * turns any failure into a result the form can show. Nothing is written on refusal.
 */
export async function staffAction<Data extends object = object, Extra extends { status: string } = never>(
  name: string,
  permission: Permission,
  body: (user: StaffUser) => Promise<ActionResult<NoInfer<Data>, NoInfer<Extra>>>,
): Promise<ActionResult<Data, Extra>> {
  return runAction<Data, Extra>(name, async () => {
    const user = await currentStaff();
    if (!user) return { status: "error", messageKey: "errors.signInFirst", httpStatus: 401 };
    if (!may(user.role, permission)) return { status: "error", messageKey: "errors.forbidden", httpStatus: 403 };
    return body(user);
  });
}
