import { AppError, toAppError } from "./errors";

/** What every server action returns: the form shows field errors or one message by key. */
export type ActionResult =
  | { status: "ok" }
  | { status: "invalid"; fieldErrors: Record<string, string[]> }
  | { status: "error"; messageKey: string; httpStatus?: number };

/** Runs an action body and turns any failure into a result the form can show. */
export async function runAction(name: string, body: () => Promise<ActionResult>): Promise<ActionResult> {
  try {
    return await body();
  } catch (error) {
    const appError = toAppError(error, name);
    if (appError.field) return { status: "invalid", fieldErrors: { [appError.field]: [appError.messageKey] } };
    return { status: "error", messageKey: appError.messageKey, httpStatus: appError.status };
  }
}

export { AppError };

/** The HTTP status that goes with a result when it is sent by a route handler. */
export function submissionStatus(result: ActionResult): number {
  if (result.status === "ok") return 200;
  if (result.status === "invalid") return 422;
  return result.httpStatus ?? 500;
}
