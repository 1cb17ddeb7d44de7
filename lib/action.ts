import { AppError, toAppError, UNAVAILABLE_RETRY_AFTER_SECONDS } from "./errors";
import { secondsUntilNextDayInKazakhstan } from "./time";

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
 * (503) the client is asked to come back in a few seconds; an address past its day's
 * submissions (429) when the next day begins in Kazakhstan. The phone's outbox honours
 * both, waiting at most ten minutes, so it does not knock every half minute all day.
 */
export function resultHeaders(result: ActionResult, now = new Date()): Record<string, string> {
  if (result.status !== "error") return {};
  if (result.httpStatus === 503) return { "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS) };
  if (result.httpStatus === 429 && (result.messageKey === "errors.rateLimited" || result.messageKey === "fieldwork.errors.rateLimited")) return { "retry-after": String(secondsUntilNextDayInKazakhstan(now)) };
  return {};
}
