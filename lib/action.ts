import { AppError, toAppError } from "./errors";

/**
 * What every server action returns: the form shows field errors or one message by key.
 * An action that hands something back on success (a one-time password) names it in `Data`.
 */
export type ActionResult<Data extends object = object> =
  | ({ status: "ok" } & Data)
  | { status: "invalid"; fieldErrors: Record<string, string[]> }
  | { status: "error"; messageKey: string; httpStatus?: number };

/** Runs an action body and turns any failure into a result the form can show. */
export async function runAction<Data extends object = object>(name: string, body: () => Promise<ActionResult<NoInfer<Data>>>): Promise<ActionResult<Data>> {
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
