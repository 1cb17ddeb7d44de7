/**
 * Postgres error codes (SQLSTATE) the app answers differently, read in one place: each
 * driver (PGlite, node-postgres, Vercel) reports the code on the error itself or, wrapped by
 * drizzle, on its `cause`.
 */
export const PG = {
  uniqueViolation: "23505",
  foreignKeyViolation: "23503",
  deadlockDetected: "40P01",
} as const;

export function pgErrorCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; cause?: { code?: unknown } } | null | undefined;
  const code = candidate?.cause?.code ?? candidate?.code;
  return typeof code === "string" ? code : undefined;
}
