import {
  boolean,
  check,
  foreignKey,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { LocalizedText } from "@/lib/i18n/locales";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
/** Today in Kazakhstan (UTC+5) as the database sees it, as lib/time.ts's todayInKazakhstan. */
const kazakhstanToday = sql`((now() at time zone 'UTC') + interval '5 hours')::date`;

export const towns = pgTable("towns", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  region: jsonb("region").$type<LocalizedText>().notNull(),
  mainIndustry: jsonb("main_industry").$type<LocalizedText>().notNull(),
  townFormingEnterprise: text("town_forming_enterprise"),
  foundedYear: smallint("founded_year"),
  population: integer("population"),
  populationYear: smallint("population_year"),
  populationSource: text("population_source"),
  populationSourceUrl: text("population_source_url"),
  /** The 9-digit КАТО code (classifier of administrative-territorial objects); null where no source gives it. */
  kato: text("kato").unique(),
  /** The year by which the town had left the official list of monotowns; null while it is on it. */
  former: smallint("former"),
  createdAt: createdAt(),
});
export type Town = typeof towns.$inferSelect;
export type NewTown = typeof towns.$inferInsert;

/**
 * Other names a town is written by (former names, spellings), for matching imported files.
 * `normalised` is the form names are compared in (lib/indicators/town-names.ts), unique, so
 * one written name can never mean two towns through the aliases.
 */
export const townAliases = pgTable("town_aliases", {
  id: serial("id").primaryKey(),
  townId: integer("town_id").notNull().references(() => towns.id, { onDelete: "cascade" }),
  /** The language of the alias; null when it belongs to none (a code, a transliteration). */
  locale: text("locale"),
  alias: text("alias").notNull(),
  normalised: text("normalised").notNull().unique(),
  createdAt: createdAt(),
});
export type TownAlias = typeof townAliases.$inferSelect;
export type NewTownAlias = typeof townAliases.$inferInsert;

export const indicators = pgTable("indicators", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  unit: jsonb("unit").$type<LocalizedText>().notNull(),
  higherIsBetter: boolean("higher_is_better").notNull(),
  /** The programme's target in words, e.g. "unemployment at most 5.5 %". */
  programmeTarget: jsonb("programme_target").$type<LocalizedText>(),
  createdAt: createdAt(),
});
export type Indicator = typeof indicators.$inferSelect;
export type NewIndicator = typeof indicators.$inferInsert;

export const indicatorValues = pgTable(
  "indicator_values",
  {
    id: serial("id").primaryKey(),
    townId: integer("town_id").notNull().references(() => towns.id, { onDelete: "cascade" }),
    indicatorId: integer("indicator_id").notNull().references(() => indicators.id, { onDelete: "cascade" }),
    /** ISO period: "2014", "2014-08" or "2014-08-01" (figure as of that date). */
    period: text("period").notNull(),
    /** Null exactly when the figure is withheld: the statistics bureau's "x", confidential (docs/decisions/0020). */
    value: doublePrecision("value"),
    withheld: boolean("withheld").notNull().default(false),
    /** The target this value is judged against; null when the programme set none. */
    target: doublePrecision("target"),
    sourceCitation: text("source_citation").notNull(),
    sourceUrl: text("source_url"),
    /** The day the figure was taken from its source (a bureau file's retrieval), when known. */
    retrievedOn: date("retrieved_on", { mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("indicator_values_town_indicator_period").on(t.townId, t.indicatorId, t.period),
    check("indicator_values_withheld_has_no_value", sql`(${t.value} is null) = ${t.withheld}`),
  ],
);
export type IndicatorValue = typeof indicatorValues.$inferSelect;
export type NewIndicatorValue = typeof indicatorValues.$inferInsert;

export const waveStatus = pgEnum("wave_status", ["draft", "open", "closed"]);

export const waves = pgTable("waves", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  questionnaireVersion: text("questionnaire_version").notNull(),
  opensOn: date("opens_on").notNull(),
  closesOn: date("closes_on").notNull(),
  status: waveStatus("status").notNull().default("draft"),
  /** Residents need a single-use invitation code to answer. */
  requiresInvitation: boolean("requires_invitation").notNull().default(false),
  /**
   * Hide results from staff, exports and the public until the wave closes (docs/design.md,
   * "Statistics and privacy rules"): an authority watching answers arrive could act on
   * them before the poll ends. On by default.
   */
  hideResultsUntilClosed: boolean("hide_results_until_closed").notNull().default(true),
  createdAt: createdAt(),
});
export type Wave = typeof waves.$inferSelect;
export type NewWave = typeof waves.$inferInsert;

export const waveTowns = pgTable(
  "wave_towns",
  {
    waveId: integer("wave_id").notNull().references(() => waves.id, { onDelete: "cascade" }),
    townId: integer("town_id").notNull().references(() => towns.id, { onDelete: "cascade" }),
    /**
     * How many supervisors' reviews have taken a response out of the town's counts or put
     * one back: with the response count, the version of the town's rollups that every
     * instance's dashboard cache is keyed by (a rejection then a new response gives the
     * same count, not the same figures).
     */
    revision: integer("revision").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.townId] })],
);
export type WaveTown = typeof waveTowns.$inferSelect;
export type NewWaveTown = typeof waveTowns.$inferInsert;

/** How many rollup rows each count is spread over, so concurrent submissions rarely wait on one row. */
export const ROLLUP_SHARDS = 16;

/**
 * Responses per wave and town, kept up to date on write, spread over shards (sum them).
 * The foreign key to wave_towns is also what refuses a town outside the wave.
 */
export const townResponseCounts = pgTable(
  "town_response_counts",
  {
    waveId: integer("wave_id").notNull(),
    townId: integer("town_id").notNull(),
    shard: smallint("shard").notNull(),
    responses: integer("responses").notNull(),
    demoResponses: integer("demo_responses").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.waveId, t.townId, t.shard] }),
    foreignKey({ columns: [t.waveId, t.townId], foreignColumns: [waveTowns.waveId, waveTowns.townId] }).onDelete("cascade"),
  ],
);
export type TownResponseCount = typeof townResponseCounts.$inferSelect;

/**
 * One resident's submission. The id is a UUID made on the phone, so a resubmission is
 * recognised and stored once. No time of day, IP or user agent is kept (docs/design.md,
 * "Statistics and privacy rules"): the day is the finest time a response carries, which
 * is why this table has no created_at.
 */
export const responses = pgTable(
  "responses",
  {
    id: uuid("id").primaryKey(),
    waveId: integer("wave_id").notNull().references(() => waves.id, { onDelete: "restrict" }),
    townId: integer("town_id").notNull().references(() => towns.id, { onDelete: "restrict" }),
    locale: text("locale").notNull(),
    questionnaireVersion: text("questionnaire_version").notNull(),
    submittedOn: date("submitted_on").notNull(),
    /** Generated demo data, never a resident's answer. Shown as such wherever it appears. */
    isDemo: boolean("is_demo").notNull().default(false),
    /** How it was collected: a code of lib/fieldwork/mode.ts (1 self-completed online, 2 interviewer face to face). */
    mode: smallint("mode").notNull().default(1),
    /**
     * A supervisor rejected the interview (interviews.status): it is left out of every figure,
     * rollup and export. Set, with the rollups, by one statement (db/queries/interviews.ts).
     */
    rejected: boolean("rejected").notNull().default(false),
  },
  (t) => [index("responses_wave_town").on(t.waveId, t.townId)],
);
export type Response = typeof responses.$inferSelect;
export type NewResponse = typeof responses.$inferInsert;

/** Coded answers; "don't know" and other missing codes are stored as their code. */
export const answers = pgTable(
  "answers",
  {
    responseId: uuid("response_id").notNull().references(() => responses.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    value: smallint("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.itemId] })],
);
export type Answer = typeof answers.$inferSelect;
export type NewAnswer = typeof answers.$inferInsert;

/**
 * Per wave, town, item and answer code: how many responses gave that code. Kept up to date
 * in the transaction that stores a response, so dashboards read a few hundred rows instead
 * of scanning every answer (docs/decisions/0002-rollups.md).
 */
export const answerCounts = pgTable(
  "answer_counts",
  {
    waveId: integer("wave_id").notNull().references(() => waves.id, { onDelete: "cascade" }),
    townId: integer("town_id").notNull().references(() => towns.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    value: smallint("value").notNull(),
    /** One of ROLLUP_SHARDS rows per count (sum them), chosen at random per submission. */
    shard: smallint("shard").notNull().default(0),
    responses: integer("responses").notNull(),
    demoResponses: integer("demo_responses").notNull().default(0),
    // No created_at: it would record the exact time of the response that made the row.
  },
  (t) => [primaryKey({ columns: [t.waveId, t.townId, t.itemId, t.value, t.shard] })],
);
export type AnswerCount = typeof answerCounts.$inferSelect;
export type NewAnswerCount = typeof answerCounts.$inferInsert;

/**
 * Per wave, town, item and answer code, split by the respondent's coarse demographics
 * (age band, sex, employment; 0 where the respondent did not say). Breakdowns and the
 * age band × sex weighting read this; it is kept up to date in the same transaction as
 * answer_counts and, like it, has no time column.
 */
export const answerGroupCounts = pgTable(
  "answer_group_counts",
  {
    waveId: integer("wave_id").notNull().references(() => waves.id, { onDelete: "cascade" }),
    townId: integer("town_id").notNull().references(() => towns.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    value: smallint("value").notNull(),
    ageBand: smallint("age_band").notNull(),
    sex: smallint("sex").notNull(),
    employment: smallint("employment").notNull(),
    /** The response's mode (lib/fieldwork/mode.ts), so any figure can be split by it. */
    mode: smallint("mode").notNull().default(1),
    responses: integer("responses").notNull(),
    demoResponses: integer("demo_responses").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.townId, t.itemId, t.value, t.ageBand, t.sex, t.employment, t.mode] })],
);
export type AnswerGroupCount = typeof answerGroupCounts.$inferSelect;

/**
 * The same counts per age band × sex stratum only (respondents who gave both; employment
 * summed), kept on write beside answer_group_counts: what post-stratification weighting
 * reads, a few thousand rows per town at any number of responses, where summing
 * answer_group_counts over employment at read time cost most of a weighted dashboard's
 * time at a million responses (docs/decisions/0009).
 */
export const answerStratumCounts = pgTable(
  "answer_stratum_counts",
  {
    waveId: integer("wave_id").notNull().references(() => waves.id, { onDelete: "cascade" }),
    townId: integer("town_id").notNull().references(() => towns.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    value: smallint("value").notNull(),
    ageBand: smallint("age_band").notNull(),
    sex: smallint("sex").notNull(),
    responses: integer("responses").notNull(),
    demoResponses: integer("demo_responses").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.townId, t.itemId, t.value, t.ageBand, t.sex] })],
);

/**
 * A town's population by age band × sex (adults, the bands of the questionnaire), the
 * target of post-stratification weighting. Entered by an admin with its source.
 */
export const populationCells = pgTable(
  "population_cells",
  {
    townId: integer("town_id").notNull().references(() => towns.id, { onDelete: "cascade" }),
    /** Codes of the questionnaire's ageBand and sex scales. */
    ageBand: smallint("age_band").notNull(),
    sex: smallint("sex").notNull(),
    population: integer("population").notNull(),
    year: smallint("year").notNull(),
    sourceCitation: text("source_citation").notNull(),
    sourceUrl: text("source_url"),
    retrievedOn: date("retrieved_on", { mode: "string" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.townId, t.ageBand, t.sex] })],
);
export type PopulationCell = typeof populationCells.$inferSelect;
export type NewPopulationCell = typeof populationCells.$inferInsert;

/**
 * Completes per wave, town, age band × sex cell and mode (0: age band or sex not given),
 * kept on write like the other rollups and spread over shards (sum them): what the
 * fieldwork monitor reads against the quotas, never a scan of responses. Rejected
 * interviews are taken out in the statement that rejects them.
 */
export const quotaCellCounts = pgTable(
  "quota_cell_counts",
  {
    waveId: integer("wave_id").notNull(),
    townId: integer("town_id").notNull(),
    ageBand: smallint("age_band").notNull(),
    sex: smallint("sex").notNull(),
    mode: smallint("mode").notNull(),
    shard: smallint("shard").notNull(),
    responses: integer("responses").notNull(),
    demoResponses: integer("demo_responses").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.waveId, t.townId, t.ageBand, t.sex, t.mode, t.shard] }),
    foreignKey({ columns: [t.waveId, t.townId], foreignColumns: [waveTowns.waveId, waveTowns.townId] }).onDelete("cascade"),
  ],
);
export type QuotaCellCount = typeof quotaCellCounts.$inferSelect;

/** Free-text answers, kept apart from coded ones: never in rollups, exported only on request. */
export const textAnswers = pgTable(
  "text_answers",
  {
    responseId: uuid("response_id").notNull().references(() => responses.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    text: text("text").notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.itemId] })],
);
export type TextAnswer = typeof textAnswers.$inferSelect;
export type NewTextAnswer = typeof textAnswers.$inferInsert;

/**
 * Unused single-use invitation codes, stored as HMAC-SHA-256 under INVITATION_SECRET (codes
 * made before it: plain SHA-256, still accepted). Using a code deletes its row in a
 * transaction of its own, before the response is stored: no used-code row is left whose
 * time could be matched to the response it allowed. The row keeps only the day it was
 * made, as a code put back after a failed submission is made again in that moment
 * (docs/decisions/0015-client-addresses-and-days.md).
 */
export const invitationCodes = pgTable(
  "invitation_codes",
  {
    waveId: integer("wave_id").notNull().references(() => waves.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdOn: date("created_on").notNull().default(kazakhstanToday),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.codeHash] })],
);
export type InvitationCode = typeof invitationCodes.$inferSelect;
export type NewInvitationCode = typeof invitationCodes.$inferInsert;

/**
 * Attempt counters per keyed bucket and window: submissions per address group and day
 * (the window is midnight in Kazakhstan), staff sign-in failures per hour (not beside
 * responses). A submission's bucket is a keyed hash of its address under the day's key
 * (rate_limit_keys and the server's secret), so the table cannot be turned back into
 * addresses, nor linked across days.
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    bucket: text("bucket").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
    // No created_at: an exact time next to submissions is what this table must not keep.
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);
export type RateLimitCounter = typeof rateLimitCounters.$inferSelect;

/**
 * One random key per day (Kazakhstan's) that the day's address buckets are made with,
 * shared by every instance, deleted by the cleanup once its day is over: after that not
 * even the holder of RATE_LIMIT_SECRET can tell which bucket an address had.
 */
export const rateLimitKeys = pgTable("rate_limit_keys", {
  day: date("day").primaryKey(),
  key: text("key").notNull(),
  // No created_at: when a day's key was made is when that day's first submission came.
});
export type RateLimitKey = typeof rateLimitKeys.$inferSelect;

/**
 * Proof-of-work challenges already spent, so a solution cannot be replayed. Kept until the
 * day after the one they expire on (the expiry itself is in the signed challenge): only
 * that day is stored, as the moment of spending is a response's.
 */
export const spentChallenges = pgTable("spent_challenges", {
  signature: text("signature").primaryKey(),
  // The default (tomorrow) only fills the rows spent before this column: it outlives them.
  expiresOn: date("expires_on").notNull().default(sql`((now() at time zone 'UTC') + interval '29 hours')::date`),
  // No created_at, for the same reason as rate_limit_counters.
});
export type SpentChallenge = typeof spentChallenges.$inferSelect;

/*
 * Staff accounts (better-auth's tables, named as better-auth expects its models: user,
 * session, account, verification). Residents never have accounts.
 */
export const staffRole = pgEnum("staff_role", ["admin", "official", "researcher", "interviewer", "supervisor"]);

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  role: staffRole("role").notNull().default("official"),
  /** Towns an official may see (codes), unless `allTowns`; empty (and not all towns) means none. */
  townCodes: jsonb("town_codes").$type<string[]>().notNull().default([]),
  /** An official who sees every town: said explicitly, so a lost list never widens the scope. */
  allTowns: boolean("all_towns").notNull().default(false),
  /**
   * Set while the password is one an admin made (new account, reset): until then it works,
   * once, to reach the change-password page and nothing else. Null for a password its owner
   * chose, and for the embedded demo's printed accounts.
   */
  oneTimePasswordUntil: timestamp("one_time_password_until", { withTimezone: true }),
  /** A TOTP second factor is confirmed (better-auth's two-factor plugin; admins only). */
  twoFactorEnabled: boolean("two_factor_enabled").notNull().default(false),
  /**
   * When an admin disabled the account: it can no longer sign in, and an interviewer's
   * device credential then takes only interviews started before this moment (flagged for
   * review). Staff data; null while the account is in use.
   */
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const sessions = pgTable("sessions", {
  id: text("id").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  token: text("token").notNull().unique(),
  ipAddress: text("ip_address"),
  userAgent: text("user_agent"),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type Session = typeof sessions.$inferSelect;

export const accounts = pgTable("accounts", {
  id: text("id").primaryKey(),
  accountId: text("account_id").notNull(),
  providerId: text("provider_id").notNull(),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  accessToken: text("access_token"),
  refreshToken: text("refresh_token"),
  idToken: text("id_token"),
  accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
  refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
  scope: text("scope"),
  /** An argon2id hash (OWASP parameters), never the password. */
  password: text("password"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type Account = typeof accounts.$inferSelect;

export const verifications = pgTable("verifications", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type Verification = typeof verifications.$inferSelect;

/**
 * An admin's TOTP second factor (better-auth's "twoFactor" model): the secret and backup
 * codes, encrypted by better-auth with AUTH_SECRET; `verified` once a code confirmed it.
 */
export const twoFactors = pgTable(
  "two_factors",
  {
    id: text("id").primaryKey(),
    secret: text("secret").notNull(),
    backupCodes: text("backup_codes").notNull(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    verified: boolean("verified").notNull().default(true),
    failedVerificationCount: integer("failed_verification_count").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("two_factors_user").on(t.userId), index("two_factors_secret").on(t.secret)],
);
export type TwoFactor = typeof twoFactors.$inferSelect;

/**
 * What staff changed, by whom and when: imports (with their rows), waves, accounts.
 * Staff actions only; nothing about residents is ever written here.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** Kept when the account is later deleted. */
    actorEmail: text("actor_email").notNull(),
    action: text("action").notNull(),
    /** What was done: ids, counts, the imported rows. Never a password or token. */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("audit_log_at").on(t.at)],
);
export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;

/**
 * Personal access tokens for the research export API. Only a SHA-256 hash of the token is
 * stored; the token itself is shown once when made. Revocable, optionally expiring, and
 * listed with its last use so a forgotten or leaked token can be spotted (staff activity,
 * never a resident's).
 */
export const accessTokens = pgTable(
  "access_tokens",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** The per-token rate limit: the current hour's window and the requests counted in it. */
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }),
    windowRequests: integer("window_requests").notNull().default(0),
  },
  (t) => [index("access_tokens_user").on(t.userId)],
);
export type AccessToken = typeof accessTokens.$inferSelect;
export type NewAccessToken = typeof accessTokens.$inferInsert;

/**
 * Every research export: who, what (wave, kind, format, options), when, through which door
 * (page or token), and what disclosure control did to it.
 */
export const exportLog = pgTable(
  "export_log",
  {
    id: serial("id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorEmail: text("actor_email").notNull(),
    via: text("via").$type<"page" | "token">().notNull(),
    tokenId: integer("token_id").references(() => accessTokens.id, { onDelete: "set null" }),
    waveId: integer("wave_id").notNull().references(() => waves.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    format: text("format").notNull(),
    options: jsonb("options").$type<Record<string, unknown>>().notNull(),
    /** The disclosure-control report: bands merged, values suppressed, cells hidden. */
    disclosure: jsonb("disclosure").$type<Record<string, unknown>>().notNull(),
    rows: integer("rows"),
  },
  (t) => [index("export_log_at").on(t.at)],
);
export type ExportLogEntry = typeof exportLog.$inferSelect;

/*
 * Closing the loop (docs/design.md, "Closing the loop"): residents' priorities for the
 * town's money, asked as the survey's last step, and the town's public answer.
 */

export const priorityRule = pgEnum("priority_rule", ["approval", "budget"]);

/**
 * One town's list of candidate priorities in a wave, and how residents choose among them:
 * approval (up to max_choices) or budget (within budget, in whole tenge). Counting is in
 * lib/participation (docs/decisions/0014). Staff data, not a resident's.
 */
export const priorityElections = pgTable(
  "priority_elections",
  {
    waveId: integer("wave_id").notNull(),
    townId: integer("town_id").notNull(),
    rule: priorityRule("rule").notNull().default("approval"),
    /** Approval rule: how many priorities a resident may choose. */
    maxChoices: smallint("max_choices"),
    /** Whole tenge; needed by the budget rule and by the counting of selected sets. */
    budget: integer("budget"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.waveId, t.townId] }),
    foreignKey({ columns: [t.waveId, t.townId], foreignColumns: [waveTowns.waveId, waveTowns.townId] }).onDelete("cascade"),
  ],
);
export type PriorityElection = typeof priorityElections.$inferSelect;
export type NewPriorityElection = typeof priorityElections.$inferInsert;

/**
 * A candidate priority. Once the wave has responses in the town, its texts can be
 * corrected but it cannot be added, removed or re-costed (server/priorities).
 */
export const priorities = pgTable(
  "priorities",
  {
    id: serial("id").primaryKey(),
    waveId: integer("wave_id").notNull(),
    townId: integer("town_id").notNull(),
    position: smallint("position").notNull().default(0),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull(),
    /** Whole tenge; null when no estimate was given. */
    cost: integer("cost"),
    /** The questionnaire area it would improve (an area id), and/or items within it. */
    areaId: text("area_id"),
    itemIds: jsonb("item_ids").$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    index("priorities_wave_town").on(t.waveId, t.townId),
    foreignKey({ columns: [t.waveId, t.townId], foreignColumns: [priorityElections.waveId, priorityElections.townId] }).onDelete("cascade"),
  ],
);
export type Priority = typeof priorities.$inferSelect;
export type NewPriority = typeof priorities.$inferInsert;

/**
 * A resident's answer to the priorities step, stored in the same transaction as the
 * response it belongs to: the chosen priority ids (empty when the resident answered the
 * step and chose none). A resident who skipped the step has no row. Like responses, no
 * time column.
 */
export const priorityBallots = pgTable("priority_ballots", {
  responseId: uuid("response_id").primaryKey().references(() => responses.id, { onDelete: "cascade" }),
  choices: integer("choices").array().notNull(),
});
export type PriorityBallot = typeof priorityBallots.$inferSelect;
export type NewPriorityBallot = typeof priorityBallots.$inferInsert;

export const commitmentStatus = pgEnum("commitment_status", ["planned", "in_progress", "done", "declined"]);
export const commitmentLink = pgEnum("commitment_link", ["item", "area", "priority", "indicator"]);

/**
 * The town's answer to what residents said ("you said, we did"): the current state of a
 * commitment. Every change also appends a commitment_updates row, which is what the public
 * timeline shows.
 */
export const commitments = pgTable(
  "commitments",
  {
    id: serial("id").primaryKey(),
    townId: integer("town_id").notNull().references(() => towns.id, { onDelete: "cascade" }),
    /** The wave whose results it answers; "did it work" compares the next wave with it. */
    waveId: integer("wave_id").notNull().references(() => waves.id, { onDelete: "cascade" }),
    /** What was heard: one of an item, an area, a priority, an indicator. */
    linkKind: commitmentLink("link_kind").notNull(),
    itemId: text("item_id"),
    areaId: text("area_id"),
    priorityId: integer("priority_id").references(() => priorities.id, { onDelete: "set null" }),
    indicatorId: integer("indicator_id").references(() => indicators.id, { onDelete: "set null" }),
    heard: jsonb("heard").$type<LocalizedText>().notNull(),
    action: jsonb("action").$type<LocalizedText>().notNull(),
    responsibleBody: jsonb("responsible_body").$type<LocalizedText>().notNull(),
    dueOn: date("due_on").notNull(),
    status: commitmentStatus("status").notNull().default("planned"),
    /** 0–100. */
    progress: smallint("progress").notNull().default(0),
    /** Required when status is declined. */
    declineReason: jsonb("decline_reason").$type<LocalizedText>(),
    evidenceUrls: jsonb("evidence_urls").$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("commitments_town").on(t.townId)],
);
export type Commitment = typeof commitments.$inferSelect;
export type NewCommitment = typeof commitments.$inferInsert;

/**
 * Append-only history of a commitment: each publication or change, with its day, who made
 * it, and the state after it. Never updated or deleted (a trigger refuses both).
 */
export const commitmentUpdates = pgTable(
  "commitment_updates",
  {
    id: serial("id").primaryKey(),
    commitmentId: integer("commitment_id").notNull().references(() => commitments.id, { onDelete: "cascade" }),
    on: date("on").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorEmail: text("actor_email").notNull(),
    status: commitmentStatus("status").notNull(),
    progress: smallint("progress").notNull(),
    /** What changed, in words, shown on the timeline; optional. */
    note: jsonb("note").$type<LocalizedText>(),
    /** The fields this update changed, old → new, for the audit trail. */
    changes: jsonb("changes").$type<Record<string, { from: unknown; to: unknown }>>().notNull().default({}),
  },
  (t) => [index("commitment_updates_commitment").on(t.commitmentId)],
);
export type CommitmentUpdate = typeof commitmentUpdates.$inferSelect;
export type NewCommitmentUpdate = typeof commitmentUpdates.$inferInsert;

/*
 * Fieldwork (docs/fieldwork.md): interviewers conducting interviews offline on a device,
 * their assignments and quotas, and the supervisor's review. Nothing here dates an
 * interview finer than a day: no created_at beside an interview, no serial id in arrival order.
 */

/**
 * A device an interviewer signed in on: the credential it sends instead of a proof of work,
 * stored as a SHA-256 hash. Only the day of issue and of revocation are kept, so the
 * device's use cannot be matched to the interviews it sent.
 */
export const interviewerDevices = pgTable(
  "interviewer_devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    issuedOn: date("issued_on").notNull().default(kazakhstanToday),
    revokedOn: date("revoked_on"),
  },
  (t) => [index("interviewer_devices_user").on(t.userId)],
);
export type InterviewerDevice = typeof interviewerDevices.$inferSelect;

/**
 * A supervisor gives an interviewer a town of a wave and a target number of interviews,
 * split into quota cells (fieldwork_quotas). Staff data: its times are the supervisor's.
 */
export const fieldworkAssignments = pgTable(
  "fieldwork_assignments",
  {
    id: serial("id").primaryKey(),
    waveId: integer("wave_id").notNull(),
    townId: integer("town_id").notNull(),
    interviewerId: text("interviewer_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    /** Who made it (a supervisor or an admin). */
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    target: integer("target").notNull(),
    /** When a supervisor closed it: interviews started after this moment are refused. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("fieldwork_assignments_interviewer").on(t.interviewerId),
    foreignKey({ columns: [t.waveId, t.townId], foreignColumns: [waveTowns.waveId, waveTowns.townId] }).onDelete("cascade"),
    check("fieldwork_assignments_target_positive", sql`${t.target} > 0`),
  ],
);
export type FieldworkAssignment = typeof fieldworkAssignments.$inferSelect;
export type NewFieldworkAssignment = typeof fieldworkAssignments.$inferInsert;

/** An assignment's target per age band × sex cell (the weighting's cells), drawn from the town's population. */
export const fieldworkQuotas = pgTable(
  "fieldwork_quotas",
  {
    assignmentId: integer("assignment_id").notNull().references(() => fieldworkAssignments.id, { onDelete: "cascade" }),
    ageBand: smallint("age_band").notNull(),
    sex: smallint("sex").notNull(),
    target: integer("target").notNull(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.ageBand, t.sex] })],
);
export type FieldworkQuota = typeof fieldworkQuotas.$inferSelect;

export const interviewStatus = pgEnum("interview_status", ["pending", "approved", "rejected"]);

/**
 * What fieldwork knows of a response collected by an interviewer: who, under which
 * assignment, how long it took (never when), the quality flags, and the supervisor's
 * review. Keyed by the response's id (made on the device), with no time column: the review
 * keeps only its day. The interviewer is never in a research export or a published page.
 */
export const interviews = pgTable(
  "interviews",
  {
    responseId: uuid("response_id").primaryKey().references(() => responses.id, { onDelete: "cascade" }),
    interviewerId: text("interviewer_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    assignmentId: integer("assignment_id").notNull().references(() => fieldworkAssignments.id, { onDelete: "restrict" }),
    /** The interview's length in whole seconds, from the first question to the last. */
    durationSeconds: integer("duration_seconds").notNull(),
    /** The interviewer recorded the respondent's consent before the first question (required). */
    consentGiven: boolean("consent_given").notNull(),
    /** The respondent refused to give the age band / sex (asked first in this mode). */
    ageBandRefused: boolean("age_band_refused").notNull().default(false),
    sexRefused: boolean("sex_refused").notNull().default(false),
    /** The quota cell it counted in (0 where refused), and whether that cell was already full. */
    ageBand: smallint("age_band").notNull(),
    sex: smallint("sex").notNull(),
    overQuota: boolean("over_quota").notNull().default(false),
    speeding: boolean("speeding").notNull().default(false),
    straightLining: boolean("straight_lining").notNull().default(false),
    /** Arrived after the interviewer's account was disabled (started before it): to be reviewed. */
    needsReview: boolean("needs_review").notNull().default(false),
    status: interviewStatus("status").notNull().default("pending"),
    reviewReason: text("review_reason"),
    reviewedBy: text("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedOn: date("reviewed_on"),
  },
  (t) => [
    index("interviews_assignment").on(t.assignmentId),
    index("interviews_interviewer").on(t.interviewerId),
    check("interviews_consent_given", sql`${t.consentGiven}`),
    check("interviews_duration_positive", sql`${t.durationSeconds} >= 0`),
  ],
);
export type Interview = typeof interviews.$inferSelect;
export type NewInterview = typeof interviews.$inferInsert;
