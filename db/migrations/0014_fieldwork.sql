CREATE TYPE "public"."interview_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
ALTER TYPE "public"."staff_role" ADD VALUE 'interviewer';--> statement-breakpoint
ALTER TYPE "public"."staff_role" ADD VALUE 'supervisor';--> statement-breakpoint
CREATE TABLE "fieldwork_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"wave_id" integer NOT NULL,
	"town_id" integer NOT NULL,
	"interviewer_id" text NOT NULL,
	"created_by" text,
	"target" integer NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fieldwork_assignments_target_positive" CHECK ("fieldwork_assignments"."target" > 0)
);
--> statement-breakpoint
CREATE TABLE "fieldwork_quotas" (
	"assignment_id" integer NOT NULL,
	"age_band" smallint NOT NULL,
	"sex" smallint NOT NULL,
	"target" integer NOT NULL,
	CONSTRAINT "fieldwork_quotas_assignment_id_age_band_sex_pk" PRIMARY KEY("assignment_id","age_band","sex")
);
--> statement-breakpoint
CREATE TABLE "interviewer_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"issued_on" date DEFAULT ((now() at time zone 'UTC') + interval '5 hours')::date NOT NULL,
	"revoked_on" date,
	CONSTRAINT "interviewer_devices_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "interviews" (
	"response_id" uuid PRIMARY KEY NOT NULL,
	"interviewer_id" text NOT NULL,
	"assignment_id" integer NOT NULL,
	"duration_seconds" integer NOT NULL,
	"consent_given" boolean NOT NULL,
	"age_band_refused" boolean DEFAULT false NOT NULL,
	"sex_refused" boolean DEFAULT false NOT NULL,
	"age_band" smallint NOT NULL,
	"sex" smallint NOT NULL,
	"over_quota" boolean DEFAULT false NOT NULL,
	"speeding" boolean DEFAULT false NOT NULL,
	"straight_lining" boolean DEFAULT false NOT NULL,
	"needs_review" boolean DEFAULT false NOT NULL,
	"status" "interview_status" DEFAULT 'pending' NOT NULL,
	"review_reason" text,
	"reviewed_by" text,
	"reviewed_on" date,
	CONSTRAINT "interviews_consent_given" CHECK ("interviews"."consent_given"),
	CONSTRAINT "interviews_duration_positive" CHECK ("interviews"."duration_seconds" >= 0)
);
--> statement-breakpoint
CREATE TABLE "quota_cell_counts" (
	"wave_id" integer NOT NULL,
	"town_id" integer NOT NULL,
	"age_band" smallint NOT NULL,
	"sex" smallint NOT NULL,
	"mode" smallint NOT NULL,
	"shard" smallint NOT NULL,
	"responses" integer NOT NULL,
	"demo_responses" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "quota_cell_counts_wave_id_town_id_age_band_sex_mode_shard_pk" PRIMARY KEY("wave_id","town_id","age_band","sex","mode","shard")
);
--> statement-breakpoint
ALTER TABLE "answer_group_counts" ADD COLUMN "mode" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "answer_group_counts" DROP CONSTRAINT "answer_group_counts_wave_id_town_id_item_id_value_age_band_sex_employment_pk";--> statement-breakpoint
ALTER TABLE "answer_group_counts" ADD CONSTRAINT "answer_group_counts_wave_id_town_id_item_id_value_age_band_sex_employment_mode_pk" PRIMARY KEY("wave_id","town_id","item_id","value","age_band","sex","employment","mode");--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "mode" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "wave_towns" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "rejected" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fieldwork_assignments" ADD CONSTRAINT "fieldwork_assignments_interviewer_id_users_id_fk" FOREIGN KEY ("interviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fieldwork_assignments" ADD CONSTRAINT "fieldwork_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fieldwork_assignments" ADD CONSTRAINT "fieldwork_assignments_wave_id_town_id_wave_towns_wave_id_town_id_fk" FOREIGN KEY ("wave_id","town_id") REFERENCES "public"."wave_towns"("wave_id","town_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fieldwork_quotas" ADD CONSTRAINT "fieldwork_quotas_assignment_id_fieldwork_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."fieldwork_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviewer_devices" ADD CONSTRAINT "interviewer_devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_interviewer_id_users_id_fk" FOREIGN KEY ("interviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_assignment_id_fieldwork_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."fieldwork_assignments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_cell_counts" ADD CONSTRAINT "quota_cell_counts_wave_id_town_id_wave_towns_wave_id_town_id_fk" FOREIGN KEY ("wave_id","town_id") REFERENCES "public"."wave_towns"("wave_id","town_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fieldwork_assignments_interviewer" ON "fieldwork_assignments" USING btree ("interviewer_id");--> statement-breakpoint
CREATE INDEX "interviewer_devices_user" ON "interviewer_devices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "interviews_assignment" ON "interviews" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "interviews_interviewer" ON "interviews" USING btree ("interviewer_id");--> statement-breakpoint
-- hand-written: the fieldwork monitor's rollup starts from the responses already stored
-- (mode 1, self-completed online, for all of them), each in the shard its id gives (shardOf).
INSERT INTO "quota_cell_counts" ("wave_id", "town_id", "age_band", "sex", "mode", "shard", "responses", "demo_responses")
SELECT r.wave_id, r.town_id,
       coalesce((SELECT a.value FROM answers a WHERE a.response_id = r.id AND a.item_id = 'age_band'), 0),
       coalesce((SELECT a.value FROM answers a WHERE a.response_id = r.id AND a.item_id = 'sex'), 0),
       r.mode, (('x' || substr(r.id::text, 1, 2))::bit(8)::int % 16)::smallint, count(*)::int, count(*) FILTER (WHERE r.is_demo)::int
FROM responses r
WHERE NOT r.rejected
GROUP BY 1, 2, 3, 4, 5, 6;
