import { AppError, toAppError, UNAVAILABLE_RETRY_AFTER_SECONDS } from "./errors";

/**
 * What every server action returns: the form shows field errors or one message by key.
 * An action that hands something back on success (a one-time password) names it in `Data`;
 * one that answers with outcomes of its own (an import's preview) names them in `Extra`.
 */
export type ActionResult<Data extends object = object, Extra extends { status: string } = never> =
  | ({ status: "ok" } & Data)
  | { status: "invalid"; fieldErrors: Record<string, string[]> }
  | { status: "error"; messageKey: string; httpStatus?: number }
  | Extra;

/** Runs an action body and turns any failure into a result the form can show. */
export async function runAction<Data extends object = object, Extra extends { status: string } = never>(
  name: string,
  body: () => Promise<ActionResult<NoInfer<Data>, NoInfer<Extra>>>,
): Promise<ActionResult<Data, Extra>> {
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

/**
 * Headers that go with a result sent by a route handler: while the database is out of reach
 * (503) the client is asked to come back in a few seconds (the phone's outbox does).
 */
export function resultHeaders(result: ActionResult): Record<string, string> {
  return result.status === "error" && result.httpStatus === 503 ? { "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS) } : {};
}
