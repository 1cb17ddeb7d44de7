/**
 * Whether the server may start with the settings it was given. A server database
 * (DATABASE_URL or POSTGRES_URL) means a real deployment: it must not sign sessions,
 * challenges or rate-limit keys with secrets made up per process (every restart would
 * sign staff out, and two instances would refuse each other's challenges), nor guess its
 * own address. Only the embedded demo database may start without them.
 */

type Settings = Readonly<Record<string, string | undefined>>;

/** The settings a deployment needs, each with how to make a value (never the value itself). */
export const REQUIRED_FOR_DEPLOYMENT = [
  { name: "AUTH_SECRET", howTo: "signs staff sessions (32+ characters): openssl rand -hex 32" },
  { name: "POW_HMAC_KEY", howTo: "signs proof-of-work challenges: openssl rand -hex 32" },
  { name: "RATE_LIMIT_SECRET", howTo: "derives the daily rate-limit key: openssl rand -hex 32" },
  { name: "APP_URL", howTo: "the public address, e.g. https://pulse.example.kz" },
] as const;

export const DEPLOY_DOCS = "README.md, section \"Deploy\"";

export type StartupCheck =
  | { status: "ready" }
  | { status: "demo"; message: string }
  | { status: "refused"; missing: string[]; message: string };

const isSet = (value: string | undefined) => value !== undefined && value.trim() !== "";

export function checkStartup(settings: Settings): StartupCheck {
  const serverDatabase = isSet(settings.DATABASE_URL) || isSet(settings.POSTGRES_URL);
  if (!serverDatabase) {
    return { status: "demo", message: `Qala Pulse is running as a demo on the embedded database (PGlite). To deploy, see ${DEPLOY_DOCS}.` };
  }
  const missing = REQUIRED_FOR_DEPLOYMENT.filter(({ name }) => !isSet(settings[name]));
  if (missing.length === 0) return { status: "ready" };
  const lines = missing.map(({ name, howTo }) => `  ${name}: ${howTo}`);
  return {
    status: "refused",
    missing: missing.map(({ name }) => name),
    message: [`Qala Pulse will not start: a server database is configured, but these settings are missing:`, ...lines, `Set them in the environment (the same values on every instance); see ${DEPLOY_DOCS}.`].join("\n"),
  };
}

/**
 * What a deployment that may start should still hear about, one line each: settings whose
 * absence does not stop it but quietly changes what it does.
 */
export function startupNotes(settings: Settings): string[] {
  const notes: string[] = [];
  const serverDatabase = isSet(settings.DATABASE_URL) || isSet(settings.POSTGRES_URL);
  if (serverDatabase && !isSet(settings.INVITATION_SECRET)) {
    notes.push("INVITATION_SECRET is not set: invitation codes are checked under an empty key, so codes made with a secret (npm run invitations) will be refused here. Set the same value as where the codes were made.");
  }
  if (isSet(settings.RATE_LIMIT_PER_HOUR)) {
    notes.push("RATE_LIMIT_PER_HOUR is no longer read: submissions are limited per address and day. Set RATE_LIMIT_PER_DAY instead (default 5000).");
  }
  return notes;
}
