ALTER TABLE "access_tokens" ADD COLUMN "window_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "access_tokens" ADD COLUMN "window_requests" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "all_towns" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "one_time_password_until" timestamp with time zone;--> statement-breakpoint
-- hand-written
-- An empty town list used to mean "all towns": say so explicitly, so nobody loses access.
UPDATE "users" SET "all_towns" = true WHERE "town_codes" = '[]'::jsonb;--> statement-breakpoint
-- Tokens no longer live for ever: one made without an expiry expires a year after it was made.
UPDATE "access_tokens" SET "expires_at" = "created_at" + interval '365 days' WHERE "expires_at" IS NULL;
