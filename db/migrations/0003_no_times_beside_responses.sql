ALTER TABLE "answer_counts" DROP COLUMN "created_at";--> statement-breakpoint
ALTER TABLE "invitation_codes" DROP COLUMN "used_on";--> statement-breakpoint
ALTER TABLE "rate_limit_counters" DROP COLUMN "created_at";--> statement-breakpoint
ALTER TABLE "spent_challenges" DROP COLUMN "created_at";