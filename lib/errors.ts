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

/**
 * What may be logged about an unexpected error: its class name and, for a database error,
 * its SQLSTATE. Never its message: drizzle's query errors carry the statement and its
 * parameters (a resident's answers), and driver messages quote the offending value.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const cause = (error as { cause?: unknown }).cause;
  const code = (error as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code;
  const sqlState = typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? ` (SQLSTATE ${code})` : "";
  const causeName = cause instanceof Error && cause.name !== error.name ? ` caused by ${cause.name}` : "";
  return `${error.name}${causeName}${sqlState}`;
}

export function toAppError(error: unknown, context: string): AppError {
  if (error instanceof AppError) return error;
  console.error(`${context} failed: ${describeError(error)}`);
  return new AppError("errors.unexpected", 500);
}
