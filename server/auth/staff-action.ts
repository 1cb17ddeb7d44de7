import "server-only";
import * as z from "zod/mini";
import { runAction, type ActionResult } from "@/lib/action";
import { may, type Permission } from "@/lib/auth/permissions";
import { fieldErrorsOf } from "@/lib/field-errors";
import { currentStaff, type StaffUser } from "./session";

type Result<Data extends object, Extra extends { status: string }> = ActionResult<NoInfer<Data>, NoInfer<Extra>>;

/**
 * Every staff server action, made in one line: `staffAction(name, schema, permission, body)`.
 * The action reads the session itself and refuses (401 without a session, 403 for a role the
 * permission table does not list) before anything else; then it validates the input with
 * the form's own schema and answers every field's errors at once; only then does the body run,
 * with the parsed input and the staff member. A body that returns nothing has succeeded. Any
 * failure becomes a result the form can show; nothing is written on refusal.
 */
export function staffAction<Schema extends z.ZodMiniType, Data extends object = object, Extra extends { status: string } = never>(
  name: string,
  schema: Schema,
  permission: Permission,
  body: (input: z.output<Schema>, user: StaffUser) => Promise<Result<Data, Extra> | void>,
): (input?: unknown) => Promise<ActionResult<Data, Extra>> {
  return (input) =>
    runAction<Data, Extra>(name, async () => {
      const user = await currentStaff();
      if (!user) return { status: "error", messageKey: "errors.signInFirst", httpStatus: 401 };
      // A one-time password may do one thing: be replaced (docs/decisions/0017).
      if (user.passwordIsOneTime && permission !== "password.changeOwn") return { status: "error", messageKey: "errors.changePasswordFirst", httpStatus: 403 };
      if (!may(user.role, permission)) return { status: "error", messageKey: "errors.forbidden", httpStatus: 403 };
      return validated(schema, input, (data) => body(data, user));
    });
}

/** The same for the one action anyone may call (signing in): validated by its schema, no session asked. */
export function publicAction<Schema extends z.ZodMiniType, Data extends object = object, Extra extends { status: string } = never>(
  name: string,
  schema: Schema,
  body: (input: z.output<Schema>) => Promise<Result<Data, Extra> | void>,
): (input?: unknown) => Promise<ActionResult<Data, Extra>> {
  return (input) =>
    runAction<Data, Extra>(name, () => validated(schema, input, body));
}

/** Every field's errors when the input fails the schema; else the body's result, "ok" when it returns nothing. */
async function validated<Schema extends z.ZodMiniType, Data extends object, Extra extends { status: string }>(
  schema: Schema,
  input: unknown,
  body: (input: z.output<Schema>) => Promise<Result<Data, Extra> | void>,
): Promise<ActionResult<Data, Extra>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  return (await body(parsed.data)) ?? ({ status: "ok" } as Result<Data, Extra>);
}
