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

/** How long a client is asked to wait (Retry-After, seconds) while the database is out of reach. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

// Node's socket errors when the database's address refuses, drops or never answers.
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
// SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now (starting up, shutting down).
const SHUTDOWN_STATES = new Set(["57P01", "57P02", "57P03"]);
// node-postgres says these without a code: the server went away mid-query, or the pool
// gave up waiting for a connection.
const DRIVER_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * Whether an error means the database could not be reached (refused, dropped, shutting down
 * or starting up) rather than that the request was wrong: that is worth a retry, and the
 * answer is 503. Reads the error, its causes (drizzle wraps driver errors) and an
 * AggregateError's parts (Node tries each address of a host).
 */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (SOCKET_CODES.has(code) || SHUTDOWN_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (DRIVER_MESSAGES.test(error.message)) return true;
  if (error instanceof AggregateError && error.errors.some((part) => isDatabaseUnreachable(part, depth + 1))) return true;
  return isDatabaseUnreachable((error as { cause?: unknown }).cause, depth + 1);
}

export function toAppError(error: unknown, context: string): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnreachable(error)) {
    console.error(`${context} failed, database unreachable: ${describeError(error)}`);
    return new AppError("errors.unavailable", 503);
  }
  console.error(`${context} failed: ${describeError(error)}`);
  return new AppError("errors.unexpected", 500);
}
