import { AppError, toAppError } from "./errors";

/**
 * What every server action returns: the form shows field errors or one message by key. An
 * action that answers with more (an import's preview) names its own outcomes in `Extra`.
 */
export type ActionResult<Extra extends { status: string } = never> =
  | { status: "ok" }
  | { status: "invalid"; fieldErrors: Record<string, string[]> }
  | { status: "error"; messageKey: string; httpStatus?: number }
  | Extra;

/** Runs an action body and turns any failure into a result the form can show. */
export async function runAction<Extra extends { status: string } = never>(name: string, body: () => Promise<ActionResult<Extra>>): Promise<ActionResult<Extra>> {
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
