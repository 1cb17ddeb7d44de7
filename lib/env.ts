import { z } from "zod";

/**
 * The one place that reads process.env. Everything else imports `env`.
 * Which database the app uses follows from what is set (see db/client.ts):
 * POSTGRES_URL (Vercel), else DATABASE_URL (any Postgres), else embedded PGlite.
 */
const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  POSTGRES_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  PGLITE_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data/pglite")),
  DISCLOSURE_MIN_CELL: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(3).default(10)),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof envSchema>;

function parseEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".")).join(", ");
    // Only the names of the bad variables: their values may be secrets.
    throw new Error(`Invalid environment variables: ${fields}`);
  }
  return parsed.data;
}

export const env = parseEnv();

export type DatabaseTarget = "vercel" | "server" | "embedded";

export function databaseTarget(e: Env = env): DatabaseTarget {
  if (e.POSTGRES_URL) return "vercel";
  if (e.DATABASE_URL) return "server";
  return "embedded";
}
