CREATE TABLE "rate_limit_keys" (
	"day" date PRIMARY KEY NOT NULL,
	"key" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invitation_codes" ADD COLUMN "created_on" date DEFAULT ((now() at time zone 'UTC') + interval '5 hours')::date NOT NULL;--> statement-breakpoint
ALTER TABLE "spent_challenges" ADD COLUMN "expires_on" date DEFAULT ((now() at time zone 'UTC') + interval '29 hours')::date NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation_codes" DROP COLUMN "created_at";--> statement-breakpoint
ALTER TABLE "spent_challenges" DROP COLUMN "expires_at";