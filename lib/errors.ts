/**
 * An error the user may see: it carries a message key (translated by the page) and an
 * HTTP status, never SQL or a stack trace. Anything else is logged and shown as
 * "errors.unexpected".
 */
export class AppError extends Error {
  constructor(
    readonly messageKey: string,
    readonly status = 400,
    readonly field?: string,
  ) {
    super(messageKey);
    this.name = "AppError";
  }
}

export function toAppError(error: unknown, context: string): AppError {
  if (error instanceof AppError) return error;
  // The message of a driver error names tables and constraints, never answer values.
  console.error(`${context} failed:`, error instanceof Error ? error.message : error);
  return new AppError("errors.unexpected", 500);
}
