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
  /** Secret for signing proof-of-work challenges; set the same value on every instance. */
  POW_HMAC_KEY: z.preprocess(emptyAsUndefined, z.string().min(16).optional()),
  /** Work a phone does per submission: the solver tries on average half this many hashes. */
  POW_MAX_NUMBER: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(20_000)),
  /** Secret the daily rate-limit key is derived from; set the same value on every instance. */
  RATE_LIMIT_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16).optional()),
  /** Signs staff session cookies; set the same value on every instance. */
  AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32).optional()),
  /** The address the app is served at, e.g. https://pulse.example.kz (for cookies and links). */
  APP_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** Research exports (data, codebook, .pb) running at once in one instance; a further one gets 429. */
  EXPORT_CONCURRENCY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(2)),
  /** Seconds an export may take, reading the database and sending the file together; then it is stopped. */
  EXPORT_TIME_LIMIT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().default(300)),
  /** Research API requests per personal access token and hour; beyond it, 429 with Retry-After. */
  TOKEN_REQUESTS_PER_HOUR: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(300)),
  /** Submissions per network address and day (Kazakhstan's); loose, as many residents share a carrier's address. */
  RATE_LIMIT_PER_DAY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(5_000)),
  /** Interviews one interviewer may send per day (Kazakhstan's), counted in a keyed day bucket (docs/fieldwork.md). */
  INTERVIEWS_PER_DAY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(300)),
  /** Proxies in front of scripts/serve.mjs that append the client to X-Forwarded-For; 0: the socket's address. */
  TRUSTED_PROXY_HOPS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(10).default(0)),
  /** Set by scripts/serve.mjs itself, never by hand: requests carry the client address it derived. */
  QALA_SERVE_WRAPPER: z.preprocess(emptyAsUndefined, z.literal("1").optional()),
  /** Set by Vercel on its deployments: the platform writes X-Forwarded-For itself. */
  VERCEL: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Key invitation codes are stored under (HMAC-SHA-256); keep it for as long as codes are out. */
  INVITATION_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16).optional()),
  /** No longer read (submissions are limited per day): only so the server can say so at start. */
  RATE_LIMIT_PER_HOUR: z.preprocess(emptyAsUndefined, z.string().optional()),
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

export function databaseTarget(e: Pick<Env, "DATABASE_URL" | "POSTGRES_URL"> = env): DatabaseTarget {
  if (e.POSTGRES_URL) return "vercel";
  if (e.DATABASE_URL) return "server";
  return "embedded";
}
